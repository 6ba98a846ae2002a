import { lstat, mkdir, readdir, readlink, rename, rm, stat, symlink } from "node:fs/promises";
import path from "node:path";

/**
 * The output folder (`_site`) is a symlink to one complete build in a versions folder
 * beside it (`._site.builds/<id>/`). A new build is swapped in by renaming a new symlink
 * over it, which is atomic: at every moment `_site` is the previous site or the new one.
 */

/** The steps of a swap, named so that a test can stop it at each (as a kill would). */
export type SwapStep = "linked" | "legacy moved" | "swapped";
export type StepHook = (step: SwapStep) => void | Promise<void>;

/** Version folders are `<ms>-<pid>-<n>`: the pid says whether the build that made one is still running. */
const VERSION = /^(\d+)-(\d+)-\d+$/;
/** Names an older Broadsheet, or a killed one, left beside the output: the pid follows the marker. */
const LEFTOVER = /^\.(.+)\.(next|previous|link|parts)-(\d+)(?:-.*)?$/;

let counter = 0;

export function versionsFolder(output: string): string {
  const resolved = path.resolve(output);
  return path.join(path.dirname(resolved), `.${path.basename(resolved)}.builds`);
}

/** A fresh, empty folder for a new version of `output`. */
export async function newVersion(output: string): Promise<string> {
  const folder = path.join(versionsFolder(output), `${Date.now()}-${process.pid}-${++counter}`);
  await mkdir(folder, { recursive: true });
  return folder;
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function kind(file: string): Promise<"missing" | "symlink" | "folder" | "other"> {
  try {
    const info = await lstat(file);
    return info.isSymbolicLink() ? "symlink" : info.isDirectory() ? "folder" : "other";
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "missing";
    throw error;
  }
}

/** The version folder `output` points to, if it is a symlink. */
async function currentVersion(output: string): Promise<string | undefined> {
  if ((await kind(output)) !== "symlink") return undefined;
  return path.resolve(path.dirname(path.resolve(output)), await readlink(output));
}

/**
 * Points `output` at `version` with one rename of a symlink over it. A real folder left by
 * an older Broadsheet is first moved into the versions folder: that one-time migration has
 * a gap of two renames, which `tidyOutput` repairs if the process dies in it.
 */
export async function swapIn(output: string, version: string, step: StepHook = () => {}): Promise<void> {
  const resolved = path.resolve(output);
  const parent = path.dirname(resolved);
  const link = path.join(parent, `.${path.basename(resolved)}.link-${process.pid}`);
  await rm(link, { force: true });
  await symlink(path.relative(parent, version), link);
  await step("linked");
  const found = await kind(resolved);
  if (found === "other") throw new Error(`${output} is a file, not a folder: move it away and build again`);
  if (found === "folder") {
    // Time 0: the oldest version, the last a repair would choose.
    await rename(resolved, path.join(versionsFolder(output), `0-${process.pid}-${++counter}`));
    await step("legacy moved");
  }
  await rename(link, resolved);
  await step("swapped");
}

/** Whether a version folder holds a whole build: the manifest is written last. */
async function complete(folder: string): Promise<boolean> {
  return stat(path.join(folder, "manifest.json")).then(
    () => true,
    () => false,
  );
}

/**
 * Removes a leftover. A failure is not the build's: a killed build's Eleventy process may
 * still be writing into its folder for a few seconds. The next build tries again.
 */
async function discard(folder: string): Promise<void> {
  await rm(folder, { recursive: true, force: true, maxRetries: 2 }).catch(() => {});
}

/** The versions of `output`, newest first. */
async function versions(output: string): Promise<{ path: string; time: number; pid: number }[]> {
  const folder = versionsFolder(output);
  const found: { path: string; time: number; pid: number }[] = [];
  for (const name of await readdir(folder).catch(() => [])) {
    const match = name.match(VERSION);
    // Anything else in the versions folder is not ours to judge: left alone.
    if (match) found.push({ path: path.join(folder, name), time: Number(match[1]), pid: Number(match[2]) });
  }
  return found.sort((a, b) => b.time - a.time);
}

/** The newest whole build of `output` other than the current one and another running build's. */
async function spareVersion(output: string, current: string | undefined): Promise<string | undefined> {
  for (const version of await versions(output)) {
    if (version.path === current || (version.pid !== process.pid && isRunning(version.pid))) continue;
    if (await complete(version.path)) return version.path;
  }
  return undefined;
}

/**
 * Takes the spare build (the one before the current, kept by `removeOldVersions`) for this
 * build to recycle (src/incremental/recycle.ts): renamed to a version of this process, so
 * that two builds at once never take the same one. Undefined when there is none to take.
 */
export async function claimSpare(output: string): Promise<string | undefined> {
  const spare = await spareVersion(output, await currentVersion(output));
  if (!spare) return undefined;
  const claimed = path.join(versionsFolder(output), `${Date.now()}-${process.pid}-${++counter}`);
  return rename(spare, claimed).then(
    () => claimed,
    () => undefined,
  );
}

/**
 * Removes the versions of `output` that are neither current, nor the spare (the newest
 * other whole build, which the next build recycles), nor in `keep` (this process's builds
 * in progress), nor another running process's.
 */
export async function removeOldVersions(output: string, keep: ReadonlySet<string> = new Set()): Promise<void> {
  const current = await currentVersion(output);
  const spare = await spareVersion(output, current);
  for (const version of await versions(output)) {
    if (version.path === current || version.path === spare || keep.has(version.path)) continue;
    if (version.pid !== process.pid && isRunning(version.pid)) continue;
    await discard(version.path);
  }
}

/**
 * Before a build: puts back a missing `output` (a process killed mid-migration, or an
 * older Broadsheet killed between its two renames), then removes what dead builds left:
 * their versions and the temporary folders beside the output. Nothing of a running build
 * (its pid is alive) is touched.
 */
export async function tidyOutput(output: string, keep: ReadonlySet<string> = new Set()): Promise<void> {
  const resolved = path.resolve(output);
  const parent = path.dirname(resolved);
  const base = path.basename(resolved);
  if ((await kind(resolved)) === "missing") await restore(output);
  for (const name of await readdir(parent).catch(() => [])) {
    const match = name.match(LEFTOVER);
    if (match?.[1] !== base || isRunning(Number(match[3]))) continue;
    await discard(path.join(parent, name));
  }
  await removeOldVersions(output, keep);
}

/** Points a missing `output` at the newest complete site left, taking in one an older Broadsheet set aside. */
async function restore(output: string): Promise<void> {
  const resolved = path.resolve(output);
  const parent = path.dirname(resolved);
  for (const name of await readdir(parent).catch(() => [])) {
    const match = name.match(LEFTOVER);
    if (match?.[1] !== path.basename(resolved) || match[2] !== "previous" || isRunning(Number(match[3]))) continue;
    await mkdir(versionsFolder(output), { recursive: true });
    await rename(path.join(parent, name), path.join(versionsFolder(output), `0-${match[3]}-${++counter}`));
  }
  for (const version of await versions(output)) {
    if (await complete(version.path)) return swapIn(output, version.path);
  }
}
