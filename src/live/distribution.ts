import type { LiveCoverage } from "./coverage.ts";

/** The file beside a live page that the update module polls. */
export const LIVE_JSON = "live.json";

/** Updates listed in the page's LiveBlogPosting: the newest, as search engines ask. */
export const JSON_LD_UPDATES = 50;
/** Headline of an entry with no title: the start of its text, cut between words. */
const HEADLINE_LENGTH = 110;

/** An entry with its sanitized HTML, as the page renders it. */
export interface RenderedEntry {
  id: string;
  time: string;
  title?: string;
  html: string;
  scheduled?: true;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", apos: "'", nbsp: " " };

/** The text of sanitized HTML: tags dropped, the entities the sanitizer writes decoded, spaces collapsed. */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_, name: string) => ENTITIES[name]!)
    .replace(/\s+/g, " ")
    .trim();
}

/** An entry's title, or the start of its text. */
export function entryHeadline(entry: Pick<RenderedEntry, "title" | "html">): string {
  if (entry.title) return entry.title;
  const text = plainText(entry.html);
  if (text.length <= HEADLINE_LENGTH) return text;
  const cut = text.slice(0, HEADLINE_LENGTH - 1);
  return `${cut.slice(0, cut.lastIndexOf(" ") > 40 ? cut.lastIndexOf(" ") : cut.length)}…`;
}

/**
 * schema.org LiveBlogPosting: the story's NewsArticle fields (`article`, from
 * seo/json-ld.ts) with its coverage times and the newest entries as BlogPosting,
 * each at its permalink. `dateModified` is the newest entry's time.
 */
export function liveBlogPosting(article: Record<string, unknown>, coverage: Pick<LiveCoverage, "start" | "end">, entries: readonly RenderedEntry[], pageUrl: string): Record<string, unknown> {
  const shown = entries.filter((entry) => !entry.scheduled);
  return {
    ...article,
    "@type": "LiveBlogPosting",
    coverageStartTime: coverage.start,
    coverageEndTime: coverage.end,
    ...(shown[0] ? { dateModified: shown[0].time } : {}),
    liveBlogUpdate: shown.slice(0, JSON_LD_UPDATES).map((entry) => ({
      "@type": "BlogPosting",
      headline: entryHeadline(entry),
      datePublished: entry.time,
      url: `${pageUrl}#${entry.id}`,
      articleBody: plainText(entry.html),
    })),
  };
}

/**
 * The small file the update module polls (`live.json` beside the page): where the
 * coverage stands and every entry's anchor and time, newest first. The entries'
 * text stays in the page, which the module fetches only when the reader asks.
 */
export function liveJson(coverage: Pick<LiveCoverage, "start" | "end" | "status" | "entries">): string {
  const entries = coverage.entries.filter((entry) => !entry.scheduled);
  return `${JSON.stringify({
    status: coverage.status,
    start: coverage.start,
    end: coverage.end,
    modified: entries[0]?.time ?? null,
    entries: entries.map((entry) => ({ id: entry.id, time: entry.time })),
  })}\n`;
}
