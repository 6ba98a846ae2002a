import type { LiveCoverage } from "../live/coverage.ts";

/** One Markdown file as read from disk or given to Eleventy as a virtual template. */
export interface ArticleSource {
  /** Path as Eleventy writes `page.inputPath`: `./src/content/articles/2023/x.md`. */
  inputPath: string;
  text: string;
  /** Set when the file's bytes are not UTF-8: where, and the fix (`text` is then empty). */
  unreadable?: { line: number; column: number; message: string };
}

export interface ArticleImage {
  src: string;
  alt: string;
  caption?: string;
  credit?: string;
  width: number;
  height: number;
  /** MIME type and size of the file, for feed enclosures. */
  type: string;
  bytes: number;
  /** The build's largest JPEG rendition, for feeds, cards and structured data (set by the image step). */
  rendition?: { url: string; width: number; height: number; bytes: number };
}

/** A validated article as templates, feeds and indexes see it. Dates are ISO strings in the site's zone. */
export interface ArticleRecord {
  inputPath: string;
  slug: string;
  url: string;
  title: string;
  summary: string;
  date: string;
  updated?: string;
  /** Preview only: `updated` is after "now", so production leaves it out until then. */
  updateScheduled?: true;
  /** Milliseconds since the epoch of `date`, for sorting. */
  timestamp: number;
  section: string;
  topics: string[];
  byline: string[];
  credit?: string;
  image?: ArticleImage;
  election?: string;
  related: string[];
  /** Slugs of the stories this one links to with inline READ MORE lines, in order. */
  readMore: string[];
  /** The Markdown after the front matter, tags not yet expanded: feeds render it themselves. */
  body: string;
  /** Ids of the elections whose figures the page shows (its results box and inline figures), for rebuilding just these pages when a results file changes. */
  electionsShown: string[];
  corrections: { date: string; text: string; scheduled: boolean }[];
  redirectFrom: string[];
  draft: boolean;
  /** Dated in the future at build time: kept out of production until then. */
  scheduled: boolean;
  /** A live story's coverage and entries (docs/live.md). */
  live?: LiveCoverage;
}
