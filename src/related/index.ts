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
/** Common topics of one story that count towards scores; more are tag soup, and each doubles a lookup table. */
const MAX_COMMON_TOPICS = 12;

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

/** Integer ids for a string key (topic, section, author, election), in order of first use. */
class Ids {
  readonly byKey = new Map<string, number>();
  id(key: string): number {
    let id = this.byKey.get(key);
    if (id === undefined) this.byKey.set(key, (id = this.byKey.size));
    return id;
  }
}

/** Stories by key id, each list oldest first, packed in one array: key k owns items[start[k]..start[k+1]). */
interface Postings {
  start: Int32Array;
  items: Int32Array;
}

/** A story's keys (topics, authors) packed the same way: story s owns ids[start[s]..start[s+1]). */
interface Packed {
  start: Int32Array;
  ids: Int32Array;
}

function pack(n: number, keys: (i: number) => readonly string[], ids: Ids): Packed {
  const start = new Int32Array(n + 1);
  const all: number[] = [];
  for (let i = 0; i < n; i++) {
    for (const key of keys(i)) all.push(ids.id(key));
    start[i + 1] = all.length;
  }
  return { start, ids: Int32Array.from(all) };
}

/** Stories (numbered oldest first) by key id, so each list is oldest first. */
function postings(packed: Packed, keyCount: number, include: Uint8Array): Postings {
  const n = include.length;
  const start = new Int32Array(keyCount + 1);
  for (let story = 0; story < n; story++) if (include[story]) for (let j = packed.start[story]!; j < packed.start[story + 1]!; j++) start[packed.ids[j]! + 1]!++;
  for (let k = 0; k < keyCount; k++) start[k + 1]! += start[k]!;
  const fill = start.slice(0, keyCount);
  const items = new Int32Array(start[keyCount]!);
  for (let story = 0; story < n; story++) {
    if (!include[story]) continue;
    for (let j = packed.start[story]!; j < packed.start[story + 1]!; j++) items[fill[packed.ids[j]!]!++] = story;
  }
  return { start, items };
}

/** Scratch space for one story's candidates; marks hold 2·(story + 1) for "excluded" and one more for "seen", so they never need clearing. */
interface Gather {
  time: Float64Array;
  marks: Int32Array;
  scores: Float64Array;
  touched: Int32Array;
  count: number;
}

/** Adds `weight` to the stories of one posting list published no later than `latest`. */
function gather(g: Gather, list: Postings, key: number, weight: number, latest: number, excludedMark: number): void {
  const { items, start } = list;
  const { marks, scores, touched } = g;
  const from = start[key]!;
  const end = upperBound(items, from, start[key + 1]!, latest, g.time);
  const seenMark = excludedMark + 1;
  // Newest first: a ranking then turns away most later ties at once.
  for (let j = end - 1; j >= from; j--) {
    const other = items[j]!;
    const state = marks[other]!;
    if (state === seenMark) scores[other] = scores[other]! + weight;
    else if (state !== excludedMark) {
      marks[other] = seenMark;
      scores[other] = weight;
      touched[g.count++] = other;
    }
  }
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
 * the list may show. So time grows with N × shared topics, not N². Stories,
 * topics and authors are integer ids in typed arrays, so the inner loops
 * allocate nothing.
 *
 * Deterministic: ties go to the newer story, then to the slug.
 */
export function buildRelatedIndex(input: readonly RelatedInput[], config: RelatedConfig = DEFAULT_RELATED_CONFIG): Map<string, string[]> {
  // Stories are numbered oldest first: posting lists are then sorted by time and can be searched,
  // and the candidates of one story sit close together in memory.
  const stories = [...input].sort(compareTime);
  const n = stories.length;
  const time = Float64Array.from(stories, (s) => s.timestamp);
  const listable = Uint8Array.from(stories, (s) => (s.listable ? 1 : 0));

  const topicIds = new Ids();
  const topics = pack(n, (i) => stories[i]!.topics, topicIds);
  const authorIds = new Ids();
  const authors = pack(n, (i) => stories[i]!.byline, authorIds);
  const sectionIds = new Ids();
  const sections = pack(n, (i) => [stories[i]!.section], sectionIds);
  const electionIds = new Ids();
  const elections = pack(n, (i) => (stories[i]!.election ? [stories[i]!.election!] : []), electionIds);
  // Topic counts (and so what is common) cover every story; lists hold only those a list may show.
  const topicCounts = postings(topics, topicIds.byKey.size, new Uint8Array(n).fill(1)).start;
  const byTopic = postings(topics, topicIds.byKey.size, listable);
  const byAuthor = postings(authors, authorIds.byKey.size, listable);
  const bySection = postings(sections, sectionIds.byKey.size, listable);
  const byElection = postings(elections, electionIds.byKey.size, listable);

  const limit = commonTopicLimit(n, config);
  const topicWeight = new Float64Array(topicIds.byKey.size);
  const common = new Uint8Array(topicIds.byKey.size);
  for (let t = 0; t < topicWeight.length; t++) {
    const count = topicCounts[t + 1]! - topicCounts[t]!;
    common[t] = count > limit ? 1 : 0;
    topicWeight[t] = config.weights.topic * (count > limit ? limit / count : 1);
  }
  // A story's common topics hashed onto 32 bits: a candidate whose bits miss the story's own shares none of them.
  const commonBits = new Int32Array(n);
  for (let s = 0; s < n; s++) for (let j = topics.start[s]!; j < topics.start[s + 1]!; j++) if (common[topics.ids[j]!]) commonBits[s]! |= 1 << (topics.ids[j]! & 31);
  // Authors hashed the same way.
  const authorBits = new Int32Array(n);
  for (let s = 0; s < n; s++) for (let j = authors.start[s]!; j < authors.start[s + 1]!; j++) authorBits[s]! |= 1 << (authors.ids[j]! & 31);

  const slugIndex = new Map(stories.map((s, i) => [s.slug, i]));
  const newerWindow = config.newerWithinDays * DAY;
  const { election: electionWeight, section: sectionWeight, byline: bylineWeight } = config.weights;
  const window = config.commonTopicWindow;

  const lists = new Map<string, string[]>();
  const g: Gather = { time, marks: new Int32Array(n), scores: new Float64Array(n), touched: new Int32Array(n), count: 0 };
  const best = new Ranking(time, stories);
  const fallback = new Ranking(time, stories);
  const scoring: Scoring = {
    g,
    topics,
    authors,
    sections: sections.ids,
    commonBits,
    ownBits: 0,
    authorBits,
    ownTopicBit: new Int32Array(topicIds.byKey.size),
    ownAuthor: new Uint8Array(authorIds.byKey.size),
    commonSums: new Float64Array(1),
    section: 0,
    commonAll: 0,
    ownAuthorBits: 0,
    sectionWeight: config.weights.section,
    bylineWeight: config.weights.byline,
    best,
    fallback,
  };

  for (let self = 0; self < n; self++) {
    const story = stories[self]!;
    const picks = story.related.filter((slug) => slug !== story.slug && slugIndex.has(slug)).slice(0, config.count);
    const wanted = config.count - picks.length;
    if (wanted <= 0) {
      lists.set(story.slug, picks);
      continue;
    }
    const excludedMark = 2 * (self + 1);
    g.marks[self] = excludedMark;
    for (const slug of picks) g.marks[slugIndex.get(slug)!] = excludedMark;
    for (const slug of story.readMore ?? []) {
      const other = slugIndex.get(slug);
      if (other !== undefined) g.marks[other] = excludedMark;
    }
    const latest = time[self]! + newerWindow;
    g.count = 0;

    const ownFrom = topics.start[self]!;
    const ownTo = topics.start[self + 1]!;
    // Each of the story's common topics (up to 30) gets a bit; commonSums[mask] is what sharing those topics
    // scores, summed in the story's own order so equal sets always score exactly the same.
    let commonCount = 0;
    scoring.ownBits = 0;
    for (let j = ownFrom; j < ownTo && commonCount < MAX_COMMON_TOPICS; j++) {
      const topic = topics.ids[j]!;
      if (common[topic]) {
        scoring.ownTopicBit[topic] = 1 << commonCount++;
        scoring.ownBits |= 1 << (topic & 31);
      }
    }
    scoring.commonSums = commonSumTable(scoring.commonSums, topics, ownFrom, ownTo, common, topicWeight, commonCount);
    scoring.commonAll = scoring.commonSums[(1 << commonCount) - 1]!;
    const reach = scoring.commonAll + sectionWeight + bylineWeight;
    for (let j = authors.start[self]!; j < authors.start[self + 1]!; j++) scoring.ownAuthor[authors.ids[j]!] = 1;
    scoring.section = sections.ids[self]!;
    scoring.ownAuthorBits = authorBits[self]!;

    for (let j = ownFrom; j < ownTo; j++) {
      const topic = topics.ids[j]!;
      if (!common[topic]) gather(g, byTopic, topic, topicWeight[topic]!, latest, excludedMark);
    }
    for (let j = elections.start[self]!; j < elections.start[self + 1]!; j++) gather(g, byElection, elections.ids[j]!, electionWeight, latest, excludedMark);

    // Stories that share no topic or election only fill a list that is still short.
    best.reset(wanted);
    fallback.reset(wanted);
    scoreCandidates(scoring, 0);

    // Common topics, the section and the byline bring in only their newest stories the list may show:
    // ties go to newer stories, so these are the ones that can win. A story found only there scores
    // at most `reach`; when the list is already full of better ones, they need not be looked at.
    if (!best.beats(reach)) {
      for (let j = ownFrom; j < ownTo; j++) {
        const topic = topics.ids[j]!;
        if (common[topic]) scanWindow(scoring, byTopic, topic, window, latest, excludedMark);
      }
      // A full list needs from the section and byline only stories that may share a common topic.
      if (!best.full() || scoring.ownBits !== 0) {
        scanWindow(scoring, bySection, scoring.section, window, latest, excludedMark);
        for (let j = authors.start[self]!; j < authors.start[self + 1]!; j++) scanWindow(scoring, byAuthor, authors.ids[j]!, window, latest, excludedMark);
      }
    }
    for (let j = ownFrom; j < ownTo; j++) scoring.ownTopicBit[topics.ids[j]!] = 0;
    for (let j = authors.start[self]!; j < authors.start[self + 1]!; j++) scoring.ownAuthor[authors.ids[j]!] = 0;
    const chosen = best.indexes();
    chosen.push(...fallback.indexes().slice(0, wanted - chosen.length));
    lists.set(story.slug, [...picks, ...chosen.map((i) => stories[i]!.slug)]);
  }
  // In the order the stories came in.
  return new Map(input.map((story) => [story.slug, lists.get(story.slug)!]));
}

/** What scoring one story's candidates needs: the current story's topics, authors and section, marked for quick lookup. */
interface Scoring {
  g: Gather;
  topics: Packed;
  authors: Packed;
  sections: Int32Array;
  commonBits: Int32Array;
  ownBits: number;
  authorBits: Int32Array;
  /** For each of the story's common topics, its bit; 0 for every other topic. */
  ownTopicBit: Int32Array;
  /** 1 for each of the story's authors. */
  ownAuthor: Uint8Array;
  commonSums: Float64Array;
  /** What sharing all of the story's common topics scores. */
  commonAll: number;
  section: number;
  /** The story's authors hashed onto 32 bits. */
  ownAuthorBits: number;
  sectionWeight: number;
  bylineWeight: number;
  best: Ranking;
  fallback: Ranking;
}

/** Scores the candidates gathered from `from` on. */
function scoreCandidates(s: Scoring, from: number): void {
  const { g } = s;
  for (let c = from; c < g.count; c++) {
    const other = g.touched[c]!;
    score(s, other, g.scores[other]!);
  }
}

/**
 * Scores, newest first, the up to `window` newest stories of one posting list published no later
 * than `latest` and not seen yet. They share no rare topic or election with the story, so each is
 * scored as soon as it is found, and the list, filling up, turns the later ones away sooner.
 */
function scanWindow(s: Scoring, list: Postings, key: number, window: number, latest: number, excludedMark: number): void {
  const { items, start } = list;
  const { marks, time } = s.g;
  const from = start[key]!;
  const end = upperBound(items, from, start[key + 1]!, latest, time);
  const stop = end - window > from ? end - window : from;
  const seenMark = excludedMark + 1;
  for (let j = end - 1; j >= stop; j--) {
    const other = items[j]!;
    const state = marks[other]!;
    if (state === seenMark || state === excludedMark) continue;
    marks[other] = seenMark;
    score(s, other, 0);
  }
}

/**
 * Scores one candidate: `shared` (what it shares through rare topics and election) plus common topics,
 * section and byline. Once the list of stories that share something is full, a candidate that shares
 * nothing, or that could not score more than the list's last even with every common topic, is passed over.
 */
function score(s: Scoring, other: number, shared: number): void {
  const { topics, authors, commonBits, ownBits, authorBits, ownTopicBit, ownAuthor, commonSums, best } = s;
  const sharesCommon = (commonBits[other]! & ownBits) !== 0;
  const sameSection = s.sections[other] === s.section;
  const sameAuthor = (authorBits[other]! & s.ownAuthorBits) !== 0;
  if (best.full()) {
    if (shared === 0 && !sharesCommon) return;
    const bound = shared + (sharesCommon ? s.commonAll : 0) + (sameSection ? s.sectionWeight : 0) + (sameAuthor ? s.bylineWeight : 0);
    if (best.beats(bound)) return;
  }
  let total = shared;
  if (sharesCommon) {
    let mask = 0;
    for (let j = topics.start[other]!; j < topics.start[other + 1]!; j++) mask |= ownTopicBit[topics.ids[j]!]!;
    total += commonSums[mask]!;
  }
  const shares = total > 0;
  if (!shares && best.full()) return;
  if (sameSection) total += s.sectionWeight;
  if (sameAuthor) {
    for (let j = authors.start[other]!; j < authors.start[other + 1]!; j++) {
      if (ownAuthor[authors.ids[j]!]) {
        total += s.bylineWeight;
        break;
      }
    }
  }
  (shares ? best : s.fallback).offer(other, total);
}

/** What sharing each subset of a story's `count` common topics scores, summed in the story's order of topics. */
function commonSumTable(reuse: Float64Array, topics: Packed, from: number, to: number, common: Uint8Array, weight: Float64Array, count: number): Float64Array {
  const size = 1 << count;
  const table = reuse.length >= size ? reuse : new Float64Array(size);
  const ordered: number[] = [];
  for (let j = from; j < to && ordered.length < count; j++) if (common[topics.ids[j]!]) ordered.push(weight[topics.ids[j]!]!);
  for (let mask = 0; mask < size; mask++) {
    let sum = 0;
    for (let place = 0; place < count; place++) if (mask & (1 << place)) sum += ordered[place]!;
    table[mask] = sum;
  }
  return table;
}

/**
 * The last index and what it was built from. The dev server rebuilds after every save;
 * most saves change a story's text, not what its list is made of, and then the index is
 * reused (building it takes 0.2 s at 10,000 stories; comparing, about 20 ms).
 */
export class RelatedIndexMemo {
  #key: string | undefined;
  #index: Map<string, string[]> | undefined;

  get(input: readonly RelatedInput[], config: RelatedConfig = DEFAULT_RELATED_CONFIG): Map<string, string[]> {
    const key = `${JSON.stringify(config)}\n${input.map(inputKey).join("\n")}`;
    if (!this.#index || key !== this.#key) {
      this.#index = buildRelatedIndex(input, config);
      this.#key = key;
    }
    return this.#index;
  }
}

const inputKey = (s: RelatedInput) =>
  [s.slug, s.timestamp, s.section, s.topics.join(","), s.byline.join(","), s.election ?? "", s.related.join(","), s.listable ? 1 : 0, (s.readMore ?? []).join(",")].join("|");

/** Stories a topic may have before it counts as common, for an archive of `n` stories. */
export function commonTopicLimit(n: number, config: RelatedConfig): number {
  const relative = Math.floor(config.commonTopicShare * n);
  return Math.max(config.commonTopicMinimum, Math.min(relative, config.commonTopicMaximum));
}

/** Index after the last of items[from..to) published no later than `timestamp`. */
function upperBound(items: Int32Array, from: number, to: number, timestamp: number, time: Float64Array): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (time[items[mid]!]! <= timestamp) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function compareTime(a: RelatedInput, b: RelatedInput): number {
  return a.timestamp - b.timestamp || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
}

/** The `k` best candidates, best first: higher score, then newer, then slug. k is small, so insertion beats a heap. */
class Ranking {
  private readonly chosen: number[] = [];
  private readonly scores: number[] = [];
  private k = 0;

  /** Ties are broken by `time`, then by the stories' slugs. */
  constructor(
    private readonly time: Float64Array,
    private readonly stories: readonly RelatedInput[],
  ) {}

  reset(k: number): void {
    this.k = k;
    this.chosen.length = 0;
    this.scores.length = 0;
  }

  offer(index: number, score: number): void {
    const { chosen, scores, k } = this;
    if (chosen.length === k && !this.better(index, score, k - 1)) return;
    let at = chosen.length < k ? chosen.length : k - 1;
    while (at > 0 && this.better(index, score, at - 1)) {
      chosen[at] = chosen[at - 1]!;
      scores[at] = scores[at - 1]!;
      at--;
    }
    chosen[at] = index;
    scores[at] = score;
  }

  full(): boolean {
    return this.chosen.length === this.k;
  }

  /** Whether the list is full and its last entry scores more than `score`. */
  beats(score: number): boolean {
    return this.chosen.length === this.k && this.scores[this.k - 1]! > score;
  }

  indexes(): number[] {
    return [...this.chosen];
  }

  private better(index: number, score: number, than: number): boolean {
    const other = this.scores[than]!;
    if (score !== other) return score > other;
    const rival = this.chosen[than]!;
    const x = this.time[index]!;
    const y = this.time[rival]!;
    return x !== y ? x > y : this.stories[index]!.slug < this.stories[rival]!.slug;
  }
}
