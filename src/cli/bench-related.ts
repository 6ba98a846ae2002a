import { parseArgs } from "node:util";
import { mulberry32, zipfTopicPicker } from "../bench/corpus.ts";
import { availableParallelism } from "node:os";
import { buildRelatedIndex, buildRelatedIndexInParallel, commonTopicLimit, DEFAULT_RELATED_CONFIG, PARALLEL_FROM, relatedConfigSchema, type RelatedInput } from "../related/index.ts";

/**
 * Prints how the related-stories index scales: a synthetic archive with
 * Zipf-like topic frequencies (the most common topic on ~40 % of stories),
 * built at several sizes. Figures only; nothing here is asserted.
 */
const { values } = parseArgs({
  options: {
    articles: { type: "string", multiple: true },
    topics: { type: "string", default: "200" },
    "reference-max": { type: "string", default: "4000" },
    sample: { type: "string", default: "300" },
    window: { type: "string" },
  },
});

const sizes = (values.articles ?? ["1000", "4000", "10000", "30000"]).map(Number);
const topicCount = Number(values.topics);
const config = values.window === undefined ? DEFAULT_RELATED_CONFIG : relatedConfigSchema.parse({ commonTopicWindow: Number(values.window) });

function syntheticArchive(n: number): RelatedInput[] {
  const random = mulberry32(20230319);
  const pickTopic = zipfTopicPicker(random, topicCount);
  const start = Date.parse("2015-01-01T00:00:00Z");
  return Array.from({ length: n }, (_, i) => {
    const topics = new Set<string>();
    const wanted = 2 + Math.floor(random() * 3);
    while (topics.size < wanted) topics.add(pickTopic());
    return {
      slug: `story-${i}`,
      timestamp: start + i * 3_600_000 + Math.floor(random() * 3_000_000),
      section: `section-${Math.floor(random() * 6)}`,
      topics: [...topics],
      byline: [`author-${Math.floor(random() * 40)}`],
      ...(random() < 0.05 ? { election: `election-${Math.floor(random() * 8)}` } : {}),
      related: [],
      listable: true,
    };
  });
}

/**
 * The reference the index approximates: every pair scored with the same weights
 * and damping. Quadratic, so only run at small sizes, to report agreement.
 */
function pairScorer(stories: readonly RelatedInput[]): (a: RelatedInput, b: RelatedInput) => number {
  const counts = new Map<string, number>();
  for (const s of stories) for (const t of s.topics) counts.set(t, (counts.get(t) ?? 0) + 1);
  const limit = commonTopicLimit(stories.length, config);
  const weight = (t: string) => config.weights.topic * Math.min(1, limit / (counts.get(t) ?? 1));
  return (a, b) => {
    let score = b.topics.filter((t) => a.topics.includes(t)).reduce((sum, t) => sum + weight(t), 0);
    if (a.election && a.election === b.election) score += config.weights.election;
    if (score === 0) return 0;
    if (a.section === b.section) score += config.weights.section;
    if (b.byline.some((x) => a.byline.includes(x))) score += config.weights.byline;
    return score;
  };
}

/** The reference lists of `of`, each scored against every story. */
function allPairs(of: readonly RelatedInput[], stories: readonly RelatedInput[], score: (a: RelatedInput, b: RelatedInput) => number): Map<string, string[]> {
  const window = config.newerWithinDays * 86_400_000;
  const lists = new Map<string, string[]>();
  for (const a of of) {
    const scored = stories
      .filter((b) => b !== a && b.timestamp - a.timestamp <= window)
      .map((b) => ({ b, score: score(a, b) }))
      .filter((x) => x.score > 0)
      .sort((x, y) => y.score - x.score || y.b.timestamp - x.b.timestamp || (x.b.slug < y.b.slug ? -1 : 1));
    lists.set(a.slug, scored.slice(0, config.count).map((x) => x.b.slug));
  }
  return lists;
}

/** Every story of a small archive; an evenly spread sample of a large one, as all pairs are quadratic. */
function referenceSample(stories: readonly RelatedInput[]): readonly RelatedInput[] {
  if (stories.length <= Number(values["reference-max"])) return stories;
  const size = Number(values.sample);
  return Array.from({ length: size }, (_, i) => stories[Math.floor(((i + 0.5) * stories.length) / size)]!);
}

console.log(
  `Related-stories index, ${topicCount} topics, ${config.count} per list, common-topic window ${config.commonTopicWindow}; ${availableParallelism()} threads from ${PARALLEL_FROM} stories, as in a build (node ${process.version})`,
);
console.log("stories    build ms   one thread ms   µs/story   common topics   most common topic   all-pairs ms   same lists   equally good   score kept");
for (const n of sizes) {
  const stories = syntheticArchive(n);
  const counts = new Map<string, number>();
  for (const s of stories) for (const t of s.topics) counts.set(t, (counts.get(t) ?? 0) + 1);
  const limit = commonTopicLimit(n, config);
  const common = [...counts.values()].filter((c) => c > limit).length;
  const top = Math.max(...counts.values());
  buildRelatedIndex(stories.slice(0, Math.min(n, 500)), config);
  const oneThreadStarted = performance.now();
  buildRelatedIndex(stories, config);
  const oneThreadMs = performance.now() - oneThreadStarted;
  const started = performance.now();
  const index = await buildRelatedIndexInParallel(stories, config);
  const ms = performance.now() - started;
  const sample = referenceSample(stories);
  const referenceStarted = performance.now();
  const score = pairScorer(stories);
  const exact = allPairs(sample, stories, score);
  const referenceMs = performance.now() - referenceStarted;
  const bySlug = new Map(stories.map((s) => [s.slug, s]));
  const scores = (story: RelatedInput, list: readonly string[] = []) => list.map((slug) => score(story, bySlug.get(slug)!));
  const total = (lists: Map<string, string[]>) => sample.reduce((sum, s) => sum + scores(s, lists.get(s.slug)).reduce((a, b) => a + b, 0), 0);
  const same = sample.filter((s) => JSON.stringify(exact.get(s.slug)) === JSON.stringify(index.get(s.slug))).length;
  // Equally good: the same scores in the same places, though ties may pick other stories.
  const shown = (story: RelatedInput, lists: Map<string, string[]>) => scores(story, lists.get(story.slug)).map((x) => x.toFixed(6)).join();
  const equal = sample.filter((s) => shown(s, exact) === shown(s, index)).length;
  const percent = (count: number, of: number) => `${((100 * count) / of).toFixed(1)} %`;
  console.log(
    [
      String(n).padStart(7),
      ms.toFixed(0).padStart(10),
      oneThreadMs.toFixed(0).padStart(15),
      ((ms * 1000) / n).toFixed(1).padStart(10),
      String(common).padStart(15),
      percent(top, n).padStart(19),
      referenceMs.toFixed(0).padStart(14),
      percent(same, sample.length).padStart(12),
      percent(equal, sample.length).padStart(14),
      // The lists' summed scores against the best possible: what windows cost in relevance.
      percent(total(index), total(exact)).padStart(12),
      sample.length < n ? `  (${sample.length} stories sampled)` : "",
    ].join(" "),
  );
}
