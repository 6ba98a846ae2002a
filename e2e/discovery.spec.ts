import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./test.ts";
import { parseFeed } from "feedsmith";
import { LEAD_STORY } from "./site.ts";

const SITE = "https://broadsheet.example";
const OFFSET_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[+-]\d{2}:\d{2}|Z)$/;

async function text(request: APIRequestContext, url: string): Promise<string> {
  const response = await request.get(url);
  expect(response.status(), url).toBe(200);
  return response.text();
}

/** Paths of every URL in sitemap.xml. */
async function sitemapPaths(request: APIRequestContext): Promise<string[]> {
  const xml = await text(request, "/sitemap.xml");
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
}

function xmllint(xml: string, schema: string): void {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "broadsheet-xml-")), "file.xml");
  writeFileSync(file, xml);
  execFileSync("xmllint", ["--noout", "--schema", path.join("e2e", "schemas", schema), file], { stdio: "pipe" });
}

test("sitemap.xml and the News sitemap validate against the sitemaps.org and Google News schemas", async ({ request }) => {
  const sitemap = await text(request, "/sitemap.xml");
  expect(() => xmllint(sitemap, "all.xsd")).not.toThrow();
  const news = await text(request, "/news-sitemap.xml");
  expect(() => xmllint(news, "all.xsd")).not.toThrow();
  // Built with "now" pinned to 28 March 2023 at noon: only the 27 March story is under two days old.
  expect([...news.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1])).toEqual([`${SITE}/asia/2023/03/27/kazakhstan-final-election-results-amanat-majority/`]);
  const robots = await text(request, "/robots.txt");
  expect(robots).toContain(`Sitemap: ${SITE}/sitemap.xml`);
  expect(robots).toContain(`Sitemap: ${SITE}/news-sitemap.xml`);
});

test("the sitemap lists every public page and nothing else", async ({ request }) => {
  const paths = await sitemapPaths(request);
  expect(paths).toContain("/");
  expect(paths).toContain(LEAD_STORY.url);
  expect(paths).toContain("/topics/kazakhstan/page/2/");
  expect(paths).toContain("/elections/kz-mazhilis-2021/");
  expect(paths.filter((p) => !p.endsWith("/"))).toEqual([]);
  expect(paths).not.toContain("/404.html");
  for (const p of paths) expect((await request.get(p)).status(), p).toBe(200);
});

test("every public page has canonical, description and social card tags, and JSON-LD that parses", async ({ request }) => {
  for (const p of await sitemapPaths(request)) {
    const html = await text(request, p);
    const meta = (attr: string, name: string) => html.match(new RegExp(`<meta ${attr}="${name.replace(/[:]/g, "\\$&")}" content="([^"]*)"`))?.[1];
    expect(html, p).toContain(`<link rel="canonical" href="${SITE}${p}">`);
    expect(meta("name", "description"), p).toBeTruthy();
    for (const property of ["og:title", "og:description", "og:image", "og:image:width", "og:image:height", "og:image:alt", "og:type", "og:url"]) {
      expect(meta("property", property), `${p} ${property}`).toBeTruthy();
    }
    expect(meta("property", "og:image"), p).toMatch(/^https:\/\//);
    expect(meta("name", "twitter:card"), p).toBe("summary_large_image");
    for (const block of html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)) {
      expect(() => JSON.parse(block[1]!), p).not.toThrow();
    }
  }
});

test("every article has NewsArticle (or, live, LiveBlogPosting) JSON-LD with the required fields, and article meta", async ({ request }) => {
  const articles = (await sitemapPaths(request)).filter((p) => /^\/[a-z-]+\/\d{4}\/\d{2}\/\d{2}\//.test(p));
  expect(articles.length).toBeGreaterThanOrEqual(10);
  for (const p of articles) {
    const html = await text(request, p);
    const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
    const ld = blocks.find((b) => b["@type"] === "NewsArticle" || b["@type"] === "LiveBlogPosting");
    expect(ld, p).toBeTruthy();
    for (const field of ["headline", "description", "datePublished", "dateModified", "author", "publisher", "mainEntityOfPage", "articleSection", "keywords"]) {
      expect(ld[field], `${p} ${field}`).toBeTruthy();
    }
    expect(ld.datePublished).toMatch(OFFSET_DATE);
    expect(ld.dateModified).toMatch(OFFSET_DATE);
    expect(ld.publisher.logo.url).toMatch(/^https:\/\//);
    expect(ld.mainEntityOfPage["@id"]).toBe(`${SITE}${p}`);
    if (ld.image) expect(ld.image.caption ?? ld.image.creditText, p).toBeTruthy();
    expect(html, p).toMatch(/<meta property="article:published_time" content="\d{4}-\d{2}-\d{2}T[^"]+\+06:00">/);
    expect(html, p).toContain('<meta property="article:section"');
    expect(html, p).toContain('<meta property="article:tag"');
  }
  const lead = await text(request, LEAD_STORY.url);
  expect(lead).toContain('"name": "Reuters"');
  const corrected = await text(request, "/asia/2023/03/20/kazakhstan-preliminary-results-six-parties-win-seats/");
  expect(corrected).toContain('"@type": "CorrectionComment"');
});

test("the results page has Dataset JSON-LD", async ({ request }) => {
  const html = await text(request, "/elections/kz-mazhilis-2023/");
  const ld = JSON.parse(html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)![1]!);
  expect(ld["@type"]).toBe("Dataset");
  expect(ld.dateModified).toBe("2023-03-27T12:00:00+06:00");
  // One Dataset an election: its region page is about the same results and does not repeat it.
  const regions = await text(request, "/elections/kz-mazhilis-2023/regions/");
  expect(regions).not.toContain('"@type": "Dataset"');
});

test("every feed linked from a page parses, with dated, authored items carrying full content", async ({ request }) => {
  const feeds = new Set<string>();
  for (const p of await sitemapPaths(request)) {
    const html = await text(request, p);
    for (const m of html.matchAll(/<link rel="alternate" type="application\/(?:atom\+xml|feed\+json)" title="[^"]*" href="([^"]+)">/g)) feeds.add(m[1]!);
  }
  expect(feeds).toContain("/feed.xml");
  expect(feeds).toContain("/feed.json");
  expect(feeds).toContain("/asia/feed.xml");
  expect(feeds).toContain("/topics/elections/feed.json");
  for (const url of feeds) {
    const body = await text(request, url);
    const parsed = parseFeed(url.endsWith(".json") ? JSON.parse(body) : body);
    if (parsed.format === "atom") {
      const entries = parsed.feed.entries ?? [];
      expect(entries.length, url).toBeGreaterThan(0);
      for (const entry of entries) {
        expect(entry.title, url).toBeTruthy();
        expect(entry.published, url).toMatch(OFFSET_DATE);
        expect(entry.updated, url).toMatch(OFFSET_DATE);
        expect(entry.authors?.length, url).toBeGreaterThan(0);
        expect(entry.summary, url).toBeTruthy();
        expect(entry.content, url).toBeTruthy();
      }
    } else {
      expect(parsed.format, url).toBe("json");
      const items = parsed.format === "json" ? parsed.feed.items ?? [] : [];
      expect(items.length, url).toBeGreaterThan(0);
      for (const item of items) {
        expect(item.date_published, url).toMatch(OFFSET_DATE);
        expect(item.content_html, url).toContain("<p>");
        expect(item.authors?.length, url).toBeGreaterThan(0);
      }
    }
  }
  const lead = parseFeed(await text(request, "/feed.xml"));
  const entry = lead.format === "atom" ? lead.feed.entries?.find((e) => e.title?.value?.startsWith("Kazakhstan's ruling party")) : undefined;
  expect(entry?.links?.find((l) => l.rel === "enclosure")?.href).toMatch(new RegExp(`^${SITE}/img/[\\w-]+-1200\\.jpeg$`));
  expect(JSON.stringify(entry?.content)).toContain(`${SITE}/asia/2023/03/19/polling-underway-kazakhstan-snap-legislative-elections/`);
});
