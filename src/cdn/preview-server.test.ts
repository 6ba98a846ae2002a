import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { previewServer } from "./preview-server.ts";
import { swapIn, versionsFolder } from "./swap.ts";

/** This engineer's loopback ports: 18200-18299. */
const PORT = 18_200 + (process.pid % 50);
const CLI_PORT = PORT + 50;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request: the path is sent as written, unlike fetch, which would normalise it. */
function get(port: number, target: string, method = "GET", headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path: target, method, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** A version of a built site with the given files, swapped in as `_site`. */
async function publishVersion(output: string, name: string, files: Record<string, string>): Promise<void> {
  const folder = path.join(versionsFolder(output), name);
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(folder, file)), { recursive: true });
    await writeFile(path.join(folder, file), text);
  }
  await swapIn(output, folder);
}

const FIRST = {
  "index.html": "<p>front</p>",
  "404.html": "<p>not here</p>",
  "asia/index.html": "<p>asia</p>",
  "asia/story.html": "<p>the first, longer version of a story</p>",
  "gone.html": "<p>removed by the next build</p>",
  "empty/.keep": "",
  "feed.xml": "<feed/>",
  _headers: "/*\n  X-Version: 1\n/asia/*\n  Cache-Control: no-cache\n",
  _redirects: "/old/ /asia/ 301\n",
};

describe("the preview server", () => {
  let output: string;
  let server: Server;
  const reported: string[] = [];
  before(async () => {
    output = path.join(await mkdtemp(path.join(tmpdir(), "broadsheet-preview-")), "_site");
    await publishVersion(output, "1-1-1", FIRST);
    server = previewServer(output, (message) => reported.push(message));
    await new Promise<void>((resolve) => server.listen(PORT, "127.0.0.1", resolve));
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("answers a malformed URL with 400, and never serves outside the site", async () => {
    for (const target of ["/%", "/asia/%E0%A4%A", "/..%2f..%2fetc/passwd", "/a%00b"]) {
      const reply = await get(PORT, target);
      assert.equal(reply.status, 400, target);
      assert.match(reply.body, /^Bad request/);
    }
    // Dot segments the URL itself resolves stay inside the site: /etc/passwd of the site.
    assert.equal((await get(PORT, "/asia/%2e%2e/%2e%2e/etc/passwd")).status, 404);
    assert.equal((await get(PORT, "/")).status, 200, "still serving");
  });

  it("does not serve _headers and _redirects, with or without a trailing slash", async () => {
    for (const target of ["/_headers", "/_headers/", "/_redirects", "/_redirects/"]) {
      const reply = await get(PORT, target);
      assert.equal(reply.status, 404, target);
      assert.equal(reply.body, FIRST["404.html"]);
    }
  });

  it("redirects a folder to its index with a trailing slash, keeping the query", async () => {
    const reply = await get(PORT, "/asia?page=2&q=a%20b");
    assert.equal(reply.status, 301);
    assert.equal(reply.headers.location, "/asia/?page=2&q=a%20b");
    assert.equal((await get(PORT, "/asia/")).body, FIRST["asia/index.html"]);
    assert.equal((await get(PORT, "/asia/index.html")).body, FIRST["asia/index.html"]);
    assert.equal((await get(PORT, "/empty")).status, 404, "a folder without an index is not found");
    assert.equal((await get(PORT, "/asia/story.html/")).status, 404);
  });

  it("applies _headers and _redirects, with the CDN's content types, ETags and HEAD", async () => {
    const story = await get(PORT, "/asia/story.html");
    assert.equal(story.headers["x-version"], "1");
    assert.equal(story.headers["cache-control"], "no-cache");
    assert.equal(story.headers["content-type"], "text/html; charset=utf-8");
    assert.equal((await get(PORT, "/feed.xml")).headers["content-type"], "application/atom+xml; charset=utf-8");
    const moved = await get(PORT, "/old/");
    assert.deepEqual([moved.status, moved.headers.location], [301, "/asia/"]);
    assert.equal((await get(PORT, "/asia/story.html", "GET", { "If-None-Match": String(story.headers.etag) })).status, 304);
    const head = await get(PORT, "/asia/story.html", "HEAD");
    assert.deepEqual([head.status, head.headers["content-length"], head.body], [200, String(FIRST["asia/story.html"].length), ""]);
    assert.equal((await get(PORT, "/", "POST")).status, 405);
  });

  it("serves a rebuild as soon as it is swapped in: new lengths, new rules, removed files not found", async () => {
    const { "gone.html": _, ...kept } = FIRST;
    await publishVersion(output, "2-1-1", { ...kept, "asia/story.html": "<p>short</p>", _headers: "/*\n  X-Version: 2\n" });
    const story = await get(PORT, "/asia/story.html");
    assert.equal(story.body, "<p>short</p>");
    assert.equal(story.headers["content-length"], String("<p>short</p>".length));
    assert.equal(story.headers["x-version"], "2");
    assert.equal(story.headers["cache-control"], undefined);
    assert.equal((await get(PORT, "/gone.html")).status, 404);
    assert.deepEqual(reported, []);
  });
});

describe("npm run preview", () => {
  /** The command's exit code and what it printed, or "listening" once it serves. */
  function preview(args: string[]): Promise<{ code: number | null; output: string }> {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/preview.ts", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    return new Promise((resolve) => {
      const collect = (chunk: Buffer) => {
        output += chunk;
        if (output.includes("Serving ")) child.kill();
      };
      child.stdout.on("data", collect);
      child.stderr.on("data", collect);
      child.on("exit", (code) => resolve({ code, output }));
    });
  }

  it("says in one line, with no stack, that the folder is missing or the port is busy, and exits 1", async () => {
    const missing = await preview(["--dir", "no-such-site", "--port", String(CLI_PORT)]);
    assert.equal(missing.code, 1);
    assert.equal(missing.output, "preview: no site at no-such-site/: run npm run build first, or name the folder with --dir\n");

    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(CLI_PORT, "127.0.0.1", resolve));
    try {
      const site = await mkdtemp(path.join(tmpdir(), "broadsheet-preview-"));
      const taken = await preview(["--dir", site, "--port", String((busy.address() as AddressInfo).port)]);
      assert.equal(taken.code, 1);
      assert.equal(taken.output, `preview: port ${CLI_PORT} on 127.0.0.1 is in use: stop what uses it, or pass --port N\n`);
      const badPort = await preview(["--dir", site, "--port", "80a"]);
      assert.equal(badPort.output, 'preview: --port must be a whole number from 1 to 65535, got "80a"\n');
    } finally {
      busy.close();
    }
  });
});
