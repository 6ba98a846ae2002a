import { mergeParts } from "../cdn/merge.ts";
import { stopOnSignals, stopSignal } from "../cdn/stop.ts";
import { parseFlags, refuseUnusableOutput } from "./flags.ts";

const USAGE = `Usage: npm run merge -- [--output FOLDER] PART...
  --output FOLDER  where the merged site goes (default _site), swapped in only once all of it is merged
  PART             the folder of a part built with npm run build -- --part`;

/** `npm run merge -- --output _site _parts/shared _parts/2022 _parts/2023`: one site from the parts of a split build. */
const { values, positionals } = parseFlags(USAGE, { output: { type: "string", default: "_site" } }, true);

refuseUnusableOutput(values.output);
stopOnSignals((signal) => console.error(`\nMerge stopped by ${signal}; ${values.output}/ was left as it was.`));
try {
  const manifest = await mergeParts(positionals, values.output);
  console.log(`Merged ${positionals.length} parts: ${Object.keys(manifest.files).length} files in ${values.output}/ (manifest.json lists them with their hashes).`);
} catch (error) {
  if (!stopSignal()) {
    console.error(`${(error as Error).message}\n${values.output}/ was left as it was.`);
    process.exitCode = 1;
  }
}
