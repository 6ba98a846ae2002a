/**
 * The scoring of Read more lists, story by story, over an index prepared by
 * `prepareIndex` (index.ts). It imports nothing, so a worker thread can
 * load it on its own and work through a share of the stories.
 */

/** Stories by key id, each list oldest first, packed in one array: key k owns items[start[k]..start[k+1]). */
export interface Postings {
  start: Int32Array;
  items: Int32Array;
}

/** A story's keys (topics, authors) packed the same way: story s owns ids[start[s]..start[s+1]). */
export interface Packed {
  start: Int32Array;
  ids: Int32Array;
}

/**
 * Everything the lists are made from, as numbers and typed arrays (a worker gets a copy).
 * Stories are numbered oldest first.
 */
export interface PreparedIndex {
  n: number;
  /** Stories in each list. */
  count: number;
  /** Publication times; stories published at the same time are numbered in the order of their slugs. */
  time: Float64Array;
  topics: Packed;
  authors: Packed;
  /** Each story's section id. */
  sections: Int32Array;
  elections: Packed;
  /** Editor's picks that exist (not the story itself), at most `count`. */
  picks: Packed;
  /** Stories the body already links to. */
  readMore: Packed;
  byTopic: Postings;
  byAuthor: Postings;
  bySection: Postings;
  byElection: Postings;
  topicWeight: Float64Array;
  /** 1 for a common topic. */
  common: Uint8Array;
  /** Each story's common topics hashed onto 32 bits: a candidate whose bits miss the story's own shares none of them. */
  commonBits: Int32Array;
  /** Authors hashed the same way. */
  authorBits: Int32Array;
  topicCount: number;
  authorCount: number;
  /** Milliseconds after a story that a newer story may be published and still be in its list. */
  newerWindow: number;
  window: number;
  electionWeight: number;
  sectionWeight: number;
  bylineWeight: number;
}

/** Common topics of one story that count towards scores; more are tag soup, and each doubles a lookup table. */
const MAX_COMMON_TOPICS = 12;

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

/** Stories handed out at a time: small enough that threads finish together, large enough to be cheap to hand out. */
const CHUNK = 256;

/**
 * The next stories to work on, from a counter threads may share (in a SharedArrayBuffer):
 * the first of up to `CHUNK` stories, or -1 when none are left.
 */
export function chunks(counter: Int32Array, n: number): () => number {
  return () => {
    const from = Atomics.add(counter, 0, CHUNK);
    return from < n ? from : -1;
  };
}

/**
 * Writes the lists of the stories `next` hands out into `out`: story s owns
 * out[s·count .. (s + 1)·count), story numbers with the picks first, -1 where the list is shorter.
 */
export function listsFor(p: PreparedIndex, out: Int32Array, next: () => number): void {
  const { n, time, topics, authors, sections } = p;
  const g: Gather = { time, marks: new Int32Array(n), scores: new Float64Array(n), touched: new Int32Array(n), count: 0 };
  const best = new Ranking(time);
  const fallback = new Ranking(time);
  const scoring: Scoring = {
    g,
    topics,
    authors,
    sections,
    commonBits: p.commonBits,
    ownBits: 0,
    authorBits: p.authorBits,
    ownTopicBit: new Int32Array(p.topicCount),
    ownAuthor: new Uint8Array(p.authorCount),
    commonSums: new Float64Array(1),
    commonAll: 0,
    section: 0,
    ownAuthorBits: 0,
    sectionWeight: p.sectionWeight,
    bylineWeight: p.bylineWeight,
    best,
    fallback,
  };

  for (let from = next(); from >= 0; from = next()) {
    const to = Math.min(from + CHUNK, n);
    for (let self = from; self < to; self++) listFor(p, scoring, out, self);
  }
}

/** Writes story `self`'s list into its slot of `out` (see listsFor). */
function listFor(p: PreparedIndex, scoring: Scoring, out: Int32Array, self: number): void {
  const { count, time, topics, authors, sections, elections, common, topicWeight } = p;
  const { g, best, fallback } = scoring;
  const slot = self * count;
  const pickFrom = p.picks.start[self]!;
  const pickTo = p.picks.start[self + 1]!;
  for (let j = pickFrom; j < pickTo; j++) out[slot + j - pickFrom] = p.picks.ids[j]!;
  const wanted = count - (pickTo - pickFrom);
  if (wanted <= 0) return;
  const excludedMark = 2 * (self + 1);
  g.marks[self] = excludedMark;
  for (let j = pickFrom; j < pickTo; j++) g.marks[p.picks.ids[j]!] = excludedMark;
  for (let j = p.readMore.start[self]!; j < p.readMore.start[self + 1]!; j++) g.marks[p.readMore.ids[j]!] = excludedMark;
  const latest = time[self]! + p.newerWindow;
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
  const reach = scoring.commonAll + p.sectionWeight + p.bylineWeight;
  for (let j = authors.start[self]!; j < authors.start[self + 1]!; j++) scoring.ownAuthor[authors.ids[j]!] = 1;
  scoring.section = sections[self]!;
  scoring.ownAuthorBits = p.authorBits[self]!;

  for (let j = ownFrom; j < ownTo; j++) {
    const topic = topics.ids[j]!;
    if (!common[topic]) gather(g, p.byTopic, topic, topicWeight[topic]!, latest, excludedMark);
  }
  for (let j = elections.start[self]!; j < elections.start[self + 1]!; j++) gather(g, p.byElection, elections.ids[j]!, p.electionWeight, latest, excludedMark);

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
      if (common[topic]) scanWindow(scoring, p.byTopic, topic, p.window, latest, excludedMark);
    }
    // A full list needs from the section and byline only stories that may share a common topic.
    if (!best.full() || scoring.ownBits !== 0) {
      scanWindow(scoring, p.bySection, scoring.section, p.window, latest, excludedMark);
      for (let j = authors.start[self]!; j < authors.start[self + 1]!; j++) scanWindow(scoring, p.byAuthor, authors.ids[j]!, p.window, latest, excludedMark);
    }
  }
  for (let j = ownFrom; j < ownTo; j++) scoring.ownTopicBit[topics.ids[j]!] = 0;
  for (let j = authors.start[self]!; j < authors.start[self + 1]!; j++) scoring.ownAuthor[authors.ids[j]!] = 0;
  let at = slot + (pickTo - pickFrom);
  for (const chosen of best.indexes()) out[at++] = chosen;
  for (const chosen of fallback.indexes()) if (at < slot + count) out[at++] = chosen;
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

/** The `k` best candidates, best first: higher score, then newer, then slug. k is small, so insertion beats a heap. */
class Ranking {
  private readonly chosen: number[] = [];
  private readonly scores: number[] = [];
  private k = 0;

  /** Ties are broken by `time`, then by the stories' slugs (their numbers, at equal times). */
  constructor(private readonly time: Float64Array) {}

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
    return x !== y ? x > y : index < rival;
  }
}
