import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import { compareObject, differences, phaseOf, planPublish, publicUrl, purgeList, type BucketObject, type BuildFile } from "./publish-plan.ts";

const SITE_URL = "https://gazette.example";
const md5 = (tag: string) => createHash("md5").update(tag).digest("hex");
const file = (tag: string, size = 10): BuildFile => ({ sha256: `sha-${tag}`, md5: md5(tag), size });
const object = (tag: string, size = 10): BucketObject => ({ etag: `"${md5(tag)}"`, size });

describe("compareObject", () => {
  it("settles from the listing when the ETag is a plain MD5, and asks otherwise", () => {
    assert.equal(compareObject(file("a"), object("a")), "same");
    assert.equal(compareObject(file("a"), { etag: md5("a").toUpperCase(), size: 10 }), "same", "unquoted, upper case");
    assert.equal(compareObject(file("a"), object("a", 11)), "differs", "a different size settles it");
    assert.equal(compareObject(file("a"), object("b")), "ask", "an MD5 that does not match may be SSE-KMS");
    assert.equal(compareObject(file("a"), { etag: '"0123456789abcdef0123456789abcdef-3"', size: 10 }), "ask", "multipart");
    assert.equal(compareObject(file("a"), { etag: "", size: 10 }), "ask");
  });
});

describe("phaseOf", () => {
  it("sends assets first, then files the bucket lacks, whatever they are", () => {
    assert.equal(phaseOf("/assets/site.1a2b3c4d5e.css", true), "assets");
    assert.equal(phaseOf("/img/abc-800.avif", false), "assets");
    assert.equal(phaseOf("/pagefind/2023/fragment/en_1.pf_fragment", false), "assets");
    assert.equal(phaseOf("/asia/2023/03/19/story/index.html", false), "new pages");
    assert.equal(phaseOf("/elections/kz-2023/index.html", false), "new pages");
    assert.equal(phaseOf("/topics/new-topic/feed.xml", false), "new pages");
    assert.equal(phaseOf("/pagefind/2024/pagefind-entry.json", false), "new pages");
  });

  it("orders changed files: stories and results pages, then listings, then feeds, sitemaps and the search index", () => {
    for (const story of ["/asia/2023/03/19/story/index.html", "/2023/03/19/old-story-path/index.html", "/elections/kz-2023/index.html"]) {
      assert.equal(phaseOf(story, true), "changed stories", story);
    }
    for (const listing of ["/index.html", "/asia/index.html", "/topics/elections/index.html", "/elections/index.html", "/search/index.html", "/404.html", "/asia/2023/index.html"]) {
      assert.equal(phaseOf(listing, true), "listing pages", listing);
    }
    for (const feed of ["/feed.xml", "/asia/feed.json", "/sitemap.xml", "/news-sitemap.xml", "/pagefind/bundles.json", "/related.json", "/robots.txt"]) {
      assert.equal(phaseOf(feed, true), "feeds, sitemaps and search index", feed);
    }
    assert.equal(phaseOf("/manifest.json", true), "manifest");
  });
});

describe("planPublish", () => {
  const build = new Map<string, BuildFile>([
    ["/index.html", file("front2")],
    ["/asia/2023/03/19/story/index.html", file("story2")],
    ["/asia/2023/03/20/new/index.html", file("new")],
    ["/assets/site.2.css", file("css2")],
    ["/feed.xml", file("feed2")],
    ["/img/same.jpg", file("img")],
    ["/manifest.json", file("manifest2")],
  ]);
  const bucket = new Map<string, BucketObject>([
    ["/index.html", object("front1")],
    ["/asia/2023/03/19/story/index.html", object("story1")],
    ["/asia/2023/03/18/pulled/index.html", object("pulled")],
    ["/assets/site.1.css", object("css1")],
    ["/img/pulled.jpg", object("pulled-img")],
    ["/img/same.jpg", object("img")],
    ["/feed.xml", object("feed1", 3)],
    ["/manifest.json", object("manifest1")],
  ]);

  it("uploads what differs in the safe order, and deletes pages before the files they used", () => {
    const plan = planPublish(build, bucket, { deleteAssets: false, settled: new Map([["/index.html", false], ["/asia/2023/03/19/story/index.html", false]]) });
    assert.deepEqual(
      plan.phases.map((phase) => [phase.name, phase.paths]),
      [
        ["assets", ["/assets/site.2.css"]],
        ["new pages", ["/asia/2023/03/20/new/index.html"]],
        ["changed stories", ["/asia/2023/03/19/story/index.html"]],
        ["listing pages", ["/index.html"]],
        ["feeds, sitemaps and search index", ["/feed.xml"]],
        ["manifest", ["/manifest.json"]],
      ],
    );
    assert.deepEqual(plan.deletions, ["/asia/2023/03/18/pulled/index.html", "/img/pulled.jpg"]);
    assert.deepEqual(plan.kept, ["/assets/site.1.css"]);
    assert.equal(plan.unchanged, 1);
    assert.deepEqual(planPublish(build, bucket, { deleteAssets: true }).deletions, ["/asia/2023/03/18/pulled/index.html", "/assets/site.1.css", "/img/pulled.jpg"]);
  });

  it("counts an object as unchanged when its stored SHA-256 matched", () => {
    const plan = planPublish(build, bucket, { deleteAssets: false, settled: new Map([["/index.html", true]]) });
    assert.ok(!plan.phases.some((phase) => phase.paths.includes("/index.html")));
    assert.equal(plan.unchanged, 2);
  });

  it("purges everything uploaded or deleted but new immutable files and the manifest", () => {
    const plan = planPublish(build, bucket, { deleteAssets: false });
    assert.deepEqual(purgeList(plan, bucket, SITE_URL), [
      "https://gazette.example/",
      "https://gazette.example/asia/2023/03/18/pulled/",
      "https://gazette.example/asia/2023/03/19/story/",
      "https://gazette.example/asia/2023/03/20/new/",
      "https://gazette.example/feed.xml",
      "https://gazette.example/img/pulled.jpg",
    ]);
  });

  it("lists what still differs after a publish", () => {
    assert.deepEqual(differences(build, bucket, { deleteAssets: false, settled: new Map([["/index.html", true], ["/asia/2023/03/19/story/index.html", true]]) }), [
      { path: "/asia/2023/03/18/pulled/index.html", problem: "unexpected" },
      { path: "/asia/2023/03/20/new/index.html", problem: "missing" },
      { path: "/assets/site.2.css", problem: "missing" },
      { path: "/feed.xml", problem: "differs" },
      { path: "/img/pulled.jpg", problem: "unexpected" },
      { path: "/manifest.json", problem: "differs" },
    ]);
  });

  it("names pages by the URL readers use", () => {
    assert.equal(publicUrl("/asia/index.html", SITE_URL), "https://gazette.example/asia/");
    assert.equal(publicUrl("/index.html", SITE_URL), "https://gazette.example/");
    assert.equal(publicUrl("/feed.xml", SITE_URL), "https://gazette.example/feed.xml");
  });
});
