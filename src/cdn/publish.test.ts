import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, beforeEach, describe, it } from "node:test";
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { writeManifest } from "./manifest.ts";
import { planPublish, publicUrl, publish } from "./publish.ts";

const SITE_URL = "https://gazette.example";

describe("planPublish", () => {
  const manifest = (files: Record<string, string>) => ({
    version: 1 as const,
    files: Object.fromEntries(Object.entries(files).map(([p, sha256]) => [p, { sha256, size: 1 }])),
  });

  it("uploads assets, then pages, feeds and sitemaps, then the manifest", () => {
    const plan = planPublish(
      manifest({ "/index.html": "a", "/assets/site.1.css": "b", "/images/x.jpg": "c", "/feed.xml": "d", "/_headers": "e", "/sitemap.xml": "f" }),
      undefined,
      { delete: false, deleteAssets: false },
    );
    assert.deepEqual(plan.phases, [
      { name: "assets", paths: ["/assets/site.1.css", "/images/x.jpg"] },
      { name: "pages, feeds and sitemaps", paths: ["/index.html", "/feed.xml", "/sitemap.xml"] },
      { name: "manifest", paths: ["/manifest.json"] },
    ]);
  });

  it("uploads only what changed, and deletes only when asked, keeping old fingerprinted assets", () => {
    const remote = manifest({ "/index.html": "a", "/old/index.html": "x", "/assets/site.0.css": "y" });
    const local = manifest({ "/index.html": "a2", "/assets/site.1.css": "b" });
    const keep = planPublish(local, remote, { delete: false, deleteAssets: false });
    assert.deepEqual(keep.deletions, []);
    const tidy = planPublish(local, remote, { delete: true, deleteAssets: false });
    assert.deepEqual(tidy.deletions, ["/old/index.html"]);
    assert.deepEqual(tidy.kept, ["/assets/site.0.css"]);
    assert.deepEqual(planPublish(local, remote, { delete: true, deleteAssets: true }).deletions, ["/old/index.html", "/assets/site.0.css"]);
    assert.equal(planPublish(remote, remote, { delete: true, deleteAssets: true }).phases[1]?.paths.length, 0);
    // A file left in the bucket by an earlier publish without --delete is still found.
    const withRetained = { ...remote, retained: { "/older/index.html": { sha256: "z", size: 1 } } };
    assert.deepEqual(planPublish(local, withRetained, { delete: true, deleteAssets: false }).deletions, ["/older/index.html", "/old/index.html"]);
  });

  it("names pages by the URL readers use", () => {
    assert.equal(publicUrl("/asia/index.html", SITE_URL), "https://gazette.example/asia/");
    assert.equal(publicUrl("/index.html", SITE_URL), "https://gazette.example/");
    assert.equal(publicUrl("/feed.xml", SITE_URL), "https://gazette.example/feed.xml");
  });
});

describe("publish to a local S3-compatible server", () => {
  let server: S3rver;
  let client: S3Client;
  let endpoint = "";
  const newClient = () =>
    new S3Client({ region: "us-east-1", endpoint, forcePathStyle: true, maxAttempts: 1, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
  let site: string;
  let bucket = "";
  let buckets = 0;
  const log: string[] = [];

  before(async () => {
    const directory = await mkdtemp(path.join(tmpdir(), "broadsheet-s3-"));
    server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: Array.from({ length: 10 }, (_, i) => ({ name: `site-${i}` })) });
    const { port } = await server.run();
    endpoint = `http://127.0.0.1:${port}`;
    client = newClient();
  });

  after(async () => {
    client.destroy();
    await server.close();
  });

  beforeEach(async () => {
    bucket = `site-${buckets++}`;
    log.length = 0;
    site = await mkdtemp(path.join(tmpdir(), "broadsheet-site-"));
    await writeSite({
      "/index.html": '<link rel="stylesheet" href="/assets/site.1111111111.css"><h1>Front</h1>',
      "/asia/2023/03/19/story/index.html": "<h1>Story</h1>",
      "/2023/old/index.html": "<p>Moved</p>",
      "/assets/site.1111111111.css": "body{color:red}",
      "/images/photo.jpg": "jpeg bytes",
      "/feed.xml": "<feed/>",
      "/_redirects": "/2023/old/ /asia/2023/03/19/story/ 301\n",
      "/_headers": "/*\n  X-Content-Type-Options: nosniff\n",
    });
  });

  async function writeSite(files: Record<string, string>): Promise<void> {
    for (const [p, content] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(site, p)), { recursive: true });
      await writeFile(path.join(site, p), content);
    }
    await writeManifest(site);
  }

  const run = (extra: { delete?: boolean; dryRun?: boolean; client?: S3Client } = {}) =>
    publish({ dir: site, bucket, client, siteUrl: SITE_URL, log: (line) => log.push(line), concurrency: 2, ...extra });

  async function keys(): Promise<string[]> {
    const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
    return (listed.Contents ?? []).map((o) => o.Key ?? "").sort();
  }

  it("publishes everything the first time, with content types, cache policy and redirects", async () => {
    const result = await run();
    assert.equal(result.uploaded, 7);
    assert.deepEqual(await keys(), ["2023/old/index.html", "asia/2023/03/19/story/index.html", "assets/site.1111111111.css", "feed.xml", "images/photo.jpg", "index.html", "manifest.json"]);
    const css = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: "assets/site.1111111111.css" }));
    assert.equal(css.ContentType, "text/css; charset=utf-8");
    assert.equal(css.CacheControl, "public, max-age=31536000, immutable");
    const page = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: "index.html" }));
    assert.match(page.CacheControl ?? "", /max-age=60, s-maxage=300/);
    const moved = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: "2023/old/index.html" }));
    assert.equal(moved.WebsiteRedirectLocation, "/asia/2023/03/19/story/");
    assert.ok(log.some((l) => l.includes("[7/7]")), "progress is shown");
  });

  it("uploads the assets before any page and the manifest last", async () => {
    await run();
    const order = log.filter((l) => l.startsWith("  [")).map((l) => l.replace(/^\s+\[\d+\/\d+\] /, ""));
    const lastAsset = Math.max(order.indexOf("/assets/site.1111111111.css"), order.indexOf("/images/photo.jpg"));
    const firstPage = Math.min(...["/index.html", "/feed.xml", "/asia/2023/03/19/story/index.html"].map((p) => order.indexOf(p)));
    assert.ok(lastAsset < firstPage);
    assert.equal(order.at(-1), "/manifest.json");
  });

  it("does nothing but rewrite the manifest the second time", async () => {
    await run();
    log.length = 0;
    const second = await run();
    assert.deepEqual(second.plan.phases.map((p) => p.paths), [[], [], ["/manifest.json"]]);
    assert.deepEqual(second.purge, []);
  });

  it("after one story changes, uploads only it and says which URL to purge", async () => {
    await run();
    await writeSite({ "/asia/2023/03/19/story/index.html": "<h1>Story, updated</h1>" });
    const result = await run();
    assert.deepEqual(result.plan.phases.map((p) => p.paths), [[], ["/asia/2023/03/19/story/index.html"], ["/manifest.json"]]);
    assert.deepEqual(result.purge, ["https://gazette.example/asia/2023/03/19/story/"]);
    const body = await client.send(new GetObjectCommand({ Bucket: bucket, Key: "asia/2023/03/19/story/index.html" }));
    assert.equal(await body.Body?.transformToString(), "<h1>Story, updated</h1>");
  });

  it("deletes a removed page only with --delete, after the new manifest is up", async () => {
    await run();
    await rm(path.join(site, "2023"), { recursive: true });
    await writeSite({ "/_redirects": "" });
    await run();
    assert.ok((await keys()).includes("2023/old/index.html"), "kept without --delete");
    const result = await run({ delete: true });
    assert.equal(result.deleted, 1);
    assert.ok(!(await keys()).includes("2023/old/index.html"));
    assert.ok(result.purge.includes("https://gazette.example/2023/old/"));
  });

  it("shows the plan on a dry run and changes nothing", async () => {
    const result = await run({ dryRun: true });
    assert.equal(result.uploaded, 0);
    assert.deepEqual(await keys(), []);
    assert.ok(log.some((l) => l === "  upload (assets) /assets/site.1111111111.css"));
  });

  it("retries a transient error instead of failing", async () => {
    const patient = new S3Client({ region: "us-east-1", endpoint, forcePathStyle: true, maxAttempts: 3, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
    const failed = new Set<string>();
    patient.middlewareStack.add(
      (next, context) => async (args) => {
        const key = (args.input as { Key?: string }).Key ?? "";
        // Each upload's first attempt meets a 503, as a busy store answers.
        if (context.commandName === "PutObjectCommand" && !failed.has(key)) {
          failed.add(key);
          throw Object.assign(new Error("Slow down"), { name: "SlowDown", $metadata: { httpStatusCode: 503 }, $retryable: { throttling: true } });
        }
        return next(args);
      },
      { step: "finalizeRequest", name: "busyStore", priority: "low" },
    );
    const result = await run({ client: patient });
    patient.destroy();
    assert.equal(result.uploaded, 7);
    assert.equal(failed.size, 7);
    assert.equal((await keys()).length, 7);
  });

  it("completes a publish that failed part-way when run again", async () => {
    let puts = 0;
    const flaky = newClient();
    flaky.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === "PutObjectCommand" && ++puts > 3) throw Object.assign(new Error("connection reset"), { name: "NetworkingError" });
        return next(args);
      },
      { step: "initialize", name: "failAfterThreePuts" },
    );
    await assert.rejects(run({ client: flaky }), /connection reset/);
    flaky.destroy();
    assert.ok(!(await keys()).includes("manifest.json"), "the manifest goes last, so the bucket still says 'not published'");
    const result = await run();
    assert.equal(result.uploaded, 7);
    assert.equal((await keys()).length, 7);
  });
});
