import path from "node:path";
import * as pagefind from "pagefind";

/** Where the index is written in the built site; the search page loads it from there. */
export const SEARCH_BUNDLE = "pagefind";

/**
 * Builds the Pagefind index of a built site: only story bodies (pages marked
 * `data-pagefind-body`), without navigation or the Read more lists.
 */
export async function buildSearchIndex(siteDir: string): Promise<{ pages: number }> {
  const { index, errors } = await pagefind.createIndex();
  if (!index) throw new Error(`search index: ${errors.join("; ")}`);
  try {
    const added = await index.addDirectory({ path: siteDir });
    if (added.errors.length) throw new Error(`search index: ${added.errors.join("; ")}`);
    const written = await index.writeFiles({ outputPath: path.join(siteDir, SEARCH_BUNDLE) });
    if (written.errors.length) throw new Error(`search index: ${written.errors.join("; ")}`);
    return { pages: added.page_count };
  } finally {
    await pagefind.close();
  }
}
