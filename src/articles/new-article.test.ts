import assert from "node:assert/strict";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { before, describe, it } from "node:test";
import type { ArticleContext } from "./article-file.ts";
import { readFrontMatter } from "./front-matter.ts";
import { loadArticles } from "./load.ts";
import { planNewArticle, type NewArticlePlan, type NewArticleRequest } from "./new-article.ts";
import { SUMMARY_PLACEHOLDER } from "./unfinished.ts";
import { articleSource, NOW, siteData } from "./test-fixtures.ts";

let context: ArticleContext;
before(async () => {
  context = {
    data: siteData,
    sources: [
      articleSource("polls-open"),
      // A story whose slug: differs from its file name, in another year's folder.
      { ...articleSource("renamed", { slug: "results-day" }), inputPath: "./src/content/articles/2022/renamed.md" },
    ],
    elections: {},
    publicDir: await mkdtemp(path.join(tmpdir(), "broadsheet-public-")),
    articlesDir: "src/content/articles",
    now: NOW.plus({ seconds: 37 }),
  };
});

const plan = (request: Partial<NewArticleRequest>) => planNewArticle({ headline: "Kazakhstan votes", section: "asia", credit: "Reuters", ...request }, context);

function errorsOf(result: NewArticlePlan): string[] {
  assert.equal(result.ok, false, "expected the request to be refused");
  return result.ok ? [] : result.errors.map((error) => `${error.flag}: ${error.message}`);
}

describe("planNewArticle: a new story", () => {
  it("is a draft dated now in the site's timezone, filed by year, with its URL", async () => {
    const result = await plan({ headline: "Kazakhstan's ruling party: \"a clear win\"", topics: ["kazakhstan", "elections"], byline: ["aigerim-sadykova"] });
    assert.ok(result.ok);
    assert.equal(result.inputPath, "./src/content/articles/2023/kazakhstans-ruling-party-a-clear-win.md");
    assert.equal(result.url, "/asia/2023/04/01/kazakhstans-ruling-party-a-clear-win/");
    const { data } = readFrontMatter(result.text);
    assert.deepEqual(data, {
      title: "Kazakhstan's ruling party: \"a clear win\"",
      summary: SUMMARY_PLACEHOLDER,
      date: "2023-04-01T12:00:00+06:00",
      section: "asia",
      topics: ["kazakhstan", "elections"],
      byline: ["aigerim-sadykova"],
      credit: "Reuters",
      draft: true,
    });
  });

  it("passes the build's own checks, as a draft", async () => {
    const result = await plan({ summary: "Voters chose a new parliament." });
    assert.ok(result.ok);
    const { articles, problems } = await loadArticles([{ inputPath: result.inputPath, text: result.text }], siteData, { publicDir: context.publicDir, now: NOW });
    assert.deepEqual(problems, []);
    assert.equal(articles[0]?.draft, true);
    assert.equal(articles[0]?.summary, "Voters chose a new parliament.");
  });

  it("takes its slug from a Kazakh or Russian headline, transliterated", async () => {
    const kazakh = await plan({ headline: "Қазақстан сайлауы" });
    const russian = await plan({ headline: "Выборы в Казахстане" });
    assert.ok(kazakh.ok && russian.ok);
    assert.equal(kazakh.slug, "qazaqstan-saylauy");
    assert.equal(russian.slug, "vybory-v-kazakhstane");
    assert.equal(readFrontMatter(kazakh.text).data.title, "Қазақстан сайлауы");
  });

  it("may be dated with --date, read in the site's timezone, and then be scheduled", async () => {
    const result = await plan({ date: "2023-04-02T09:00" });
    assert.ok(result.ok);
    assert.equal(readFrontMatter(result.text).data.date, "2023-04-02T09:00:00+06:00");
    assert.equal(result.url, "/asia/2023/04/02/kazakhstan-votes/");
  });

  it("may set its slug with --slug", async () => {
    const result = await plan({ slug: "kz-votes" });
    assert.ok(result.ok);
    assert.equal(result.inputPath, "./src/content/articles/2023/kz-votes.md");
  });
});

describe("planNewArticle: refusals, named by the flag to change", () => {
  it("a slug another story has, whatever its folder or file name", async () => {
    assert.deepEqual(errorsOf(await plan({ headline: "Polls open" })), [
      '--slug: "polls-open" is already the slug of src/content/articles/polls-open.md; every story needs its own slug, so change the headline or pass --slug',
    ]);
    assert.match(errorsOf(await plan({ slug: "results-day" }))[0] ?? "", /^--slug: "results-day" is already the slug of src\/content\/articles\/2022\/renamed\.md/);
  });

  it("a file that exists under another slug", async () => {
    const result = await planNewArticle(
      { headline: "Renamed", section: "asia", credit: "Reuters", date: "2022-06-01T10:00:00+06:00" },
      { ...context, sources: [{ ...articleSource("x", { slug: "something-else" }), inputPath: "./src/content/articles/2022/renamed.md" }] },
    );
    assert.deepEqual(errorsOf(result), ["--slug: src/content/articles/2022/renamed.md already exists; pass --slug to choose another file name"]);
  });

  it("an unknown section, topic or author, with the nearest known one", async () => {
    const errors = errorsOf(await plan({ section: "aisa", topics: ["kazakstan"], byline: ["aigerim-sadikova"] }));
    assert.deepEqual(errors, [
      '--section: unknown section "aisa" (did you mean "asia"?); expected one of: asia, world',
      '--topics: unknown topic "kazakstan" (did you mean "kazakhstan"?); expected one of: kazakhstan, elections, central-asia',
      '--byline: unknown author "aigerim-sadikova" (did you mean "aigerim-sadykova"?); expected one of: aigerim-sadykova',
    ]);
  });

  it("no section", async () => {
    assert.deepEqual(errorsOf(await plan({ section: undefined })), ["--section: is required; expected one of: asia, world"]);
  });

  it("neither a byline nor a credit", async () => {
    assert.deepEqual(errorsOf(await plan({ credit: undefined })), ["--byline or --credit: expected a byline (author ids) or a credit (agency), or both"]);
  });

  it("a headline with nothing to make a slug from, or a slug that is not one", async () => {
    assert.deepEqual(errorsOf(await plan({ headline: "!!!" })), ["--slug: the headline has no letters or digits to make a slug from; give one with --slug"]);
    assert.match(errorsOf(await plan({ slug: "Not A Slug" }))[0] ?? "", /^--slug: "Not A Slug" is not a slug/);
  });

  it("a date without a time, and an empty headline", async () => {
    assert.deepEqual(errorsOf(await plan({ date: "2023-04-02" })), ['--date: expected a time as well as a date, such as "2023-04-02T09:00:00" or "2023-03-19T21:40:00+06:00"']);
    assert.deepEqual(errorsOf(await plan({ headline: " ", slug: "blank" })), ["headline: must not be empty (the headline)"]);
  });
});
