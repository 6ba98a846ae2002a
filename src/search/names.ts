import type { SiteData } from "../articles/site-data.ts";

/**
 * A word the search page may correct a misspelling to, and how sure a match with it
 * is: the names of topics, sections and authors first, then topics' aliases, then
 * names from headlines by the number of headlines that carry them.
 */
export type SearchName = [term: string, weight: number];

/** Names and aliases outrank any headline word, however frequent. */
export const NAME_WEIGHT = 100_000;
export const ALIAS_WEIGHT = 50_000;

/** Shorter words are left as typed: too many names lie one letter away. */
export const MIN_WORD = 4;

/** Enough headline names for a large archive, few enough to keep the list small (about 20 KB). */
const HEADLINE_NAMES = 2000;

const WORD = /[\p{L}\p{N}]+/gu;

function words(text: string): string[] {
  return (text.match(WORD) ?? []).filter((word) => word.length >= MIN_WORD && /\p{L}/u.test(word));
}

/**
 * The list shipped with the search page (`/search/names.json`). A headline word counts as a
 * name when it is capitalized after the headline's first word ("wins Kazakhstan's snap").
 */
export function searchNames(headlines: readonly string[], data: Pick<SiteData, "topics" | "sections" | "authors">): SearchName[] {
  const weights = new Map<string, number>();
  const raise = (term: string, weight: number) => weights.set(term, Math.max(weights.get(term) ?? 0, weight));
  const named = [...Object.values(data.topics), ...Object.values(data.sections), ...Object.values(data.authors)];
  for (const { name } of named) for (const word of words(name)) raise(word, NAME_WEIGHT);
  for (const topic of Object.values(data.topics)) for (const alias of topic.aliases) for (const word of words(alias)) raise(word, ALIAS_WEIGHT);

  const counts = new Map<string, number>();
  for (const headline of headlines) {
    const capitalized = new Set(words((headline.match(WORD) ?? []).slice(1).join(" ")).filter((word) => /^\p{Lu}/u.test(word)));
    for (const word of capitalized) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  const frequent = [...counts].filter(([word]) => !weights.has(word)).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  for (const [word, count] of frequent.slice(0, HEADLINE_NAMES)) raise(word, Math.min(count, ALIAS_WEIGHT - 1));

  return [...weights].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
