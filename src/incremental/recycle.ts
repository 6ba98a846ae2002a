import { linkSync, mkdirSync, readFileSync, renameSync, rmdirSync, rmSync } from "node:fs";
import path from "node:path";
import { sitePaths } from "../cdn/files.ts";
import { MANIFEST_PATH, parseManifest, type Manifest } from "../cdn/manifest.ts";

type KnownHashes = Map<string, Manifest["files"][string]>;
import { SEARCH_BUNDLE } from "../search/index.ts";

/**
 * An incremental build's pages, put together as a whole site without copying it.
 *
 * Eleventy writes only the pages a change touches, into a fresh staging folder. The
 * rest of the new site is the previous one (`current`). Making a new folder of 20,000
 * hard links to it, and later removing the old one, took seconds on this machine's
 * disk. Instead a build reuses the site before the previous one (`spare`, kept after
 * the last swap): it is brought to `current` by the difference of their manifests,
 * the staged pages are moved in, and it is swapped in. The work is the size of the
 * last two changes, not of the site. Nothing is ever written into a file in place:
 * files are linked, renamed over or unlinked, so `current`, which shares their
 * contents, stays as it is while it is being served.
 */

export function readManifestOf(folder: string): Manifest | undefined {
  try {
    return parseManifest(readFileSync(path.join(folder, MANIFEST_PATH.slice(1)), "utf8"), folder);
  } catch {
    return undefined;
  }
}

const isSearchFile = (sitePath: string) => sitePath.startsWith(`/${SEARCH_BUNDLE}/`);

/** Folders made or known to exist, so each is created once. */
class Folders {
  private readonly known = new Set<string>();
  ensure(folder: string): void {
    if (this.known.has(folder)) return;
    mkdirSync(folder, { recursive: true });
    this.known.add(folder);
  }
}

/** Removes `sitePath` from `root` and every folder the removal leaves empty. */
function removeFile(root: string, sitePath: string): void {
  rmSync(path.join(root, sitePath), { force: true });
  for (let folder = path.dirname(sitePath); folder !== "/"; folder = path.dirname(folder)) {
    try {
      rmdirSync(path.join(root, folder));
    } catch {
      return;
    }
  }
}

/**
 * Makes `spare` hold exactly the files of `current` (both complete builds with their
 * manifests): files that differ are linked from `current`, files `current` lacks are removed.
 * Its manifest goes first, so a stop meanwhile leaves an incomplete folder, never a wrong one.
 */
export function bringUpToDate(spare: string, current: string, spareManifest: Manifest, currentManifest: Manifest): number {
  rmSync(path.join(spare, MANIFEST_PATH.slice(1)), { force: true });
  let changed = 0;
  for (const sitePath of Object.keys(spareManifest.files)) {
    if (!currentManifest.files[sitePath]) {
      removeFile(spare, sitePath);
      changed++;
    }
  }
  const folders = new Folders();
  for (const [sitePath, entry] of Object.entries(currentManifest.files)) {
    if (spareManifest.files[sitePath]?.sha256 === entry.sha256) continue;
    const target = path.join(spare, sitePath);
    rmSync(target, { force: true });
    folders.ensure(path.dirname(target));
    linkSync(path.join(current, sitePath), target);
    changed++;
  }
  return changed;
}

/**
 * Moves every file of `staging` into `site` (renamed over what is there) after removing
 * from `site` the files of `previous` the new build no longer has: pages outside `pages`
 * that were not staged (the search index keeps its own folder). `prepare` runs once the
 * pages are known to be there (bringUpToDate). Returns the hashes still known from
 * `previous`: its files that were neither removed nor replaced.
 */
export function moveStaged(staging: string, site: string, previous: Manifest, pages: readonly string[], prepare: () => void): KnownHashes {
  const staged = sitePaths(staging);
  const stagedSet = new Set(staged);
  const missing = pages.find((page) => !stagedSet.has(page) && !previous.files[page]);
  if (missing) throw new Error(`${missing} is not in the previous build's manifest`);
  prepare();
  const kept = new Set([...pages, ...staged]);
  const known: KnownHashes = new Map();
  for (const [sitePath, entry] of Object.entries(previous.files)) {
    if (isSearchFile(sitePath)) continue;
    if (!kept.has(sitePath)) removeFile(site, sitePath);
    else known.set(sitePath, entry);
  }
  const folders = new Folders();
  for (const sitePath of staged) {
    const target = path.join(site, sitePath);
    folders.ensure(path.dirname(target));
    renameSync(path.join(staging, sitePath), target);
    known.delete(sitePath);
  }
  return known;
}

/**
 * Hard-links into `next` every page of the site that this build did not render,
 * from the previous build's folder. Returns their hashes from `previous`'s manifest;
 * throws when a page the state promised is missing there (the caller then builds in full).
 */
export function carryOver(previousSite: string, next: string, pages: readonly string[], previous: Manifest | undefined): KnownHashes {
  const rendered = new Set(sitePaths(next));
  const folders = new Folders();
  const known: KnownHashes = new Map();
  for (const sitePath of pages) {
    if (rendered.has(sitePath)) continue;
    const target = path.join(next, sitePath);
    folders.ensure(path.dirname(target));
    linkSync(path.join(previousSite, sitePath), target);
    const entry = previous?.files[sitePath];
    if (entry) known.set(sitePath, entry);
  }
  return known;
}
