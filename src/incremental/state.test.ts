import assert from "node:assert/strict";
import { cp, mkdir, mkdtemp, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { planBuild, saveState, stateFile } from "./state.ts";

const roots: string[] = [];
after(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

describe("planBuild: a state it cannot trust means a full build", () => {
  for (const [name, text] of [
    ["not JSON", "{"],
    ["null", "null"],
    ["another version", '{"version": 1}'],
    ["this version, fields missing", '{"version": 2, "site": "/x"}'],
  ] as const) {
    it(name, async () => {
      const root = await mkdtemp(path.join(tmpdir(), "broadsheet-state-"));
      roots.push(root);
      await mkdir(path.join(root, ".cache"));
      await writeFile(path.join(root, stateFile("_site")), text);
      const plan = planBuild(root, path.join(root, "_site"), false);
      assert.deepEqual([plan.kind, plan.kind === "full" && plan.reason], ["full", "no usable build state in .cache/build-state-_site.json"]);
    });
  }
});

describe("planBuild: a state restored into another checkout", () => {
  it("is used there (a CI runner restores .cache/ and the last build into a new folder)", async () => {
    const [first, second] = await Promise.all([mkdtemp(path.join(tmpdir(), "broadsheet-state-")), mkdtemp(path.join(tmpdir(), "broadsheet-state-"))]);
    roots.push(first, second);
    await mkdir(path.join(first, "._site.builds/1"), { recursive: true });
    await writeFile(path.join(first, "._site.builds/1/index.html"), "front");
    await symlink("._site.builds/1", path.join(first, "_site"));
    saveState(first, "_site", planBuild(first, "_site", true), { memory: { listing: undefined, story: undefined, elections: [], siteWide: ["/index.html"] }, pages: ["/index.html"] });
    for (const entry of [".cache", "._site.builds", "_site"]) await cp(path.join(first, entry), path.join(second, entry), { recursive: true, verbatimSymlinks: true });
    const plan = planBuild(second, "_site", false);
    assert.equal(plan.kind, "incremental");
    assert.equal(plan.kind === "incremental" && plan.previousSite, path.join(await realpath(second), "._site.builds/1"));
  });
});
