import { createHash } from "node:crypto";
import { lstat, readFile } from "node:fs/promises";
import path from "node:path";
import { sha256 } from "./files.ts";
import { MANIFEST_PATH, parseManifest } from "./manifest.ts";
import type { BuildFile } from "./publish-plan.ts";
import { runPool } from "./pool.ts";

/** Bad input publish refuses before touching the bucket (exit code 2). */
export class PublishInputError extends Error {
  override name = "PublishInputError";
}

const HEX64 = /^[0-9a-f]{64}$/;

/** A site path publish may read and upload: absolute, no `.`/`..`/empty segments, no backslash or control character. */
export function isSafeSitePath(sitePath: string): boolean {
  if (!sitePath.startsWith("/") || /[\\\u0000-\u001f\u007f]/.test(sitePath)) return false;
  return sitePath
    .slice(1)
    .split("/")
    .every((segment) => segment !== "" && segment !== "." && segment !== "..");
}

export const md5 = (content: Uint8Array): string => createHash("md5").update(content).digest("hex");

/**
 * Every file `dir/manifest.json` lists, with its hashes, plus the manifest itself.
 * Each file is read and checked against the manifest, so a folder edited or
 * half-copied since the build is refused rather than published.
 */
export async function readBuild(dir: string, signal: AbortSignal): Promise<Map<string, BuildFile>> {
  const manifestFile = path.join(dir, MANIFEST_PATH);
  const text = await readFile(manifestFile).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") throw new PublishInputError(`${manifestFile} is missing: run npm run build first (or pass --dir with a built site)`);
    throw error;
  });
  let manifest;
  try {
    manifest = parseManifest(text.toString("utf8"), manifestFile);
  } catch (error) {
    throw new PublishInputError(`${error instanceof Error ? error.message : String(error)}; run npm run build again`);
  }
  const entries = Object.entries(manifest.files);
  for (const [sitePath, entry] of entries) {
    const valid = isSafeSitePath(sitePath) && sitePath !== MANIFEST_PATH && HEX64.test(String(entry?.sha256)) && Number.isSafeInteger(entry?.size) && entry.size >= 0;
    if (!valid) throw new PublishInputError(`${manifestFile}: files["${sitePath}"] is not a safe site path with { sha256: 64 hex digits, size: a whole number }; run npm run build again`);
  }
  const build = new Map<string, BuildFile>();
  await runPool(entries, 16, signal, async ([sitePath, entry]) => {
    const file = path.join(dir, sitePath);
    const info = await lstat(file).catch(() => undefined);
    if (!info?.isFile()) throw new PublishInputError(`${file} is listed in ${manifestFile} but is not a regular file there; run npm run build again`);
    const content = await readFile(file);
    if (content.length !== entry.size || sha256(content) !== entry.sha256) {
      throw new PublishInputError(`${file} changed since the build wrote ${manifestFile}; run npm run build again`);
    }
    build.set(sitePath, { sha256: entry.sha256, md5: md5(content), size: content.length });
  });
  build.set(MANIFEST_PATH, { sha256: sha256(text), md5: md5(text), size: text.length });
  return build;
}
