import assert from "node:assert/strict";
import { execFile, execFileSync, spawn } from "node:child_process";
import http from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { S3Client } from "@aws-sdk/client-s3";
import { bucketContents, CREDENTIALS, renderSite, s3Client, SITE_URL, startS3rver, writeBuild, type Story } from "../cdn/publish-test-helpers.ts";
import { publish } from "../cdn/publish.ts";
import { REPO } from "./test-project.ts";

const S3_PORT = 18103;
const SLOW_PORT = 18104;
const NOTHING_LISTENS = 18199;
const STORIES: Story[] = Array.from({ length: 14 }, (_, i) => ({
  section: ["asia", "world"][i % 2]!,
  date: `2023-03-${String(10 + i).padStart(2, "0")}`,
  slug: `story-${i}`,
  title: `Story ${i}`,
  body: `Body of story ${i}.`,
}));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `src/cli/publish.ts` as npm runs it, from the repository (for `_data/site.json`). */
function runPublish(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", path.join(REPO, "src/cli/publish.ts"), ...args],
      { cwd: REPO, env: { ...process.env, AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey, BROADSHEET_BUCKET: "", AWS_ENDPOINT_URL: "", ...env } },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

/** A proxy in front of s3rver that holds each request `delay` ms, so a publish is still running when a signal comes; requests whose client left are dropped. */
function slowProxy(port: number, target: number, delay: number): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      setTimeout(() => {
        if (res.destroyed || req.socket.destroyed) return;
        const upstream = http.request({ host: "127.0.0.1", port: target, method: req.method, path: req.url, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        upstream.on("error", () => res.destroy());
        upstream.end(Buffer.concat(chunks));
      }, delay);
    });
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("npm run publish", () => {
  let server: Awaited<ReturnType<typeof startS3rver>>;
  let proxy: http.Server;
  let client: S3Client;
  let site = "";
  const endpoint = `http://127.0.0.1:${S3_PORT}`;

  before(async () => {
    server = await startS3rver(S3_PORT, 6);
    proxy = await slowProxy(SLOW_PORT, S3_PORT, 150);
    client = s3Client(server.endpoint);
    site = await mkdtemp(path.join(tmpdir(), "broadsheet-site-"));
    await writeBuild(site, renderSite(STORIES));
    await publish({ dir: site, bucket: "site-0", client, siteUrl: SITE_URL, log: () => {} });
    // The next build drops a story: a publish that ran would delete objects.
    await writeBuild(site, renderSite(STORIES.slice(1)));
  });

  after(async () => {
    client.destroy();
    await new Promise((resolve) => proxy.close(resolve));
    await server.close();
    await rm(site, { recursive: true, force: true });
  });

  // Every flag's checks are unit-tested in src/cdn/publish-flags.test.ts; these run the real command.
  it("refuses bad flags with exit 2, naming the flag, and changes nothing in the bucket", async () => {
    const before = await bucketContents(client, "site-0");
    const base = ["--bucket", "site-0", "--endpoint", endpoint, "--dir", site];
    const cases: [string[], RegExp][] = [
      [[...base, "--concurrency", "0", "--delete"], /--concurrency "0" must be a whole number from 1 to 64/],
      [[...base, "--frobnicate"], /Unknown option '--frobnicate'/],
      [["--bucket", "site-0", "--endpoint", `127.0.0.1:${S3_PORT}`, "--dir", site], /--endpoint "127\.0\.0\.1:18103" is not a URL with a scheme/],
      [["--bucket", "", "--endpoint", endpoint, "--dir", site], /--bucket is empty/],
      [["--bucket", "site-0", "--endpoint", endpoint, "--dir", path.join(site, "nowhere")], /manifest\.json is missing: run npm run build first/],
    ];
    const runs = await Promise.all(cases.map(([args]) => runPublish(args)));
    for (const [index, [args, message]] of cases.entries()) {
      assert.equal(runs[index]!.code, 2, `${args.join(" ")}: ${runs[index]!.stderr}`);
      assert.match(runs[index]!.stderr, message);
      assert.match(runs[index]!.stderr, /Nothing was changed in the bucket/);
      assert.doesNotMatch(runs[index]!.stderr, /\n\s+at /, "no stack trace");
    }
    assert.deepEqual(await bucketContents(client, "site-0"), before);
  });

  it("explains a wrong key, a missing bucket and an unreachable endpoint, without suggesting a retry", async () => {
    const [key, bucket, unreachable] = await Promise.all([
      runPublish(["--bucket", "site-0", "--endpoint", endpoint, "--dir", site], { AWS_ACCESS_KEY_ID: "WRONG" }),
      runPublish(["--bucket", "no-such-bucket", "--endpoint", endpoint, "--dir", site]),
      runPublish(["--bucket", "site-0", "--endpoint", `http://127.0.0.1:${NOTHING_LISTENS}`, "--dir", site]),
    ]);
    assert.match(key.stderr, /refused the credentials \(InvalidAccessKeyId\)\. Set AWS_ACCESS_KEY_ID/);
    assert.match(bucket.stderr, /bucket "no-such-bucket" does not exist at http:\/\/127\.0\.0\.1:18103 \(--endpoint\)/);
    assert.match(unreachable.stderr, /cannot reach http:\/\/127\.0\.0\.1:18199 \(--endpoint\): connection refused/);
    for (const run of [key, bucket, unreachable]) {
      assert.equal(run.code, 1, run.stderr);
      assert.doesNotMatch(run.stderr, /run the same command again/);
    }
  });

  it("publishes with exit 0 only once the bucket equals the build, and notes that --delete is the default now", async () => {
    const run = await runPublish(["--bucket", "site-1", "--endpoint", endpoint, "--dir", site, "--delete"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Done: \d+ uploaded, 0 deleted, 0 unchanged; the bucket now equals the build/);
    assert.match(run.stderr, /--delete is no longer needed/);
  });

  for (const [signal, target, code] of [
    ["SIGTERM", "npm", 143],
    ["SIGINT", "node", 130],
  ] as const) {
    it(`stops the whole process tree within 2 s on ${signal} to the ${target} process: nothing more uploaded, no manifest`, async (t) => {
      const bucket = signal === "SIGTERM" ? "site-2" : "site-3";
      const child = spawn("npm", ["run", "--silent", "publish", "--", "--bucket", bucket, "--endpoint", `http://127.0.0.1:${SLOW_PORT}`, "--dir", site, "--concurrency", "2"], {
        cwd: REPO,
        detached: true,
        env: { ...process.env, AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey },
      });
      let stdout = "";
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.on("exit", (exitCode) => resolve(exitCode)));
      await new Promise<void>((resolve) =>
        child.stdout.on("data", (chunk: Buffer) => {
          stdout += chunk.toString();
          if (/\[4\/\d+\]/.test(stdout)) resolve();
        }),
      );
      const pid = target === "npm" ? child.pid! : Number(execFileSync("ps", ["-o", "pid=", "--ppid", String(child.pid)]).toString().trim().split("\n")[0]);
      const sent = Date.now();
      process.kill(pid, signal);
      while (groupAlive(child.pid!) && Date.now() - sent < 5000) await new Promise((resolve) => setTimeout(resolve, 20));
      const stoppedAfter = Date.now() - sent;
      const survivors = groupAlive(child.pid!);
      if (survivors) process.kill(-child.pid!, "SIGKILL");
      assert.ok(!survivors, "every process of the tree is gone");
      assert.ok(stoppedAfter < 2000, `stopped after ${stoppedAfter} ms`);
      t.diagnostic(`${signal} to ${target}: process tree gone after ${stoppedAfter} ms`);
      assert.equal(await exited, code, stderr);
      assert.match(stderr, new RegExp(`stopped by ${signal}`));
      const atStop = [...(await bucketContents(client, bucket, () => false)).keys()];
      await new Promise((resolve) => setTimeout(resolve, 600));
      assert.deepEqual([...(await bucketContents(client, bucket, () => false)).keys()], atStop, "no upload after the stop");
      assert.ok(atStop.length > 0 && !atStop.includes("/manifest.json"), `some objects up (${atStop.length}), no manifest`);
    });
  }
});
