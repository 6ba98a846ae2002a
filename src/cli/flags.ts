import { parseArgs, type ParseArgsConfig } from "node:util";
import { outputProblem } from "../cdn/output-folder.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;
const HELP = { help: { type: "boolean", short: "h" } } as const;
type Config<T extends Options> = { options: T & typeof HELP; allowPositionals: boolean };

/**
 * A script's flags from the command line: `--help` prints `usage` and ends it; a mistyped
 * flag or a missing value prints what is wrong and `usage`, and ends it with code 2
 * (node:util's own error is a stack trace).
 */
export function parseFlags<const T extends Options>(usage: string, options: T, allowPositionals = false): ReturnType<typeof parseArgs<Config<T>>> {
  let parsed: ReturnType<typeof parseArgs<Config<T>>>;
  try {
    parsed = parseArgs<Config<T>>({ options: { ...options, ...HELP }, allowPositionals });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    process.exit(2);
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(usage);
    process.exit(0);
  }
  return parsed;
}

/** Ends the script with code 2 if a build may not go to `output` (checked before any work; the swap checks again). */
export function refuseUnusableOutput(output: string): void {
  const problem = outputProblem(output);
  if (problem) {
    console.error(problem);
    process.exit(2);
  }
}
