import { cp, mkdir, mkdtemp, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Eleventy, type RenderedPage } from "@11ty/eleventy";
import { withEnv } from "./test-env.ts";

/**
 * Runs `fn` inside a copy of the project whose files `edit` changed, so a test
 * can build bad or changed content while the real files stay as they are.
 * node:test runs each test file in its own process, so changing directory is safe.
 */
export async function inProjectCopy<T>(edit: (dir: string) => Promise<void>, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), "broadsheet-project-"));
  for (const entry of ["package.json", ".eleventy.ts", "src", "_data", "_includes", "public"]) {
    await cp(entry, path.join(dir, entry), { recursive: true });
  }
  await symlink(path.resolve("node_modules"), path.join(dir, "node_modules"));
  // Share processed images: making AVIFs from scratch takes seconds per image.
  await mkdir(".cache", { recursive: true });
  await symlink(path.resolve(".cache"), path.join(dir, ".cache"));
  await edit(dir);
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    return await fn(dir);
  } finally {
    process.chdir(cwd);
  }
}

/**
 * Runs the real engine and config on the project in the current folder plus virtual
 * articles, with no files written: "now" pinned after the sample stories, a production
 * build unless `env` says otherwise, and the environment put back afterwards. What
 * Eleventy logs is kept off the console: a failed render's error carries it as `eleventyLog`.
 */
export async function renderEngine(articles: Record<string, string>, env: Record<string, string> = {}): Promise<RenderedPage[]> {
  const settings = { BROADSHEET_NOW: "2023-04-01T12:00:00+06:00", BROADSHEET_PREVIEW: "0", ...env };
  return withEnv(settings, async () => {
    const elev = new Eleventy(undefined, "_site-engine-test", {
      configPath: ".eleventy.ts",
      quietMode: true,
      config(config) {
        for (const [file, text] of Object.entries(articles)) config.addTemplate(file, text);
      },
    });
    const logged: string[] = [];
    const keep = (...parts: unknown[]) => void logged.push(parts.map(String).join(" "));
    elev.logger.overrideLogger({ log: keep, info: keep, warn: keep, error: keep });
    try {
      return await elev.toJSON();
    } catch (error) {
      throw Object.assign(error as Error, { eleventyLog: logged.join("\n") });
    }
  });
}
