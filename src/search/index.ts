import { readdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";

/** Where the indexes are written in the built site; the search page loads them from there. */
export const SEARCH_BUNDLE = "pagefind";
/** Lists the bundles, newest year first: the search page loads the first and merges the others. */
export const BUNDLE_LIST = "bundles.json";

/** Pagefind's own search interfaces, which the search page does not use. */
const UNUSED = /^pagefind-(component-ui|modular-ui|ui)\.(css|js)$/;

/** The years of the story URLs in a built site (`/<section>/<yyyy>/...`), newest first. */
async function storyYears(siteDir: string): Promise<string[]> {
  const years = new Set<string>();
  for (const section of await readdir(siteDir, { withFileTypes: true })) {
    if (!section.isDirectory() || section.name.startsWith(SEARCH_BUNDLE)) continue;
    for (const entry of await readdir(path.join(siteDir, section.name), { withFileTypes: true })) {
      if (entry.isDirectory() && /^\d{4}$/.test(entry.name)) years.add(entry.name);
    }
  }
  return [...years].sort().reverse();
}

/**
 * Builds the Pagefind index of a built site: only story bodies (pages marked
 * `data-pagefind-body`), without navigation or the Read more lists. One index
 * a year, built one after another: Pagefind holds every page it indexes in
 * memory (1.7 GB for 10,000 stories in one index), so this bounds its memory by
 * the largest year. The browser merges them (Pagefind's multisite search).
 */
export async function buildSearchIndex(siteDir: string): Promise<{ pages: number; bundles: string[] }> {
  // Built beside the index in use and swapped in at the end: the dev server keeps searching meanwhile.
  const root = path.join(siteDir, `${SEARCH_BUNDLE}.next`);
  await rm(root, { recursive: true, force: true });
  const bundles: string[] = [];
  let pages = 0;
  for (const year of await storyYears(siteDir)) {
    const { index, errors } = await pagefind.createIndex();
    if (!index) throw new Error(`search index: ${errors.join("; ")}`);
    try {
      const added = await index.addDirectory({ path: siteDir, glob: `*/${year}/**/*.html` });
      if (added.errors.length) throw new Error(`search index: ${added.errors.join("; ")}`);
      const written = await index.writeFiles({ outputPath: path.join(root, year) });
      if (written.errors.length) throw new Error(`search index: ${written.errors.join("; ")}`);
      pages += added.page_count;
    } finally {
      // Ends Pagefind's process, and with it the memory this year's index took.
      await pagefind.close();
    }
    for (const file of await readdir(path.join(root, year))) if (UNUSED.test(file)) await rm(path.join(root, year, file));
    bundles.push(`/${SEARCH_BUNDLE}/${year}/`);
  }
  await writeFile(path.join(root, BUNDLE_LIST), `${JSON.stringify({ bundles })}\n`);
  await rm(path.join(siteDir, SEARCH_BUNDLE), { recursive: true, force: true });
  await rename(root, path.join(siteDir, SEARCH_BUNDLE));
  return { pages, bundles };
}
