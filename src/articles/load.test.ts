import assert from "node:assert/strict";
import { mkdtemp, writeFile, mkdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { before, describe, it } from "node:test";
import { DateTime } from "luxon";
import type { Problem } from "./front-matter.ts";
import { formatProblems, inlineLinks, loadArticles, readArticleSources, type ArticleSource } from "./load.ts";
import { parseElection } from "../elections/load.ts";
import type { ElectionRecord } from "../elections/record.ts";
import { sampleElection } from "../elections/test-fixtures.ts";
import { articleSource, NOW, siteData } from "./test-fixtures.ts";

let publicDir: string;
before(async () => {
  publicDir = await mkdtemp(path.join(tmpdir(), "broadsheet-public-"));
  await mkdir(path.join(publicDir, "images"));
  await writeFile(path.join(publicDir, "images", "polls.svg"), '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675"></svg>');
  await writeFile(path.join(publicDir, "images", "broken.png"), "not a png");
});

const load = (...sources: ArticleSource[]) => loadArticles(sources, siteData, { publicDir, now: NOW });

/** The problems reported for one file, as `field: message` lines. */
async function problemsOf(source: ArticleSource): Promise<Problem[]> {
  const { problems } = await load(source);
  return problems;
}

function onlyProblem(problems: Problem[]): Problem {
  assert.equal(problems.length, 1, formatProblems(problems));
  return problems[0] as Problem;
}

describe("readArticleSources", () => {
  it("reads every Markdown file of a large folder tree, a few at a time, in path order", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "broadsheet-sources-"));
    for (const year of ["2022", "2023"]) {
      await mkdir(path.join(dir, year));
      for (let i = 0; i < 150; i++) await writeFile(path.join(dir, year, `story-${String(i).padStart(3, "0")}.md`), `${year} ${i}`);
    }
    await writeFile(path.join(dir, "notes.txt"), "not a story");
    const sources = await readArticleSources(dir);
    assert.equal(sources.length, 300);
    assert.ok(sources[0]!.inputPath.endsWith("/2022/story-000.md"));
    assert.equal(sources[0]!.text, "2022 0");
    assert.ok(sources[299]!.inputPath.endsWith("/2023/story-149.md"));
    assert.equal(sources[299]!.text, "2023 149");
    assert.deepEqual(await readArticleSources(path.join(dir, "missing")), []);
  });

  it("reads again only the files named as changed, and new ones; deleted files are gone", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "broadsheet-sources-"));
    for (const name of ["a", "b", "c"]) await writeFile(path.join(dir, `${name}.md`), `${name} 1`);
    const first = await readArticleSources(dir);
    const texts = new Map(first.map((source) => [source.inputPath, source.text]));
    const inputPath = (name: string) => first.find((source) => source.inputPath.endsWith(`/${name}.md`))!.inputPath;
    await writeFile(path.join(dir, "a.md"), "a 2");
    await writeFile(path.join(dir, "b.md"), "b 2");
    await writeFile(path.join(dir, "d.md"), "d 1");
    await rm(path.join(dir, "c.md"));
    const again = await readArticleSources(dir, { texts, changed: new Set([inputPath("a")]) });
    // b changed on disk too, but the watcher did not say so: its text is the one read before.
    assert.deepEqual(again.map((source) => source.text), ["a 2", "b 1", "d 1"]);
  });
});

describe("loadArticles: a valid article", () => {
  it("becomes a record with its URL dated in the publication's timezone", async () => {
    const { articles, problems } = await load(articleSource("after-midnight", { date: '"2023-03-20T00:30:00+06:00"' }));
    assert.deepEqual(problems, []);
    const [article] = articles;
    assert.equal(article?.url, "/asia/2023/03/20/after-midnight/");
    assert.equal(article?.date, "2023-03-20T00:30:00+06:00");
    assert.equal(article?.scheduled, false);
  });

  it("reads a date without offset in the site's zone", async () => {
    const { articles } = await load(articleSource("local-time", { date: "2023-03-19T21:40" }));
    assert.equal(articles[0]?.date, "2023-03-19T21:40:00+06:00");
  });

  it("measures the lead image and accepts a single byline as text", async () => {
    const { articles, problems } = await load(
      articleSource("with-image", { byline: "aigerim-sadykova", image: '{ src: /images/polls.svg, alt: "Voters queue", caption: "Queues", credit: Reuters }' }),
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(articles[0]?.byline, ["aigerim-sadykova"]);
    assert.equal(articles[0]?.image?.width, 1200);
    assert.equal(articles[0]?.image?.height, 675);
  });

  it("marks future stories as scheduled and keeps drafts flagged", async () => {
    const { articles } = await load(articleSource("tomorrow", { date: '"2023-04-02T09:00:00+06:00"' }), articleSource("wip", { draft: "true" }));
    assert.equal(articles.find((a) => a.slug === "tomorrow")?.scheduled, true);
    assert.equal(articles.find((a) => a.slug === "wip")?.draft, true);
  });

  it("sorts newest first, the slug breaking ties", async () => {
    const { articles } = await load(
      articleSource("b-same-time"),
      articleSource("older", { date: '"2023-03-18T10:00:00+06:00"' }),
      articleSource("a-same-time"),
    );
    assert.deepEqual(articles.map((a) => a.slug), ["a-same-time", "b-same-time", "older"]);
  });
});

describe("loadArticles: each bad input is a clear error with file, field and line", () => {
  it("malformed YAML", async () => {
    const problem = onlyProblem(await problemsOf({ inputPath: "./src/content/articles/bad.md", text: '---\ntitle: "Unclosed\nsummary: x\n---\n' }));
    assert.equal(problem.file, "src/content/articles/bad.md");
    assert.match(problem.message, /malformed YAML/);
    assert.equal(typeof problem.line, "number");
  });

  it("a file with no front matter", async () => {
    const problem = onlyProblem(await problemsOf({ inputPath: "./src/content/articles/bare.md", text: "Just text.\n" }));
    assert.match(problem.message, /must start with front matter/);
  });

  it("a missing title", async () => {
    const problem = onlyProblem(await problemsOf(articleSource("no-title", { title: undefined })));
    assert.equal(problem.field, "title");
    assert.match(problem.message, /is required \(the headline\)/);
  });

  it("an empty title", async () => {
    const problem = onlyProblem(await problemsOf(articleSource("empty-title", { title: '"  "' })));
    assert.equal(problem.field, "title");
    assert.equal(problem.line, 2);
    assert.match(problem.message, /must not be empty/);
  });

  it("a date with no time", async () => {
    const problem = onlyProblem(await problemsOf(articleSource("day-only", { date: "2023-03-19" })));
    assert.equal(problem.field, "date");
    assert.equal(problem.line, 4);
    assert.match(problem.message, /expected a time as well as a date/);
  });

  it("an impossible date", async () => {
    const problem = onlyProblem(await problemsOf(articleSource("feb-30", { date: '"2023-02-30T10:00:00+06:00"' })));
    assert.equal(problem.field, "date");
    assert.match(problem.message, /expected a real date-time/);
  });

  it("updated before date", async () => {
    const problem = onlyProblem(await problemsOf(articleSource("time-travel", { updated: '"2023-03-19T08:00:00+06:00"' })));
    assert.equal(problem.field, "updated");
    assert.match(problem.message, /must not be before date/);
  });

  it("an image without alt text", async () => {
    const problem = onlyProblem(await problemsOf(articleSource("no-alt", { image: "\n  src: /images/polls.svg\n  caption: Queues" })));
    assert.equal(problem.field, "image.alt");
    assert.match(problem.message, /is required \(alt text/);
    assert.equal(problem.line, 8);
  });

  it("an image file that does not exist or cannot be read", async () => {
    const missing = onlyProblem(await problemsOf(articleSource("lost-image", { image: '{ src: /images/lost.jpg, alt: "A" }' })));
    assert.equal(missing.field, "image.src");
    assert.match(missing.message, /no such file/);
    const broken = onlyProblem(await problemsOf(articleSource("broken-image", { image: '{ src: /images/broken.png, alt: "A" }' })));
    assert.match(broken.message, /cannot read its size/);
  });

  it("two articles with the same slug", async () => {
    const first = articleSource("same");
    const second = { ...articleSource("other", { slug: "same" }), inputPath: "./src/content/articles/2023/other.md" };
    const problem = onlyProblem((await load(first, second)).problems);
    assert.equal(problem.field, "slug");
    assert.match(problem.message, /"same" is already the slug of src\/content\/articles\/same\.md/);
  });

  it("an unknown section suggests the nearest known one", async () => {
    const problem = onlyProblem(await problemsOf(articleSource("typo-section", { section: "aisa" })));
    assert.equal(problem.field, "section");
    assert.match(problem.message, /unknown section "aisa" \(did you mean "asia"\?\); expected one of: asia, world/);
  });

  it("an unknown topic suggests the nearest known one", async () => {
    const problem = onlyProblem(await problemsOf(articleSource("typo-topic", { topics: "[kazakhstan, elecions]" })));
    assert.equal(problem.field, "topics[1]");
    assert.match(problem.message, /unknown topic "elecions" \(did you mean "elections"\?\)/);
  });

  it("an unknown topic far from any known one gives no false suggestion", async () => {
    const problem = onlyProblem(await problemsOf(articleSource("new-topic", { topics: "[volcanoes]" })));
    assert.doesNotMatch(problem.message, /did you mean/);
  });

  it("an unknown field, as a likely typo", async () => {
    const problem = onlyProblem(await problemsOf(articleSource("typo-field", { sumary: "x" })));
    assert.equal(problem.field, "sumary");
    assert.match(problem.message, /unknown field \(did you mean "summary"\?\)/);
  });

  it("neither byline nor credit", async () => {
    const problem = onlyProblem(await problemsOf(articleSource("anonymous", { credit: undefined })));
    assert.equal(problem.field, "byline");
    assert.match(problem.message, /expected a byline/);
  });

  it("an unknown author", async () => {
    const problem = onlyProblem(await problemsOf(articleSource("who", { byline: "[aigerim-sadykva]" })));
    assert.equal(problem.field, "byline[0]");
    assert.match(problem.message, /did you mean "aigerim-sadykova"/);
  });

  it("a date that YAML would turn into a timestamp stays our rule, not UTC", async () => {
    const { articles } = await load(articleSource("unquoted", { date: "2023-03-19T21:40:00" }));
    assert.equal(articles[0]?.date, "2023-03-19T21:40:00+06:00");
  });

  it("reports every problem of every file at once, in file order", async () => {
    const { problems } = await load(
      articleSource("b-bad", { title: undefined, section: "nowhere" }),
      articleSource("a-bad", { date: "2023-03-19" }),
    );
    assert.deepEqual(
      problems.map((p) => `${p.file}: ${p.field}`),
      ["src/content/articles/a-bad.md: date", "src/content/articles/b-bad.md: title", "src/content/articles/b-bad.md: section"],
    );
    assert.match(formatProblems(problems), /^src\/content\/articles\/a-bad\.md:4: date: expected a time/);
  });
});

describe("links between stories", () => {
  it("finds READ MORE shortcodes with their lines", () => {
    assert.deepEqual(inlineLinks('---\ntitle: x\n---\nOne.\n\n{% readmore "older-story" %}\n\n{%- readmore \'other\' -%}\n'), [
      { slug: "older-story", line: 6 },
      { slug: "other", line: 8 },
    ]);
  });

  it("an editor's pick or READ MORE to an unknown slug, itself, a draft or a later scheduled story is an error", async () => {
    const { problems } = await load(
      articleSource("story", { related: "[story, stroy-two]" }, 'Text.\n\n{% readmore "draft-story" %}\n\n{% readmore "future-story" %}\n'),
      articleSource("story-two"),
      articleSource("draft-story", { draft: "true" }),
      articleSource("future-story", { date: '"2023-05-01T09:00:00+06:00"' }),
    );
    assert.deepEqual(
      problems.map((p) => `${p.field}:${p.line}: ${p.message.split(";")[0]}`),
      [
        'related[0]:8: "story" is this story\'s own slug',
        'related[1]:8: no story has the slug "stroy-two" (did you mean "story-two"?)',
        'READ MORE:12: "draft-story" is a draft, so readers would get a broken link',
        'READ MORE:14: "future-story" is scheduled for 2023-05-01T09:00:00+06:00, after this story appears',
      ],
    );
  });

  it("a draft may link to other drafts, and a scheduled story to earlier scheduled ones", async () => {
    const { problems } = await load(
      articleSource("draft-a", { draft: "true", related: "[draft-b]" }),
      articleSource("draft-b", { draft: "true" }),
      articleSource("later", { date: '"2023-05-02T09:00:00+06:00"', related: "[sooner]" }),
      articleSource("sooner", { date: '"2023-05-01T09:00:00+06:00"' }),
    );
    assert.deepEqual(problems, []);
  });
});

describe("election references in articles", () => {
  const { election } = parseElection("test-2023", "t.json", JSON.stringify(sampleElection()));
  const elections: Record<string, ElectionRecord> = election ? { "test-2023": election } : {};

  it("an unknown election id or a figure that is not in the file is an error naming the article", async () => {
    const { problems } = await loadArticles(
      [articleSource("results", { election: "test-2032" }, 'Turnout was {% figure "test-2023", "final", "turnout" %}.\n\nReds got {% figure "test-2023", "final", "share", "greens" %}.\n')],
      siteData,
      { publicDir, now: NOW, elections },
    );
    assert.deepEqual(
      problems.map((p) => `${p.file}:${p.line}: ${p.field}: ${p.message.split(";")[0]}`),
      [
        'src/content/articles/results.md:8: election: no election file has the id "test-2032" (did you mean "test-2023"?)',
        'src/content/articles/results.md:12: figure: test-2023, final: no result for "greens"',
      ],
    );
  });

  it("a figure from a stage released after the story appears is refused; drafts, preview and \"latest\" are fine", async () => {
    const body = 'Turnout was {% figure "test-2023", "final", "turnout" %}.\n\nLatest: {% figure "test-2023", "latest", "turnout" %}.\n';
    const early = articleSource("early", {}, body);
    const beforeFinal = DateTime.fromISO("2023-03-20T09:00:00+06:00", { setZone: true });
    const { problems } = await loadArticles([early], siteData, { publicDir, now: beforeFinal, elections });
    assert.deepEqual(
      problems.map((p) => `${p.line}: ${p.field}: ${p.message}`),
      ["9: figure: test-2023, final is timed 2023-03-27T12:00:00+06:00, after this story appears: readers would see the figure before it is released; schedule the story for then or later"],
    );
    const scheduledAfter = articleSource("later", { date: '"2023-03-27T12:00:00+06:00"' }, body);
    const fine = [scheduledAfter, articleSource("draft", { draft: "true" }, body)];
    assert.deepEqual((await loadArticles(fine, siteData, { publicDir, now: beforeFinal, elections })).problems, []);
    assert.deepEqual((await loadArticles([early], siteData, { publicDir, now: beforeFinal, elections, preview: true })).problems, []);
  });
});

describe("corrections and updates timed after now", () => {
  const story = articleSource("noted", {
    updated: '"2023-04-02T09:00:00+06:00"',
    corrections: '[{ date: "2023-03-20T10:00:00+06:00", text: "Done." }, { date: "2023-04-02T09:00:00+06:00", text: "Not yet." }]',
  });

  it("are held back in production", async () => {
    const [article] = (await load(story)).articles;
    assert.equal(article?.updated, undefined);
    assert.deepEqual(article?.corrections.map((c) => c.text), ["Done."]);
  });

  it("are shown and marked in preview, and published by the first build after their time", async () => {
    const [previewed] = (await loadArticles([story], siteData, { publicDir, now: NOW, preview: true })).articles;
    assert.deepEqual([previewed?.updated, previewed?.updateScheduled], ["2023-04-02T09:00:00+06:00", true]);
    assert.deepEqual(previewed?.corrections.map((c) => [c.text, c.scheduled]), [["Done.", false], ["Not yet.", true]]);
    const [later] = (await loadArticles([story], siteData, { publicDir, now: DateTime.fromISO("2023-04-02T09:00:00+06:00", { setZone: true }) })).articles;
    assert.deepEqual([later?.updated, later?.updateScheduled, later?.corrections.length], ["2023-04-02T09:00:00+06:00", undefined, 2]);
  });
});

describe("the cache of checked files (dev server rebuilds)", () => {
  it("gives the same records, picks up an edit, and forgets old versions", async () => {
    const cache = new Map();
    const first = await loadArticles([articleSource("one"), articleSource("two")], siteData, { publicDir, now: NOW, cache });
    assert.equal(cache.size, 2);
    const again = await loadArticles([articleSource("one"), articleSource("two")], siteData, { publicDir, now: NOW, cache });
    assert.deepEqual(again.articles, first.articles);
    const edited = await loadArticles([articleSource("one", { title: '""' }), articleSource("two")], siteData, { publicDir, now: NOW, cache });
    assert.equal(edited.problems[0]?.field, "title");
    assert.equal(cache.size, 2, "the old text of one.md is forgotten");
  });
});

describe("unfinished copy: npm run new's placeholders and the site's markers", () => {
  const fresh = articleSource("fresh", { summary: '"TODO: one-sentence standfirst"' }, "TODO: write the story here. Remove `draft: true` above when it is ready to publish.\n");

  it("a published story still holding what npm run new wrote is refused at its first placeholder", async () => {
    assert.equal(formatProblems(await problemsOf(fresh)), 'src/content/articles/fresh.md:3: summary: "TODO: one-sentence standfirst" marks unfinished copy; finish it, or keep the story a draft (draft: true) until it is ready');
  });

  it("a marker in the body, the caption or the headline is named with its line and field; case and whole words count", async () => {
    const inBody = articleSource("body", {}, "Turnout was TK percent.\n");
    assert.deepEqual(
      (await problemsOf(inBody)).map((p) => [p.line, p.field]),
      [[9, "body"]],
    );
    const inCaption = articleSource("caption", { image: '{ src: /images/polls.svg, alt: "Voters", caption: "Queue at TK" }' });
    assert.deepEqual((await problemsOf(inCaption)).map((p) => [p.line, p.field]), [[8, "image"]]);
    for (const fine of ["Tokayev's TKO", "a todo list", "ATK and TKs", "TK_1"]) assert.deepEqual(await problemsOf(articleSource("fine", { title: JSON.stringify(fine) })), [], fine);
  });

  it("drafts and preview builds keep working; the site chooses its markers", async () => {
    assert.deepEqual(await problemsOf({ ...fresh, text: fresh.text.replace("---\n", "---\ndraft: true\n") }), []);
    assert.deepEqual((await loadArticles([fresh], siteData, { publicDir, now: NOW, preview: true })).problems, []);
    const ownMarkers = { ...siteData, site: { ...siteData.site, unfinishedMarkers: ["[CHECK]"] } };
    const marked = articleSource("marked", {}, "Turnout was TK, [CHECK] the figure.\n");
    assert.deepEqual((await loadArticles([marked], ownMarkers, { publicDir, now: NOW })).problems.map((p) => p.message.split(";")[0]), ['"[CHECK]" marks unfinished copy']);
    assert.equal((await loadArticles([fresh], ownMarkers, { publicDir, now: NOW })).problems.length, 1, "npm run new's placeholders whatever the markers");
  });
});
