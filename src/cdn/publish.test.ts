import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, beforeEach, describe, it } from "node:test";
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
  type ListObjectsV2CommandInput,
  type S3Client,
} from "@aws-sdk/client-s3";
import { PublishInputError } from "./publish-build.ts";
import { PublishVerificationError } from "./publish-errors.ts";
import { bodyDifferences, bucketContents, buildContents, linksOf, renderSite, s3Client, SITE_URL, startS3rver, storyPath, writeBuild, type Story } from "./publish-test-helpers.ts";
import { publish, type PublishOptions } from "./publish.ts";

const PORT = 18101;
const STORIES: Story[] = [
  { section: "asia", date: "2023-03-19", slug: "polls-open", title: "Polls open", body: "Voting began at seven." },
  { section: "asia", date: "2023-03-20", slug: "results", title: "Results", body: "Six parties won seats." },
  { section: "world", date: "2022-10-12", slug: "ties", title: "Ties", body: "Balancing Moscow and the West." },
];
const EMBARGOED: Story = { section: "asia", date: "2023-03-21", slug: "embargoed", title: "Embargoed", body: "Not before Monday." };

describe("publish to a local S3-compatible server", () => {
  let server: Awaited<ReturnType<typeof startS3rver>>;
  let client: S3Client;
  let site = "";
  let bucket = "";
  let buckets = 0;
  const log: string[] = [];

  before(async () => {
    server = await startS3rver(PORT, 20);
    client = s3Client(server.endpoint);
    site = await mkdtemp(path.join(tmpdir(), "broadsheet-site-"));
  });

  after(async () => {
    client.destroy();
    await server.close();
    await rm(site, { recursive: true, force: true });
  });

  beforeEach(async () => {
    bucket = `site-${buckets++}`;
    log.length = 0;
    await writeBuild(site, { ...renderSite(STORIES), "/_redirects": "/2023/old/ /asia/2023/03/19/polls-open/ 301\n", "/2023/old/index.html": "<p>Moved</p>" });
  });

  const run = (extra: Partial<PublishOptions> = {}) => publish({ dir: site, bucket, client, siteUrl: SITE_URL, log: (line) => log.push(line), concurrency: 3, ...extra });
  const uploadOrder = () => log.filter((l) => /^ {2}\[\d+\/\d+\] /.test(l)).map((l) => l.replace(/^\s+\[\d+\/\d+\] /, ""));
  /** Object by object, body by body; `kept` are old fingerprinted assets left on purpose. */
  const assertBucketEqualsBuild = async (kept: readonly string[] = []) =>
    assert.deepEqual(bodyDifferences(await bucketContents(client, bucket), await buildContents(site)), [...kept]);

  it("publishes everything the first time, with content types, cache policy, redirects and the SHA-256", async () => {
    const result = await run();
    await assertBucketEqualsBuild();
    assert.equal(result.uploaded.length, (await buildContents(site)).size);
    const css = Object.keys(renderSite(STORIES)).find((p) => p.startsWith("/assets/"))!.slice(1);
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: css }));
    assert.equal(head.ContentType, "text/css; charset=utf-8");
    assert.equal(head.CacheControl, "public, max-age=31536000, immutable");
    assert.match(head.Metadata?.sha256 ?? "", /^[0-9a-f]{64}$/);
    const moved = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: "2023/old/index.html" }));
    assert.equal(moved.WebsiteRedirectLocation, "/asia/2023/03/19/polls-open/");
    assert.ok(!(await bucketContents(client, bucket)).has("/_redirects"), "the CDN's own files stay out of the bucket");
    assert.match(log.at(-1) ?? "", /^Purge from the CDN/);
    assert.ok(log.some((l) => l.startsWith("Done: ") && l.includes("the bucket now equals the build")));
  });

  it("does nothing the second time", async () => {
    await run();
    const second = await run();
    assert.deepEqual([second.uploaded, second.deleted, second.purge], [[], [], []]);
  });

  it("uploads each new page before any page linking to it, assets first and the manifest last", async () => {
    await run();
    const edited = STORIES.map((s) => (s.slug === "results" ? { ...s, body: "Six parties won seats; turnout 54 %." } : s));
    await writeBuild(site, renderSite([...edited, EMBARGOED], "body{color:#222}"));
    const before = new Set((await bucketContents(client, bucket)).keys());
    log.length = 0;
    await run({ concurrency: 1 });
    const order = uploadOrder();
    const built = await buildContents(site);
    const isNew = (p: string) => !before.has(p);
    let checked = 0;
    for (const [index, page] of order.entries()) {
      if (isNew(page) || !/\.(html|xml|json)$/.test(page)) continue;
      for (const target of linksOf(page, built.get(page)!.toString("utf8"))) {
        if (!isNew(target)) continue;
        checked++;
        assert.ok(order.indexOf(target) !== -1 && order.indexOf(target) < index, `${target} goes up before ${page}, which links to it`);
      }
    }
    assert.ok(checked >= 5, `links to new files checked: ${checked}`);
    assert.ok(order.indexOf(storyPath(edited[1]!)) < order.indexOf("/index.html"), "changed story before the front page");
    assert.ok(order.indexOf("/index.html") < order.indexOf("/feed.xml"), "listing pages before feeds");
    assert.equal(order.at(-1), "/manifest.json");
    await assertBucketEqualsBuild(Object.keys(renderSite(STORIES)).filter((p) => p.startsWith("/assets/")));
  });

  it("takes a story down: its page, image and search fragment go, and every listing, feed and sitemap that named it", async () => {
    await writeBuild(site, renderSite([...STORIES, EMBARGOED]));
    await run();
    const oldCss = Object.keys(renderSite(STORIES)).find((p) => p.startsWith("/assets/"))!;
    await writeBuild(site, renderSite(STORIES, "body{color:#333}"));
    log.length = 0;
    const result = await run();
    const inBucket = await bucketContents(client, bucket);
    assert.ok(!inBucket.has(storyPath(EMBARGOED)));
    // Its image holds "jpeg embargoed" and its search fragment the story's text.
    for (const [p, body] of inBucket) assert.ok(!p.includes("embargoed") && !/embargoed|Not before Monday/i.test(body.toString()), `${p} no longer names the story`);
    assert.ok(inBucket.has(oldCss), "old fingerprinted CSS kept by default");
    for (const url of ["/asia/2023/03/21/embargoed/", "/", "/asia/", "/feed.xml", "/asia/feed.xml", "/sitemap.xml"]) assert.ok(result.purge.includes(`${SITE_URL}${url}`), `purge ${url}`);
    assert.ok(result.deleted.indexOf(storyPath(EMBARGOED)) < result.deleted.findIndex((p) => p.startsWith("/img/")), "the page goes before its image");
    await run({ deleteAssets: true });
    assert.ok(!(await bucketContents(client, bucket)).has(oldCss), "--delete-assets removes it");
    await assertBucketEqualsBuild();
  });

  it("finds and repairs objects added, altered or removed behind its back, including ones no manifest listed", async () => {
    await run();
    const front = (await bucketContents(client, bucket)).get("/index.html")!;
    const sameSize = Buffer.from(front.toString().replace("Polls open", "Polls OPEN"));
    assert.equal(sameSize.length, front.length);
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: "index.html", Body: sameSize }));
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: "asia/2023/03/21/embargoed/index.html", Body: "<h1>Embargoed</h1>" }));
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: "feed.xml" }));
    // A multipart upload's ETag is not an MD5, and this one carries no SHA-256: publish must ask, then replace it.
    const multipart = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: "sitemap.xml" }));
    const part = await client.send(new UploadPartCommand({ Bucket: bucket, Key: "sitemap.xml", UploadId: multipart.UploadId, PartNumber: 1, Body: "<urlset/>" }));
    await client.send(
      new CompleteMultipartUploadCommand({ Bucket: bucket, Key: "sitemap.xml", UploadId: multipart.UploadId, MultipartUpload: { Parts: [{ ETag: part.ETag, PartNumber: 1 }] } }),
    );
    const result = await run();
    assert.deepEqual(result.uploaded.sort(), ["/feed.xml", "/index.html", "/sitemap.xml"]);
    assert.deepEqual(result.deleted, ["/asia/2023/03/21/embargoed/index.html"]);
    await assertBucketEqualsBuild();
  });

  it("trusts a stored SHA-256 when the ETag is not an MD5, without uploading again", async () => {
    await run();
    const stamped = newClientWithEtag(server.endpoint, '"0123456789abcdef0123456789abcdef-2"');
    const result = await run({ client: stamped });
    stamped.destroy();
    assert.deepEqual([result.uploaded, result.deleted], [[], []]);
  });

  it("follows the listing across pages", async () => {
    const paged = pagedClient(server.endpoint, 4);
    await writeBuild(site, renderSite([...STORIES, EMBARGOED]));
    await run({ client: paged });
    await writeBuild(site, renderSite(STORIES));
    const result = await run({ client: paged });
    paged.destroy();
    assert.ok(paged.pages() >= 4 * 2, `listed in pages of 4: ${paged.pages()} pages`);
    assert.ok(result.deleted.includes(storyPath(EMBARGOED)), "found on a later page");
    await assertBucketEqualsBuild();
  });

  it("publishes under a prefix and leaves the rest of the bucket alone", async () => {
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: "other/index.html", Body: "not ours" }));
    await run({ prefix: "/edition/" });
    const inBucket = await bucketContents(client, bucket);
    assert.ok(inBucket.has("/edition/index.html") && inBucket.has("/other/index.html"));
    const again = await run({ prefix: "edition" });
    assert.deepEqual(again.uploaded, []);
  });

  it("shows the plan on a dry run and changes nothing", async () => {
    const result = await run({ dryRun: true });
    assert.deepEqual(result.uploaded, []);
    assert.equal((await bucketContents(client, bucket)).size, 0);
    assert.ok(log.some((l) => l === "  upload (new pages) /index.html"));
  });

  it("never reports success when the bucket does not end up equal to the build", async () => {
    const lossy = s3Client(server.endpoint);
    // A store that acknowledges an upload it then loses.
    lossy.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === "PutObjectCommand" && (args.input as { Key?: string }).Key === "feed.xml") return { output: { $metadata: {} }, response: {} };
        return next(args);
      },
      { step: "initialize", name: "loseFeed" },
    );
    await assert.rejects(run({ client: lossy }), (error: unknown) => error instanceof PublishVerificationError && error.differences.some((d) => d.path === "/feed.xml" && d.problem === "missing"));
    lossy.destroy();
    assert.ok(!log.some((l) => l.startsWith("Done")));
  });

  it("refuses a build edited since its manifest, or bad options, before touching the bucket", async () => {
    await writeFile(path.join(site, "index.html"), "<h1>Edited by hand</h1>");
    await assert.rejects(run(), (e: unknown) => e instanceof PublishInputError && /index\.html changed since the build/.test(e.message));
    for (const concurrency of [0, 65, 1.5, Number.NaN]) await assert.rejects(run({ concurrency }), PublishInputError);
    await writeFile(path.join(site, "manifest.json"), JSON.stringify({ version: 1, files: { "/../../etc/passwd": { sha256: "0".repeat(64), size: 1 } } }));
    await assert.rejects(run(), (e: unknown) => e instanceof PublishInputError && /not a safe site path/.test(e.message));
    await rm(path.join(site, "manifest.json"));
    await assert.rejects(run(), (e: unknown) => e instanceof PublishInputError && /run npm run build first/.test(e.message));
    assert.equal((await bucketContents(client, bucket)).size, 0);
  });

  it("refuses to upload a file a new build replaced during the publish", async () => {
    const racing = s3Client(server.endpoint);
    racing.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === "PutObjectCommand") await writeFile(path.join(site, "index.html"), "<h1>A newer build</h1>");
        return next(args);
      },
      { step: "initialize", name: "newBuildMeanwhile" },
    );
    await assert.rejects(run({ client: racing, concurrency: 1 }), /index\.html changed during the publish/);
    racing.destroy();
    assert.ok(!(await bucketContents(client, bucket)).has("/index.html"));
  });

  it("retries a transient error instead of failing", async () => {
    const patient = s3Client(server.endpoint, 3);
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
    assert.equal(failed.size, result.uploaded.length);
    await assertBucketEqualsBuild();
  });
});

/** A client whose listings report every ETag as `etag`, as SSE-KMS or multipart objects would. */
function newClientWithEtag(endpoint: string, etag: string): S3Client {
  const client = s3Client(endpoint);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === "ListObjectsV2Command") {
        for (const object of (result.output as { Contents?: { ETag?: string }[] }).Contents ?? []) object.ETag = etag;
      }
      return result;
    },
    { step: "initialize", name: "kmsEtags" },
  );
  return client;
}

/**
 * A client whose listings come in pages of `size` with continuation tokens, as
 * S3 gives them past 1,000 keys. Emulated here with StartAfter: s3rver's own
 * tokens are DES-encrypted, which OpenSSL 3 (Node 17 and later) refuses.
 */
function pagedClient(endpoint: string, size: number): S3Client & { pages: () => number } {
  const client = s3Client(endpoint);
  let pages = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== "ListObjectsV2Command") return next(args);
      const { ContinuationToken, ...input } = args.input as ListObjectsV2CommandInput;
      const result = await next({ ...args, input: { ...input, StartAfter: ContinuationToken } });
      const output = result.output as { Contents?: { Key?: string }[]; IsTruncated?: boolean; NextContinuationToken?: string };
      const contents = output.Contents ?? [];
      pages++;
      if (contents.length > size) Object.assign(output, { Contents: contents.slice(0, size), IsTruncated: true, NextContinuationToken: contents[size - 1]?.Key });
      return result;
    },
    { step: "initialize", name: "pagedListing" },
  );
  return Object.assign(client, { pages: () => pages });
}
