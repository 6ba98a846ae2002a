import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { spawn } from "node:child_process";
import { createCipheriv } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadContent } from "../articles/content.ts";
import { writeCorpus } from "../bench/corpus.ts";
import { measure } from "../bench/measure.ts";
import S3rver from "s3rver";
import { buildRelatedIndexInParallel } from "../related/index.ts";
import { isPublic } from "../articles/load.ts";
import { DEFAULT_EMBEDS } from "../html/embeds.ts";
import { checkBodies } from "../html/story-body.ts";

/**
 * `npm run bench -- --articles 10000`: builds a synthetic archive with every
 * feature and with a bare Eleventy config, and times editing under `npm start`.
 * Prints figures; asserts nothing. `--skip-dev` leaves out the dev-server timings;
 * `--low-memory` also times `npm run build -- --low-memory`. `--runs N` builds N times from cold,
 * ours and bare in turn, and also prints the fastest of each (this machine's speed varies).
 * `--skip-publish` leaves out save-to-live (a build and `npm run publish` to a local S3 server);
 * `--differential` also runs the differential test of incremental builds. Both run only at sizes
 * up to 10,000, where their targets are: at 50,000 the first publish of the whole site and the
 * differential's full builds alone would take most of an hour.
 */
const { values } = parseArgs({
  options: {
    articles: { type: "string", multiple: true },
    "skip-dev": { type: "boolean", default: false },
    "skip-bare": { type: "boolean", default: false },
    "low-memory": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    runs: { type: "string", default: "1" },
    "skip-publish": { type: "boolean", default: false },
    differential: { type: "boolean", default: false },
  },
});
const sizes = (values.articles ?? ["10000"]).map(Number);
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs ${values.runs}: expected a whole number of runs, 1 or more`);
const NOW = "2030-01-01T00:00:00+06:00";
const ELEVENTY = path.resolve("node_modules/@11ty/eleventy/cmd.cjs");
const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;

const BARE_CONFIG = `// One layout, no features: Eleventy's own cost for the same Markdown files.
export default function (eleventyConfig) {
  eleventyConfig.setDataFileSuffixes([]);
  eleventyConfig.addGlobalData("layout", "bare.njk");
}
export const config = {
  dir: { input: "src/content/articles", includes: "../../../bare/_includes", data: "../../../bare/_data", output: "_bare" },
  markdownTemplateEngine: false,
  templateFormats: ["md"],
};
`;
const BARE_LAYOUT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title></head><body><main><h1>{{ title }}</h1>{{ content | safe }}</main></body></html>\n`;

async function folderBytes(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  let total = 0;
  for (const entry of entries) if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  return total;
}

async function waitFor(url: string, test: (body: string) => boolean, timeoutMs: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    try {
      const response = await fetch(url);
      if (response.ok && test(await response.text())) return (performance.now() - started) / 1000;
    } catch {
      // Not up yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Number.NaN;
}

/** The sample election's final turnout (54.21 as published), as a data editor corrects it; each edit must change the file. */
async function setTurnout(dir: string, value: string): Promise<void> {
  const file = path.join(dir, "_data/elections/kz-mazhilis-2023.json");
  const before = await readFile(file, "utf8");
  const after = before.replace(/"turnout": 54\.2\d,/, `"turnout": ${value},`);
  if (after === before) throw new Error(`${file}: no turnout of 54.2x to change to ${value}`);
  await writeFile(file, after);
}

/** Seconds from saving a file under `npm start` until the served page shows the change. */
async function devTimings(dir: string, story: { file: string; url: string }, election: { url: string } | undefined) {
  const port = 18080 + Math.floor(Math.random() * 1000);
  const started = performance.now();
  const server = spawn(process.execPath, ["--import", "tsx", ELEVENTY, "--config=.eleventy.ts", "--serve", "--incremental", `--port=${port}`, "--output=_preview"], {
    cwd: dir,
    env: { ...process.env, BROADSHEET_NOW: NOW },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  // Edits made before Eleventy starts watching are not seen: wait for it to say so. The search
  // index of the first build is then made in the background; editing waits for it too, as an
  // editor who starts the server and then opens a story would.
  let log = "";
  let indexedAfter = Number.NaN;
  let resolveIndexed = () => {};
  const indexed = new Promise<void>((resolve) => (resolveIndexed = resolve));
  const watching = new Promise<void>((resolve) => {
    server.stdout.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      if (/Watching/.test(log)) resolve();
      if (Number.isNaN(indexedAfter) && /Search index updated/.test(log)) {
        indexedAfter = (performance.now() - started) / 1000;
        resolveIndexed();
      }
    });
  });
  server.stderr.on("data", () => {});
  const base = `http://localhost:${port}`;
  try {
    await watching;
    const startup = (performance.now() - started) / 1000;
    await waitFor(`${base}${story.url}`, () => true, 60_000);
    await Promise.race([indexed, new Promise((resolve) => setTimeout(resolve, 5 * 60_000))]);
    // The file watcher needs a moment after saying so before it reports changes.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const marker = `edited-${Date.now()}`;
    await appendFile(story.file, `\nA sentence added by the benchmark: ${marker}.\n`);
    const storyEdit = await waitFor(`${base}${story.url}`, (body) => body.includes(marker), 2 * 60_000);
    let resultsEdit = Number.NaN;
    if (election) {
      await setTurnout(dir, "54.23");
      resultsEdit = await waitFor(`${base}${election.url}`, (body) => body.includes("54.23 percent"), 2 * 60_000);
    }
    return { startup, indexed: indexedAfter, storyEdit, resultsEdit };
  } finally {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
  }
}

/**
 * Save to live: the whole site published once to a local S3 server (s3rver, on loopback),
 * then one story edited, built and published; the second is what an editor waits for.
 */
async function timeSaveToLive(dir: string, story: string): Promise<{ first: number; build: number; publish: number; total: number; uploaded: number }> {
  // s3rver lists more than 1,000 keys with a DES continuation token, which OpenSSL 3 keeps in its legacy provider.
  try {
    createCipheriv("des", Buffer.alloc(8), Buffer.alloc(8));
  } catch {
    throw new Error("the local S3 server cannot list a site this big without OpenSSL's legacy provider: run the benchmark as `npm run bench`, which turns it on (node --openssl-legacy-provider)");
  }
  const port = 19_000 + Math.floor(Math.random() * 1000);
  const store = await mkdtemp(path.join(tmpdir(), "broadsheet-bench-s3-"));
  const server = new S3rver({ address: "127.0.0.1", port, silent: true, directory: store, configureBuckets: [{ name: "bench" }] });
  await server.run();
  const env = { BROADSHEET_NOW: NOW, BROADSHEET_PREVIEW: "0", AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER", AWS_REGION: "us-east-1", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };
  const publish = async () => {
    const result = await measure(process.execPath, ["--import", "tsx", "src/cli/publish.ts", "--bucket", "bench", "--endpoint", `http://127.0.0.1:${port}`], { cwd: dir, env });
    if (result.status !== 0) throw new Error(`publish failed:\n${result.output.slice(-2000)}`);
    return result;
  };
  try {
    const first = await publish();
    await appendFile(path.join(dir, story), "\nA sentence an editor added before publishing.\n");
    const build = await measure(process.execPath, ["--import", "tsx", "src/cli/build.ts", "--quiet"], { cwd: dir, env });
    if (build.status !== 0) throw new Error(`the build before publishing failed:\n${build.output.slice(-2000)}`);
    const second = await publish();
    const uploaded = Number(second.output.match(/(\d+) to upload/)?.[1] ?? Number.NaN);
    return { first: first.seconds, build: build.seconds, publish: second.seconds, total: build.seconds + second.seconds, uploaded };
  } finally {
    await server.close();
    await rm(store, { recursive: true, force: true });
  }
}

console.log(`Broadsheet benchmark (node ${process.version}, ${new Date().toISOString().slice(0, 10)}); figures only, nothing asserted.`);
for (const n of sizes) {
  const runStarted = performance.now();
  const dir = await mkdtemp(path.join(tmpdir(), `broadsheet-bench-${n}-`));
  try {
    await writeCorpus({ dir, articles: n });
    await symlink(path.resolve("node_modules"), path.join(dir, "node_modules"));
    // Image renditions are cached between builds, as on a real site.
    await mkdir(".cache/img", { recursive: true });
    await mkdir(path.join(dir, ".cache"));
    await symlink(path.resolve(".cache/img"), path.join(dir, ".cache/img"));

    const cwd = process.cwd();
    process.chdir(dir);
    const content = await loadContent({ inputDir: "src/content", dataDir: "_data", publicDir: "public" });
    process.chdir(cwd);
    if (!content.ok) throw new Error(`the synthetic corpus does not validate:\n${content.problems.slice(0, 5).map((p) => `${p.file}: ${p.field}: ${p.message}`).join("\n")}`);
    const started = performance.now();
    await buildRelatedIndexInParallel(content.articles.map((a) => ({ ...a, listable: isPublic(a) })), content.data.related);
    const relatedMs = performance.now() - started;
    // What `npm run check` adds for raw HTML: every body rendered and sanitized.
    const bodiesStarted = performance.now();
    process.chdir(dir);
    const bodyWarnings = checkBodies(content.articles, content.data.site.embeds ?? DEFAULT_EMBEDS).warnings.length;
    process.chdir(cwd);
    const bodiesMs = performance.now() - bodiesStarted;
    const check = await measure(process.execPath, ["--import", "tsx", "src/cli/check.ts"], { cwd: dir, env: { BROADSHEET_NOW: NOW } });

    /** `npm run build -- --quiet ...` in the archive, as production builds it. */
    const ourBuild = async (what: string, ...args: string[]) => {
      const result = await measure(process.execPath, ["--import", "tsx", "src/cli/build.ts", "--quiet", ...args], { cwd: dir, env: { BROADSHEET_NOW: NOW, BROADSHEET_PREVIEW: "0" } });
      if (result.status !== 0) throw new Error(`the ${what} failed:\n${result.output.slice(-2000)}`);
      return result;
    };
    const ours = await ourBuild("build");
    const files = Object.keys(JSON.parse(await readFile(path.join(dir, "_site/manifest.json"), "utf8")).files).length;
    // Eleventy's pages and the story pages Broadsheet writes beside them.
    const pages = Number(ours.output.match(/Wrote (\d+) files/)?.[1] ?? files) + Number(ours.output.match(/Wrote (\d+) story pages?/)?.[1] ?? 0);

    // What a newsroom's build does most of the day: the same archive again, one story edited.
    const edited = content.articles[Math.floor(content.articles.length / 3)]!;
    await appendFile(path.join(dir, edited.inputPath), "\nA sentence added by the benchmark before a rebuild.\n");
    const rebuild = await ourBuild("rebuild");
    const searchLine = rebuild.output.match(/Search index: .*/)?.[0] ?? "";
    const rebuildKind = (rebuild.output.match(/\[broadsheet\] ((?:Incremental|Full) build: .*)/)?.[1] ?? "").replace(/since the last build$/, "");
    const carried = rebuild.output.match(/Carried over (\d+) unchanged pages?/)?.[1];
    // Again: from here on the build before the last is there to recycle, as in a newsroom's day.
    await appendFile(path.join(dir, content.articles[Math.floor(content.articles.length / 4)]!.inputPath), "\nAnother sentence added by the benchmark.\n");
    const steady = await ourBuild("second rebuild");
    await setTurnout(dir, "54.22");
    const resultsRebuild = await ourBuild("rebuild after a results edit");
    // A failed publish to the local S3 server is reported, not allowed to throw away the run's other figures.
    const saveToLive =
      values["skip-publish"] || n > 10_000
        ? undefined
        : await timeSaveToLive(dir, content.articles[Math.floor(content.articles.length / 5)]!.inputPath).catch((error: unknown) => (error instanceof Error ? error.message : String(error)));

    let bareLine = "bare Eleventy: skipped";
    if (!values["skip-bare"]) {
      await mkdir(path.join(dir, "bare/_includes"), { recursive: true });
      await mkdir(path.join(dir, "bare/_data"), { recursive: true });
      await writeFile(path.join(dir, "bare/_includes/bare.njk"), BARE_LAYOUT);
      await writeFile(path.join(dir, "bare.eleventy.mjs"), BARE_CONFIG);
      const bareBuild = async () => {
        await rm(path.join(dir, "_bare"), { recursive: true, force: true });
        const bare = await measure(process.execPath, [ELEVENTY, "--config=bare.eleventy.mjs", "--quiet"], { cwd: dir });
        if (bare.status !== 0) throw new Error(`the bare build failed:\n${bare.output.slice(-2000)}`);
        return bare;
      };
      const bare = await bareBuild();
      bareLine = `bare Eleventy ${bare.seconds.toFixed(1)} s, ${mb(bare.peakRssBytes)} peak; ratio ours / bare ${(ours.seconds / bare.seconds).toFixed(2)}`;
      if (runs > 1) {
        // More cold builds, ours and bare in turn, so both meet the machine's slow and fast spells.
        const oursTimes = [ours.seconds];
        const bareTimes = [bare.seconds];
        for (let run = 1; run < runs; run++) {
          await rm(path.join(dir, "_cold"), { recursive: true, force: true });
          oursTimes.push((await ourBuild("build", "--output", "_cold", "--full")).seconds);
          bareTimes.push((await bareBuild()).seconds);
        }
        const span = (times: number[]) => `${Math.min(...times).toFixed(1)}-${Math.max(...times).toFixed(1)} s`;
        bareLine += `\n  ${runs} cold runs      ours ${span(oursTimes)}, bare ${span(bareTimes)}; fastest against fastest ${(Math.min(...oursTimes) / Math.min(...bareTimes)).toFixed(2)}`;
      }
    }

    console.log(`\n${n.toLocaleString("en-GB")} stories`);
    console.log(`  full build        ${ours.seconds.toFixed(1)} s wall, ${(pages / ours.seconds).toFixed(0)} pages/s (${pages} pages, ${files} files), ${mb(ours.peakRssBytes)} peak RSS (process tree), ${((ours.peakRssBytes / n) / 1024).toFixed(0)} KB a story`);
    const took = (pattern: RegExp, output = ours.output) => Number(output.match(pattern)?.[1] ?? Number.NaN);
    const eleventySeconds = took(/Eleventy and the story pages took ([\d.]+) s/);
    const searchSeconds = took(/Search index: .* in ([\d.]+) s/);
    console.log(
      `  where it went     Eleventy with the story pages ${eleventySeconds.toFixed(1)} s (story pages ${took(/Wrote \d+ story pages? in ([\d.]+) seconds/).toFixed(1)} s), search index ${searchSeconds.toFixed(1)} s, the rest (fingerprints, manifest, swap) ${(ours.seconds - eleventySeconds - searchSeconds).toFixed(1)} s`,
    );
    console.log(`  rebuild           ${rebuild.seconds.toFixed(1)} s wall (${(rebuild.seconds / ours.seconds).toFixed(2)} of the full build), ${mb(rebuild.peakRssBytes)} peak, after one story was edited: ${rebuildKind}${carried ? `, ${carried} pages carried over` : ""} (${searchLine.replace("[broadsheet] ", "")})`);
    const target = (at10k: number, at50k: number) => `target ${n <= 10_000 ? at10k : at50k} s`;
    console.log(`  one story edited  ${steady.seconds.toFixed(1)} s wall (${(steady.seconds / ours.seconds).toFixed(2)} of the full build; ${target(3, 8)}), the next edit, with the build before the last to recycle: ${took(/Search index: .* in ([\d.]+) s/, steady.output).toFixed(1)} s of it the search index`);
    console.log(`  results edited    ${resultsRebuild.seconds.toFixed(1)} s wall (${(resultsRebuild.seconds / ours.seconds).toFixed(2)} of the full build; target 3 s at 10,000), after a turnout figure changed`);
    if (typeof saveToLive === "string") console.log(`  save to live      FAILED: ${saveToLive.slice(-1500)}`);
    else if (saveToLive) console.log(`  save to live      ${saveToLive.total.toFixed(1)} s (build ${saveToLive.build.toFixed(1)} s, publish ${saveToLive.publish.toFixed(1)} s of ${saveToLive.uploaded} changed files to a local S3 server; target 5 s at 10,000); the first publish of the whole site took ${saveToLive.first.toFixed(1)} s`);
    console.log(`  cold full build   ${ours.seconds.toFixed(1)} s (target 20 s at 10,000)`);
    console.log(`  related index     ${relatedMs.toFixed(0)} ms`);
    const sanitized = ours.output.match(/Sanitized (\d+) story bodies .* in ([\d.]+) seconds/);
    const sanitizeSeconds = Number(sanitized?.[2] ?? Number.NaN);
    console.log(
      `  raw HTML          sanitizing ${sanitizeSeconds.toFixed(2)} s for ${sanitized?.[1] ?? "?"} bodies, ${((100 * sanitizeSeconds) / ours.seconds).toFixed(1)} % of the full build; ` +
        `npm run check ${check.seconds.toFixed(1)} s wall, of which rendering and sanitizing every body ${(bodiesMs / 1000).toFixed(2)} s (${bodyWarnings} warnings)`,
    );
    let searchIndex = 0;
    const bundles = await readdir(path.join(dir, "_site/pagefind"), { withFileTypes: true });
    for (const bundle of bundles.filter((entry) => entry.isDirectory())) {
      for (const part of ["index", "fragment"]) searchIndex += await folderBytes(path.join(dir, "_site/pagefind", bundle.name, part));
    }
    console.log(`  search index      ${(searchIndex / 1024).toFixed(0)} KB (Pagefind indexes and fragments, one a year: ${bundles.filter((entry) => entry.isDirectory()).length}, before compression)`);
    console.log(`  ${bareLine}`);
    if (values["low-memory"]) {
      const low = await ourBuild("low-memory build", "--low-memory", "--output", "_low");
      console.log(`  --low-memory      ${low.seconds.toFixed(1)} s wall, ${mb(low.peakRssBytes)} peak RSS (process tree): one part a year, one after another, then merged`);
    }

    if (!values["skip-dev"]) {
      const story = content.articles[Math.floor(content.articles.length / 2)]!;
      const electionStory = content.articles.find((a) => a.election);
      const dev = await devTimings(dir, { file: path.join(dir, story.inputPath), url: story.url }, electionStory ? { url: electionStory.url } : undefined);
      console.log(`  npm start         watching after ${dev.startup.toFixed(1)} s (search index after ${dev.indexed.toFixed(1)} s); one story edited: its page served changed after ${dev.storyEdit.toFixed(1)} s; results file edited: an election story updated after ${dev.resultsEdit.toFixed(1)} s`);
    }
    if (values.differential && n <= 10_000) {
      const differential = await measure(process.execPath, ["--import", "tsx", "--test", "src/incremental/differential.test.ts"], { cwd: process.cwd(), env: { BROADSHEET_DIFF_STORIES: String(n), BROADSHEET_DIFF_SEQUENCES: "1" } });
      console.log(`  differential      ${differential.status === 0 ? "passed" : "FAILED"} at ${n.toLocaleString("en-GB")} stories in ${differential.seconds.toFixed(0)} s (one seeded sequence of edits, each build compared with a full build)${differential.status === 0 ? "" : `\n${differential.output.slice(-3000)}`}`);
    }
    console.log(`  this size took   ${((performance.now() - runStarted) / 1000).toFixed(0)} s in all (archive written, every build and timing above)`);
  } finally {
    if (values.keep) console.log(`  (kept ${dir})`);
    else await rm(dir, { recursive: true, force: true });
  }
}
