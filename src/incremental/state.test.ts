import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { planBuild, stateFile } from "./state.ts";

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
