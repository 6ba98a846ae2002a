import { mkdir, readdir, readFile, rm, rmdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { transform } from "esbuild";
import { ASSET_PREFIX } from "./policy.ts";
import { sha256, sitePaths } from "./files.ts";

/** Folders of the built site whose files get content-hashed names. */
const FINGERPRINTED = /^\/(?:css|js)\/[^/]+\.(css|js)$/;

/** `/css/site.css` + content -> `/assets/site.1a2b3c4d5e.css`. */
export function fingerprintedPath(original: string, content: string | Uint8Array): string {
  const { name, ext } = path.posix.parse(original);
  return `${ASSET_PREFIX}${name}.${sha256(content).slice(0, 10)}${ext}`;
}

/**
 * Minifies CSS and JS, moves them to content-hashed names under /assets/ and
 * rewrites every reference in HTML files, so they can be cached for a year.
 * Returns the renames.
 */
export async function fingerprintAssets(dir: string): Promise<Map<string, string>> {
  const paths = await sitePaths(dir);
  const renames = new Map<string, string>();
  for (const original of paths.filter((p) => FINGERPRINTED.test(p))) {
    const source = await readFile(path.join(dir, original), "utf8");
    const loader = original.endsWith(".css") ? "css" : "js";
    const { code } = await transform(source, { loader, minify: true, legalComments: "none", charset: "utf8" });
    const renamed = fingerprintedPath(original, code);
    await mkdir(path.dirname(path.join(dir, renamed)), { recursive: true });
    await writeFile(path.join(dir, renamed), code);
    await rm(path.join(dir, original));
    renames.set(original, renamed);
  }
  for (const folder of new Set([...renames.keys()].map((p) => path.dirname(path.join(dir, p))))) {
    if ((await readdir(folder)).length === 0) await rmdir(folder);
  }
  if (renames.size === 0) return renames;
  const pattern = new RegExp([...renames.keys()].map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("|"), "g");
  for (const page of paths.filter((p) => p.endsWith(".html"))) {
    const file = path.join(dir, page);
    const html = await readFile(file, "utf8");
    const rewritten = html.replace(pattern, (match) => renames.get(match) ?? match);
    if (rewritten !== html) await writeFile(file, rewritten);
  }
  return renames;
}
