import { spawn } from "node:child_process";
import { existsSync, rmSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Image, { generateHTML, statsByDimensionsSync, type ImageMetadata } from "@11ty/eleventy-img";
import { lock } from "proper-lockfile";

/** Where processed images are kept between builds: eleventy-img skips any output that already exists. */
export const IMAGE_CACHE = ".cache/img";
export const IMAGE_URL = "/img/";

export const WIDTHS = [320, 480, 800, 1200];
export const FORMATS = ["avif", "webp", "jpeg"];

/** `sizes` for each place an image appears, matching the CSS grid (72rem page, 48rem article). */
export const SIZES = {
  lead: "(min-width: 52rem) 48rem, calc(100vw - 2rem)",
  topStory: "(min-width: 76rem) 45rem, (min-width: 60rem) 62vw, calc(100vw - 2rem)",
  card: "(min-width: 76rem) 17rem, (min-width: 38rem) 50vw, calc(100vw - 2rem)",
  /** Beside a headline in the front's secondary stories. */
  thumb: "8rem",
} as const;
export type PictureContext = keyof typeof SIZES;

/** The standard widths below the original's, then the original (never more than the largest standard). */
export function widthsFor(originalWidth: number): number[] {
  const largest = Math.min(originalWidth, WIDTHS.at(-1)!);
  return [...WIDTHS.filter((w) => w < largest), largest];
}

/**
 * Runs `work` while no other process makes renditions: eleventy-img takes a file that
 * exists for done, so a build beside another (a test, the dev server) could otherwise
 * copy a rendition the other is still writing. A holder that died frees it in 10 s.
 */
export async function withImageCache<T>(work: () => Promise<T>): Promise<T> {
  await mkdir(IMAGE_CACHE, { recursive: true });
  const release = await lock(IMAGE_CACHE, { stale: 10_000, retries: { retries: 1200, factor: 1, minTimeout: 250, maxTimeout: 250 } });
  try {
    return await work();
  } finally {
    await release();
  }
}

/**
 * Renditions this process has made, by source file, its size and time, and the width asked.
 * eleventy-img's own memory misses after its first image (it adds the source to its shared
 * default options while it works, which changes the key of the next call), and its check for
 * files on disk remembers the renditions of a fresh cache as missing: without this, a dev
 * server started without `.cache/` encoded every image again on every rebuild.
 */
const made = new Map<string, Promise<ImageMetadata>>();

function madeKey(file: string, originalWidth: number): string | undefined {
  try {
    const { size, mtimeMs } = statSync(file);
    return `${path.resolve(file)} ${size} ${mtimeMs} ${originalWidth}`;
  } catch {
    return undefined;
  }
}

/** Makes (or finds in the cache) every width and format of one image under public/. */
export function processImage(src: string, publicDir: string, originalWidth = WIDTHS.at(-1)!): Promise<ImageMetadata> {
  const file = path.join(publicDir, src);
  const key = madeKey(file, originalWidth);
  // Missing or unreadable: eleventy-img says why.
  if (key === undefined) return makeRenditions(file, originalWidth);
  let renditions = made.get(key);
  if (!renditions) {
    renditions = makeRenditions(file, originalWidth);
    made.set(key, renditions);
    renditions.catch(() => made.delete(key));
  }
  return renditions;
}

const renditionOptions = (originalWidth: number) => ({
  widths: widthsFor(originalWidth),
  formats: FORMATS,
  outputDir: IMAGE_CACHE,
  urlPath: IMAGE_URL,
  sharpJpegOptions: { quality: 78, progressive: true, mozjpeg: true },
  sharpWebpOptions: { quality: 75 },
  sharpAvifOptions: { quality: 55 },
});

function makeRenditions(file: string, originalWidth: number): Promise<ImageMetadata> {
  return Image(file, renditionOptions(originalWidth));
}

/** An image under public/ with its size as the story records it. */
export interface SourceImage {
  src: string;
  width: number;
  height: number;
}

/** Where `image`'s renditions go in the cache, worked out from its size (nothing encoded); undefined for a missing file. */
function plannedFiles(image: SourceImage, publicDir: string): string[] | undefined {
  try {
    const planned = statsByDimensionsSync(path.join(publicDir, image.src), image.width, image.height, renditionOptions(image.width));
    return Object.values(planned).flatMap((entries) => entries.map((entry) => entry.outputPath));
  } catch {
    return undefined;
  }
}

/**
 * The images some of whose renditions are not in the cache yet. Images this process
 * already has are passed over unread, so a rebuild reads only new or changed image files.
 * A missing file is left to the in-process call that follows, which says why.
 */
export function imagesToRender(images: readonly SourceImage[], publicDir: string): SourceImage[] {
  return images.filter((image) => {
    const key = madeKey(path.join(publicDir, image.src), image.width);
    if (key !== undefined && made.has(key)) return false;
    return plannedFiles(image, publicDir)?.some((file) => !existsSync(file)) ?? false;
  });
}

const RENDER_CHILD = fileURLToPath(new URL("render-child.ts", import.meta.url));

/**
 * Encodes `images` in a process of its own, which then exits. For a process that lives on
 * (the dev server): sharp's memory from encoding stays with the process that encoded, so a
 * first session on a fresh clone grew to 455-590 MB against 205 MB after a restart. The
 * renditions it leaves in the cache are then only read. A failure is left to the
 * in-process call that follows, which names the story. A child that crashes or is killed
 * may leave a rendition half written, which eleventy-img would take for done: its
 * images' renditions are removed, to be made again in process.
 */
export async function renderInChild(images: readonly SourceImage[], publicDir: string, script = RENDER_CHILD): Promise<void> {
  if (images.length === 0) return;
  const child = spawn(process.execPath, ["--import", "tsx", script, publicDir], { stdio: ["pipe", "ignore", "inherit"] });
  child.stdin.on("error", () => undefined);
  child.stdin.end(JSON.stringify(images));
  const finished = await new Promise<boolean>((resolve) => {
    child.on("error", () => resolve(false));
    child.on("close", (code) => resolve(code === 0));
  });
  if (!finished) for (const image of images) for (const file of plannedFiles(image, publicDir) ?? []) rmSync(file, { force: true });
}

/** `<picture>` with AVIF and WebP sources and a JPEG `<img>`; the lead image loads first, the rest lazily. */
export function pictureHtml(metadata: ImageMetadata, alt: string, context: PictureContext, className?: string): string {
  const lead = context === "lead" || context === "topStory";
  return generateHTML(metadata, {
    alt,
    sizes: SIZES[context],
    loading: lead ? "eager" : "lazy",
    decoding: "async",
    ...(lead ? { fetchpriority: "high" } : {}),
    ...(className ? { class: className } : {}),
  });
}

/** The largest JPEG: what feeds, cards and structured data point to. */
export function largestJpeg(metadata: ImageMetadata): { url: string; width: number; height: number; size: number } {
  const jpeg = metadata["jpeg"]?.at(-1);
  if (!jpeg) throw new Error("no JPEG rendition");
  return { url: jpeg.url, width: jpeg.width, height: jpeg.height, size: jpeg.size };
}

/** Output files an image's renditions need, relative to the cache and to the site. */
export function renditionFiles(metadata: ImageMetadata): string[] {
  return Object.values(metadata).flatMap((entries) => entries.map((entry) => entry.filename));
}
