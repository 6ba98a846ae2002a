import { text } from "node:stream/consumers";
import { processImage, type SourceImage } from "./pictures.ts";

// Makes the renditions of the images given as JSON on stdin, then exits (see renderInChild).
// The parent holds the cache's lock meanwhile; an image that fails is left for the parent to report.
const publicDir = process.argv[2]!;
const images = JSON.parse(await text(process.stdin)) as SourceImage[];
for (const image of images) await processImage(image.src, publicDir, image.width).catch(() => undefined);
