import { readFileSync, writeFileSync } from "node:fs";
import type { StoryRenderState } from "../articles/render-set.ts";
import type { News } from "../articles/news.ts";
import { redirectPagePath } from "../cdn/redirects.ts";
import type { FeedDefinition } from "../seo/feeds.ts";
import { LIVE_JSON } from "../live/distribution.ts";

/** Where the build tells Eleventy's process what changed, and where that process says what it rendered from. */
export const INCREMENTAL_INPUT = "BROADSHEET_INCREMENTAL_INPUT";
export const INCREMENTAL_OUTPUT = "BROADSHEET_INCREMENTAL_OUTPUT";

/** The render sets' memory between builds: what each page showed when it was last rendered. */
export interface RenderMemory {
  listing: [string, string][] | undefined;
  story: StoryRenderState | undefined;
  elections: [string, string][];
  /** Site paths of the pages rendered with the site-wide pages (front page, sitemaps, 404, CDN files...). */
  siteWide: string[];
}

/** What an incremental build gives Eleventy's process. */
export interface IncrementalInput {
  /** Story and data files added, edited or removed since the previous build (project-relative). */
  changedFiles: string[];
  memory: RenderMemory;
}

/** What Eleventy's process gives back: the memory for the next build, and every page the site has now. */
export interface IncrementalOutput {
  memory: RenderMemory;
  /** Site paths of every page made from Broadsheet's records and of the site-wide pages: those a build that did not render them carries over. */
  pages: string[];
}

export function readIncrementalInput(file: string): IncrementalInput {
  return JSON.parse(readFileSync(file, "utf8")) as IncrementalInput;
}

export function writeIncrementalOutput(file: string, output: IncrementalOutput): void {
  writeFileSync(file, JSON.stringify(output));
}

const pageFile = (url: string) => (url.endsWith("/") ? `${url}index.html` : url);

/** Site paths of the pages made from records: stories (and live stories' update files), listings, feeds, results pages (and by region), redirect pages. */
export function recordPages(news: Pick<News, "articles" | "sectionPages" | "topicPages" | "authorPages" | "electionList" | "redirects">, feeds: readonly FeedDefinition[]): string[] {
  return [
    ...news.articles.flatMap((a) => (a.live ? [pageFile(a.url), `${a.url}${LIVE_JSON}`] : [pageFile(a.url)])),
    ...[...news.sectionPages, ...news.topicPages, ...news.authorPages].map((page) => pageFile(page.url)),
    ...feeds.flatMap((feed) => [feed.atomUrl, feed.jsonUrl]),
    ...news.electionList.flatMap((election) => [pageFile(election.url), ...(election.regions ? [pageFile(election.regions.url)] : [])]),
    ...news.redirects.map((redirect) => redirectPagePath(redirect.from)),
  ];
}
