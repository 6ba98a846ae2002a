import type { Topics } from "../articles/site-data.ts";

/**
 * The names and aliases of a story's topics, for the search index only (a story about
 * Tokayev is found by "Токаев"); pages carry them in an attribute Pagefind indexes.
 */
export function topicTerms(topicIds: readonly string[], topics: Topics): string {
  const terms = topicIds.flatMap((id) => (topics[id] ? [topics[id].name, ...topics[id].aliases] : []));
  return [...new Set(terms)].join(" · ");
}
