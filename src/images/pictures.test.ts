import assert from "node:assert/strict";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { before, describe, it } from "node:test";
import sharp from "sharp";
import type { ImageMetadata } from "@11ty/eleventy-img";
import { largestJpeg, pictureHtml, processImage, SIZES, widthsFor, withImageCache } from "./pictures.ts";

let metadata: ImageMetadata;
let publicDir: string;

before(async () => {
  publicDir = await mkdtemp(path.join(tmpdir(), "broadsheet-img-"));
  const photo = await sharp({ create: { width: 1000, height: 500, channels: 3, background: "#336699" } }).jpeg().toBuffer();
  await writeFile(path.join(publicDir, "photo.jpg"), photo);
  metadata = await processImage("/photo.jpg", publicDir, 1000);
});

describe("responsive pictures", () => {
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
