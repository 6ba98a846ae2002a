import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { atomicBuild, indexSearch, replaceAtomically, type BuildOptions } from "./build.ts";
import { MANIFEST_PATH, parseManifest, type Manifest } from "./manifest.ts";
import { removeOnStop, stopSignal } from "./stop.ts";

/** Every file of the merged site and the part it is copied from. */
export function mergeManifests(parts: readonly { dir: string; manifest: Manifest }[]): Map<string, string> {
  const owners = new Map<string, { dir: string; sha256: string }>();
  const conflicts: string[] = [];
  for (const { dir, manifest } of parts) {
    for (const [file, { sha256 }] of Object.entries(manifest.files)) {
      const owner = owners.get(file);
      if (!owner) owners.set(file, { dir, sha256 });
      // Parts share some files (assets, the stories the feeds carry): equal bytes are fine.
      else if (owner.sha256 !== sha256) conflicts.push(`${file}: ${owner.dir} and ${dir} have different versions`);
    }
  }
  if (conflicts.length > 0) {
    throw new Error(`the parts do not fit together (${conflicts.length} file${conflicts.length === 1 ? "" : "s"}); were they built from the same content?\n${conflicts.slice(0, 20).join("\n")}`);
  }
  return new Map([...owners].map(([file, { dir }]) => [file, dir]));
}

/**
 * Merges the outputs of a split build (`npm run build -- --part ...`) into one
 * site: every file once, the search index built over the whole, one manifest;
 * swapped into `output` only when all of it succeeded.
 */
export async function mergeParts(partDirs: readonly string[], output: string): Promise<Manifest> {
  if (partDirs.length === 0) throw new Error("merge: name the folders of the parts to merge");
  const parts = await Promise.all(
    partDirs.map(async (dir) => {
      const file = path.join(dir, MANIFEST_PATH);
      const text = await readFile(file, "utf8").catch(() => {
        throw new Error(`merge: ${file} is missing; is ${dir} the output of npm run build -- --part ...?`);
      });
      return { dir, manifest: parseManifest(text, file) };
    }),
  );
  const files = mergeManifests(parts);
  return replaceAtomically(output, async (next) => {
    for (const [file, dir] of files) {
      await mkdir(path.dirname(path.join(next, file)), { recursive: true });
      await copyFile(path.join(dir, file), path.join(next, file));
    }
    await indexSearch(next, output);
  });
}

/**
 * `npm run build -- --low-memory`: the whole site as a split build on one machine.
 * Each year folder of stories, then the shared pages, is built in its own process,
 * one after another, and the parts are merged: the peak is that of the largest
 * part, not of the whole archive, at the price of each part's fixed cost.
 */
export async function buildInParts({ articlesDir = "src/content/articles", ...options }: BuildOptions & { articlesDir?: string }): Promise<Manifest> {
  const folders = (await readdir(articlesDir, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  // The pid in the name: a later build removes the folder if this process died.
  const work = await mkdtemp(path.join(path.dirname(path.resolve(options.output)), `.${path.basename(path.resolve(options.output))}.parts-${process.pid}-`));
  const forget = removeOnStop(work);
  try {
    const parts: string[] = [];
    for (const part of ["shared", ...folders.map((folder) => `stories:${folder}`)]) {
      const dir = path.join(work, part.replace(":", "-"));
      await atomicBuild({ ...options, output: dir, part });
      parts.push(dir);
    }
    return await mergeParts(parts, options.output);
  } finally {
    // When stopped, the signal handler removes it, within its time limit.
    if (!stopSignal()) {
      await rm(work, { recursive: true, force: true });
      forget();
    }
  }
}
