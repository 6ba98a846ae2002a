import { constants } from "node:fs";
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import type { ImageMetadata } from "@11ty/eleventy-img";
import { IMAGE_CACHE, renditionFiles } from "./pictures.ts";

/** Renditions are made in .cache/ (kept between builds); each build copies the ones it uses to the output's img/. */
export async function copyRenditions(pictures: ReadonlyMap<string, ImageMetadata>, outputDir: string): Promise<void> {
  const target = path.join(outputDir, "img");
  await mkdir(target, { recursive: true });
  const files = new Set([...pictures.values()].flatMap(renditionFiles));
  // Rendition names carry a hash of their source: one already in the output is the same file.
  const copyNew = (file: string) =>
    copyFile(path.join(IMAGE_CACHE, file), path.join(target, file), constants.COPYFILE_EXCL).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "EEXIST") throw error;
    });
  await Promise.all([...files].map(copyNew));
}
