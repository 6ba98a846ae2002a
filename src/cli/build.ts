import { atomicBuild } from "../cdn/build.ts";
import { buildInParts } from "../cdn/merge.ts";
import { stopOnSignals, stopSignal } from "../cdn/stop.ts";
import { parseFlags, refuseUnusableOutput } from "./flags.ts";

const USAGE = `Usage: npm run build -- [--output FOLDER] [--full] [--quiet] [--strict] [--part PART | --low-memory]
  --output FOLDER  where the site goes (default _site), swapped in only once all of it is built
  --full           render every page, not only those the changes since the last build touch
  --quiet          print less
  --strict         content warnings fail the build
  --part PART      one part of a split build: shared, or stories:YEAR[,YEAR...]
  --low-memory     build the parts one after another, then merge them`;

/** `npm run build`: the production build, swapped into place only when it all succeeded. */
const { values } = parseFlags(USAGE, {
  output: { type: "string", default: "_site" },
  quiet: { type: "boolean", default: false },
  part: { type: "string" },
  "low-memory": { type: "boolean", default: false },
  full: { type: "boolean", default: false },
  strict: { type: "boolean", default: false },
});
refuseUnusableOutput(values.output);
// Content warnings fail the build (read by the plugin, in Eleventy's process).
if (values.strict) process.env.BROADSHEET_STRICT = "1";

stopOnSignals((signal) => console.error(`\nBuild stopped by ${signal}; ${values.output}/ was left as it was.`));
try {
  if (values["low-memory"] && values.part !== undefined) throw new Error("--low-memory builds every part itself; leave out --part");
  const manifest = values["low-memory"]
    ? await buildInParts({ output: values.output, quiet: values.quiet })
    : await atomicBuild({ output: values.output, quiet: values.quiet, full: values.full, ...(values.part !== undefined ? { part: values.part } : {}) });
  console.log(`Built ${Object.keys(manifest.files).length} files into ${values.output}/ (manifest.json lists them with their hashes).`);
} catch (error) {
  // Stopped: the signal handler reports and exits. Otherwise Eleventy has already printed the details.
  if (!stopSignal()) {
    console.error(`\nBuild failed; ${values.output}/ was left as it was.${error instanceof Error && !/Eleventy|Broadsheet/.test(error.message) ? `\n${error.message}` : ""}`);
    process.exitCode = 1;
  }
}
