import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { claimSpare, swapIn, tidyOutput, versionsFolder, type SwapStep } from "./swap.ts";

const SWAP = fileURLToPath(new URL("./swap.ts", import.meta.url));
const DEAD_PID = 4_194_305;

/** A complete site (manifest last) in `folder`, saying `label`. */
async function site(folder: string, label: string): Promise<string> {
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, "index.html"), label);
  await writeFile(path.join(folder, "manifest.json"), "{}");
  return folder;
}

/** What `output` serves, or "missing". */
async function serves(output: string): Promise<string> {
  if (!existsSync(path.join(output, "manifest.json"))) return "missing";
  return readFile(path.join(output, "index.html"), "utf8");
}

/**
 * Swaps `version` in from another process that reports what `_site` serves at each step
 * and is killed (SIGKILL: nothing runs after) at `killAt`.
 */
function swapKilledAt(output: string, version: string, killAt: SwapStep): { code: number | null; seen: string[] } {
  const script = `
    import { existsSync, readFileSync } from "node:fs";
    import { swapIn } from ${JSON.stringify(SWAP)};
    const [output, version, killAt] = process.argv.slice(1);
    await swapIn(output, version, (step) => {
      const serves = existsSync(output + "/manifest.json") ? readFileSync(output + "/index.html", "utf8") : "missing";
      console.log(step + ": " + serves);
      if (step === killAt) process.kill(process.pid, "SIGKILL");
    });`;
  const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script, output, version, killAt], { encoding: "utf8" });
  return { code: run.status, seen: run.stdout.trim().split("\n") };
}

async function project(): Promise<string> {
  return path.join(await mkdtemp(path.join(tmpdir(), "broadsheet-swap-")), "_site");
}

describe("the swap of a new build", () => {
  it("serves the old or the new site at every step, whichever step it is killed at", async () => {
    for (const [killAt, after] of [
      ["linked", "old"],
      ["swapped", "new"],
    ] as const) {
      const output = await project();
      await swapIn(output, await site(path.join(versionsFolder(output), `1-${DEAD_PID}-1`), "old"));
      const next = await site(path.join(versionsFolder(output), `2-${DEAD_PID}-2`), "new");
      const killed = swapKilledAt(output, next, killAt);
      assert.equal(killed.code, null, "killed");
      assert.deepEqual(killed.seen, killAt === "linked" ? ["linked: old"] : ["linked: old", "swapped: new"]);
      assert.equal(await serves(output), after);
      // The next build: the dead process's link is removed, the site is untouched.
      await tidyOutput(output);
      assert.equal(await serves(output), after);
      assert.deepEqual(await readdir(path.dirname(output)), ["._site.builds", "_site"]);
      // The other whole build stays as the spare the next build recycles.
      assert.deepEqual((await readdir(versionsFolder(output))).sort(), [`1-${DEAD_PID}-1`, `2-${DEAD_PID}-2`]);
    }
  });

  it("keeps one spare, the newest whole build but the current one, and lets one build claim it", async () => {
    const output = await project();
    await swapIn(output, await site(path.join(versionsFolder(output), `3-${DEAD_PID}-3`), "current"));
    await site(path.join(versionsFolder(output), `1-${DEAD_PID}-1`), "oldest");
    await site(path.join(versionsFolder(output), `2-${DEAD_PID}-2`), "spare");
    await mkdir(path.join(versionsFolder(output), `4-${DEAD_PID}-4`));
    await tidyOutput(output);
    assert.deepEqual((await readdir(versionsFolder(output))).sort(), [`2-${DEAD_PID}-2`, `3-${DEAD_PID}-3`], "older and unfinished builds are removed");
    const [first, second] = await Promise.all([claimSpare(output), claimSpare(output)]);
    const claimed = [first, second].filter((folder): folder is string => folder !== undefined);
    assert.equal(claimed.length, 1, "two builds at once never take the same spare");
    assert.equal(await readFile(path.join(claimed[0]!, "index.html"), "utf8"), "spare");
    assert.match(path.basename(claimed[0]!), new RegExp(`^\\d+-${process.pid}-\\d+$`), "renamed as this process's");
    assert.equal(await serves(output), "current");
  });

  it("moves a real _site folder of an older Broadsheet aside; a kill in that gap is repaired by the next build", async () => {
    for (const killAt of ["linked", "legacy moved", "swapped"] as const) {
      const output = await site(await project(), "old");
      const next = await site(path.join(versionsFolder(output), `2-${DEAD_PID}-2`), "new");
      const killed = swapKilledAt(output, next, killAt);
      assert.equal(killed.code, null);
      // Two renames: between them (a few microseconds, no signal handled there) there is no _site.
      assert.equal(killed.seen.at(-1), { linked: "linked: old", "legacy moved": "legacy moved: missing", swapped: "swapped: new" }[killAt]);
      await tidyOutput(output);
      assert.equal(await serves(output), killAt === "linked" ? "old" : "new");
      assert.deepEqual(await readdir(path.dirname(output)), ["._site.builds", "_site"]);
    }
    const output = await site(await project(), "old");
    await swapIn(output, await site(path.join(versionsFolder(output), `2-${DEAD_PID}-2`), "new"));
    assert.ok((await lstat(output)).isSymbolicLink());
    assert.equal(await readlink(output), path.join("._site.builds", `2-${DEAD_PID}-2`), "a relative link: the project folder can move");
  });

  it("refuses to replace a file", async () => {
    const output = await project();
    await writeFile(output, "not a site");
    await assert.rejects(swapIn(output, await site(path.join(versionsFolder(output), `2-${DEAD_PID}-2`), "new")), /_site is a file, not a folder: move it away/);
  });
});

describe("tidyOutput", () => {
  it("removes what dead builds left, keeps a running build's version, and puts back a missing site", async () => {
    const output = await project();
    const parent = path.dirname(output);
    // An older Broadsheet killed between its two renames: no _site, the whole previous site beside it.
    await site(path.join(parent, `._site.previous-${DEAD_PID}`), "previous");
    await site(path.join(parent, `._site.next-${DEAD_PID}`), "half");
    await mkdir(path.join(parent, `._site.parts-${DEAD_PID}-x1y2z3`));
    await mkdir(path.join(parent, `._site.next-${process.pid}`));
    await mkdir(path.join(parent, "._other.next-1"));
    await mkdir(path.join(versionsFolder(output), `5-${DEAD_PID}-1`), { recursive: true });
    await mkdir(path.join(versionsFolder(output), `6-${process.ppid}-1`));

    await tidyOutput(output);
    assert.equal(await serves(output), "previous");
    assert.deepEqual((await readdir(parent)).sort(), ["._other.next-1", "._site.builds", `._site.next-${process.pid}`, "_site"]);
    assert.deepEqual((await readdir(versionsFolder(output))).sort(), [path.basename(await readlink(output)), `6-${process.ppid}-1`].sort());
  });
});
