import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DateTime } from "luxon";
import { jsonLineFinder } from "../articles/front-matter.ts";
import { checkCuration, frontPage, leadingSlots, liveBreaking, NO_CURATION, type PickableStory } from "./frontpage.ts";

const ZONE = "Asia/Almaty";
const at = (iso: string) => DateTime.fromISO(iso, { setZone: true }).toMillis();
const NOW = at("2023-03-19T22:00:00+06:00");
const story = (slug: string, section = "asia", more: Partial<PickableStory> = {}): PickableStory & { timestamp: number } => ({
  slug,
  url: `/${section}/2023/03/19/${slug}/`,
  section,
  date: "2023-03-19T20:00:00+06:00",
  draft: false,
  scheduled: false,
  timestamp: 0,
  ...more,
});
// Newest first, as the build lists them.
const stories = [story("e"), story("d", "world"), story("c"), story("b", "world"), story("a"), story("draft", "asia", { draft: true }), story("later", "asia", { scheduled: true, date: "2023-03-20T09:00:00+06:00" })];
const visible = stories.filter((s) => !s.draft && !s.scheduled);
const check = (raw: unknown, text?: string) =>
  checkCuration(raw, { file: "_data/frontpage.json", stories, sections: ["asia", "world"], zone: ZONE, now: NOW, ...(text ? { lineOf: jsonLineFinder(text) } : {}) });

describe("checkCuration", () => {
  it("accepts picks as slugs or with an expiry, and a breaking strip linking a story", () => {
    const { curation, problems } = check({
      front: ["c", { story: "a", expires: "2023-03-20T08:00:00+06:00" }],
      sections: { world: ["b"] },
      breaking: { text: "Polls have closed", story: "e", expires: "2023-03-19T23:30:00" },
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(curation?.front, [{ slug: "c" }, { slug: "a", expires: at("2023-03-20T08:00:00+06:00") }]);
    assert.deepEqual(curation?.sections, { world: [{ slug: "b" }] });
    // A time without an offset is read in the site's zone.
    assert.deepEqual(curation?.breaking, { text: "Polls have closed", url: "/asia/2023/03/19/e/", expires: at("2023-03-19T23:30:00+06:00") });
  });

  it("refuses picks of unknown, draft and scheduled stories, naming the file, field and line", () => {
    const text = JSON.stringify({ front: ["c", "ee", { story: "draft" }, "later"] }, null, 2);
    const { curation, problems } = check(JSON.parse(text), text);
    assert.equal(curation, undefined);
    assert.deepEqual(
      problems.map((p) => `${p.file}:${p.line}: ${p.field}: ${p.message}`),
      [
        '_data/frontpage.json:4: front[1]: no story has the slug "ee" (did you mean "e"?)',
        '_data/frontpage.json:6: front[2].story: "draft" is a draft, which readers cannot see; publish it or pick another story',
        '_data/frontpage.json:8: front[3]: "later" is scheduled for 2023-03-20T09:00:00+06:00; pick it once it is published, or pick another story',
      ],
    );
  });

  it("ignores an expired pick, whatever it names", () => {
    const { curation, problems } = check({ front: [{ story: "gone", expires: "2023-03-19T21:00:00+06:00" }, "c"] });
    assert.deepEqual(problems, []);
    assert.deepEqual(curation?.front, [{ slug: "c" }]);
  });

  it("refuses a section pick from another section, an unknown section, a story picked twice and a bad expiry", () => {
    const { problems } = check({ front: ["c", "c"], sections: { world: ["a"], aisa: ["c"] }, breaking: { text: "x", url: "/elections/", expires: "tomorrow" } });
    assert.deepEqual(
      problems.map((p) => `${p.field}: ${p.message}`),
      [
        'front[1]: "c" is picked twice in this list; each story takes one slot',
        'sections.world[0]: "a" is in the asia section, not world; pick it for the front page or for /asia/',
        'sections.aisa: unknown section "aisa" (did you mean "asia"?); expected one of: asia, world',
        'breaking.expires: expected an ISO 8601 date-time with a "T" between date and time, such as "2023-03-19T21:40:00+06:00"',
      ],
    );
  });

  it("refuses unknown fields and a breaking strip with no expiry or no link", () => {
    assert.deepEqual(
      check({ frnt: ["c"] }).problems.map((p) => `${p.field}: ${p.message}`),
      ['frnt: unknown field (did you mean "front"?); a typo here would be ignored, so it is an error'],
    );
    assert.match(check({ breaking: { text: "x", url: "/" } }).problems[0]?.message ?? "", /required: a breaking strip that nobody takes down/);
    assert.match(check({ breaking: { text: "x", expires: "2023-03-19T23:00:00+06:00" } }).problems[0]?.message ?? "", /expected a link: either "story"/);
    for (const url of ["//evil.example/x", "javascript:alert(1)", "http://plain.example/", "/two words"]) {
      assert.match(check({ breaking: { text: "x", url, expires: "2023-03-19T23:00:00+06:00" } }).problems[0]?.message ?? "", /expected a site path such as "\/elections\/" or an https:\/\/ URL/, url);
    }
  });

  it("drops a breaking strip that has expired, without checking its story", () => {
    const { curation, problems } = check({ breaking: { text: "Old news", story: "draft", expires: "2023-03-19T21:59:00+06:00" } });
    assert.deepEqual(problems, []);
    assert.equal(curation?.breaking, undefined);
  });
});

describe("leadingSlots", () => {
  it("puts live picks first, in order, then the newest stories not picked", () => {
    const picks = [{ slug: "a" }, { slug: "c", expires: at("2023-03-20T00:00:00+06:00") }];
    assert.deepEqual(leadingSlots(picks, visible, NOW, 3).map((s) => s.slug), ["a", "c", "e"]);
  });

  it("falls back to the newest when a pick expires or its story left the build", () => {
    const picks = [{ slug: "a", expires: at("2023-03-19T22:30:00+06:00") }, { slug: "removed" }];
    assert.deepEqual(leadingSlots(picks, visible, NOW, 2).map((s) => s.slug), ["a", "e"]);
    assert.deepEqual(leadingSlots(picks, visible, at("2023-03-19T22:30:00+06:00"), 2).map((s) => s.slug), ["e", "d"], "expired at that very minute");
  });

  it("takes no more picks than slots", () => {
    assert.deepEqual(leadingSlots([{ slug: "a" }, { slug: "b" }, { slug: "c" }], visible, NOW, 2).map((s) => s.slug), ["a", "b"]);
  });
});

describe("frontPage", () => {
  it("is the newest stories when editors picked nothing", () => {
    const front = frontPage(NO_CURATION, visible, ["asia", "world"], NOW, 2);
    assert.equal(front.lead?.slug, "e");
    assert.deepEqual(front.secondary.map((s) => s.slug), ["d", "c", "b"]);
    assert.deepEqual(front.latest.map((s) => s.slug), ["a"]);
    // Each section's top stories, less those already leading the page.
    assert.deepEqual(front.sections.map((b) => [b.key, b.stories.map((s) => s.slug)]), [["asia", ["a"]]]);
  });

  it("leads with the editors' picks for the page and for each section", () => {
    const front = frontPage({ front: [{ slug: "a" }], sections: { world: [{ slug: "b" }] } }, visible, ["asia", "world"], NOW, 8);
    assert.equal(front.lead?.slug, "a");
    assert.deepEqual(front.secondary.map((s) => s.slug), ["e", "d", "c"]);
    assert.deepEqual(front.latest.map((s) => s.slug), ["b"]);
    assert.deepEqual(front.sections.map((b) => [b.key, b.stories.map((s) => s.slug)]), [["world", ["b"]]]);
  });
});

describe("liveBreaking", () => {
  it("shows the strip until it expires, with the expiry in the site's zone", () => {
    const strip = { text: "Polls close", url: "/elections/", expires: at("2023-03-19T17:00:00Z") };
    assert.deepEqual(liveBreaking(strip, NOW, ZONE), { text: "Polls close", url: "/elections/", expires: "2023-03-19T23:00:00+06:00" });
    assert.equal(liveBreaking(strip, at("2023-03-19T17:00:00Z"), ZONE), undefined);
  });
});
