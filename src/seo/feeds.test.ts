import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadArticles } from "../articles/load.ts";
import { buildNews } from "../articles/news.ts";
import { articleSource, NOW, siteData } from "../articles/test-fixtures.ts";
import { authorNames, feedDefinitions, FEED_LENGTH, jsonFeed } from "./feeds.ts";

async function news(count = 3) {
  const sources = Array.from({ length: count }, (_, i) =>
    articleSource(`story-${i}`, {
      date: `"2023-03-${String(10 + (i % 18)).padStart(2, "0")}T09:${String(i % 60).padStart(2, "0")}:00+06:00"`,
      ...(i === 0 ? { updated: '"2023-03-31T08:00:00+06:00"', byline: "[aigerim-sadykova]" } : {}),
      ...(i === 1 ? { section: "world", topics: "[central-asia]" } : {}),
    }),
  );
  const { articles, problems } = await loadArticles(sources, siteData, { publicDir: "public", now: NOW });
  assert.deepEqual(problems, []);
  return buildNews(articles, siteData, {}, false);
}

describe("feedDefinitions", () => {
  it("gives the site, each section and each topic a feed of its newest stories", async () => {
    const feeds = feedDefinitions(await news(), siteData);
    assert.deepEqual(feeds.map((f) => f.atomUrl), ["/feed.xml", "/asia/feed.xml", "/world/feed.xml", "/topics/kazakhstan/feed.xml", "/topics/elections/feed.xml", "/topics/central-asia/feed.xml", "/authors/aigerim-sadykova/feed.xml"]);
    assert.deepEqual(feeds.find((f) => f.key === "section:world")?.slugs, ["story-1"]);
    assert.equal(feeds[0]?.jsonUrl, "/feed.json");
  });

  it("gives each author a feed of the stories they wrote, titled with their name", async () => {
    const author = feedDefinitions(await news(), siteData).find((f) => f.key === "author:aigerim-sadykova");
    assert.deepEqual(author?.slugs, ["story-0"]);
    assert.equal(author?.title, "Aigerim Sadykova | Test Gazette");
    assert.equal(author?.htmlUrl, "/authors/aigerim-sadykova/");
  });

  it("dates a feed by its latest change, with the offset kept", async () => {
    const [site] = feedDefinitions(await news(), siteData);
    assert.equal(site?.updated, "2023-03-31T08:00:00+06:00");
  });

  it("keeps feeds short", async () => {
    const [site] = feedDefinitions(await news(30), siteData);
    assert.equal(site?.slugs.length, FEED_LENGTH);
  });
});

describe("jsonFeed", () => {
  it("writes JSON Feed 1.1 items with dates with offsets, authors, tags and absolute URLs", async () => {
    const n = await news();
    const [site] = feedDefinitions(n, siteData);
    const story = n.bySlug["story-0"]!;
    const feed = JSON.parse(jsonFeed(site!, [{ article: story, html: "<p>Body</p>" }], siteData));
    assert.equal(feed.version, "https://jsonfeed.org/version/1.1");
    assert.equal(feed.feed_url, "https://gazette.example/feed.json");
    assert.deepEqual(feed.items[0], {
      id: "https://gazette.example/asia/2023/03/10/story-0/",
      url: "https://gazette.example/asia/2023/03/10/story-0/",
      title: "Story story-0",
      summary: "A one-sentence standfirst.",
      content_html: "<p>Body</p>",
      date_published: "2023-03-10T09:00:00+06:00",
      date_modified: "2023-03-31T08:00:00+06:00",
      authors: [{ name: "Aigerim Sadykova" }],
      tags: ["Kazakhstan", "Elections"],
    });
  });

  it("names the agency when there is no byline", async () => {
    const n = await news();
    assert.deepEqual(authorNames(n.bySlug["story-2"]!, siteData), ["Reuters"]);
  });
});
