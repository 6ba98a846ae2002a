import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { RenderedPage } from "@11ty/eleventy";
import { renderEngine } from "../test-helpers.ts";

/** Engine test: a live story with hostile entries, through the real config, as readers and feeds get it. */

const FILE = "articles/2023/live-engine-story.md";
const URL = "/asia/2023/03/19/live-engine-story/";
const STORY = [
  "---", // 1
  'title: "Live engine story"',
  'summary: "Entries written to break the page."',
  'date: "2023-03-19T08:00:00+06:00"',
  'live: { start: "2023-03-19T08:00:00+06:00", end: "2023-03-20T08:00:00+06:00" }',
  "section: asia",
  "topics: [kazakhstan]",
  "credit: Reuters",
  "---", // 9
  "The introduction.",
  "",
  "::: 09:00 | <script>window.__pwned = 1</script> Polls open | key", // 12
  'Voting began. <img src="x" onerror="alert(1)">',
  "",
  "::: 10:00 | Watch the count", // 15
  '{% embed "https://www.youtube.com/watch?v=dQw4w9WgXcQ" %}',
  "",
  "::: 11:00", // 18
  "The **latest** entry & more.",
  "",
].join("\n");

describe("a live story page from the engine", () => {
  let pages: RenderedPage[];
  let warnings = "";
  before(async () => {
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      warnings += `${args.join(" ")}\n`;
    };
    try {
      pages = await renderEngine({ [FILE]: STORY });
    } finally {
      console.warn = warn;
    }
  });
  const page = (url: string) => {
    const found = pages.find((p) => p.url === url);
    assert.ok(found, `no page at ${url}`);
    return found.content;
  };

  it("escapes entry titles and sanitizes entry bodies, warning with the entry's line", () => {
    const html = page(URL);
    assert.ok(!html.includes("<script>window.__pwned"), "the title's script is text");
    assert.match(html, /<h3 class="live-entry__title">&lt;script&gt;window.__pwned = 1&lt;\/script&gt; Polls open<\/h3>/);
    assert.ok(!/onerror/.test(html.replace(/"articleBody"[^\n]*/g, "")));
    assert.match(warnings, /live-engine-story\.md:13: html: removed onerror=/);
  });

  it("lists entries newest first with key events, and has no update script once coverage ended", () => {
    const html = page(URL);
    const ids = [...html.matchAll(/<li class="live-entry[^"]*" id="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(ids, ["update-20230319-1100", "update-20230319-1000", "update-20230319-0900"]);
    assert.match(html, /<h2 id="key-events-heading">Key events<\/h2>\n<ul>\n<li><a href="#update-20230319-0900"><time datetime="2023-03-19T09:00:00\+06:00">09:00<\/time> &lt;script&gt;/);
    assert.ok(!html.includes("/js/live.js"));
  });

  it("gives the page of an entry with an embed the embed module and its frame origin", () => {
    const html = page(URL);
    assert.match(html, /<script type="module" src="\/js\/embed\.js"><\/script>/);
    assert.match(html, /frame-src &#39;self&#39; https:\/\/www\.youtube-nocookie\.com;/);
  });

  it("has LiveBlogPosting JSON-LD that no entry text can close", () => {
    const html = page(URL);
    const block = html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)![1]!;
    assert.doesNotMatch(block, /</);
    const ld = JSON.parse(block);
    assert.equal(ld["@type"], "LiveBlogPosting");
    assert.equal(ld.dateModified, "2023-03-19T11:00:00+06:00");
    assert.deepEqual(ld.liveBlogUpdate.map((u: { headline: string }) => u.headline), ["The latest entry & more.", "Watch the count", "<script>window.__pwned = 1</script> Polls open"]);
  });

  it("puts the introduction and the latest entry in feeds, linked to its anchor", () => {
    const feed = JSON.parse(page("/feed.json")) as { items: { url: string; content_html: string; date_modified: string }[] };
    const item = feed.items.find((i) => i.url.endsWith(URL))!;
    assert.equal(item.date_modified, "2023-03-19T11:00:00+06:00");
    assert.match(item.content_html, /<p>The introduction.<\/p>/);
    assert.match(item.content_html, /<a href="https:\/\/broadsheet\.example\/asia\/2023\/03\/19\/live-engine-story\/#update-20230319-1100">Latest update, 19 March 2023, 11:00 \(Astana time\)<\/a>/);
    assert.match(item.content_html, /<strong>latest<\/strong> entry &amp; more/);
    assert.ok(!item.content_html.includes("Voting began"));
  });
});
