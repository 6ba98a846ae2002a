import { createHash } from "node:crypto";
import { readdir } from "node:fs/promises";
import path from "node:path";

/** Every file under `dir` as a site path (`/asia/index.html`), sorted. */
export async function sitePaths(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => `/${path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/")}`)
    .sort();
}

export function sha256(content: string | Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}
