import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { sitePaths } from "../cdn/files.ts";
import { buildManifest, writeManifest } from "../cdn/manifest.ts";
import { bringUpToDate, carryOver, moveStaged, readManifestOf } from "./recycle.ts";

/** A build folder with these files (site path to text) and its manifest. */
async function folder(root: string, name: string, files: Record<string, string>, manifest = true): Promise<string> {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [sitePath, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, sitePath)), { recursive: true });
    writeFileSync(path.join(dir, sitePath), text);
  }
  if (manifest) await writeManifest(dir);
  return dir;
}

const contents = (dir: string) => Object.fromEntries(sitePaths(dir).filter((p) => p !== "/manifest.json").map((p) => [p, readFileSync(path.join(dir, p), "utf8")]));
const folders = (dir: string) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name))).sort();

describe("recycling the build before the previous one", () => {
  it("brings the spare to the current build, moves the staged pages in, and never changes the current build", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "broadsheet-recycle-"));
    const spare = await folder(root, "spare", { "/a/index.html": "a", "/b/index.html": "b1", "/gone/deep/index.html": "c", "/pagefind/2023/x.pf": "p" });
    const current = await folder(root, "current", { "/a/index.html": "a", "/b/index.html": "b2", "/d/index.html": "d", "/old/index.html": "old", "/pagefind/2023/x.pf": "p" });
    const staging = await folder(root, "staging", { "/b/index.html": "b3", "/e/index.html": "e" }, false);
    const currentBefore = contents(current);
    const inodes = Object.fromEntries(sitePaths(current).map((p) => [p, statSync(path.join(current, p)).ino]));
    const previous = readManifestOf(current)!;

    const known = moveStaged(staging, spare, previous, ["/a/index.html", "/b/index.html", "/d/index.html", "/e/index.html"], () => bringUpToDate(spare, current, readManifestOf(spare)!, previous));

    // The page no longer built (/old/) is gone, the search bundle is left to the search index.
    assert.deepEqual(contents(spare), { "/a/index.html": "a", "/b/index.html": "b3", "/d/index.html": "d", "/e/index.html": "e", "/pagefind/2023/x.pf": "p" });
    assert.deepEqual(folders(spare), ["a", "b", "d", "e", "pagefind", "pagefind/2023"], "no empty folder is left");
    assert.equal(existsSync(path.join(spare, "manifest.json")), false, "unfinished until its new manifest is written");
    assert.deepEqual(contents(current), currentBefore);
    assert.deepEqual(Object.fromEntries(sitePaths(current).map((p) => [p, statSync(path.join(current, p)).ino])), inodes);
    // Known: the carried pages, with the current build's hashes, which are their files' hashes.
    assert.deepEqual([...known.keys()].sort(), ["/a/index.html", "/d/index.html"]);
    const fresh = buildManifest(spare).files;
    for (const [sitePath, entry] of known) assert.deepEqual(entry, fresh[sitePath]);
  });

  it("leaves the spare as it was when a page the state lists is not in the current build", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "broadsheet-recycle-"));
    const spare = await folder(root, "spare", { "/a/index.html": "a" });
    const current = await folder(root, "current", { "/a/index.html": "a2" });
    const staging = await folder(root, "staging", { "/b/index.html": "b" }, false);
    let prepared = false;
    assert.throws(
      () => moveStaged(staging, spare, readManifestOf(current)!, ["/a/index.html", "/lost/index.html"], () => (prepared = true)),
      /\/lost\/index.html is not in the previous build's manifest/,
    );
    assert.equal(prepared, false);
    assert.deepEqual(contents(spare), { "/a/index.html": "a" });
    assert.ok(readManifestOf(spare));
  });
});

describe("carryOver", () => {
  it("links the pages not rendered, with their known hashes, and refuses a missing one", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "broadsheet-recycle-"));
    const previous = await folder(root, "previous", { "/a/index.html": "a", "/b/index.html": "b" });
    const next = await folder(root, "next", { "/b/index.html": "b2" }, false);
    const known = carryOver(previous, next, ["/a/index.html", "/b/index.html"], readManifestOf(previous));
    assert.deepEqual(contents(next), { "/a/index.html": "a", "/b/index.html": "b2" });
    assert.equal(statSync(path.join(next, "a/index.html")).ino, statSync(path.join(previous, "a/index.html")).ino, "a hard link");
    assert.deepEqual([...known.keys()], ["/a/index.html"]);
    const other = await folder(root, "other", {}, false);
    assert.throws(() => carryOver(previous, other, ["/lost/index.html"], undefined), /ENOENT/);
  });
});
