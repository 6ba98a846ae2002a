import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdir, readFile, readlink, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, it } from "node:test";
import { inProjectCopy } from "../test-helpers.ts";
import { atomicBuild } from "./build.ts";
import { sha256, sitePaths } from "./files.ts";

process.env.BROADSHEET_NOW = "2023-03-28T12:00:00+06:00";
process.env.BROADSHEET_PREVIEW = "0";

/** Every file of a built site with its hash. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const p of sitePaths(dir)) files[p] = sha256(await readFile(path.join(dir, p)));
  return files;
}

describe("the production build", () => {
  it("gives byte-identical output for the same input, with fingerprinted CSS", async () => {
    await inProjectCopy(async () => {}, async () => {
      await atomicBuild({ output: "_site", quiet: true });
      const first = await snapshot("_site");
      await atomicBuild({ output: "_site", quiet: true });
      assert.deepEqual(await snapshot("_site"), first);

      const css = Object.keys(first).filter((p) => p.startsWith("/assets/") && p.endsWith(".css"));
      assert.equal(css.length, 1);
      assert.match(css[0]!, /^\/assets\/site\.[0-9a-f]{10}\.css$/);
      assert.ok(!Object.keys(first).some((p) => p.startsWith("/css/") || p.startsWith("/js/")), "unhashed stylesheets and scripts are not published");
      assert.ok(Object.keys(first).some((p) => /^\/assets\/search\.[0-9a-f]{10}\.js$/.test(p)), "the search script is fingerprinted too");
      const front = await readFile("_site/index.html", "utf8");
      assert.ok(front.includes(`href="${css[0]}"`));
      assert.ok(!front.includes("/css/site.css"));
      const manifest = JSON.parse(await readFile("_site/manifest.json", "utf8"));
      assert.equal(manifest.files["/index.html"].sha256, first["/index.html"]);
      assert.ok(!(await readFile(path.join("_site", css[0]!), "utf8")).includes("\n  "), "the stylesheet is minified");
    });
  });

  it("leaves the previous site exactly as it was when content is bad or a template breaks", async () => {
    await inProjectCopy(async () => {}, async (dir) => {
      // The real command, in its own process: Eleventy caches templates within one.
      const build = () => spawnSync(process.execPath, ["--import", "tsx", "src/cli/build.ts"], { cwd: dir, encoding: "utf8", env: process.env });
      assert.equal(build().status, 0);
      const before = await snapshot("_site");

      await writeFile(path.join(dir, "src/content/articles/bad.md"), '---\ntitle: ""\n---\nText\n');
      const badContent = build();
      assert.equal(badContent.status, 1);
      assert.match(badContent.stderr + badContent.stdout, /Build failed; _site\/ was left as it was/);
      assert.deepEqual(await snapshot("_site"), before);

      await rm(path.join(dir, "src/content/articles/bad.md"));
      const layout = path.join(dir, "_includes/layouts/article.njk");
      await writeFile(layout, `${await readFile(layout, "utf8")}\n{% if %}`);
      assert.equal(build().status, 1);
      assert.deepEqual(await snapshot("_site"), before);
      assert.deepEqual(await readdir(path.join(dir, "._site.builds")), [path.basename(await readlink(path.join(dir, "_site")))], "no half-built folder is left behind");
    });
  });

  it("refuses a mistyped flag and an output folder that is part of the project, before any work, saying how to call it", async () => {
    await inProjectCopy(async () => {}, async (dir) => {
      const build = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", "src/cli/build.ts", ...args], { cwd: dir, encoding: "utf8", env: process.env });
      const sources = await snapshot(path.join(dir, "src"));
      const mistyped = build("--outptu", "_x");
      assert.equal(mistyped.status, 2);
      assert.match(mistyped.stderr, /Unknown option '--outptu'[^]*Usage: npm run build -- \[--output FOLDER\]/);
      assert.doesNotMatch(mistyped.stderr, /\n\s+at /, "no stack trace");
      const intoSources = build("--output", "src");
      assert.equal(intoSources.status, 2);
      assert.match(intoSources.stderr, /--output src: src\/ is part of the project/);
      // Typed without `--`, npm keeps the flag for itself: it is taken back, not ignored.
      const throughNpm = spawnSync("npm", ["run", "build", "--output=src"], { cwd: dir, encoding: "utf8", env: process.env });
      assert.equal(throughNpm.status, 2, throughNpm.stdout + throughNpm.stderr);
      assert.match(throughNpm.stderr, /--output src: src\/ is part of the project/);
      assert.deepEqual(await snapshot(path.join(dir, "src")), sources);
      assert.deepEqual((await readdir(dir)).filter((name) => name.startsWith(".")), [".cache", ".eleventy.ts"], "no versions folder was made");
    });
  });
});
