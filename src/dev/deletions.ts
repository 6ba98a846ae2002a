import { existsSync, mkdirSync, rmSync, watch, writeFileSync, type FSWatcher } from "node:fs";
import path from "node:path";
import type { UserConfig } from "@11ty/eleventy";

/**
 * Written when story files are deleted or renamed under `npm start`: Eleventy's watcher reports a
 * deleted file but builds nothing, so a change to this file (a watch target) starts the build.
 */
export const DELETIONS_MARKER = ".cache/broadsheet-deleted-stories.json";

/** Pages (site paths) that a rebuild no longer makes: they are removed from the output, as a deleted story's page must be. */
export function stalePages(previous: ReadonlySet<string>, current: ReadonlySet<string>): string[] {
  return [...previous].filter((page) => !current.has(page)).sort();
}

/**
 * `npm start`: a story file deleted or renamed leaves the site within a second. The deletion
 * starts a build in which the deleted file counts as changed (so the pages that listed it are
 * rendered again), and the pages made from records that are gone (the story's own page, an
 * emptied page of a listing) are removed from the output.
 */
export function devDeletions(eleventyConfig: UserConfig, articlesDir: string, recordPages: () => readonly string[]): void {
  const deleted = new Set<string>();
  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  let previous: Set<string> | undefined;
  eleventyConfig.addWatchTarget(DELETIONS_MARKER);
  // The deleted files stand for the marker in the build's list of changes: the plugin then treats them as edited stories.
  eleventyConfig.on("eleventy.beforeWatch", (queue: string[]) => {
    const at = queue.findIndex((file) => path.resolve(file) === path.resolve(DELETIONS_MARKER));
    if (at >= 0) queue.splice(at, 1, ...[...deleted].map((file) => `./${path.relative(".", file)}`));
    deleted.clear();
  });
  eleventyConfig.on("eleventy.after", ({ directories }: { directories: { output: string } }) => {
    const current = new Set(recordPages());
    if (previous) for (const page of stalePages(previous, current)) rmSync(path.join(directories.output, page), { force: true });
    previous = current;
    watcher ??= watch(articlesDir, { recursive: true }, (_event, name) => {
      const file = name && path.join(articlesDir, name.toString());
      if (!file || !file.endsWith(".md") || existsSync(file)) return;
      deleted.add(file);
      clearTimeout(timer);
      timer = setTimeout(() => {
        mkdirSync(path.dirname(DELETIONS_MARKER), { recursive: true });
        writeFileSync(DELETIONS_MARKER, `${JSON.stringify([...deleted])}\n`);
      }, 50);
    });
  });
}
