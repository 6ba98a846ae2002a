import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { cacheHit, jobOrder, matchesPattern, planWorkflow, resolve, type Context } from "./workflow-plan.ts";

const context: Context = {
  vars: { BROADSHEET_BUCKET: "news", AWS_REGION: "eu-west-1", AWS_ENDPOINT_URL: "http://127.0.0.1:9" },
  secrets: { AWS_ACCESS_KEY_ID: "id", AWS_SECRET_ACCESS_KEY: "secret" },
  sha: "abc123",
  hashFiles: (pattern) => `hash(${pattern})`,
};
const workflow = (steps: string) => `name: x\non: push\njobs:\n  one:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;

describe("running a workflow's steps locally", () => {
  it("maps publish.yml's steps, in order, with the settings resolved", () => {
    const [run, ...more] = planWorkflow(readFileSync(".github/workflows/publish.yml", "utf8"), "publish.yml", context);
    assert.equal(more.length, 0);
    assert.deepEqual(run!.steps.map((step) => step.kind), ["checkout", "setup-node", "cache-restore", "install", "run", "run", "cache-save", "run"]);
    const restore = run!.steps[2]!;
    assert.ok(restore.kind === "cache-restore");
    assert.deepEqual([restore.paths, restore.key, restore.restoreKeys], [[".cache", "_site", "._site.builds"], "site-abc123", ["site-"]]);
    const publish = run!.steps[7]!;
    assert.ok(publish.kind === "run");
    assert.equal(publish.env.BROADSHEET_BUCKET, "news");
    assert.equal(publish.env.AWS_SECRET_ACCESS_KEY, "secret");
  });

  it("runs the split build's matrix before the job that needs it", () => {
    const runs = planWorkflow(readFileSync(".github/workflows/publish-split.yml", "utf8"), "publish-split.yml", context);
    assert.deepEqual(runs.map((run) => run.job), ["part", "part", "part", "merge-and-publish"]);
    const build = runs[1]!.steps.find((step) => step.kind === "run");
    assert.ok(build?.kind === "run");
    assert.equal(build.command, 'npm run build -- --part "stories:2022" --output "_parts/stories-2022"');
    const cache = runs[0]!.steps.find((step) => step.kind === "cache");
    assert.ok(cache?.kind === "cache");
    assert.equal(cache.key, "renditions-hash(public/images/**)");
  });

  it("refuses what it cannot stand in for, naming the step", () => {
    assert.throws(() => planWorkflow(workflow("      - uses: some/deploy@v1\n"), "w.yml", context), /w\.yml: jobs\.one\.steps\[0\]: no local stand-in for the action "some\/deploy@v1"/);
    assert.throws(() => planWorkflow(workflow("      - run: echo ${{ vars.MISSING }}\n"), "w.yml", context), /steps\[0\]: no local value for \$\{\{ vars\.MISSING \}\}/);
    assert.throws(() => planWorkflow(workflow("      - run: echo hi\n        if: github.ref == 'x'\n"), "w.yml", context), /conditions \(if:\) are not run locally/);
    assert.throws(() => planWorkflow("name: x\njobs:\n  a:\n    steps: []\n", "w.yml", context), /w\.yml: not a workflow the local runner can run:\n  jobs\.a\.steps/);
  });

  it("orders jobs by needs, and refuses a cycle or a missing job", () => {
    const job = (needs: string[]) => ({ needs, steps: [{ run: "true" }] });
    assert.deepEqual(jobOrder({ c: job(["b"]), b: job(["a"]), a: job([]) }, "w.yml"), ["a", "b", "c"]);
    assert.throws(() => jobOrder({ a: job(["b"]), b: job(["a"]) }, "w.yml"), /cycle/);
    assert.throws(() => jobOrder({ a: job(["z"]) }, "w.yml"), /job "a" needs "z"/);
  });

  it("resolves expressions from the matrix, settings and commit", () => {
    assert.equal(resolve("${{ matrix.part }} at ${{github.sha}}", context, { part: "shared" }, "w"), "shared at abc123");
  });

  it("restores the exact cache key, else the newest with a restore key's prefix", () => {
    const entries = [
      { key: "site-1", saved: 1 },
      { key: "site-2", saved: 2 },
      { key: "other", saved: 3 },
    ];
    assert.equal(cacheHit(entries, "site-1", ["site-"]), "site-1");
    assert.equal(cacheHit(entries, "site-9", ["site-"]), "site-2");
    assert.equal(cacheHit(entries, "site-9", ["none-"]), undefined);
  });

  it("matches artifact names against download patterns", () => {
    assert.ok(matchesPattern("part-stories-2022", "part-*"));
    assert.ok(!matchesPattern("parts", "part-*"));
    assert.ok(!matchesPattern("xpart-a", "part-*"));
  });
});
