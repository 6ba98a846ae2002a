import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import type { ContentCache } from "../articles/content.ts";
import { loadArticles, type ArticleSource } from "../articles/load.ts";
import { articleSource, NOW, siteData } from "../articles/test-fixtures.ts";
import { restoreContentCache, saveContentCache } from "./content-cache.ts";

const SITE_DATA = JSON.stringify(siteData);
const projectPath = (source: ArticleSource) => source.inputPath.replace(/^\.\//, "");

/** Checks `sources` into a fresh cache and saves it with these hashes. */
async function savedCache(sources: ArticleSource[], hashes: Record<string, string>): Promise<string> {
  const cache: ContentCache = { siteData: SITE_DATA, files: new Map() };
  await loadArticles(sources, siteData, { publicDir: "public", now: NOW, cache: cache.files });
  const file = path.join(await mkdtemp(path.join(tmpdir(), "broadsheet-content-cache-")), "content.json");
  saveContentCache(cache, { output: file, hashes });
  return file;
}

describe("the content cache between production builds", () => {
  const first = articleSource("first-story", { updated: "2023-03-20T10:00", corrections: '\n  - date: "2023-03-21T09:00"\n    text: "A figure was corrected."' }, "First body.\n\n{% readmore \"second-story\" %}\n");
  const second = articleSource("second-story");

  it("gives back the same records as checking the files again", async () => {
    const file = await savedCache([first, second], { [projectPath(first)]: "h1", [projectPath(second)]: "h2" });
    const cache: ContentCache = { files: new Map() };
    const restored = restoreContentCache(cache, { previous: file, output: "", hashes: { [projectPath(first)]: "h1", [projectPath(second)]: "h2" } });
    assert.deepEqual([...restored].sort(), [first.inputPath, second.inputPath].sort());
    assert.equal(cache.siteData, SITE_DATA);
    // The texts the cache gives are the ones checked: loading them uses the cached records.
    const sources = [first, second].map((source) => ({ inputPath: source.inputPath, text: cache.files.get(source.inputPath)!.text }));
    const fromCache = await loadArticles(sources, siteData, { publicDir: "public", now: NOW, cache: cache.files });
    const checked = await loadArticles([first, second], siteData, { publicDir: "public", now: NOW });
    assert.deepEqual(fromCache, checked);
    assert.deepEqual(fromCache.problems, []);
  });

  it("keeps only the files whose content hash is unchanged", async () => {
    const file = await savedCache([first, second], { [projectPath(first)]: "h1", [projectPath(second)]: "h2" });
    const cache: ContentCache = { files: new Map() };
    const restored = restoreContentCache(cache, { previous: file, output: "", hashes: { [projectPath(first)]: "edited", [projectPath(second)]: "h2" } });
    assert.deepEqual([...restored], [second.inputPath]);
  });

  it("finds the line of a problem between files in a cached file", async () => {
    const file = await savedCache([first, second], { [projectPath(first)]: "h1", [projectPath(second)]: "h2" });
    const cache: ContentCache = { files: new Map() };
    restoreContentCache(cache, { previous: file, output: "", hashes: { [projectPath(first)]: "h1" } });
    // The story it links to is gone: the cached file's READ MORE line is reported with its line.
    const { problems } = await loadArticles([{ inputPath: first.inputPath, text: cache.files.get(first.inputPath)!.text }], siteData, { publicDir: "public", now: NOW, cache: cache.files });
    const fresh = await loadArticles([first], siteData, { publicDir: "public", now: NOW });
    assert.equal(problems.length, 1);
    assert.deepEqual(problems, fresh.problems);
  });

  it("restores nothing from a missing, broken or other-format file", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "broadsheet-content-cache-"));
    const broken = path.join(dir, "broken.json");
    writeFileSync(broken, '{"format": 1, "siteData": "{}", "files": {"./x.md": {"hash": "h", "text": "t", "fields": null}}');
    const other = path.join(dir, "other.json");
    writeFileSync(other, JSON.stringify({ format: 99, siteData: "", files: {} }));
    const partial = path.join(dir, "partial.json");
    writeFileSync(partial, JSON.stringify({ format: 1, siteData: "", files: { "./x.md": { hash: "h", text: "t", fields: null } } }));
    for (const previous of [path.join(dir, "missing.json"), broken, other, partial]) {
      const cache: ContentCache = { files: new Map() };
      assert.equal(restoreContentCache(cache, { previous, output: "", hashes: { "x.md": "h" } }).size, 0, previous);
    }
  });
});
