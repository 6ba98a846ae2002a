import assert from "node:assert/strict";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { before, describe, it } from "node:test";
import { DateTime } from "luxon";
import { articleInputPath, checkArticle, indexArticles, stringifyArticle, type ArticleContext } from "./article-file.ts";
import { readFrontMatter } from "./front-matter.ts";
import { articleSource, NOW, siteData } from "./test-fixtures.ts";

let context: ArticleContext;
before(async () => {
  context = {
    data: siteData,
    sources: [articleSource("existing")],
    elections: {},
    publicDir: await mkdtemp(path.join(tmpdir(), "broadsheet-public-")),
    articlesDir: "src/content/articles",
    now: NOW,
  };
});

describe("stringifyArticle", () => {
  it("writes front matter that reads back exactly, whatever the headline holds", () => {
    const fields = {
      title: 'Polls: "Amanat wins" — it\'s #1 again',
      summary: "yes",
      date: "2023-03-19T21:40:00+06:00",
      section: "asia",
      topics: ["kazakhstan", "elections"],
      credit: "null",
      draft: true,
      wire_id: "urn:newsml:wire.example:1",
    };
    const text = stringifyArticle(fields, "Body.");
    assert.deepEqual(readFrontMatter(text).data, fields);
    assert.equal(readFrontMatter(text).body, "Body.\n");
  });

  it("quotes dates and text, and keeps keys, slugs and lists of slugs plain", () => {
    const text = stringifyArticle({ title: "2023", date: "2023-03-19T21:40:00+06:00", section: "asia", topics: ["kazakhstan", "elections"], wire_id: "x" }, "Body.\n");
    assert.equal(text, '---\ntitle: "2023"\ndate: "2023-03-19T21:40:00+06:00"\nsection: asia\ntopics: [kazakhstan, elections]\nwire_id: x\n---\nBody.\n');
  });
});

describe("indexArticles", () => {
  it("reads slugs from file names or slug:, and wire ids, even from files the checker would reject", () => {
    const entries = indexArticles([
      articleSource("from-file-name"),
      articleSource("file", { slug: "from-field", wire_id: '"urn:1"' }),
      { inputPath: "./src/content/articles/2023/broken.md", text: '---\ntitle: "unclosed\n---\n' },
    ]);
    assert.deepEqual(entries.map((entry) => [entry.slug, entry.wireId]), [["from-file-name", undefined], ["from-field", "urn:1"], ["broken", undefined]]);
  });
});

describe("articleInputPath", () => {
  it("files a story under the year it was published in the site's timezone", () => {
    const newYear = DateTime.fromISO("2022-12-31T19:30:00Z", { setZone: true });
    assert.equal(articleInputPath("src/content/articles", newYear, "Asia/Almaty", "fireworks"), "./src/content/articles/2023/fireworks.md");
  });
});

describe("checkArticle", () => {
  it("returns the record (with its URL) of a valid new file", async () => {
    const { record, problems } = await checkArticle(articleSource("brand-new"), context);
    assert.deepEqual(problems, []);
    assert.equal(record?.url, "/asia/2023/03/19/brand-new/");
  });

  it("reports only the new file's problems", async () => {
    const typo = { ...articleSource("other", { section: "aisa" }), inputPath: "./src/content/articles/2023/other.md" };
    const { record, problems } = await checkArticle(typo, { ...context, sources: [...context.sources, articleSource("broken", { title: undefined })] });
    assert.equal(record, undefined);
    assert.deepEqual(problems.map((problem) => [problem.file, problem.field]), [["src/content/articles/2023/other.md", "section"]]);
  });

  it("reports a clash of slugs against the new file, not the old one", async () => {
    const clash = { ...articleSource("other", { slug: "existing" }), inputPath: "./src/content/articles/2023/other.md" };
    const { problems } = await checkArticle(clash, context);
    assert.deepEqual(problems.map((problem) => [problem.file, problem.field]), [["src/content/articles/2023/other.md", "slug"]]);
  });
});
