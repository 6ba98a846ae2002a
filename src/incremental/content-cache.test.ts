import assert from "node:assert/strict";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
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

/** Checks `sources` into a fresh cache and saves it with these hashes; returns its folder. */
async function savedCache(sources: ArticleSource[], hashes: Record<string, string>): Promise<string> {
  const cache: ContentCache = { siteData: SITE_DATA, files: new Map() };
  await loadArticles(sources, siteData, { publicDir: "public", now: NOW, cache: cache.files });
  const folder = await mkdtemp(path.join(tmpdir(), "broadsheet-content-cache-"));
  saveContentCache(cache, { output: folder, hashes });
  return folder;
}

describe("the content cache between production builds", () => {
  const first = articleSource("first-story", { updated: "2023-03-20T10:00", corrections: '\n  - date: "2023-03-21T09:00"\n    text: "A figure was corrected."' }, "First body.\n\n{% readmore \"second-story\" %}\n");
  const second = articleSource("second-story");

  // Live coverage: date-times inside an object, and the checked entries beside the front matter.
  const live = articleSource("live-story", { date: '"2023-03-19T08:00:00+06:00"', live: '{ start: "2023-03-19T08:00:00+06:00", end: "2023-03-19T16:00:00+06:00" }' }, "The introduction.\n\n::: 09:00 | Polls are open\nVoting is under way.\n");

  it("gives back the same records as checking the files again", async () => {
    const hashes = { [projectPath(first)]: "h1", [projectPath(second)]: "h2", [projectPath(live)]: "h3" };
    const file = await savedCache([first, second, live], hashes);
    const cache: ContentCache = { files: new Map() };
    const restored = restoreContentCache(cache, { previous: file, output: "", hashes });
    assert.deepEqual([...cache.files.keys()].sort(), [first.inputPath, second.inputPath, live.inputPath].sort());
    assert.equal(restored.get("")?.size, 3);
    assert.equal(cache.siteData, SITE_DATA);
    // The texts the cache gives are the ones checked: loading them uses the cached records.
    const sources = [first, second, live].map((source) => ({ inputPath: source.inputPath, text: cache.files.get(source.inputPath)!.text }));
    const fromCache = await loadArticles(sources, siteData, { publicDir: "public", now: NOW, cache: cache.files });
    const checked = await loadArticles([first, second, live], siteData, { publicDir: "public", now: NOW });
    assert.ok(checked.articles.find((a) => a.slug === "live-story")?.live, "the live story is live");
    assert.deepEqual(fromCache, checked);
    assert.deepEqual(fromCache.problems, []);
  });

  it("keeps only the files whose content hash is unchanged", async () => {
    const file = await savedCache([first, second], { [projectPath(first)]: "h1", [projectPath(second)]: "h2" });
    const cache: ContentCache = { files: new Map() };
    restoreContentCache(cache, { previous: file, output: "", hashes: { [projectPath(first)]: "edited", [projectPath(second)]: "h2" } });
    assert.deepEqual([...cache.files.keys()], [second.inputPath]);
  });

  it("rewrites only the folders of stories whose files changed", async () => {
    const inFolder = (source: ArticleSource, folder: string) => ({ ...source, inputPath: source.inputPath.replace("/articles/", `/articles/${folder}/`) });
    const old = inFolder(first, "2022");
    const current = inFolder(second, "2023");
    const hashes = { [projectPath(old)]: "h1", [projectPath(current)]: "h2" };
    const folder = await savedCache([old, current], hashes);
    assert.deepEqual(readdirSync(folder).sort(), ["stories-2022.json", "stories-2023.json"]);
    const cache: ContentCache = { files: new Map() };
    const restored = restoreContentCache(cache, { previous: folder, output: "", hashes });
    const output = await mkdtemp(path.join(tmpdir(), "broadsheet-content-cache-"));
    saveContentCache(cache, { output, hashes }, restored);
    assert.deepEqual(readdirSync(output), [], "nothing changed, nothing written");
    const edited = { ...current, text: current.text.replace("Body text.", "Edited body text.") };
    await loadArticles([{ ...old, text: cache.files.get(old.inputPath)!.text }, edited], siteData, { publicDir: "public", now: NOW, cache: cache.files });
    saveContentCache(cache, { output, hashes: { ...hashes, [projectPath(current)]: "h3" } }, restored);
    assert.deepEqual(readdirSync(output), ["stories-2023.json"]);
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
    const withFile = (name: string, text: string) => {
      mkdirSync(path.join(dir, name));
      writeFileSync(path.join(dir, name, "stories-top.json"), text);
      return path.join(dir, name);
    };
    const entry = { hash: "h", text: "t", fields: null };
    const broken = withFile("broken", '{"format": 1, "siteData": "{}", "files": {"./x.md": ');
    const other = withFile("other", JSON.stringify({ format: 99, siteData: "", files: {} }));
    const partial = withFile("partial", JSON.stringify({ format: 1, siteData: "", files: { "./x.md": entry } }));
    for (const previous of [path.join(dir, "missing"), broken, other, partial]) {
      const cache: ContentCache = { files: new Map() };
      restoreContentCache(cache, { previous, output: "", hashes: { "x.md": "h" } });
      assert.equal(cache.files.size, 0, previous);
    }
  });
});
