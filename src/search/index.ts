import { readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as pagefind from "pagefind";
import { sha256, sitePaths } from "../cdn/files.ts";

/** Where the indexes are written in the built site; the search page loads them from there. */
export const SEARCH_BUNDLE = "pagefind";
/** Lists the bundles, newest year first: the search page loads the first and merges the others. */
export const BUNDLE_LIST = "bundles.json";

/** Pagefind's own search interfaces, which the search page does not use. */
const UNUSED = /^pagefind-(component-ui|modular-ui|ui)\.(css|js)$/;

/** `bundles.json`: the search page reads `bundles`; the next build reads `years` to reuse what has not changed. */
interface BundleList {
  bundles: string[];
  years?: Record<string, { key: string; pages: number }>;
}

/** The Pagefind release: a new one may index the same pages differently. */
const PAGEFIND_VERSION = (JSON.parse(readFileSync(path.join(path.dirname(fileURLToPath(import.meta.resolve("pagefind"))), "../package.json"), "utf8")) as { version: string }).version;

/** The folders at the top of a built site, but the search indexes. */
async function topFolders(siteDir: string): Promise<string[]> {
  const entries = await readdir(siteDir, { withFileTypes: true });
  return entries.filter((entry) => entry.isDirectory() && !entry.name.startsWith(SEARCH_BUNDLE)).map((entry) => entry.name);
}

/** The years of the story URLs in a built site (`/<section>/<yyyy>/...`), newest first. */
async function storyYears(siteDir: string, folders: readonly string[]): Promise<string[]> {
  const years = new Set<string>();
  for (const folder of folders) {
    for (const entry of await readdir(path.join(siteDir, folder), { withFileTypes: true })) {
      if (entry.isDirectory() && /^\d{4}$/.test(entry.name)) years.add(entry.name);
    }
  }
  return [...years].sort().reverse();
}

/**
 * What a year's index is made from: the path and bytes of every page Pagefind reads for
 * it (those its glob `*\/<year>/**\/*.html` matches) and Pagefind's version.
 */
function yearKey(siteDir: string, folders: readonly string[], year: string, knownHash: KnownHash): string {
  const lines: string[] = [];
  for (const section of folders) {
    const folder = path.join(siteDir, section, year);
    if (!existsSync(folder)) continue;
    for (const file of sitePaths(folder)) {
      const sitePath = `/${section}/${year}${file}`;
      if (file.endsWith(".html")) lines.push(`${sitePath} ${knownHash(sitePath) ?? sha256(readFileSync(path.join(folder, file)))}`);
    }
  }
  return sha256(`pagefind ${PAGEFIND_VERSION}\n${lines.sort().join("\n")}`);
}

/** What a caller knows of a page's SHA-256 without reading it (see src/cdn/manifest.ts). */
type KnownHash = (sitePath: string) => string | undefined;

/** Moves the site's own bundle of `year` to `to` when it is the one wanted: one rename. */
async function keepOwn(siteDir: string, year: string, to: string, wanted: boolean): Promise<boolean> {
  if (!wanted) return false;
  return rename(path.join(siteDir, SEARCH_BUNDLE, year), to).then(
    () => true,
    () => false,
  );
}

/**
 * Hard-links every file of `from` into `to`: instant beside copying 3,000 fragments (2 s), and
 * safe, as no build changes a file in place. Copies where links cannot be made (another disk).
 * False when `from` is not there.
 */
function linkTree(from: string, to: string): boolean {
  if (!existsSync(from)) return false;
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) linkTree(source, target);
    else {
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target);
      }
    }
  }
  return true;
}

async function readBundleList(siteDir: string): Promise<BundleList | undefined> {
  try {
    return JSON.parse(await readFile(path.join(siteDir, SEARCH_BUNDLE, BUNDLE_LIST), "utf8")) as BundleList;
  } catch {
    return undefined;
  }
}

/**
 * Builds the Pagefind index of a built site: only story bodies (pages marked
 * `data-pagefind-body`), without navigation or the Read more lists. One index
 * a year, built one after another: Pagefind holds every page it indexes in
 * memory (1.7 GB for 10,000 stories in one index), so this bounds its memory by
 * the largest year. The browser merges them (Pagefind's multisite search).
 *
 * A year whose pages are byte for byte those `previous` (an earlier build) indexed
 * keeps that index: after an edit, usually only the current year is indexed again.
 */
export async function buildSearchIndex(siteDir: string, { previous = siteDir, knownHash = () => undefined }: { previous?: string; knownHash?: KnownHash } = {}): Promise<{ pages: number; bundles: string[]; reused: string[] }> {
  // Built beside the index in use and swapped in at the end: the dev server keeps searching meanwhile.
  const root = path.join(siteDir, `${SEARCH_BUNDLE}.next`);
  await rm(root, { recursive: true, force: true });
  const earlier = (await readBundleList(previous))?.years ?? {};
  // A build folder that already has the bundles (recycled, see src/incremental/recycle.ts) keeps them by renaming.
  // The dev server indexes its own output: its bundles stay in use, and are linked.
  const own = previous === siteDir ? {} : ((await readBundleList(siteDir))?.years ?? {});
  const years: NonNullable<BundleList["years"]> = {};
  const reused: string[] = [];
  const folders = await topFolders(siteDir);
  const newestFirst = await storyYears(siteDir, folders);
  for (const year of newestFirst) {
    const key = yearKey(siteDir, folders, year, knownHash);
    const outputPath = path.join(root, year);
    const before = earlier[year];
    if (before?.key === key && (await keepOwn(siteDir, year, outputPath, own[year]?.key === key) || linkTree(path.join(previous, SEARCH_BUNDLE, year), outputPath))) {
      years[year] = before;
      reused.push(year);
      continue;
    }
    const { index, errors } = await pagefind.createIndex();
    if (!index) throw new Error(`search index: ${errors.join("; ")}`);
    try {
      const added = await index.addDirectory({ path: siteDir, glob: `*/${year}/**/*.html` });
      if (added.errors.length) throw new Error(`search index: ${added.errors.join("; ")}`);
      const written = await index.writeFiles({ outputPath });
      if (written.errors.length) throw new Error(`search index: ${written.errors.join("; ")}`);
      years[year] = { key, pages: added.page_count };
    } finally {
      // Ends Pagefind's process, and with it the memory this year's index took.
      await pagefind.close();
    }
    for (const file of await readdir(outputPath)) if (UNUSED.test(file)) await rm(path.join(outputPath, file));
  }
  const bundles = newestFirst.map((year) => `/${SEARCH_BUNDLE}/${year}/`);
  const list: BundleList = { bundles, years };
  await writeFile(path.join(root, BUNDLE_LIST), `${JSON.stringify(list)}\n`);
  await rm(path.join(siteDir, SEARCH_BUNDLE), { recursive: true, force: true });
  await rename(root, path.join(siteDir, SEARCH_BUNDLE));
  return { pages: Object.values(years).reduce((sum, year) => sum + year.pages, 0), bundles, reused };
}
