import { parseArgs, type ParseArgsConfig } from "node:util";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildTime } from "../articles/content.ts";
import type { ArticleContext } from "../articles/article-file.ts";
import { formatProblems, readArticleSources } from "../articles/load.ts";
import { loadSiteData } from "../articles/site-data.ts";
import { loadResults } from "../elections/results.ts";
import { canPrompt } from "./ask.ts";
import { typedArguments } from "./forgive.ts";

/** The project's folders, as `.eleventy.ts` and the plugin set them (project.test.ts keeps them in step). */
export const PROJECT_DIRS = { input: "src/content", data: "_data", public: "public" } as const;

/** Where `npm start` serves the site, drafts included. */
export const PREVIEW_ORIGIN = "http://localhost:8080";

/** Where a tool writes, and whether it may ask the editor questions: the terminal, or a test's buffers. */
export interface ToolIo {
  stdout(text: string): void;
  stderr(text: string): void;
  interactive: boolean;
}

/** An editor tool: its arguments in, its exit code out. */
export type Tool = (argv: string[], io: ToolIo) => Promise<number>;

/** Ends a tool early with an exit code, once it has said why. */
class ToolExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** Runs a tool and gives its exit code, also when it ended early (a usage error, --help). */
export async function callTool(tool: Tool, argv: string[], io: ToolIo): Promise<number> {
  try {
    return await tool(argv, io);
  } catch (error) {
    if (error instanceof ToolExit) return error.code;
    throw error;
  }
}

/** Runs `tool` with the process's arguments and terminal when `moduleUrl` is the script Node was started with. */
export async function runAsScript(moduleUrl: string, tool: Tool): Promise<void> {
  if (!process.argv[1] || path.resolve(process.argv[1]) !== fileURLToPath(moduleUrl)) return;
  const io: ToolIo = { stdout: (text) => void process.stdout.write(text), stderr: (text) => void process.stderr.write(text), interactive: canPrompt(process.stdin, process.stdout) };
  process.exitCode = await callTool(tool, process.argv.slice(2), io);
}

/**
 * Runs the tool from the project's folder, so that paths in messages are the
 * ones Eleventy uses. `--root` points at another project (tests use a copy).
 */
export function enterProject(root: string | undefined, io: ToolIo): void {
  if (!root) return;
  try {
    process.chdir(path.resolve(root));
  } catch {
    io.stderr(`--root: no such folder: ${root}\n`);
    throw new ToolExit(EXIT.usage);
  }
}

/** A path the editor typed, read from where they typed it: `npm run` runs scripts from the project's folder. */
export function userPath(file: string): string {
  const viaNpm = ["new", "check", "import"].includes(process.env.npm_lifecycle_event ?? "") && process.env.INIT_CWD;
  return path.resolve(viaNpm ? (process.env.INIT_CWD ?? "") : process.cwd(), file);
}

/**
 * Site data, election files and article sources for `new` and `import`. Broken
 * site data stops them (nothing could be checked); broken articles or election
 * files do not, since `npm run check` reports those.
 */
export async function loadArticleContext(): Promise<{ ok: true; context: ArticleContext } | { ok: false; report: string }> {
  const [site, results, sources] = await Promise.all([
    loadSiteData(PROJECT_DIRS.data),
    loadResults(PROJECT_DIRS.data),
    readArticleSources(path.join(PROJECT_DIRS.input, "articles")),
  ]);
  if (!site.data) return { ok: false, report: `${formatProblems(site.problems)}\nFix the site data first (npm run check lists every problem).` };
  return {
    ok: true,
    context: {
      data: site.data,
      sources,
      elections: results.elections,
      publicDir: PROJECT_DIRS.public,
      articlesDir: path.posix.join(PROJECT_DIRS.input, "articles"),
      now: buildTime(),
    },
  };
}

/** Exit codes shared by the editor tools. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

/** Prints a usage error and the usage text, and ends the tool with the usage code. */
export function usageError(message: string, usage: string, io: ToolIo): never {
  io.stderr(`${message}\n\n${usage}\n`);
  throw new ToolExit(EXIT.usage);
}

type Options = NonNullable<ParseArgsConfig["options"]>;
const COMMON_OPTIONS = { root: { type: "string" }, help: { type: "boolean", short: "h" } } as const;
type Config<T extends Options> = { args: string[]; allowPositionals: true; options: T & typeof COMMON_OPTIONS };

/** Parses a tool's flags (plus --root and --help): a mistyped flag is a usage error, --help prints the usage. */
export function parseCommand<const T extends Options>(usage: string, options: T, argv: string[], io: ToolIo): ReturnType<typeof parseArgs<Config<T>>> {
  const types = Object.fromEntries(Object.entries({ ...options, ...COMMON_OPTIONS }).map(([flag, option]) => [flag, option.type]));
  const typed = typedArguments(types, argv, process.env);
  if (!typed.ok) usageError(typed.message, usage, io);
  return parseWithUsage<Config<T>>(usage, { args: typed.args, allowPositionals: true, options: { ...options, ...COMMON_OPTIONS } }, io);
}

/** node:util's parseArgs, with its errors (a stack trace otherwise) as usage errors and --help printing the usage. */
export function parseWithUsage<C extends ParseArgsConfig>(usage: string, config: C, io: ToolIo): ReturnType<typeof parseArgs<C>> {
  let parsed: ReturnType<typeof parseArgs<C>>;
  try {
    parsed = parseArgs<C>(config);
  } catch (error) {
    usageError((error as Error).message, usage, io);
  }
  if ((parsed.values as { help?: boolean }).help) {
    io.stdout(`${usage}\n`);
    throw new ToolExit(EXIT.ok);
  }
  return parsed;
}

/** Runs a script's synchronous step: a usage error or --help it ends with (ToolExit) ends the process with its code. */
export function exitOnToolExit<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof ToolExit) process.exit(error.code);
    throw error;
  }
}
