import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadArticles } from "./load.ts";
import { listingUrl, paginate } from "./listing.ts";
import { buildNews } from "./news.ts";
import { articleSource, NOW, siteData } from "./test-fixtures.ts";

async function records() {
  const { articles, problems } = await loadArticles(
    [
      articleSource("one", { date: '"2023-03-01T10:00:00+06:00"' }),
      articleSource("two", { date: '"2023-03-02T10:00:00+06:00"', section: "world", topics: "[elections]" }),
      articleSource("three", { date: '"2023-03-03T10:00:00+06:00"' }),
      articleSource("four", { date: '"2023-03-04T10:00:00+06:00"' }),
      articleSource("draft", { draft: "true" }),
      articleSource("scheduled", { date: '"2023-06-01T10:00:00+06:00"' }),
    ],
    siteData,
    { publicDir: "public", now: NOW },
  );
  assert.deepEqual(problems, []);
  return articles;
}

describe("listing pages", () => {
  it("keeps the short URL for page 1", () => {
    assert.equal(listingUrl("/asia/", 1), "/asia/");
    assert.equal(listingUrl("/asia/", 3), "/asia/page/3/");
  });

  it("splits a section newest first into pages that link to each other", async () => {
    const pages = paginate("section", ["asia", "world"], (id) => `/${id}/`, await records(), (a) => [a.section], 2);
    const asia = pages.filter((p) => p.key === "asia");
    assert.deepEqual(asia.map((p) => p.items.map((a) => a.slug)), [["scheduled", "draft"], ["four", "three"], ["one"]]);
    assert.deepEqual(asia.map((p) => [p.url, p.previousUrl, p.nextUrl]), [
      ["/asia/", undefined, "/asia/page/2/"],
      ["/asia/page/2/", "/asia/", "/asia/page/3/"],
      ["/asia/page/3/", "/asia/page/2/", undefined],
    ]);
    assert.deepEqual(asia[0]?.pageUrls, ["/asia/", "/asia/page/2/", "/asia/page/3/"]);
  });

  it("lists a story under each of its topics and gives empty groups one page", async () => {
    const pages = paginate("topic", ["kazakhstan", "elections", "central-asia"], (id) => `/topics/${id}/`, await records(), (a) => a.topics, 10);
    assert.equal(pages.find((p) => p.key === "elections")?.items.length, 6);
    assert.equal(pages.find((p) => p.key === "kazakhstan")?.items.length, 5);
    const empty = pages.filter((p) => p.key === "central-asia");
    assert.equal(empty.length, 1);
    assert.deepEqual(empty[0]?.items, []);
  });
});

describe("buildNews", () => {
  it("leaves drafts and scheduled stories out of production", async () => {
    const news = await buildNews(await records(), siteData, {}, false);
    assert.deepEqual(news.articles.map((a) => a.slug), ["four", "three", "two", "one"]);
    assert.equal(news.bySlug["draft"], undefined);
    assert.equal(news.byInputPath["./src/content/articles/four.md"]?.slug, "four");
    assert.deepEqual(news.sectionPages.filter((p) => p.key === "asia").map((p) => p.items.length), [2, 1]);
  });

  it("keeps them in the preview server", async () => {
    const news = await buildNews(await records(), siteData, {}, true);
    assert.equal(news.articles.length, 6);
    assert.equal(news.bySlug["draft"]?.draft, true);
    assert.equal(news.preview, true);
  });
});
