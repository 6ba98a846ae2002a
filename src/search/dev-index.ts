import type { UserConfig } from "@11ty/eleventy";
import { buildSearchIndex } from "./index.ts";

/** How long after the last rebuild the dev server builds the search index again. */
const SEARCH_REINDEX_DELAY_MS = 10_000;

/**
 * The dev server's search index, built in the background so a page reloads without waiting for
 * search. Indexing a large archive takes both cores for seconds: after an edit it waits until
 * edits pause, so it does not slow the next rebuild, and one index is built at a time.
 * (Production builds index after Eleventy lets go of its memory: src/cdn/build.ts.)
 */
export class DevSearchIndexer {
  private timer: NodeJS.Timeout | undefined;
  private indexing = Promise.resolve();
  private indexedOnce = false;

  constructor(eleventyConfig: UserConfig) {
    eleventyConfig.on("eleventy.before", () => clearTimeout(this.timer));
  }

  /** Indexes the site now if it never was, else once edits have paused. */
  schedule(outputDir: string): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.indexing = this.indexing
        .then(() => buildSearchIndex(outputDir))
        .then(
          ({ pages, bundles, reused }) => console.log(`[broadsheet] Search index updated: ${pages} pages, ${bundles.length - reused.length} of ${bundles.length} years indexed`),
          (error: Error) => console.error(`[broadsheet] search index: ${error.message}`),
        );
    }, this.indexedOnce ? SEARCH_REINDEX_DELAY_MS : 0);
    this.indexedOnce = true;
  }
}
