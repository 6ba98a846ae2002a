import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { DateTime } from "luxon";
import { loadArticles, type ArticleRecord } from "../articles/load.ts";
import { buildNews } from "../articles/news.ts";
import { articleSource, siteData } from "../articles/test-fixtures.ts";
import { loadResults } from "../elections/results.ts";
import { mergeEntries, newsSitemapArticles, newsSitemapXml, siteEntries, sitemapFiles, sitemapXml } from "./sitemaps.ts";

const NOW = DateTime.fromISO("2023-03-21T12:00:00+06:00", { setZone: true });
const SITE = { url: "https://gazette.example", name: "Test & Gazette", language: "en-GB" };

async function storiesHoursAgo(...hours: number[]): Promise<ArticleRecord[]> {
  const sources = hours.map((h, i) => articleSource(`story-${i}`, { date: `"${NOW.minus({ hours: h }).toISO({ suppressMilliseconds: true })}"` }));
  const { articles, problems } = await loadArticles(sources, siteData, { publicDir: "public", now: NOW.plus({ days: 1 }) });
  assert.deepEqual(problems, []);
  return articles;
}

/** Validates XML against one of the XSDs shipped with the tests (xmllint from libxml2-utils). */
async function validate(xml: string, schema: string): Promise<void> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), "sitemap-")), "sitemap.xml");
  await writeFile(file, xml);
  execFileSync("xmllint", ["--noout", "--schema", `e2e/schemas/${schema}`, file], { stdio: "pipe" });
}

describe("the Google News sitemap", () => {
  it("keeps stories 47 hours old and drops those 49 hours old, and any from the future", async () => {
    const articles = await storiesHoursAgo(47, 49, 1, -2);
    assert.deepEqual(newsSitemapArticles(articles, NOW).map((a) => a.slug), ["story-2", "story-0"]);
  });

  it("lists at most 1,000 stories, the newest", async () => {
    const articles = await storiesHoursAgo(...Array.from({ length: 1005 }, (_, i) => i / 100));
    const listed = newsSitemapArticles(articles, NOW);
    assert.equal(listed.length, 1000);
    assert.equal(listed[0]?.slug, "story-0");
    assert.equal(listed.at(-1)?.slug, "story-999");
  });

  it("writes publication name and language, date with offset and title, and validates", async () => {
    const [story] = await storiesHoursAgo(3);
    const xml = newsSitemapXml([{ ...story!, title: "Polls & <results>" }], SITE);
    assert.match(xml, /<news:name>Test &amp; Gazette<\/news:name><news:language>en<\/news:language>/);
    assert.match(xml, /<news:publication_date>2023-03-21T09:00:00\+06:00<\/news:publication_date>/);
    assert.match(xml, /<news:title>Polls &amp; &lt;results&gt;<\/news:title>/);
    await validate(xml, "all.xsd");
  });

  it("is nothing when no story is recent (a URL set with no URL does not validate), and validates with one", async () => {
    const articles = await storiesHoursAgo(49, 72);
    const recent = newsSitemapArticles(articles, NOW);
    assert.deepEqual(recent, []);
    assert.equal(newsSitemapXml(recent, SITE), "");
    await assert.rejects(validate('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n', "all.xsd"), "the schema rejects an empty URL set");
    await validate(newsSitemapXml(newsSitemapArticles(articles, NOW.minus({ hours: 2 })), SITE), "all.xsd");
  });
});

describe("sitemap.xml", () => {
  const entries = Array.from({ length: 5 }, (_, i) => ({ url: `/story-${i}/`, lastmod: "2023-03-19T21:40:00+06:00" }));

  it("is one URL set up to the limit, sorted, with absolute URLs", async () => {
    const [file, ...rest] = sitemapFiles([...entries].reverse(), 5);
    assert.equal(rest.length, 0);
    assert.equal(file?.url, "/sitemap.xml");
    const xml = sitemapXml(file!, "https://gazette.example");
    assert.match(xml, /<url><loc>https:\/\/gazette\.example\/story-0\/<\/loc><lastmod>2023-03-19T21:40:00\+06:00<\/lastmod><\/url>/);
    assert.ok(xml.indexOf("story-0") < xml.indexOf("story-4"));
    await validate(xml, "all.xsd");
  });

  it("becomes an index of numbered files past the limit", async () => {
    const files = sitemapFiles(entries, 2);
    assert.deepEqual(files.map((f) => f.url), ["/sitemap.xml", "/sitemap-1.xml", "/sitemap-2.xml", "/sitemap-3.xml"]);
    const index = sitemapXml(files[0]!, "https://gazette.example");
    assert.match(index, /<sitemapindex[^>]*>\n  <sitemap><loc>https:\/\/gazette\.example\/sitemap-1\.xml<\/loc><\/sitemap>/);
    await validate(index, "siteindex.xsd");
    for (const part of files.slice(1)) await validate(sitemapXml(part, "https://gazette.example"), "all.xsd");
  });
});

describe("siteEntries", () => {
  it("lists every page the kit makes with its last change, and keeps other pages", async () => {
    const { articles } = await loadArticles(
      [articleSource("one", { date: '"2023-03-01T10:00:00+06:00"' }), articleSource("two", { updated: '"2023-03-25T10:00:00+06:00"' })],
      siteData,
      // After the update: an update time still to come is not published.
      { publicDir: "public", now: NOW.plus({ days: 7 }) },
    );
    const news = await buildNews(articles, siteData, {}, false);
    const entries = mergeEntries(siteEntries(news), [{ url: "/about/" }, { url: "/" }]);
    const byUrl = Object.fromEntries(entries.map((e) => [e.url, e.lastmod]));
    assert.equal(byUrl["/"], "2023-03-25T10:00:00+06:00");
    assert.equal(byUrl["/asia/2023/03/19/two/"], "2023-03-25T10:00:00+06:00");
    assert.equal(byUrl["/asia/"], "2023-03-25T10:00:00+06:00");
    assert.equal(byUrl["/topics/kazakhstan/"], "2023-03-25T10:00:00+06:00");
    assert.ok("/topics/central-asia/" in byUrl, "an empty topic still has its page");
    assert.ok("/about/" in byUrl, "a page the kit does not know is kept");
    assert.equal(entries.filter((e) => e.url === "/").length, 1);
  });

  it("lists an election's page by region, changed with its newest set", async () => {
    const { elections } = await loadResults("_data");
    const news = await buildNews([], siteData, elections, false);
    const byUrl = Object.fromEntries(siteEntries(news).map((e) => [e.url, e.lastmod]));
    assert.equal(byUrl["/elections/kz-mazhilis-2023/regions/"], "2023-03-19T22:10:00+06:00");
    assert.ok(!("/elections/kz-mazhilis-2021/regions/" in byUrl));
  });
});
