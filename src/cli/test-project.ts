import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readArticleSources } from "../articles/load.ts";
import { articleSource } from "../articles/test-fixtures.ts";
import { withEnv } from "../test-env.ts";
import { callTool, type Tool, type ToolIo } from "./project.ts";

/** The repository, whose `_data/*.json` small test projects copy (never write). */
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** "Now" for every tool run in tests: after the sample stories, so none is scheduled. */
export const TEST_NOW = "2023-04-01T12:00:00+06:00";

/** A 1200×675 SVG: image-size reads its width and height like a photo's. */
export const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675"></svg>';

/** A valid article file with a few fields changed. */
export function article(title: string, fields: Record<string, string> = {}, body = "Body text.\n"): string {
  return articleSource("unused", { title: JSON.stringify(title), summary: '"One sentence."', ...fields }, body).text;
}

/**
 * A small project in a temporary folder: the repository's site data, the
 * given articles (paths under `src/content/articles/`) and images (under `public/`).
 */
export async function makeProject(articles: Record<string, string> = {}, images: readonly string[] = []): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "broadsheet-tools-"));
  made.push(root);
  await mkdir(path.join(root, "_data"), { recursive: true });
  for (const name of await readdir(path.join(REPO, "_data"))) {
    // The front page's picks name the sample's stories, which these projects do not have.
    if (name.endsWith(".json") && name !== "frontpage.json") await copyFile(path.join(REPO, "_data", name), path.join(root, "_data", name));
  }
  for (const [file, text] of Object.entries(articles)) {
    const full = path.join(root, "src/content/articles", file);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, text);
  }
  await mkdir(path.join(root, "public/images"), { recursive: true });
  for (const image of images) await writeFile(path.join(root, "public", image), SVG);
  return root;
}

const made: string[] = [];

/** Deletes the projects this test file made; call it in `after`. */
export async function removeProjects(): Promise<void> {
  await Promise.all(made.splice(0).map((root) => rm(root, { recursive: true, force: true })));
}

/** Every article file of a project by its path, to compare before and after a run. */
export async function snapshot(root: string): Promise<Record<string, string>> {
  const sources = await readArticleSources(path.join(root, "src/content/articles"));
  return Object.fromEntries(sources.map((source) => [path.relative(root, path.resolve(source.inputPath)), source.text]));
}

export async function readText(root: string, file: string): Promise<string> {
  return readFile(path.join(root, file), "utf8");
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

const TOOLS: Record<"new" | "check" | "import", () => Promise<Tool>> = {
  new: async () => (await import("./new.ts")).newStory,
  check: async () => (await import("./check.ts")).checkContent,
  import: async () => (await import("./import.ts")).importStory,
};

/**
 * Runs the tool of `src/cli/<name>.ts` as `npm run <name>` would, against the project in
 * `root`, in this process (starting one took a second a run): from the repository's folder,
 * "now" pinned, `env` set for the run, output kept. The tools run one at a time.
 */
export async function runCli(name: keyof typeof TOOLS, args: readonly string[], root: string, env: Record<string, string> = {}): Promise<RunResult> {
  const cwd = process.cwd();
  const output = { stdout: "", stderr: "" };
  const io: ToolIo = { stdout: (text) => void (output.stdout += text), stderr: (text) => void (output.stderr += text), interactive: false };
  const tool = await TOOLS[name]();
  process.chdir(REPO);
  try {
    const code = await withEnv({ BROADSHEET_NOW: TEST_NOW, npm_lifecycle_event: "", ...env }, () => callTool(tool, ["--root", root, ...args], io));
    return { code, ...output };
  } finally {
    process.chdir(cwd);
  }
}
