import type { ArticleRecord } from "./record.ts";

/** One page of a paginated listing (a section, a topic or an author), with links to its neighbours. */
export interface ListingPage {
  kind: "section" | "topic" | "author";
  key: string;
  url: string;
  pageNumber: number;
  totalPages: number;
  items: ArticleRecord[];
  previousUrl?: string;
  nextUrl?: string;
  /** Every page of this listing, for numbered page links. */
  pageUrls: string[];
  /** A section's first page: its leading stories (editors' picks, then the newest), shown above `others`. */
  leading?: ArticleRecord[];
  /** A section's first page: its `items` less the leading stories. */
  others?: ArticleRecord[];
}

/** Topic pages live under `/topics/`; sections at the top level like `/asia/`. */
export const sectionUrl = (id: string) => `/${id}/`;
export const topicUrl = (id: string) => `/topics/${id}/`;
/** Each staff member's page and feed, linked from their bylines. */
export const authorUrl = (id: string) => `/authors/${id}/`;

/** `/asia/`, `/asia/page/2/`: page 1 keeps the short URL that people share. */
export function listingUrl(base: string, pageNumber: number): string {
  return pageNumber === 1 ? base : `${base}page/${pageNumber}/`;
}

/**
 * Splits each group's stories (already newest first) into pages of `size`.
 * Every known key gets at least one page, so a new section is never a 404.
 */
export function paginate(
  kind: ListingPage["kind"],
  keys: readonly string[],
  baseUrl: (key: string) => string,
  articles: readonly ArticleRecord[],
  keysOf: (article: ArticleRecord) => readonly string[],
  size: number,
): ListingPage[] {
  const groups = new Map<string, ArticleRecord[]>(keys.map((key) => [key, []]));
  for (const article of articles) {
    for (const key of keysOf(article)) groups.get(key)?.push(article);
  }
  const pages: ListingPage[] = [];
  for (const [key, items] of groups) {
    const totalPages = Math.max(1, Math.ceil(items.length / size));
    const base = baseUrl(key);
    const pageUrls = Array.from({ length: totalPages }, (_, index) => listingUrl(base, index + 1));
    for (let pageNumber = 1; pageNumber <= totalPages; pageNumber++) {
      pages.push({
        kind,
        key,
        url: listingUrl(base, pageNumber),
        pageNumber,
        totalPages,
        items: items.slice((pageNumber - 1) * size, pageNumber * size),
        pageUrls,
        ...(pageNumber > 1 ? { previousUrl: listingUrl(base, pageNumber - 1) } : {}),
        ...(pageNumber < totalPages ? { nextUrl: listingUrl(base, pageNumber + 1) } : {}),
      });
    }
  }
  return pages;
}
