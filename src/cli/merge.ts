import { parseArgs } from "node:util";
import { mergeParts } from "../cdn/merge.ts";
import { stopOnSignals, stopSignal } from "../cdn/stop.ts";

/** `npm run merge -- --output _site _parts/shared _parts/2022 _parts/2023`: one site from the parts of a split build. */
const { values, positionals } = parseArgs({ options: { output: { type: "string", default: "_site" } }, allowPositionals: true });

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
