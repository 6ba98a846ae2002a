import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { z } from "zod";
import { chunks, listsFor, type Packed, type Postings, type PreparedIndex } from "./lists.ts";

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

/** Integer ids for a string key (topic, section, author, election), in order of first use. */
class Ids {
  readonly byKey = new Map<string, number>();
  id(key: string): number {
    let id = this.byKey.get(key);
    if (id === undefined) this.byKey.set(key, (id = this.byKey.size));
    return id;
  }
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

/** The stories in time order, their numbers by slug, and the index's arrays made from them. */
export interface PreparedStories {
  stories: RelatedInput[];
  numbers: ReadonlyMap<string, number>;
  prepared: PreparedIndex;
}

export function prepareIndex(input: readonly RelatedInput[], config: RelatedConfig): PreparedStories {
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

  const limit = commonTopicLimit(n, config);
  const topicWeight = new Float64Array(topicIds.byKey.size);
  const common = new Uint8Array(topicIds.byKey.size);
  for (let t = 0; t < topicWeight.length; t++) {
    const count = topicCounts[t + 1]! - topicCounts[t]!;
    common[t] = count > limit ? 1 : 0;
    topicWeight[t] = config.weights.topic * (count > limit ? limit / count : 1);
  }
  const commonBits = new Int32Array(n);
  for (let s = 0; s < n; s++) for (let j = topics.start[s]!; j < topics.start[s + 1]!; j++) if (common[topics.ids[j]!]) commonBits[s]! |= 1 << (topics.ids[j]! & 31);
  const authorBits = new Int32Array(n);
  for (let s = 0; s < n; s++) for (let j = authors.start[s]!; j < authors.start[s + 1]!; j++) authorBits[s]! |= 1 << (authors.ids[j]! & 31);

  const numbers = new Map(stories.map((s, i) => [s.slug, i]));
  const storyNumbers = (slugs: readonly string[]) => slugs.map((slug) => numbers.get(slug)!);
  const picks = packNumbers(n, (i) => storyNumbers(stories[i]!.related.filter((slug) => slug !== stories[i]!.slug && numbers.has(slug)).slice(0, config.count)));
  const readMore = packNumbers(n, (i) => storyNumbers((stories[i]!.readMore ?? []).filter((slug) => numbers.has(slug))));

  const prepared: PreparedIndex = {
    n,
    count: config.count,
    time,
    topics,
    authors,
    sections: sections.ids,
    elections,
    picks,
    readMore,
    byTopic: postings(topics, topicIds.byKey.size, listable),
    byAuthor: postings(authors, authorIds.byKey.size, listable),
    bySection: postings(sections, sectionIds.byKey.size, listable),
    byElection: postings(elections, electionIds.byKey.size, listable),
    topicWeight,
    common,
    commonBits,
    authorBits,
    topicCount: topicIds.byKey.size,
    authorCount: authorIds.byKey.size,
    newerWindow: config.newerWithinDays * DAY,
    window: config.commonTopicWindow,
    electionWeight: config.weights.election,
    sectionWeight: config.weights.section,
    bylineWeight: config.weights.byline,
  };
  return { stories, numbers, prepared };
}

function packNumbers(n: number, numbers: (i: number) => readonly number[]): Packed {
  const start = new Int32Array(n + 1);
  const all: number[] = [];
  for (let i = 0; i < n; i++) {
    all.push(...numbers(i));
    start[i + 1] = all.length;
  }
  return { start, ids: Int32Array.from(all) };
}

/** The lists as slugs, in the order the stories came in; story s (in time order) owns out[s·count .. (s + 1)·count). */
export function toMap(input: readonly RelatedInput[], { stories, numbers, prepared: { count } }: PreparedStories, out: Int32Array): Map<string, string[]> {
  return new Map(
    input.map((story) => {
      const slot = numbers.get(story.slug)! * count;
      const list: string[] = [];
      for (let j = slot; j < slot + count && out[j]! >= 0; j++) list.push(stories[out[j]!]!.slug);
      return [story.slug, list];
    }),
  );
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
  const ready = prepareIndex(input, config);
  const { prepared } = ready;
  const out = new Int32Array(prepared.n * prepared.count).fill(-1);
  listsFor(prepared, out, chunks(new Int32Array(1), prepared.n));
  return toMap(input, ready, out);
}

/** Below this many stories a worker thread costs more to start than it saves. */
export const PARALLEL_FROM = 40_000;
/** Each worker holds a copy of the index's arrays (10 MB at 100,000 stories): a few are plenty. */
const MAX_THREADS = 4;

/**
 * The same lists as `buildRelatedIndex`, worked out on several cores: worker threads
 * (up to four threads in all, this one included) take stories a few hundred at a time
 * from a counter they share, and write the lists into shared memory. Newer stories cost
 * more, and a worker starts later than this thread: handing out work as it is asked
 * for keeps every thread busy to the end.
 */
export async function buildRelatedIndexInParallel(
  input: readonly RelatedInput[],
  config: RelatedConfig = DEFAULT_RELATED_CONFIG,
  { threads = Math.min(availableParallelism(), MAX_THREADS), from = PARALLEL_FROM } = {},
): Promise<Map<string, string[]>> {
  if (threads < 2 || input.length < from) return buildRelatedIndex(input, config);
  const ready = prepareIndex(input, config);
  const { prepared } = ready;
  const out = new Int32Array(new SharedArrayBuffer(prepared.n * prepared.count * Int32Array.BYTES_PER_ELEMENT)).fill(-1);
  const counter = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const workers = Array.from({ length: threads - 1 }, () => workInWorker({ prepared, out, counter }));
  listsFor(prepared, out, chunks(counter, prepared.n));
  await Promise.all(workers);
  return toMap(input, ready, out);
}

/** One worker thread taking stories from `counter` until none are left; resolves when it has. */
export function workInWorker(workerData: { prepared: PreparedIndex; out: Int32Array; counter: Int32Array }): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./worker.mjs", import.meta.url), { workerData });
    worker.once("message", () => {
      resolve();
      void worker.terminate();
    });
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the related-stories worker stopped (exit code ${code})`)));
  });
}

/**
 * The last index and what it was built from. The dev server rebuilds after every save;
 * most saves change a story's text, not what its list is made of, and then the index is
 * reused (building it takes 0.2 s at 10,000 stories; comparing, about 20 ms).
 */
export class RelatedIndexMemo {
  #key: string | undefined;
  #index: Promise<Map<string, string[]>> | undefined;

  get(input: readonly RelatedInput[], config: RelatedConfig = DEFAULT_RELATED_CONFIG): Promise<Map<string, string[]>> {
    const key = `${JSON.stringify(config)}\n${input.map(inputKey).join("\n")}`;
    if (!this.#index || key !== this.#key) {
      const index = buildRelatedIndexInParallel(input, config);
      // A failure is not kept: the next build tries again.
      index.catch(() => {
        if (this.#index === index) this.#index = undefined;
      });
      this.#index = index;
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

function compareTime(a: RelatedInput, b: RelatedInput): number {
  return a.timestamp - b.timestamp || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
}

