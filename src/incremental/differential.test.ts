import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { DateTime } from "luxon";
import { mulberry32, writeCorpus } from "../bench/corpus.ts";
import { sitePaths } from "../cdn/files.ts";
import { applyEdit, editSequence, type EditContext, type EditKind } from "./edits.ts";

/**
 * The differential test of incremental builds: after every seeded edit, the site
 * `npm run build` made from the previous build must be byte for byte the site a
 * full build makes. BROADSHEET_DIFF_STORIES, _SEQUENCES and _STEPS size it (the
 * benchmark runs it large; .ci/run at 300 stories); `npm run test:differential` runs the
 * default. BROADSHEET_DIFF_SEED is the first
 * sequence's seed (1008 has a "regions changed" edit).
 */
const STORIES = Number(process.env.BROADSHEET_DIFF_STORIES ?? 60);
const SEQUENCES = Number(process.env.BROADSHEET_DIFF_SEQUENCES ?? 1);
const FIRST_SEED = Number(process.env.BROADSHEET_DIFF_SEED ?? 1000);
const STEPS = Number(process.env.BROADSHEET_DIFF_STEPS ?? 6);
const REPO = process.cwd();
const BUILD = path.join(REPO, "src/cli/build.ts");

const projects: string[] = [];
after(() => Promise.all(projects.map((dir) => rm(dir, { recursive: true, force: true }))));

function build(dir: string, output: string, now: DateTime, full: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", "tsx", BUILD, "--output", output, "--quiet", ...(full ? ["--full"] : [])],
      { cwd: dir, env: { ...process.env, BROADSHEET_NOW: now.toISO()!, BROADSHEET_PREVIEW: "0" }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => (error ? reject(new Error(`${output} build failed:\n${stdout}\n${stderr}`)) : resolve(stdout)),
    );
  });
}

/** Every folder under `dir`, as a site path: a recycled build must leave no empty one behind. */
const folders = (dir: string) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name))).sort();

/** Every difference between two sites: files and folders only in one, and files whose bytes differ. */
function differences(a: string, b: string): string[] {
  const left = sitePaths(a);
  const right = new Set(sitePaths(b));
  const rightFolders = new Set(folders(b));
  const found: string[] = folders(a).filter((folder) => !rightFolders.delete(folder)).map((folder) => `folder only in the incremental build: ${folder}`);
  found.push(...[...rightFolders].map((folder) => `folder only in the full build: ${folder}`));
  for (const file of left) {
    if (!right.has(file)) found.push(`only in the incremental build: ${file}`);
    else if (!readFileSync(path.join(a, file)).equals(readFileSync(path.join(b, file)))) found.push(`differs: ${file}`);
    right.delete(file);
  }
  for (const file of right) found.push(`only in the full build: ${file}`);
  return found;
}

async function corpus(seed: number): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "broadsheet-differential-"));
  projects.push(dir);
  // Stories in the days before the 2023 election, so that the clock releases its stages.
  await writeCorpus({ dir, articles: STORIES, seed, start: "2023-03-12T08:00:00+06:00" });
  await symlink(path.join(REPO, "node_modules"), path.join(dir, "node_modules"));
  // Image renditions are shared, as in the other engine tests.
  // Made first: on a fresh clone a link to a missing folder would leave the build no cache to make.
  await mkdir(path.join(REPO, ".cache/img"), { recursive: true });
  await mkdir(path.join(dir, ".cache"));
  await symlink(path.join(REPO, ".cache/img"), path.join(dir, ".cache/img"));
  return dir;
}

describe("incremental builds are byte-identical to full builds", () => {
  for (let sequence = 0; sequence < SEQUENCES; sequence++) {
    const seed = FIRST_SEED + sequence;
    it(`edit sequence ${seed}: ${STEPS} seeded edits, compared after each`, async () => {
      const dir = await corpus(seed);
      const { kinds, random } = editSequence(seed, STEPS);
      const context: EditContext = { dir, random, now: DateTime.fromISO("2023-03-19T21:00:00+06:00", { setZone: true }) };
      applyEdit("live entry", context);
      await build(dir, "_site", context.now, true);
      // Only what an edit touches is rendered: one story's text, one story page.
      const edited = applyEdit("body", context);
      const body = await build(dir, "_site", context.now, false);
      // A draft or scheduled story has no page to render.
      assert.match(body, edited.endsWith("(not published)") ? /Incremental build: 1 content file changed[\s\S]*Wrote 0 story pages in/ : /Incremental build: 1 content file changed[\s\S]*Wrote 1 story page in/, edited);
      // A new live entry renders the live page (and its live.json), not its neighbours'; then the clock ends its coverage.
      applyEdit("live entry", context);
      const [live] = await Promise.all([build(dir, "_site", context.now, false), build(dir, "_full", context.now, true)]);
      assert.match(live, /Incremental build: 1 content file changed[\s\S]*Wrote 1 story page in/);
      assert.deepEqual(differences(path.join(dir, "_site"), path.join(dir, "_full")), [], `after a live entry\n${live}`);
      context.now = context.now.plus({ hours: 9 });
      const [ended] = await Promise.all([build(dir, "_site", context.now, false), build(dir, "_full", context.now, true)]);
      assert.deepEqual(differences(path.join(dir, "_site"), path.join(dir, "_full")), [], `after the live coverage ended\n${ended}`);
      const done: string[] = [];
      let compared = 0;
      for (const kind of kinds) {
        done.push(applyEdit(kind, context));
        const [incremental] = await Promise.all([build(dir, "_site", context.now, false), build(dir, "_full", context.now, true)]);
        assert.deepEqual(differences(path.join(dir, "_site"), path.join(dir, "_full")), [], `after: ${done.join("; ")}\n${incremental}`);
        if (incremental.includes("Incremental build:")) compared++;
      }
      // Edits to templates make full builds; most steps must have tried the incremental path.
      assert.ok(compared >= kinds.filter((kind) => kind !== "template").length, `only ${compared} of ${kinds.length} builds were incremental: ${done.join("; ")}`);
    });
  }

  it("editors' picks and the breaking strip: set, then expired by the clock alone, as a full build makes them", async () => {
    const dir = await corpus(2000);
    const context: EditContext = { dir, random: mulberry32(2000), now: DateTime.fromISO("2023-03-19T21:00:00+06:00", { setZone: true }) };
    await build(dir, "_site", context.now, true);
    const done = ["front pick", "section pick", "breaking strip", "front pick"].map((kind) => applyEdit(kind as EditKind, context));
    const front = () => readFileSync(path.join(dir, "_site/index.html"), "utf8");
    const compare = async (step: string) => {
      const [incremental] = await Promise.all([build(dir, "_site", context.now, false), build(dir, "_full", context.now, true)]);
      assert.match(incremental, /Incremental build:/, step);
      assert.deepEqual(differences(path.join(dir, "_site"), path.join(dir, "_full")), [], `${step}: ${done.join("; ")}\n${incremental}`);
    };
    await compare("picks set");
    const picked = front();
    assert.match(picked, /class="breaking"/, "the strip is up");
    // Every pick expires within 31 hours; no file changes.
    context.now = context.now.plus({ hours: 48 });
    await compare("picks expired");
    assert.doesNotMatch(front(), /class="breaking"/, "the clock took the strip down");
    assert.notEqual(front(), picked);
  });
});