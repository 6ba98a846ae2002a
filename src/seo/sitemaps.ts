import type { DateTime } from "luxon";
import type { ListingPage } from "../articles/listing.ts";
import type { ArticleRecord } from "../articles/load.ts";
import type { ElectionRecord } from "../elections/record.ts";
import { escapeMarkup as escapeXml } from "../markup.ts";

/** The sitemaps.org limit for one file; past it, sitemap.xml becomes an index. */
export const SITEMAP_LIMIT = 50_000;
/** Google News sitemaps: stories from the last two days, 1,000 at most. */
export const NEWS_WINDOW_HOURS = 48;
export const NEWS_LIMIT = 1_000;

export interface SitemapEntry {
  url: string;
  lastmod?: string;
}

/** One file to write: an index, or a set of URLs. */
export type SitemapFile = { url: string; kind: "index"; files: string[] } | { url: string; kind: "urls"; entries: SitemapEntry[] };

const changed = (article: ArticleRecord | undefined) => (article ? (article.updated ?? article.date) : undefined);
const entry = (url: string, lastmod: string | undefined): SitemapEntry => (lastmod ? { url, lastmod } : { url });

/**
 * Every page the kit itself makes, with when its content last changed: stories,
 * the front page, section and topic pages, the topic and election indexes and
 * results pages. Taken from the records, not from Eleventy's collections, whose
 * listing pages are only rendered after the collections are built.
 */
export function siteEntries(news: {
  articles: readonly ArticleRecord[];
  sectionPages: readonly ListingPage[];
  topicPages: readonly ListingPage[];
  authorPages: readonly ListingPage[];
  electionList: readonly ElectionRecord[];
}): SitemapEntry[] {
  return [
    entry("/", changed(news.articles[0])),
    entry("/topics/", undefined),
    entry("/elections/", news.electionList[0]?.latest.time),
    ...news.articles.map((a) => entry(a.url, changed(a))),
    ...[...news.sectionPages, ...news.topicPages, ...news.authorPages].map((p) => entry(p.url, changed(p.items[0]))),
    ...news.electionList.map((e) => entry(e.url, e.latest.time)),
    // From the records, not Eleventy's pages: an incremental build renders only the region pages that changed.
    ...news.electionList.flatMap((e) => (e.regions ? [entry(e.regions.url, e.regions.stages.at(-1)?.time)] : [])),
  ];
}

/** Two lists of entries as one, the first list winning where both name a URL. */
export function mergeEntries(first: readonly SitemapEntry[], second: readonly SitemapEntry[]): SitemapEntry[] {
  const urls = new Set(first.map((e) => e.url));
  return [...first, ...second.filter((e) => !urls.has(e.url))];
}

/** `sitemap.xml` alone up to the limit; past it, `sitemap.xml` indexes `sitemap-1.xml`, `sitemap-2.xml`, ... */
export function sitemapFiles(entries: readonly SitemapEntry[], limit = SITEMAP_LIMIT): SitemapFile[] {
  const sorted = [...entries].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  if (sorted.length <= limit) return [{ url: "/sitemap.xml", kind: "urls", entries: sorted }];
  const parts: SitemapFile[] = [];
  for (let start = 0; start < sorted.length; start += limit) {
    parts.push({ url: `/sitemap-${parts.length + 1}.xml`, kind: "urls", entries: sorted.slice(start, start + limit) });
  }
  return [{ url: "/sitemap.xml", kind: "index", files: parts.map((p) => p.url) }, ...parts];
}


/** The XML of one sitemap file, with absolute URLs. */
export function sitemapXml(file: SitemapFile, siteUrl: string): string {
  const absolute = (url: string) => escapeXml(new URL(url, siteUrl).href);
  if (file.kind === "index") {
    const items = file.files.map((url) => `  <sitemap><loc>${absolute(url)}</loc></sitemap>`);
    return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${items.join("\n")}\n</sitemapindex>\n`;
  }
  const items = file.entries.map((e) => `  <url><loc>${absolute(e.url)}</loc>${e.lastmod ? `<lastmod>${escapeXml(e.lastmod)}</lastmod>` : ""}</url>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${items.join("\n")}\n</urlset>\n`;
}

/** Stories published in the `hours` before `now` (none from the future), newest first, at most `limit`. */
export function newsSitemapArticles(articles: readonly ArticleRecord[], now: DateTime, hours = NEWS_WINDOW_HOURS, limit = NEWS_LIMIT): ArticleRecord[] {
  const end = now.toMillis();
  const start = end - hours * 3_600_000;
  return articles
    .filter((a) => a.timestamp > start && a.timestamp <= end)
    .sort((a, b) => b.timestamp - a.timestamp || a.slug.localeCompare(b.slug))
    .slice(0, limit);
}

/**
 * The Google News sitemap (https://www.google.com/schemas/sitemap-news/0.9), or "" when
 * no story is recent: a URL set needs one URL at least, so then the file is not written
 * and robots.txt does not name it (src/content/sitemaps/).
 */
export function newsSitemapXml(articles: readonly ArticleRecord[], site: { url: string; name: string; language: string }): string {
  if (articles.length === 0) return "";
  // Google wants an ISO 639 code: "en", not "en-GB".
  const language = site.language.split("-")[0]?.toLowerCase() ?? site.language;
  const items = articles.map(
    (a) =>
      `  <url>\n    <loc>${escapeXml(new URL(a.url, site.url).href)}</loc>\n    <news:news>\n      <news:publication><news:name>${escapeXml(site.name)}</news:name><news:language>${escapeXml(language)}</news:language></news:publication>\n      <news:publication_date>${escapeXml(a.date)}</news:publication_date>\n      <news:title>${escapeXml(a.title)}</news:title>\n    </news:news>\n  </url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n${items.join("\n")}\n</urlset>\n`;
}
