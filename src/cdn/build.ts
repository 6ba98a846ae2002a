import { fork } from "node:child_process";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";
import { compiledEleventy } from "./compiled.ts";
import { ASSET_MAP_VARIABLE, FINGERPRINTED_FOLDERS, fingerprintSources } from "./fingerprint.ts";
import { writeManifest, type KnownHashes, type Manifest } from "./manifest.ts";
import { outputProblem } from "./output-folder.ts";
import { parsePart } from "./parts.ts";
import { onStop, removeOnStop, stopSignal, uninterrupted } from "./stop.ts";
import { claimSpare, newVersion, removeOldVersions, swapIn, tidyOutput } from "./swap.ts";
import { INCREMENTAL_INPUT, INCREMENTAL_OUTPUT, type IncrementalOutput } from "../incremental/render-state.ts";
import { CONTENT_CACHE, type ContentCacheControl } from "../incremental/content-cache.ts";
import { hashOf } from "../incremental/fingerprint.ts";
import { bringUpToDate, carryOver, moveStaged, readManifestOf } from "../incremental/recycle.ts";
import { contentCacheFolder, planBuild, saveState, STORY_FOLDER, type BuildPlan } from "../incremental/state.ts";
import { buildSearchIndex, SEARCH_BUNDLE } from "../search/index.ts";

export interface BuildOptions {
  /** Where the finished site goes; replaced only when everything succeeded. */
  output: string;
  configPath?: string;
  quiet?: boolean;
  /** One part of a split build: "stories:2022,2023" or "shared". */
  part?: string;
  /** Build everything, even when the previous build could be reused. */
  full?: boolean;
}

/** How the part reaches the plugin in Eleventy's process. */
const PART_VARIABLE = "BROADSHEET_PART";

/** Eleventy in a child process, so its memory is freed before the search index takes its own. */
async function eleventyBuild(output: string, configPath: string, quiet: boolean): Promise<void> {
  const { script, config } = await compiledEleventy(configPath);
  // Plain node: the code is compiled (src/cdn/compiled.ts), so the child needs no tsx loader.
  const child = fork(script, [output, config, quiet ? "quiet" : ""], { execArgv: [], stdio: "inherit" });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const forget = onStop(() => {
    child.kill("SIGKILL");
    return exited;
  });
  return new Promise<void>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => (code === 0 ? resolve() : reject(new Error(`Eleventy ${signal ? `was stopped by ${signal}` : `exited with code ${code}`}`))));
  }).finally(forget);
}

/** The search index; Pagefind's own process is ended if the build is stopped meanwhile. */
export async function indexSearch(site: string, previous: string, known: KnownHashes = new Map()): ReturnType<typeof buildSearchIndex> {
  const forget = onStop(() => pagefind.close());
  try {
    return await buildSearchIndex(site, { previous, knownHash: (sitePath) => known.get(sitePath)?.sha256 });
  } finally {
    forget();
  }
}

/** Versions this process is filling: never removed as leftovers. */
const filling = new Set<string>();

/** What a fill made: the folder holding the finished build (the fresh one, or a recycled spare) and the hashes known in it. */
export interface Filled {
  site: string;
  known: KnownHashes;
}

/** Takes the spare build for recycling (see src/cdn/swap.ts), or undefined. */
type ClaimSpare = () => Promise<string | undefined>;

/**
 * Fills a fresh version folder of `output` (see src/cdn/swap.ts), or a spare it claims,
 * writes its manifest, and only then swaps it in: any failure or stop leaves the previous
 * output as it was.
 */
export async function replaceAtomically(output: string, fill: (next: string, claim: ClaimSpare) => Promise<Filled | void>): Promise<Manifest> {
  const problem = outputProblem(output);
  if (problem) throw new Error(problem);
  await tidyOutput(output, filling);
  const next = await newVersion(output);
  const ours = [next];
  const forgets = [removeOnStop(next)];
  filling.add(next);
  const claim: ClaimSpare = async () => {
    const spare = await claimSpare(output);
    if (spare) {
      ours.push(spare);
      forgets.push(removeOnStop(spare));
      filling.add(spare);
    }
    return spare;
  };
  let manifest: Manifest;
  try {
    const filled = (await fill(next, claim)) ?? { site: next, known: new Map() };
    manifest = await writeManifest(filled.site, filled.known);
    await uninterrupted(async () => {
      await swapIn(output, filled.site);
      // Now the site itself: a stop that waited for the swap must not remove it.
      for (const forget of forgets) forget();
    });
  } catch (error) {
    // When stopped, the signal handler removes them, within its time limit.
    if (!stopSignal()) {
      for (const folder of ours) await rm(folder, { recursive: true, force: true });
      for (const forget of forgets) forget();
    }
    throw error;
  } finally {
    for (const folder of ours) filling.delete(folder);
  }
  // The folder replaced stays as the spare the next build recycles; the others go.
  await removeOldVersions(output, filling);
  return manifest;
}

/**
 * A production build that is all or nothing: assets are fingerprinted, Eleventy
 * writes to a fresh folder beside the output, the search index and the manifest
 * are written, and only then is the folder swapped in. A part of a split build
 * (`part`, see src/cdn/parts.ts) has no search index: `npm run merge` makes it for the whole site.
 */
export async function atomicBuild({ output, configPath = ".eleventy.ts", quiet = false, part, full = false }: BuildOptions): Promise<Manifest> {
  if (part !== undefined) parsePart(part);
  const saved = { map: process.env[ASSET_MAP_VARIABLE], part: process.env[PART_VARIABLE] };
  // A whole build starts from the previous one when it can prove that safe (src/incremental/); parts always build in full.
  const plan = part === undefined ? planBuild(".", output, full) : undefined;
  let memory: IncrementalOutput | undefined;
  try {
    const manifest = await replaceAtomically(output, async (next, claim) => {
      process.env[ASSET_MAP_VARIABLE] = JSON.stringify(await fingerprintSources("public", next));
      if (part === undefined) delete process.env[PART_VARIABLE];
      else process.env[PART_VARIABLE] = part;
      const started = performance.now();
      let filled: Filled = { site: next, known: new Map() };
      // The site an incremental build starts from (the folder the plan saw, even if another build swapped meanwhile), and the search index reuses.
      const previousSite = plan?.kind === "incremental" ? plan.previousSite : output;
      const previous = readManifestOf(previousSite);
      if (plan) ({ memory, ...filled } = await renderIncrementally(plan, previous, next, configPath, quiet, claim));
      else await eleventyBuild(next, configPath, quiet);
      console.log(`[broadsheet] Eleventy and the story pages took ${seconds(started)}`);
      // Search indexing holds every page in memory too: after Eleventy has exited, the two peaks do not add up.
      if (part === undefined) {
        const indexing = performance.now();
        const search = await indexSearch(filled.site, previousSite, filled.known);
        console.log(`[broadsheet] Search index: ${search.pages} pages, ${search.bundles.length - search.reused.length} of ${search.bundles.length} years indexed (the others were unchanged) in ${seconds(indexing)}`);
        filled = { ...filled, known: withReusedBundles(filled.known, previous, search.reused) };
      }
      // The unhashed copies Eleventy passed through are not published.
      for (const folder of FINGERPRINTED_FOLDERS) await rm(path.join(filled.site, folder), { recursive: true, force: true });
      return filled;
    });
    if (plan && memory) saveState(".", output, plan, memory);
    return manifest;
  } finally {
    restore(ASSET_MAP_VARIABLE, saved.map);
    restore(PART_VARIABLE, saved.part);
  }
}

/** The hashes of the search bundles reused from the previous build, which are its files. */
function withReusedBundles(known: KnownHashes, previous: Manifest | undefined, years: readonly string[]): KnownHashes {
  if (!previous || years.length === 0) return known;
  const prefixes = years.map((year) => `/${SEARCH_BUNDLE}/${year}/`);
  const reused = Object.entries(previous.files).filter(([sitePath]) => prefixes.some((prefix) => sitePath.startsWith(prefix)));
  return new Map([...known, ...reused]);
}

/**
 * Eleventy's part of a whole build: only the pages the changes touch when the plan
 * allows, put together with the previous build's other pages (src/incremental/recycle.ts).
 * A page the previous build should have and does not makes it a full build after all.
 */
async function renderIncrementally(plan: BuildPlan, previous: Manifest | undefined, next: string, configPath: string, quiet: boolean, claim: ClaimSpare): Promise<Filled & { memory: IncrementalOutput }> {
  // Inside the new folder, so a killed build's leftovers go with it; removed before anything is published.
  const memoryFile = path.resolve(next, ".broadsheet-render-memory.json");
  const inputFile = path.resolve(next, ".broadsheet-render-input.json");
  const cacheControl = path.resolve(next, ".broadsheet-content-cache-control.json");
  const cacheOutput = path.resolve(next, ".broadsheet-content-cache");
  const saved = { input: process.env[INCREMENTAL_INPUT], output: process.env[INCREMENTAL_OUTPUT], cache: process.env[CONTENT_CACHE] };
  process.env[INCREMENTAL_OUTPUT] = memoryFile;
  process.env[CONTENT_CACHE] = cacheControl;
  const storyHashes = Object.fromEntries(Object.entries(plan.inputs).flatMap(([file, entry]) => (file.startsWith(`${STORY_FOLDER}/`) ? [[file, hashOf(entry) ?? ""]] : [])));
  const cacheFolder = contentCacheFolder(plan.output);
  const control = (previous: boolean): ContentCacheControl => ({ ...(previous ? { previous: path.resolve(cacheFolder) } : {}), output: cacheOutput, hashes: storyHashes });
  // Its entries carry their files' hashes, so it may be newer than the build state: it is kept even if the build fails later.
  const keepCache = async () => {
    await mkdir(cacheFolder, { recursive: true });
    for (const file of await readdir(cacheOutput).catch(() => [])) await rename(path.join(cacheOutput, file), path.join(cacheFolder, file));
  };
  const eleventyRun = async (previousCache: boolean) => {
    await writeFile(cacheControl, JSON.stringify(control(previousCache)));
    await eleventyBuild(next, configPath, quiet);
    await keepCache();
    const memory = JSON.parse(await readFile(memoryFile, "utf8")) as IncrementalOutput;
    for (const file of [memoryFile, inputFile, cacheControl]) await rm(file, { force: true });
    return memory;
  };
  try {
    if (plan.kind === "incremental") {
      console.log(`[broadsheet] Incremental build: ${plural(plan.input.changedFiles.length, "content file")} changed since the last build`);
      await writeFile(inputFile, JSON.stringify(plan.input));
      process.env[INCREMENTAL_INPUT] = inputFile;
      const memory = await eleventyRun(true);
      try {
        const assembled = await assemble(plan.previousSite, previous, next, memory.pages, claim);
        console.log(`[broadsheet] Carried over ${plural(assembled.carried, "unchanged page")} from the previous build${assembled.site === next ? "" : " (recycling the build before it)"}`);
        return { memory, ...assembled };
      } catch (error) {
        console.log(`[broadsheet] Full build: the previous build lacks a page it should have (${(error as Error).message})`);
        await emptyFolder(next);
        process.env[ASSET_MAP_VARIABLE] = JSON.stringify(await fingerprintSources("public", next));
      }
    } else console.log(`[broadsheet] Full build: ${plan.reason}`);
    delete process.env[INCREMENTAL_INPUT];
    return { memory: await eleventyRun(false), site: next, known: new Map() };
  } finally {
    restore(INCREMENTAL_INPUT, saved.input);
    restore(INCREMENTAL_OUTPUT, saved.output);
    restore(CONTENT_CACHE, saved.cache);
    for (const file of [memoryFile, inputFile, cacheControl, cacheOutput]) await rm(file, { recursive: true, force: true });
  }
}

/**
 * The whole new site from the pages Eleventy wrote into `next` and the previous build's
 * others: in the spare build, brought up to date, when there is one; else in `next`, by hard links.
 */
async function assemble(previousSite: string, previous: Manifest | undefined, next: string, pages: readonly string[], claim: ClaimSpare): Promise<Filled & { carried: number }> {
  const spare = previous ? await claim() : undefined;
  const spareManifest = spare ? readManifestOf(spare) : undefined;
  if (previous && spare && spareManifest) {
    const known = moveStaged(next, spare, previous, pages, () => bringUpToDate(spare, previousSite, spareManifest, previous));
    return { site: spare, known, carried: known.size };
  }
  const known = carryOver(previousSite, next, pages, previous);
  return { site: next, known, carried: known.size };
}

async function emptyFolder(dir: string): Promise<void> {
  for (const entry of await readdir(dir)) await rm(path.join(dir, entry), { recursive: true, force: true });
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
