import type { ParseArgsConfig } from "node:util";
import { outputProblem } from "../cdn/output-folder.ts";
import { typedArguments } from "./forgive.ts";
import { exitOnToolExit, parseWithUsage, usageError, type ToolIo } from "./project.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;
const HELP = { help: { type: "boolean", short: "h" } } as const;
type Config<T extends Options> = { args: string[]; options: T & typeof HELP; allowPositionals: boolean };
const TERMINAL: ToolIo = { stdout: (text) => void process.stdout.write(text), stderr: (text) => void process.stderr.write(text), interactive: false };

/**
 * A script's flags from the command line, read as the editor tools read theirs: flags npm
 * took for itself (`npm run build --full`, without `--`) are taken back (typedArguments);
 * `--help` prints `usage` and ends it; a mistyped flag or a missing value prints what is
 * wrong and `usage`, and ends it with code 2.
 */
export function parseFlags<const T extends Options>(usage: string, options: T, allowPositionals = false) {
  return exitOnToolExit(() => {
    const all = { ...options, ...HELP };
    const typed = typedArguments(Object.fromEntries(Object.entries(all).map(([flag, option]) => [flag, option.type])), process.argv.slice(2), process.env);
    if (!typed.ok) usageError(typed.message, usage, TERMINAL);
    return parseWithUsage<Config<T>>(usage, { args: typed.args, options: all, allowPositionals }, TERMINAL);
  });
}

/** Ends the script with code 2 if a build may not go to `output` (checked before any work; the swap checks again). */
export function refuseUnusableOutput(output: string): void {
  const problem = outputProblem(output);
  if (problem) {
    console.error(problem);
    process.exit(2);
  }
}
