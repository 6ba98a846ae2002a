import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { mulberry32, zipfTopicPicker } from "../bench/corpus.ts";
import { buildRelatedIndex, buildRelatedIndexInParallel, commonTopicLimit, prepareIndex, toMap, workInWorker, DEFAULT_RELATED_CONFIG, RelatedIndexMemo, relatedConfigSchema, type RelatedInput } from "./index.ts";

const DAY = 86_400_000;
const T0 = Date.parse("2023-03-19T12:00:00Z");

function story(slug: string, day: number, fields: Partial<RelatedInput> = {}): RelatedInput {
  return { slug, timestamp: T0 + day * DAY, section: "asia", topics: [], byline: [], related: [], listable: true, ...fields };
}

const config = (fields: Record<string, unknown> = {}) => relatedConfigSchema.parse(fields);
const listOf = (stories: RelatedInput[], slug: string, c = DEFAULT_RELATED_CONFIG) => buildRelatedIndex(stories, c).get(slug);

describe("buildRelatedIndex", () => {
  it("ranks by shared topics, then election, section and byline as lesser signals", () => {
    const stories = [
      story("lead", 0, { topics: ["kz", "polls"], election: "kz-2023", byline: ["ann"] }),
      story("two-topics", -5, { topics: ["kz", "polls"], section: "world" }),
      story("topic-and-election", -4, { topics: ["kz"], election: "kz-2023", section: "world" }),
      story("topic-and-section", -3, { topics: ["kz"] }),
      story("topic-and-byline", -2, { topics: ["kz"], section: "world", byline: ["ann"] }),
      story("topic-only", -1, { topics: ["kz"], section: "world" }),
      story("unrelated", -1, { topics: ["oil"], section: "world" }),
    ];
    assert.deepEqual(listOf(stories, "lead"), ["two-topics", "topic-and-election", "topic-and-byline", "topic-and-section", "topic-only"]);
  });

  it("breaks ties with the newer story, then the slug", () => {
    const stories = [
      story("lead", 0, { topics: ["kz"] }),
      story("b-older", -3, { topics: ["kz"] }),
      story("a-newer", -1, { topics: ["kz"] }),
      story("c-newer", -1, { topics: ["kz"] }),
    ];
    assert.deepEqual(listOf(stories, "lead"), ["a-newer", "c-newer", "b-older"]);
  });

  it("puts the editor's picks first, in their order, without repeating them", () => {
    const stories = [
      story("lead", 0, { topics: ["kz"], related: ["far-away", "close"] }),
      story("close", -1, { topics: ["kz"] }),
      story("far-away", -300, { topics: ["oil"], section: "business" }),
      story("other", -2, { topics: ["kz"] }),
    ];
    assert.deepEqual(listOf(stories, "lead"), ["far-away", "close", "other"]);
  });

  it("never lists a story in its own list, and keeps to the configured count", () => {
    const stories = [story("lead", 0, { topics: ["kz"], related: ["lead"] }), ...Array.from({ length: 9 }, (_, i) => story(`s${i}`, -i - 1, { topics: ["kz"] }))];
    const list = listOf(stories, "lead", config({ count: 3 }));
    assert.deepEqual(list, ["s0", "s1", "s2"]);
  });

  it("counts a very common topic for less, so a rare shared topic wins", () => {
    const filler = Array.from({ length: 60 }, (_, i) => story(`filler-${i}`, -2 - i / 10, { topics: ["kz"], section: "world" }));
    const stories = [
      story("lead", 0, { topics: ["kz", "senate"] }),
      story("shares-common", -1, { topics: ["kz"] }),
      story("shares-rare", -50, { topics: ["senate"], section: "world" }),
      ...filler,
    ];
    const damped = listOf(stories, "lead", config({ count: 2, commonTopicMinimum: 10, commonTopicShare: 0.1 }));
    assert.deepEqual(damped, ["shares-rare", "shares-common"]);
    // Undamped, the common topic plus the shared section outscore the rare topic.
    const undamped = listOf(stories, "lead", config({ count: 2, commonTopicMinimum: 1000 }));
    assert.equal(undamped?.[0], "shares-common");
    assert.notEqual(undamped?.[1], "shares-rare");
  });

  it("still fills a list from a common topic's stories nearest in time", () => {
    const stories = [
      story("lead", 0, { topics: ["kz"], section: "world" }),
      ...Array.from({ length: 100 }, (_, i) => story(`kz-${String(i).padStart(3, "0")}`, -1 - i, { topics: ["kz"], section: "business" })),
    ];
    assert.deepEqual(listOf(stories, "lead", config({ count: 3, commonTopicMinimum: 10 })), ["kz-000", "kz-001", "kz-002"]);
  });

  it("fills a common topic's window with stories a list may show, not drafts", () => {
    const stories = [
      story("lead", 0, { topics: ["kz"] }),
      ...Array.from({ length: 5 }, (_, i) => story(`draft-${i}`, -1 - i, { topics: ["kz"], listable: false })),
      story("published", -10, { topics: ["kz"] }),
    ];
    assert.deepEqual(listOf(stories, "lead", config({ count: 1, commonTopicMinimum: 2, commonTopicWindow: 3 })), ["published"]);
  });

  it("finds through the section's window an older story that shares a common topic and the desk", () => {
    const stories = [
      story("lead", 0, { topics: ["kz"], section: "world", byline: ["ann"] }),
      // The topic's window holds only the three newest kz stories, all from another section.
      ...Array.from({ length: 3 }, (_, i) => story(`kz-${i}`, -1 - i, { topics: ["kz"], section: "business" })),
      story("world-kz-older", -20, { topics: ["kz"], section: "world" }),
      story("world-only", -4, { topics: ["oil"], section: "world" }),
      ...Array.from({ length: 20 }, (_, i) => story(`filler-${i}`, -30 - i, { topics: ["kz"], section: "business" })),
    ];
    const policy = config({ count: 2, commonTopicMinimum: 2, commonTopicWindow: 3 });
    assert.deepEqual(listOf(stories, "lead", policy), ["world-kz-older", "kz-0"]);
  });

  it("fills a short list with stories that share only the section or byline, after those that share a topic", () => {
    const stories = [
      story("lead", 0, { topics: ["kz"], section: "world", byline: ["ann"] }),
      story("kz-only", -9, { topics: ["kz"], section: "business" }),
      story("same-desk", -3, { topics: ["oil"], section: "world", byline: ["ann"] }),
      story("same-section", -1, { topics: ["oil"], section: "world" }),
      story("nothing-shared", -1, { topics: ["oil"], section: "business" }),
    ];
    assert.deepEqual(listOf(stories, "lead", config({ count: 4 })), ["kz-only", "same-desk", "same-section"]);
  });

  it("scores a story with more common topics than it can count by its first twelve", () => {
    const topics = Array.from({ length: 14 }, (_, i) => `t${i}`);
    // Drafts make every topic common without being candidates.
    const drafts = Array.from({ length: 40 }, (_, i) => story(`draft-${i}`, -100 - i, { topics, listable: false }));
    const stories = [
      story("lead", 0, { topics }),
      story("shares-thirteenth", -1, { topics: ["t12", "t13"], section: "business" }),
      story("shares-first", -2, { topics: ["t0"], section: "business" }),
      ...drafts,
    ];
    assert.deepEqual(listOf(stories, "lead", config({ count: 1, commonTopicMinimum: 2, commonTopicWindow: 50 })), ["shares-first"]);
  });

  it("lets a newer story found through a common topic win a tie with one found through a rare topic", () => {
    const stories = [
      story("lead", 0, { topics: ["kz", "rare"], byline: ["ann"] }),
      story("rare-older", -5, { topics: ["rare"], section: "world" }),
      // kz is on four stories with a limit of two: it weighs 0.5, plus section and byline 0.25 each.
      story("kz-same-desk", -1, { topics: ["kz"], byline: ["ann"] }),
      story("kz-a", -10, { topics: ["kz"], section: "world" }),
      story("kz-b", -11, { topics: ["kz"], section: "world" }),
    ];
    const policy = config({ count: 1, commonTopicMinimum: 2 });
    assert.deepEqual(listOf(stories, "lead", policy), ["kz-same-desk"]);
    assert.deepEqual(listOf(stories.map((s) => (s.slug === "kz-same-desk" ? { ...s, timestamp: T0 - 6 * DAY } : s)), "lead", policy), ["rare-older"]);
  });

  it("does not repeat stories the body already links to with READ MORE", () => {
    const stories = [
      story("lead", 0, { topics: ["kz"], readMore: ["linked"] }),
      story("linked", -1, { topics: ["kz"] }),
      story("other", -2, { topics: ["kz"] }),
    ];
    assert.deepEqual(listOf(stories, "lead"), ["other"]);
  });

  it("leaves drafts and scheduled stories out of every list", () => {
    const stories = [
      story("lead", 0, { topics: ["kz"] }),
      story("draft", -1, { topics: ["kz"], listable: false }),
      story("published", -2, { topics: ["kz"] }),
    ];
    const index = buildRelatedIndex(stories);
    assert.deepEqual(index.get("lead"), ["published"]);
    assert.deepEqual(index.get("draft"), ["lead", "published"]);
    assert.deepEqual(index.get("published"), ["lead"]);
  });

  it("lets follow-ups within the window appear, but not stories long after", () => {
    const stories = [
      story("lead", 0, { topics: ["kz"] }),
      story("next-day", 1, { topics: ["kz"] }),
      story("next-year", 365, { topics: ["kz"] }),
      story("before", -1, { topics: ["kz"] }),
    ];
    assert.deepEqual(listOf(stories, "lead"), ["next-day", "before"]);
    assert.deepEqual(listOf(stories, "lead", config({ newerWithinDays: 0 })), ["before"]);
  });

  it("gives the same lists whatever the input order", () => {
    const stories = Array.from({ length: 200 }, (_, i) =>
      story(`s${i}`, (i * 37) % 90, { topics: [`t${i % 7}`, `t${(i * 3) % 11}`], section: i % 2 ? "asia" : "world", byline: [`a${i % 5}`] }),
    );
    const shuffled = [...stories].sort((a, b) => (a.slug.length * 31 + a.slug.charCodeAt(1)) % 13 - (b.slug.length * 31 + b.slug.charCodeAt(1)) % 13 || b.slug.localeCompare(a.slug));
    const a = buildRelatedIndex(stories, config({ commonTopicMinimum: 20 }));
    const b = buildRelatedIndex(shuffled, config({ commonTopicMinimum: 20 }));
    for (const { slug } of stories) assert.deepEqual(b.get(slug), a.get(slug), slug);
  });

  it("rejects a policy that is out of range, and fills in defaults", () => {
    assert.equal(relatedConfigSchema.safeParse({ count: 0 }).success, false);
    assert.equal(relatedConfigSchema.safeParse({ weights: { topic: -1 } }).success, false);
    assert.deepEqual(config({ weights: { section: 0.5 } }).weights, { topic: 1, election: 0.75, section: 0.5, byline: 0.25 });
    assert.equal(commonTopicLimit(100, DEFAULT_RELATED_CONFIG), 50);
    assert.equal(commonTopicLimit(2000, DEFAULT_RELATED_CONFIG), 200);
    assert.equal(commonTopicLimit(100_000, DEFAULT_RELATED_CONFIG), 500);
  });
});

describe("buildRelatedIndexInParallel", () => {
  // An archive with everything that changes a list: common and rare topics, equal times,
  // several authors or none, elections, picks (one of them missing), READ MORE links, drafts.
  function archive(n: number): RelatedInput[] {
    const random = mulberry32(7);
    const pickTopic = zipfTopicPicker(random, 60);
    return Array.from({ length: n }, (_, i) => {
      const topics = new Set<string>();
      const wanted = 1 + Math.floor(random() * 4);
      while (topics.size < wanted) topics.add(pickTopic());
      return story(`story-${i}`, Math.floor(i / 3) / 4, {
        section: `section-${Math.floor(random() * 4)}`,
        topics: [...topics],
        byline: random() < 0.1 ? [] : [`author-${Math.floor(random() * 12)}`, ...(random() < 0.2 ? [`author-${Math.floor(random() * 12)}`] : [])],
        ...(random() < 0.05 ? { election: `election-${Math.floor(random() * 3)}` } : {}),
        related: random() < 0.05 && i > 3 ? [`story-${i - 2}`, "missing"] : [],
        readMore: random() < 0.1 && i > 5 ? [`story-${i - 5}`] : [],
        listable: random() > 0.03,
      });
    });
  }

  it("gives every story the same list as one thread, whatever the number of threads", async () => {
    const stories = archive(3000);
    const c = config({ commonTopicMinimum: 20, commonTopicMaximum: 100, commonTopicWindow: 40 });
    const expected = buildRelatedIndex(stories, c);
    for (const threads of [2, 3]) {
      const lists = await buildRelatedIndexInParallel(stories, c, { threads, from: 0 });
      assert.deepEqual([...lists], [...expected], `${threads} threads`);
    }
  });

  it("lets worker threads alone write every list through shared memory", async () => {
    const stories = archive(3000);
    const ready = prepareIndex(stories, DEFAULT_RELATED_CONFIG);
    const { prepared } = ready;
    const out = new Int32Array(new SharedArrayBuffer(prepared.n * prepared.count * 4)).fill(-1);
    const counter = new Int32Array(new SharedArrayBuffer(4));
    await Promise.all([workInWorker({ prepared, out, counter }), workInWorker({ prepared, out, counter })]);
    assert.deepEqual([...toMap(stories, ready, out)], [...buildRelatedIndex(stories)]);
  });

  it("stays on this thread for a small archive", async () => {
    const stories = archive(50);
    assert.deepEqual(await buildRelatedIndexInParallel(stories, DEFAULT_RELATED_CONFIG, { threads: 4 }), buildRelatedIndex(stories));
  });
});

describe("RelatedIndexMemo", () => {
  const archive = () => [story("lead", 0, { topics: ["kz"] }), story("older", -1, { topics: ["kz"] }), story("oil", -2, { topics: ["oil"] })];

  it("reuses the index while nothing it is made of changes, and builds it again when something does", async () => {
    const memo = new RelatedIndexMemo();
    const first = await memo.get(archive());
    assert.equal(await memo.get(archive()), first, "same input, same index object");
    const moved = archive().map((s) => (s.slug === "oil" ? { ...s, topics: ["kz"] } : s));
    const second = await memo.get(moved);
    assert.notEqual(second, first);
    assert.deepEqual(second.get("lead"), ["older", "oil"]);
    assert.notEqual(await memo.get(moved, config({ count: 1 })), second, "a new policy builds it again");
  });
});
