import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DateTime } from "luxon";
import { formatProblems, loadArticles, type ArticleSource } from "../articles/load.ts";
import { articleSource, siteData } from "../articles/test-fixtures.ts";
import { newsArticle } from "../seo/json-ld.ts";
import { entryHeadline, JSON_LD_UPDATES, liveBlogPosting, liveJson, plainText } from "./distribution.ts";

const LIVE = { date: '"2023-03-19T08:00:00+06:00"', live: '{ start: "2023-03-19T08:00:00+06:00", end: "2023-03-20T13:00:00+06:00" }', byline: "[aigerim-sadykova]", credit: undefined };
const BODY = "Intro.\n\n::: 08:00 | Polls open | key\nVoting has begun.\n\n::: 10:20 | by aigerim-sadykova\nTurnout **14.21 %**.\n\n::: 21:00 | Polls close | key\nVoting is over.\n";
const at = (iso: string) => DateTime.fromISO(iso, { setZone: true });

async function load(source: ArticleSource, now: string, preview = false) {
  return loadArticles([source], siteData, { publicDir: "public", now: at(now), preview });
}

describe("a live story", () => {
  it("lists the entries readers may see newest first, and is last modified by the newest", async () => {
    const { articles, problems } = await load(articleSource("live", LIVE, BODY), "2023-03-20T09:00:00+06:00");
    assert.deepEqual(problems, []);
    const story = articles[0]!;
    assert.equal(story.live?.status, "live");
    assert.equal(story.live?.intro, "Intro.");
    assert.deepEqual(story.live?.entries.map((e) => [e.id, e.title, e.key]), [
      ["update-20230319-2100", "Polls close", true],
      ["update-20230319-1020", undefined, false],
      ["update-20230319-0800", "Polls open", true],
    ]);
    assert.equal(story.updated, "2023-03-19T21:00:00+06:00");
  });

  it("is ended from its end time", async () => {
    const { articles } = await load(articleSource("live", LIVE, BODY), "2023-03-20T13:00:00+06:00");
    assert.equal(articles[0]!.live?.status, "ended");
  });

  it("refuses an entry timed after now in production, naming its line; a preview shows it as scheduled", async () => {
    const production = await load(articleSource("live", LIVE, BODY), "2023-03-19T12:00:00+06:00");
    assert.equal(formatProblems(production.problems), "src/content/articles/live.md:18: live entry time: 2023-03-19T21:00:00+06:00 is after now: an entry is published when it is written, so give it the time it goes out (a preview or a draft may show it early)");
    const preview = await load(articleSource("live", LIVE, BODY), "2023-03-19T12:00:00+06:00", true);
    assert.deepEqual(preview.problems, []);
    assert.deepEqual(preview.articles[0]!.live?.entries.map((e) => e.scheduled), [true, undefined, undefined]);
    assert.equal(preview.articles[0]!.updated, "2023-03-19T10:20:00+06:00");
    // A story not yet published may hold entries written ahead.
    const scheduled = await load(articleSource("live", LIVE, BODY), "2023-03-19T07:00:00+06:00");
    assert.deepEqual(scheduled.problems, []);
    assert.equal(scheduled.articles[0]!.live?.status, "upcoming");
  });

  it("reports problems in the body and in live: at the file's lines, all at once", async () => {
    const body = "::: 10:00\nA.\n::: 09:00 | by nobody\nB.\n";
    const { problems } = await load(articleSource("live", LIVE, body), "2023-03-21T00:00:00+06:00");
    assert.deepEqual(formatProblems(problems).split("\n"), [
      'src/content/articles/live.md:12: live entry byline: unknown author "nobody"; expected one of: aigerim-sadykova',
      "src/content/articles/live.md:12: live entry time: 2023-03-19T09:00:00+06:00 is before the entry above it (2023-03-19T10:00:00+06:00, line 10); entries go oldest first, so add new ones at the end",
    ]);
    const backwards = await load(articleSource("live", { ...LIVE, live: '{ start: "2023-03-19T08:00:00+06:00", end: "2023-03-19T07:00:00+06:00" }' }, BODY), "2023-03-21T00:00:00+06:00");
    assert.equal(formatProblems(backwards.problems), "src/content/articles/live.md:7: live.end: must be after live.start (the coverage ends after it starts)");
  });
});

describe("the live story's JSON-LD and update file", () => {
  const entries = [
    { id: "update-20230319-2100", time: "2023-03-19T21:00:00+06:00", title: "Polls close", html: "<p>Voting is over.</p>" },
    { id: "update-20230319-1020", time: "2023-03-19T10:20:00+06:00", html: "<p>Turnout <strong>14.21 %</strong> &amp; rising.</p>" },
  ];

  it("is a schema.org LiveBlogPosting with its coverage and each update as a BlogPosting at its permalink", async () => {
    const { articles } = await load(articleSource("live", LIVE, BODY), "2023-03-20T09:00:00+06:00");
    const story = articles[0]!;
    const base = newsArticle(story, siteData.site, siteData.authors, siteData.topics, "Asia");
    const ld = liveBlogPosting(base, story.live!, entries, "https://gazette.example/asia/2023/03/19/live/");
    assert.equal(ld["@context"], "https://schema.org");
    assert.equal(ld["@type"], "LiveBlogPosting");
    assert.equal(ld.headline, story.title);
    assert.equal(ld.coverageStartTime, "2023-03-19T08:00:00+06:00");
    assert.equal(ld.coverageEndTime, "2023-03-20T13:00:00+06:00");
    assert.equal(ld.dateModified, "2023-03-19T21:00:00+06:00");
    assert.deepEqual(ld.liveBlogUpdate, [
      { "@type": "BlogPosting", headline: "Polls close", datePublished: "2023-03-19T21:00:00+06:00", url: "https://gazette.example/asia/2023/03/19/live/#update-20230319-2100", articleBody: "Voting is over." },
      { "@type": "BlogPosting", headline: "Turnout 14.21 % & rising.", datePublished: "2023-03-19T10:20:00+06:00", url: "https://gazette.example/asia/2023/03/19/live/#update-20230319-1020", articleBody: "Turnout 14.21 % & rising." },
    ]);
  });

  it("lists the newest 50 updates and none scheduled", () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ id: `u${i}`, time: `t${i}`, html: "<p>x</p>", ...(i === 0 ? { scheduled: true as const } : {}) }));
    const ld = liveBlogPosting({}, { start: "s", end: "e" }, many, "https://x.example/");
    const updates = ld.liveBlogUpdate as { url: string }[];
    assert.equal(updates.length, JSON_LD_UPDATES);
    assert.equal(updates[0]!.url, "https://x.example/#u1");
  });

  it("headlines an untitled update with the start of its text, cut between words", () => {
    const long = `<p>${"word ".repeat(40)}</p>`;
    const headline = entryHeadline({ html: long });
    assert.ok(headline.length <= 110 && headline.endsWith("word…"), headline);
    assert.equal(plainText("<p>a&lt;b&gt; &quot;c&quot; &#39;d&#39;</p>\n<p>e</p>"), "a<b> \"c\" 'd' e");
  });

  it("writes a small update file: status, coverage and each entry's anchor and time, newest first", () => {
    const entry = (e: (typeof entries)[number]) => ({ ...e, timestamp: 0, byline: [], key: false, body: "", line: 1 });
    const json = JSON.parse(liveJson({ status: "live", start: "s", end: "e", entries: [{ ...entry(entries[0]!), scheduled: true as const }, entry(entries[1]!)] }));
    assert.deepEqual(json, { status: "live", start: "s", end: "e", modified: "2023-03-19T10:20:00+06:00", entries: [{ id: "update-20230319-1020", time: "2023-03-19T10:20:00+06:00" }] });
  });
});
