import type { Topics } from "../articles/site-data.ts";
import type { WireTerm } from "./ninjs.ts";

/** "Kazakh  Politics", "kazakh-politics" and "Kazákh politics" all read "kazakh politics". */
export function normaliseTerm(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export interface TopicMapping {
  /** Our topic keys, in the order the wire's terms first named them. */
  topics: string[];
  /** Terms that matched no topic, each once. */
  unmapped: WireTerm[];
}

/**
 * Maps the wire's subjects, keywords, people, organisations and places onto
 * our topics: a term matches a topic by its key, its name or one of its
 * `aliases` in `_data/topics.json`, ignoring case, accents and punctuation.
 * A subject's code or URI may be an alias too.
 */
export function mapTopics(terms: readonly WireTerm[], topics: Topics): TopicMapping {
  const lookup = new Map<string, string>();
  for (const [key, topic] of Object.entries(topics)) {
    for (const form of [key, topic.name, ...topic.aliases]) {
      const normal = normaliseTerm(form);
      if (normal && !lookup.has(normal)) lookup.set(normal, key);
    }
  }
  const found = new Set<string>();
  const unmapped = new Map<string, WireTerm>();
  for (const term of terms) {
    const key = [term.name, ...term.ids].map((form) => lookup.get(normaliseTerm(form))).find((match) => match !== undefined);
    if (key) found.add(key);
    else if (!unmapped.has(`${term.kind}:${normaliseTerm(term.name)}`)) unmapped.set(`${term.kind}:${normaliseTerm(term.name)}`, term);
  }
  return { topics: [...found], unmapped: [...unmapped.values()] };
}

/** The dateline's places ("Astana, Kazakhstan") as place terms. */
export function locatedTerms(located: string | undefined): WireTerm[] {
  return (located ?? "")
    .split(/[,;/]/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((name) => ({ kind: "place", name, ids: [] }));
}
