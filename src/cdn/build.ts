import { fork } from "node:child_process";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as pagefind from "pagefind";
import { ASSET_MAP_VARIABLE, FINGERPRINTED_FOLDERS, fingerprintSources } from "./fingerprint.ts";
import { writeManifest, type Manifest } from "./manifest.ts";
import { parsePart } from "./parts.ts";
import { onStop, removeOnStop, stopSignal, uninterrupted } from "./stop.ts";
import { newVersion, removeOldVersions, swapIn, tidyOutput } from "./swap.ts";
import { INCREMENTAL_INPUT, INCREMENTAL_OUTPUT, type IncrementalOutput } from "../incremental/render-state.ts";
import { carryOver, planBuild, saveState, type BuildPlan } from "../incremental/state.ts";
import { buildSearchIndex } from "../search/index.ts";

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
function eleventyBuild(output: string, configPath: string, quiet: boolean): Promise<void> {
  const script = fileURLToPath(new URL("./eleventy-child.ts", import.meta.url));
  const child = fork(script, [output, configPath, quiet ? "quiet" : ""], { execArgv: ["--import", "tsx"], stdio: "inherit" });
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
export async function indexSearch(site: string, previous: string): ReturnType<typeof buildSearchIndex> {
  const forget = onStop(() => pagefind.close());
  try {
    return await buildSearchIndex(site, { previous });
  } finally {
    forget();
  }
}

/** Versions this process is filling: never removed as leftovers. */
const filling = new Set<string>();

/**
 * Fills a fresh version folder of `output` (see src/cdn/swap.ts), writes its manifest, and
 * only then swaps it in: any failure or stop leaves the previous output as it was.
 */
export async function replaceAtomically(output: string, fill: (next: string) => Promise<void>): Promise<Manifest> {
  await tidyOutput(output, filling);
  const next = await newVersion(output);
  filling.add(next);
  const forget = removeOnStop(next);
  let manifest: Manifest;
  try {
    await fill(next);
    manifest = await writeManifest(next);
    await uninterrupted(async () => {
      await swapIn(output, next);
      // Now the site itself: a stop that waited for the swap must not remove it.
      forget();
    });
  } catch (error) {
    // When stopped, the signal handler removes it, within its time limit.
    if (!stopSignal()) {
      await rm(next, { recursive: true, force: true });
      forget();
    }
    throw error;
  } finally {
    filling.delete(next);
  }
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
    const manifest = await replaceAtomically(output, async (next) => {
      process.env[ASSET_MAP_VARIABLE] = JSON.stringify(await fingerprintSources("public", next));
      if (part === undefined) delete process.env[PART_VARIABLE];
      else process.env[PART_VARIABLE] = part;
      const started = performance.now();
      if (plan) memory = await renderIncrementally(plan, next, configPath, quiet);
      else await eleventyBuild(next, configPath, quiet);
      console.log(`[broadsheet] Eleventy and the story pages took ${seconds(started)}`);
      // Search indexing holds every page in memory too: after Eleventy has exited, the two peaks do not add up.
      if (part === undefined) {
        const indexing = performance.now();
        const search = await indexSearch(next, output);
        console.log(`[broadsheet] Search index: ${search.pages} pages, ${search.bundles.length - search.reused.length} of ${search.bundles.length} years indexed (the others were unchanged) in ${seconds(indexing)}`);
      }
      // The unhashed copies Eleventy passed through are not published.
      for (const folder of FINGERPRINTED_FOLDERS) await rm(path.join(next, folder), { recursive: true, force: true });
    });
    if (plan && memory) saveState(".", output, plan, memory);
    return manifest;
  } finally {
    restore(ASSET_MAP_VARIABLE, saved.map);
    restore(PART_VARIABLE, saved.part);
  }
}

/**
 * Eleventy's part of a whole build: only the pages the changes touch when the plan
 * allows, the other pages carried over from the previous build. A page the previous
 * build should have and does not makes it a full build after all.
 */
async function renderIncrementally(plan: BuildPlan, next: string, configPath: string, quiet: boolean): Promise<IncrementalOutput> {
  // Inside the new folder, so a killed build's leftovers go with it; removed before anything is published.
  const memoryFile = path.resolve(next, ".broadsheet-render-memory.json");
  const inputFile = path.resolve(next, ".broadsheet-render-input.json");
  const saved = { input: process.env[INCREMENTAL_INPUT], output: process.env[INCREMENTAL_OUTPUT] };
  process.env[INCREMENTAL_OUTPUT] = memoryFile;
  try {
    if (plan.kind === "incremental") {
      console.log(`[broadsheet] Incremental build: ${plural(plan.input.changedFiles.length, "content file")} changed since the last build`);
      await writeFile(inputFile, JSON.stringify(plan.input));
      process.env[INCREMENTAL_INPUT] = inputFile;
      await eleventyBuild(next, configPath, quiet);
      const memory = JSON.parse(await readFile(memoryFile, "utf8")) as IncrementalOutput;
      try {
        console.log(`[broadsheet] Carried over ${plural(carryOver(plan.previousSite, next, memory.pages), "unchanged page")} from the previous build`);
        return memory;
      } catch (error) {
        console.log(`[broadsheet] Full build: the previous build lacks a page it should have (${(error as Error).message})`);
        await emptyFolder(next);
        process.env[ASSET_MAP_VARIABLE] = JSON.stringify(await fingerprintSources("public", next));
      }
    } else console.log(`[broadsheet] Full build: ${plan.reason}`);
    delete process.env[INCREMENTAL_INPUT];
    await eleventyBuild(next, configPath, quiet);
    return JSON.parse(await readFile(memoryFile, "utf8")) as IncrementalOutput;
  } finally {
    restore(INCREMENTAL_INPUT, saved.input);
    restore(INCREMENTAL_OUTPUT, saved.output);
    await rm(memoryFile, { force: true });
    await rm(inputFile, { force: true });
  }
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
