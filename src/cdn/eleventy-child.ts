import { Eleventy } from "@11ty/eleventy";

/**
 * Runs one Eleventy build in a process of its own (see atomicBuild): when it
 * exits, its memory goes back to the system before the search index is built.
 * Arguments: output folder, config path, "quiet" or not.
 */
const [output, configPath, quiet] = process.argv.slice(2);
try {
  await new Eleventy(undefined, output, { configPath, quietMode: quiet === "quiet" }).write();
} catch (error) {
  // Eleventy has printed its own and Broadsheet's errors; anything else is printed here.
  if (error instanceof Error && !/Eleventy|Broadsheet/.test(error.message)) console.error(error.message);
  process.exitCode = 1;
}
