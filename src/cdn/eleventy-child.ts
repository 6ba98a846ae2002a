import { Eleventy } from "@11ty/eleventy";

/**
 * Runs one Eleventy build in a process of its own (see atomicBuild): when it
 * exits, its memory goes back to the system before the search index is built.
 * Arguments: output folder, config path, "quiet" or not.
 */
const [output, configPath, quiet] = process.argv.slice(2);
// The build that forked this process is gone (killed outright): its work is of no use. Polled:
// under Eleventy's load, a "disconnect" listener was seen not to be called.
setInterval(() => process.connected || process.exit(1), 250).unref();
try {
  await new Eleventy(undefined, output, { configPath, quietMode: quiet === "quiet" }).write();
} catch (error) {
  // Eleventy has printed its own and Broadsheet's content errors; anything else is printed here, with its causes.
  const messages: string[] = [];
  for (let cause: unknown = error; cause instanceof Error; cause = (cause as Error & { originalError?: unknown }).originalError ?? cause.cause) messages.push(cause.message);
  if (!/Eleventy|Broadsheet/.test(messages[0] ?? "")) console.error(messages.join(": "));
  process.exitCode = 1;
}
