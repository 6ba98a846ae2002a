import { parseArgs } from "node:util";
import { atomicBuild } from "../cdn/build.ts";

/** `npm run build`: the production build, swapped into place only when it all succeeded. */
const { values } = parseArgs({ options: { output: { type: "string", default: "_site" }, quiet: { type: "boolean", default: false }, part: { type: "string" } } });

try {
  const manifest = await atomicBuild({ output: values.output, quiet: values.quiet, ...(values.part !== undefined ? { part: values.part } : {}) });
  console.log(`Built ${Object.keys(manifest.files).length} files into ${values.output}/ (manifest.json lists them with their hashes).`);
} catch (error) {
  // Eleventy has already printed the details; the previous site is untouched.
  console.error(`\nBuild failed; ${values.output}/ was left as it was.${error instanceof Error && !/Eleventy|Broadsheet/.test(error.message) ? `\n${error.message}` : ""}`);
  process.exitCode = 1;
}
