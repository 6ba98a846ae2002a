import assert from "node:assert/strict";
import { existsSync, rmSync, statSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import sharp from "sharp";
import type { ImageMetadata } from "@11ty/eleventy-img";
import { IMAGE_CACHE, imagesToRender, largestJpeg, pictureHtml, processImage, renderInChild, renditionFiles, SIZES, widthsFor, withImageCache } from "./pictures.ts";

let metadata: ImageMetadata;
let publicDir: string;

before(async () => {
  publicDir = await mkdtemp(path.join(tmpdir(), "broadsheet-img-"));
  const photo = await sharp({ create: { width: 1000, height: 500, channels: 3, background: "#336699" } }).jpeg().toBuffer();
  await writeFile(path.join(publicDir, "photo.jpg"), photo);
  metadata = await processImage("/photo.jpg", publicDir, 1000);
});
after(() => rm(publicDir, { recursive: true, force: true }));

describe("responsive pictures", () => {
  it("makes an image's renditions once a process, even with other images in between", async () => {
    // A colour of its own each run: its renditions are new to the cache, as on a fresh clone.
    const colour = { r: Math.floor(Math.random() * 256), g: Math.floor(Math.random() * 256), b: Math.floor(Math.random() * 256) };
    const other = await sharp({ create: { width: 600, height: 400, channels: 3, background: colour } }).jpeg().toBuffer();
    await writeFile(path.join(publicDir, "other.jpg"), other);
    const first = await processImage("/other.jpg", publicDir, 600);
    const times = () => renditionFiles(first).map((file) => statSync(path.join(IMAGE_CACHE, file)).mtimeMs);
    const before = times();
    // eleventy-img alone encoded both again here: its memory key changed after each image.
    for (const [src, width] of [["/other.jpg", 600], ["/photo.jpg", 1000], ["/other.jpg", 600], ["/other.jpg", 600]] as const) await processImage(src, publicDir, width);
    assert.deepEqual(times(), before, "no rendition was written again");
    assert.equal(await processImage("/other.jpg", publicDir, 600), first);
    for (const file of renditionFiles(first)) rmSync(path.join(IMAGE_CACHE, file));
  });

  it("keeps the original width when it is below the largest standard one, and never upscales", () => {
    assert.deepEqual(widthsFor(1000), [320, 480, 800, 1000]);
    assert.deepEqual(widthsFor(4000), [320, 480, 800, 1200]);
    assert.deepEqual(widthsFor(300), [300]);
  });

  it("makes AVIF, WebP and JPEG at each width up to the original's", () => {
    assert.deepEqual(Object.keys(metadata), ["avif", "webp", "jpeg"]);
    assert.deepEqual(metadata["jpeg"]?.map((e) => e.width), [320, 480, 800, 1000]);
    assert.deepEqual(largestJpeg(metadata), { url: metadata["jpeg"]![3]!.url, width: 1000, height: 500, size: metadata["jpeg"]![3]!.size });
  });

  it("loads the lead image first and the others lazily, with sizes for their place", () => {
    const lead = pictureHtml(metadata, "Voters queue", "lead");
    assert.match(lead, /^<picture><source type="image\/avif"[^>]*><source type="image\/webp"[^>]*><img /);
    assert.match(lead, /alt="Voters queue" loading="eager" decoding="async" fetchpriority="high" width="1000" height="500"/);
    assert.ok(lead.includes(`sizes="${SIZES.lead}"`));
    const card = pictureHtml(metadata, "", "card", "story-card__image");
    assert.match(card, /alt="" loading="lazy" decoding="async" class="story-card__image"/);
    assert.ok(!card.includes("fetchpriority"));
  });

  it("fails on a file that is not an image", async () => {
    await writeFile(path.join(publicDir, "broken.jpg"), "not a jpeg");
    await assert.rejects(processImage("/broken.jpg", publicDir));
  });
});

describe("renditions made in a child process (the dev server's)", () => {
  it("finds which images lack renditions without encoding, makes them in a child, and leaves the parent only to read them", async () => {
    const colour = { r: Math.floor(Math.random() * 256), g: Math.floor(Math.random() * 256), b: Math.floor(Math.random() * 256) };
    await writeFile(path.join(publicDir, "fresh.jpg"), await sharp({ create: { width: 700, height: 350, channels: 3, background: colour } }).jpeg().toBuffer());
    const fresh = { src: "/fresh.jpg", width: 700, height: 350 };
    const cached = { src: "/photo.jpg", width: 1000, height: 500 };
    assert.deepEqual(imagesToRender([fresh, cached], publicDir), [fresh]);
    await renderInChild([fresh], publicDir);
    assert.deepEqual(imagesToRender([fresh, cached], publicDir), []);
    const written = Date.now();
    const metadata = await processImage(fresh.src, publicDir, fresh.width);
    for (const file of renditionFiles(metadata)) assert.ok(statSync(path.join(IMAGE_CACHE, file)).mtimeMs < written, `${file} was made by the child, not again here`);
    for (const file of renditionFiles(metadata)) rmSync(path.join(IMAGE_CACHE, file));
  });

  it("leaves a missing or unreadable image to the in-process call, which says why", async () => {
    await writeFile(path.join(publicDir, "garbled.jpg"), "not a jpeg");
    const garbled = { src: "/garbled.jpg", width: 800, height: 400 };
    const missing = { src: "/missing.jpg", width: 800, height: 400 };
    // Telling an unreadable file needs decoding it: that is the child's to try.
    assert.deepEqual(imagesToRender([garbled, missing], publicDir), [garbled]);
    await renderInChild([garbled], publicDir);
    await assert.rejects(processImage(garbled.src, publicDir, garbled.width));
    await assert.rejects(async () => processImage(missing.src, publicDir, missing.width), /ENOENT/);
  });

  it("removes the renditions a child that crashed may have left half written", async () => {
    const colour = { r: Math.floor(Math.random() * 256), g: Math.floor(Math.random() * 256), b: Math.floor(Math.random() * 256) };
    await writeFile(path.join(publicDir, "cut.jpg"), await sharp({ create: { width: 500, height: 250, channels: 3, background: colour } }).jpeg().toBuffer());
    const cut = { src: "/cut.jpg", width: 500, height: 250 };
    // What a child killed mid-write leaves: one rendition's first bytes, then the process gone.
    const crashing = path.join(publicDir, "crash.mjs");
    const metadataWanted = await processImage(cut.src, publicDir, cut.width);
    const half = path.join(IMAGE_CACHE, renditionFiles(metadataWanted)[0]!);
    await writeFile(crashing, `import { truncateSync } from "node:fs"; truncateSync(${JSON.stringify(path.resolve(half))}, 10); process.exit(1);\n`);
    await renderInChild([cut], publicDir, crashing);
    for (const file of renditionFiles(metadataWanted)) assert.equal(existsSync(path.join(IMAGE_CACHE, file)), false, `${file} removed`);
  });
});

describe("withImageCache", () => {
  it("lets one process at a time make renditions, so none copies a file another is still writing", async () => {
    const events: string[] = [];
    const work = (name: string) =>
      withImageCache(async () => {
        events.push(`${name} in`);
        await new Promise((resolve) => setTimeout(resolve, 300));
        events.push(`${name} out`);
      });
    await Promise.all([work("a"), work("b")]);
    assert.deepEqual(events.map((e) => e.split(" ")[1]), ["in", "out", "in", "out"]);
  });
});
