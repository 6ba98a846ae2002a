import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, readdir, readFile, readlink, writeFile } from "node:fs/promises";
import { constants } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { inProjectCopy } from "../test-helpers.ts";
import { sha256, sitePaths } from "./files.ts";
import { writeManifest } from "./manifest.ts";

const PINNED = { BROADSHEET_NOW: "2023-03-28T12:00:00+06:00", BROADSHEET_PREVIEW: "0" };
const SCHEMAS = path.resolve("e2e/schemas");
/** Above Linux's largest pid: a process that cannot be running. */
const DEAD_PID = 4_194_305;

function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const p of sitePaths(dir)) files[p] = sha256(readFileSync(path.join(dir, p)));
  return files;
}

/** The live processes of a process group, with their pids and command lines (Linux /proc). */
function group(pgid: number): { pid: number; command: string }[] {
  const found: { pid: number; command: string }[] = [];
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      // Fields after the command name, which is in parentheses and may hold spaces: state, ppid, pgrp.
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // A zombie (Z) has ended; only its parent, or init, has yet to collect its status.
      if (Number(pgrp) === pgid && state !== "Z") found.push({ pid: Number(pid), command: readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ") });
    } catch {
      // The process ended while being read.
    }
  }
  return found;
}

/** Who gets the signal: npm (a process manager), the whole group (a terminal's Ctrl-C), or the Node process running the script. */
type Target = "npm" | "group" | "node";

/** `npm run <script>` in its own process group, stopped by `signal` once a process matching `busy` runs in it. */
async function stopMidway(dir: string, args: string[], busy: RegExp, signal: NodeJS.Signals, target: Target, settle = 700) {
  const child = spawn("npm", ["run", ...args], { cwd: dir, detached: true, env: { ...process.env, ...PINNED }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const pgid = child.pid!;
  for (let waited = 0; !group(pgid).some(({ command }) => busy.test(command)); waited += 50) {
    assert.ok(waited < 60_000, `nothing matching ${busy} started: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // Let it get going: Eleventy reading the content and writing pages, say.
  await new Promise((resolve) => setTimeout(resolve, settle));
  const node = group(pgid).find(({ command }) => /^\S*node --import tsx /.test(command) && command.includes(`src/cli/${args[0]}.ts`));
  assert.ok(node, "the Node process running the script");
  const sent = performance.now();
  process.kill(target === "group" ? -pgid : target === "node" ? node.pid : pgid, signal);
  const code = await exited;
  return { code, ms: performance.now() - sent, left: group(pgid).map(({ command }) => command), output };
}

/** Names beside `_site` and in its versions folder. */
async function around(dir: string): Promise<{ beside: string[]; versions: string[] }> {
  const beside = (await readdir(dir)).filter((name) => name.startsWith("._site") && name !== "._site.builds");
  return { beside, versions: await readdir(path.join(dir, "._site.builds")) };
}

describe("a build stopped by a signal", () => {
  it("stops every process within 2 s, leaves _site as it was, and the next build clears what dead builds left", { timeout: 180_000 }, async (t) => {
    await inProjectCopy(async () => {}, async (dir) => {
      const build = (env: Record<string, string> = PINNED) => spawnSync("npm", ["run", "build", "--", "--quiet"], { cwd: dir, encoding: "utf8", env: { ...process.env, ...env } });
      assert.equal(build().status, 0);
      const before = snapshot(path.join(dir, "_site"));
      const current = await readlink(path.join(dir, "_site"));

      for (const [signal, target, args] of [
        ["SIGTERM", "npm", ["build"]],
        ["SIGINT", "group", ["build"]],
        ["SIGTERM", "node", ["build"]],
        ["SIGTERM", "npm", ["build", "--", "--low-memory"]],
      ] as const) {
        await t.test(`${signal} to ${target}: npm run ${args.join(" ")}`, async () => {
          const stopped = await stopMidway(dir, [...args], /eleventy-child/, signal, target);
          assert.equal(stopped.code, 128 + constants.signals[signal], stopped.output);
          assert.ok(stopped.ms < 2000, `took ${stopped.ms.toFixed(0)} ms`);
          assert.deepEqual(stopped.left, [], "no process is left");
          assert.match(stopped.output, new RegExp(`Build stopped by ${signal}; _site/ was left as it was`));
          assert.doesNotMatch(stopped.output, /Build failed|\n\s+at /);
          assert.equal(await readlink(path.join(dir, "_site")), current);
          assert.deepEqual(snapshot(path.join(dir, "_site")), before);
          // Its folders are removed before it exits, unless that takes more than the second allowed (a loaded machine): then by the next build.
          const left = await around(dir);
          if (stopped.ms < 900) assert.deepEqual(left, { beside: [], versions: [path.basename(current)] }, "the stopped build removed its folders");
          else assert.ok(left.versions.includes(path.basename(current)));
        });
      }

      await t.test("the next build removes what killed builds left, and nothing of a running one", async () => {
        const killed = await stopMidway(dir, ["build"], /eleventy-child/, "SIGKILL", "group");
        assert.equal(killed.code, null);
        assert.ok((await around(dir)).versions.length >= 2, "a killed build leaves its version behind");
        // What an older Broadsheet left when killed, and the version of a build still running (this process).
        for (const name of [`._site.next-${DEAD_PID}`, `._site.previous-${DEAD_PID}`, `._site.parts-${DEAD_PID}-abc123`]) {
          await mkdir(path.join(dir, name, "asia"), { recursive: true });
          await writeFile(path.join(dir, name, "asia/index.html"), "old");
        }
        const running = `${Date.now()}-${process.pid}-1`;
        await mkdir(path.join(dir, "._site.builds", running));

        const replaced = path.basename(await readlink(path.join(dir, "_site")));
        // Built long after the newest story: the next subtest looks at its sitemaps.
        const next = build({ ...PINNED, BROADSHEET_NOW: "2024-06-01T12:00:00+06:00" });
        assert.equal(next.status, 0, next.stdout + next.stderr);
        const left = await around(dir);
        assert.deepEqual(left.beside, []);
        // The site it replaced stays as the spare the next build recycles.
        assert.deepEqual(left.versions.sort(), [path.basename(await readlink(path.join(dir, "_site"))), replaced, running].sort());
      });

      await t.test("built long after the newest story, no News sitemap is written or listed, and every sitemap listed validates", async () => {
        const site = path.join(dir, "_site");
        assert.ok(existsSync(path.join(site, "sitemap.xml")));
        assert.equal(existsSync(path.join(site, "news-sitemap.xml")), false);
        const robots = await readFile(path.join(site, "robots.txt"), "utf8");
        const listed = [...robots.matchAll(/^Sitemap: https?:\/\/[^/]+(\/\S+)$/gm)].map((m) => m[1]!);
        assert.deepEqual(listed, ["/sitemap.xml"]);
        for (const file of listed) {
          const lint = spawnSync("xmllint", ["--noout", "--schema", path.join(SCHEMAS, "all.xsd"), path.join(site, file)], { encoding: "utf8" });
          assert.equal(lint.status, 0, lint.stderr);
        }
      });
    });
  });
});

describe("a merge stopped by a signal", () => {
  it("ends Pagefind's process too, within 2 s, and leaves _site as it was", { timeout: 120_000 }, async () => {
    await inProjectCopy(async () => {}, async (dir) => {
      // A part big enough for the search index to take seconds.
      const big = path.join(dir, "_parts/big");
      for (let i = 0; i < 4000; i++) {
        await mkdir(path.join(big, `asia/2023/${i}`), { recursive: true });
        await writeFile(path.join(big, `asia/2023/${i}/index.html`), `<html lang="en"><body><main data-pagefind-body><h1>Story ${i}</h1><p>Results of count ${i} and ${i * 7} in district ${i % 97}.</p></main></body></html>`);
      }
      await writeManifest(big);
      const small = path.join(dir, "_parts/small");
      await mkdir(path.join(small, "asia/2022/one"), { recursive: true });
      await writeFile(path.join(small, "asia/2022/one/index.html"), '<html lang="en"><body><main data-pagefind-body><p>One story</p></main></body></html>');
      await writeManifest(small);
      const merged = spawnSync("npm", ["run", "merge", "--", "--output", "_site", "_parts/small"], { cwd: dir, encoding: "utf8" });
      assert.equal(merged.status, 0, merged.stdout + merged.stderr);
      const before = snapshot(path.join(dir, "_site"));

      const stopped = await stopMidway(dir, ["merge", "--", "--output", "_site", "_parts/big"], /pagefind.*--service/, "SIGTERM", "npm", 200);
      assert.equal(stopped.code, 143, stopped.output);
      assert.ok(stopped.ms < 2000, `took ${stopped.ms.toFixed(0)} ms`);
      assert.deepEqual(stopped.left, [], "no process is left");
      assert.match(stopped.output, /Merge stopped by SIGTERM; _site\/ was left as it was/);
      assert.deepEqual(snapshot(path.join(dir, "_site")), before);
      // The unfinished version is removed, or, if that takes longer than the time allowed, by the next merge or build.
      const current = path.basename(await readlink(path.join(dir, "_site")));
      assert.ok((await around(dir)).versions.includes(current));
      assert.equal(spawnSync("npm", ["run", "merge", "--", "--output", "_site", "_parts/small"], { cwd: dir }).status, 0);
      assert.deepEqual((await around(dir)).versions.sort(), [path.basename(await readlink(path.join(dir, "_site"))), current].sort(), "the current site and the spare it replaced");
    });
  });
});
