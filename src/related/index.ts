import { z } from "zod";

/** What the index needs of a story; ArticleRecord has all of it. */
export interface RelatedInput {
  slug: string;
  timestamp: number;
  section: string;
  topics: readonly string[];
  byline: readonly string[];
  election?: string;
  /** The editor's picks, already checked to exist. */
  related: readonly string[];
  /** Drafts and scheduled stories get a list but never appear in one. */
  listable: boolean;
  /** Stories the body already links to (READ MORE lines): not repeated below it. */
  readMore?: readonly string[];
}

const DAY = 86_400_000;

/** The policy, in `_data/related.json`; every field has a default. */
export const relatedConfigSchema = z.strictObject({
  count: z.number().int().min(1).max(20).default(5).describe("Stories in each Read more list, editor's picks included"),
  weights: z
    .strictObject({
      topic: z.number().min(0).default(1),
      election: z.number().min(0).default(0.75),
      section: z.number().min(0).default(0.25),
      byline: z.number().min(0).default(0.25),
    })
    .prefault({})
    .describe("Score of each thing two stories share; a topic's weight falls when the topic is common"),
  commonTopicShare: z
    .number()
    .gt(0)
    .max(1)
    .default(0.1)
    .describe("A topic on more than this share of stories is common: it counts less and does not alone make a story a candidate"),
  commonTopicMinimum: z.number().int().min(1).default(50).describe("A topic on this many stories or fewer is never common"),
  commonTopicMaximum: z
    .number()
    .int()
    .min(1)
    .default(500)
    .describe("A topic on more stories than this is always common; this bound keeps the index's cost linear in large archives"),
  commonTopicWindow: z
    .number()
    .int()
    .min(0)
    .default(300)
    .describe("From each common topic, the section and the byline, only this many of the newest stories a list may show are candidates"),
  newerWithinDays: z
    .number()
    .min(0)
    .default(14)
    .describe("Stories published up to this many days after a story may appear in its list (follow-ups); 0 for older stories only"),
});

export type RelatedConfig = z.output<typeof relatedConfigSchema>;
export const DEFAULT_RELATED_CONFIG: RelatedConfig = relatedConfigSchema.parse({});

interface Scored {
  index: number;
  score: number;
}

/**
 * Read more lists for every story: editor's picks first, then the best-scoring
 * stories that share topics (and, as lesser signals, election, section, byline).
 *
 * Cost: O(N · (R + c·W)) where R is the sum, over a story's uncommon topics and
 * election, of their story counts (each at most the common-topic limit), c its
 * common topics plus its section, and W the common-topic window. Common topics
 * and the section never enumerate their (huge) story lists: they add to the
 * score of candidates found otherwise, and bring in only the W newest stories
 * the list may show. So time grows with N × shared topics, not N².
 *
 * Deterministic: ties go to the newer story, then to the slug.
 */
export function buildRelatedIndex(stories: readonly RelatedInput[], config: RelatedConfig = DEFAULT_RELATED_CONFIG): Map<string, string[]> {
  // Oldest first, so posting lists are sorted by time and can be searched.
  const order = stories.map((_, i) => i).sort((a, b) => compareTime(stories[a]!, stories[b]!));
  const byTopic = postings(order, (i) => stories[i]!.topics);
  const byElection = postings(order, (i) => (stories[i]!.election ? [stories[i]!.election!] : []));
  const bySection = postings(order, (i) => [stories[i]!.section]);
  const byAuthor = postings(order, (i) => stories[i]!.byline);
  const slugIndex = new Map(stories.map((s, i) => [s.slug, i]));
  const limit = commonTopicLimit(stories.length, config);
  const topicWeight = (topic: string) => {
    const count = byTopic.get(topic)?.length ?? 0;
    return config.weights.topic * (count > limit ? limit / count : 1);
  };
  const newerWindow = config.newerWithinDays * DAY;

  const result = new Map<string, string[]>();
  const scores = new Float64Array(stories.length);
  const seen = new Uint8Array(stories.length);
  const touched: number[] = [];
  const add = (other: number, weight: number) => {
    if (!seen[other]) {
      seen[other] = 1;
      touched.push(other);
    }
    scores[other] = scores[other]! + weight;
  };

  stories.forEach((story, self) => {
    const picks = story.related.filter((slug) => slug !== story.slug && slugIndex.has(slug)).slice(0, config.count);
    const linked = (story.readMore ?? []).flatMap((slug) => (slugIndex.has(slug) ? [slugIndex.get(slug)!] : []));
    const excluded = new Set([self, ...picks.map((slug) => slugIndex.get(slug)!), ...linked]);
    const allowed = (other: number) =>
      !excluded.has(other) && stories[other]!.listable && stories[other]!.timestamp - story.timestamp <= newerWindow;
    const wanted = config.count - picks.length;

    const common: string[] = [];
    for (const topic of story.topics) {
      const list = byTopic.get(topic) ?? [];
      if (list.length > limit) common.push(topic);
      else for (const other of list) if (allowed(other)) add(other, topicWeight(topic));
    }
    for (const other of story.election ? (byElection.get(story.election) ?? []) : []) {
      if (allowed(other)) add(other, config.weights.election);
    }
    // Common topics, the section and the byline bring in only their newest stories the list may show:
    // ties go to newer stories, so these are the ones that can win.
    const nearby = [...common.map((topic) => byTopic.get(topic)!), bySection.get(story.section)!, ...story.byline.map((a) => byAuthor.get(a)!)];
    for (const list of nearby) {
      for (const other of newestUpTo(list, story.timestamp + newerWindow, config.commonTopicWindow, stories)) if (allowed(other)) add(other, 0);
    }

    // Stories that share no topic or election only fill a list that is still short.
    const best: Scored[] = [];
    const fallback: Scored[] = [];
    for (const other of touched) {
      const candidate = stories[other]!;
      let score = scores[other]!;
      for (const topic of common) if (candidate.topics.includes(topic)) score += topicWeight(topic);
      const shares = score > 0;
      if (candidate.section === story.section) score += config.weights.section;
      if (candidate.byline.some((author) => story.byline.includes(author))) score += config.weights.byline;
      keepBest(shares ? best : fallback, { index: other, score }, wanted, stories);
      scores[other] = 0;
      seen[other] = 0;
    }
    best.push(...fallback.slice(0, wanted - best.length));
    touched.length = 0;

    result.set(story.slug, [...picks, ...best.map((s) => stories[s.index]!.slug)]);
  });
  return result;
}

/** Stories a topic may have before it counts as common, for an archive of `n` stories. */
export function commonTopicLimit(n: number, config: RelatedConfig): number {
  const relative = Math.floor(config.commonTopicShare * n);
  return Math.max(config.commonTopicMinimum, Math.min(relative, config.commonTopicMaximum));
}

/** Story indexes by key, oldest first. */
function postings(order: readonly number[], keys: (i: number) => readonly string[]): Map<string, number[]> {
  const map = new Map<string, number[]>();
  for (const i of order) {
    for (const key of keys(i)) {
      let list = map.get(key);
      if (!list) map.set(key, (list = []));
      list.push(i);
    }
  }
  return map;
}

/** The `n` newest entries of a time-sorted list published no later than `latest`, newest first. */
function newestUpTo(list: readonly number[], latest: number, n: number, stories: readonly RelatedInput[]): number[] {
  const end = upperBound(list, latest, stories);
  return list.slice(Math.max(0, end - n), end).reverse();
}

/** Index after the last entry published no later than `timestamp`. */
function upperBound(list: readonly number[], timestamp: number, stories: readonly RelatedInput[]): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (stories[list[mid]!]!.timestamp <= timestamp) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function compareTime(a: RelatedInput, b: RelatedInput): number {
  return a.timestamp - b.timestamp || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
}

/** Better first: higher score, then newer, then slug. */
function better(a: Scored, b: Scored, stories: readonly RelatedInput[]): boolean {
  if (a.score !== b.score) return a.score > b.score;
  const x = stories[a.index]!;
  const y = stories[b.index]!;
  return x.timestamp !== y.timestamp ? x.timestamp > y.timestamp : x.slug < y.slug;
}

/** Keeps the `k` best in order by insertion: k is small, so this beats a heap. */
function keepBest(best: Scored[], candidate: Scored, k: number, stories: readonly RelatedInput[]): void {
  if (k <= 0) return;
  if (best.length === k && !better(candidate, best[k - 1]!, stories)) return;
  let at = best.length < k ? best.length : k - 1;
  best[at] = candidate;
  while (at > 0 && better(best[at]!, best[at - 1]!, stories)) {
    [best[at], best[at - 1]] = [best[at - 1]!, best[at]!];
    at--;
  }
}
