import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadArticles } from "../articles/load.ts";
import { articleSource, NOW, siteData } from "../articles/test-fixtures.ts";
import { relatedFeed } from "./feed.ts";

describe("relatedFeed", () => {
  it("maps each story's absolute URL to its list's URLs, headlines and dates", async () => {
    const { articles } = await loadArticles(
      [articleSource("first", { date: '"2023-03-18T10:00:00+06:00"' }), articleSource("second", { title: '"Second <b>story</b>"' })],
      siteData,
      { publicDir: "public", now: NOW },
    );
    const feed = JSON.parse(relatedFeed(articles, { second: ["first"], first: ["second", "missing"] }, "https://gazette.example"));
    assert.deepEqual(feed, {
      version: 1,
      site: "https://gazette.example",
      stories: {
        "https://gazette.example/asia/2023/03/19/second/": [
          { url: "https://gazette.example/asia/2023/03/18/first/", title: "Story first", date: "2023-03-18T10:00:00+06:00" },
        ],
        "https://gazette.example/asia/2023/03/18/first/": [
          { url: "https://gazette.example/asia/2023/03/19/second/", title: "Second <b>story</b>", date: "2023-03-19T21:40:00+06:00" },
        ],
      },
    });
  });
});
