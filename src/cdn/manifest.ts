import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { sha256, sitePaths } from "./files.ts";

export const MANIFEST_PATH = "/manifest.json";

/** Every file of a build with its hash: what publish compares against the bucket's listing. */
export interface Manifest {
  version: 1;
  files: Record<string, { sha256: string; size: number }>;
}

export async function buildManifest(dir: string): Promise<Manifest> {
  const files: Manifest["files"] = {};
  for (const sitePath of sitePaths(dir)) {
    if (sitePath === MANIFEST_PATH) continue;
    // Read synchronously: awaiting 20,000 small reads one by one took ten times longer.
    const content = readFileSync(path.join(dir, sitePath));
    files[sitePath] = { sha256: sha256(content), size: content.length };
  }
  return { version: 1, files };
}

/** Writes `manifest.json` (no build time in it, so equal builds give equal bytes). */
export async function writeManifest(dir: string): Promise<Manifest> {
  const manifest = await buildManifest(dir);
  await writeFile(path.join(dir, MANIFEST_PATH), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export function parseManifest(text: string, source: string): Manifest {
  const data: unknown = JSON.parse(text);
  if (typeof data !== "object" || data === null || (data as Manifest).version !== 1 || typeof (data as Manifest).files !== "object") {
    throw new Error(`${source}: not a Broadsheet manifest (expected { "version": 1, "files": { ... } })`);
  }
  return data as Manifest;
}
