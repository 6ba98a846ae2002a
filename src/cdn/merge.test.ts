import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, it } from "node:test";
import { inProjectCopy } from "../test-helpers.ts";
import type { Manifest } from "./manifest.ts";
import { mergeManifests } from "./merge.ts";

const manifest = (files: Record<string, string>): Manifest => ({ version: 1, files: Object.fromEntries(Object.entries(files).map(([file, sha256]) => [file, { sha256, size: 1 }])) });

describe("mergeManifests", () => {
  it("takes every file once; files in two parts must be equal", () => {
    const files = mergeManifests([
      { dir: "shared", manifest: manifest({ "/index.html": "a", "/assets/site.css": "c" }) },
      { dir: "2023", manifest: manifest({ "/asia/2023/story/index.html": "s", "/assets/site.css": "c" }) },
    ]);
    assert.deepEqual(Object.fromEntries(files), { "/index.html": "shared", "/assets/site.css": "shared", "/asia/2023/story/index.html": "2023" });
  });

  it("names each file two parts disagree on", () => {
    assert.throws(
      () => mergeManifests([{ dir: "a", manifest: manifest({ "/index.html": "1", "/x": "1" }) }, { dir: "b", manifest: manifest({ "/index.html": "2", "/x": "1" }) }]),
      /do not fit together \(1 file\)[^]*\/index\.html: a and b have different versions/,
    );
  });
});

describe("a split build", () => {
  it("gives, once merged, exactly the files of the whole build", { timeout: 240_000 }, async () => {
    await inProjectCopy(async () => {}, async (dir) => {
      const run = (script: string, ...args: string[]) => {
        const result = spawnSync(process.execPath, ["--import", "tsx", `src/cli/${script}.ts`, ...args], { cwd: dir, encoding: "utf8", env: { ...process.env, BROADSHEET_NOW: "2023-03-28T12:00:00+06:00", BROADSHEET_PREVIEW: "0" } });
        return { status: result.status, output: result.stdout + result.stderr };
      };
      const files = async (site: string) => (JSON.parse(await readFile(path.join(dir, site, "manifest.json"), "utf8")) as Manifest).files;

      assert.equal(run("build", "--quiet").status, 0);
      for (const part of ["stories:2022", "stories:2023", "shared"]) {
        const built = run("build", "--quiet", "--part", part, "--output", `_parts/${part.replace(":", "-")}`);
        assert.equal(built.status, 0, built.output);
      }
      const story2022 = Object.keys(await files("_parts/stories-2022")).filter((file) => file.endsWith("/index.html"));
      assert.ok(story2022.length >= 6 && story2022.every((file) => /\/2022\/\d\d\/\d\d\//.test(file)), "a story part holds its own stories' pages only");

      const merged = run("merge", "--output", "_merged", "_parts/shared", "_parts/stories-2022", "_parts/stories-2023");
      assert.equal(merged.status, 0, merged.output);
      assert.deepEqual(await files("_merged"), await files("_site"));

      // The same, done by one command, part after part.
      const lowMemory = run("build", "--quiet", "--low-memory", "--output", "_low");
      assert.equal(lowMemory.status, 0, lowMemory.output);
      assert.deepEqual(await files("_low"), await files("_site"));
      assert.deepEqual((await readdir(dir)).filter((name) => name.includes(".parts-")), [], "no part is left behind");
      assert.match(run("build", "--low-memory", "--part", "shared").output, /leave out --part/);

      // Parts built from different content do not merge, and the output is left alone.
      const front = path.join(dir, "_parts/stories-2023/index.html");
      await mkdir(path.dirname(front), { recursive: true });
      await writeFile(front, "<p>stale</p>");
      const manifestFile = path.join(dir, "_parts/stories-2023/manifest.json");
      const partManifest = JSON.parse(await readFile(manifestFile, "utf8")) as Manifest;
      partManifest.files["/index.html"] = { sha256: "0".repeat(64), size: 12 };
      await writeFile(manifestFile, JSON.stringify(partManifest));
      const conflict = run("merge", "--output", "_merged", "_parts/shared", "_parts/stories-2023");
      assert.equal(conflict.status, 1);
      assert.match(conflict.output, /\/index\.html: _parts\/shared and _parts\/stories-2023 have different versions/);
      assert.match(conflict.output, /_merged\/ was left as it was/);
      assert.deepEqual(await files("_merged"), await files("_site"));

      const missing = run("merge", "--output", "_merged", "_parts/nothing");
      assert.match(missing.output, /_parts\/nothing\/manifest\.json is missing/);
      const badPart = run("build", "--part", "stories:2031", "--output", "_parts/x");
      assert.equal(badPart.status, 1);
      assert.match(badPart.output, /no folder src\/content\/articles\/2031\//);
    });
  });
});
