import { open, readFile, realpath, stat, type FileHandle } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { contentType } from "./policy.ts";
import { headersFor, parseHeaders, parseRedirects, type HeaderRule } from "./serve-rules.ts";

/**
 * Serves a built site as its CDN would (S3 website hosting, Cloudflare): `_headers`,
 * `_redirects`, 404.html with status 404, `/section` redirected to `/section/`. Each
 * request reads the site the folder (usually the `_site` symlink) points to at that
 * moment, so a rebuild is served as soon as it is swapped in, and every file is served
 * from the handle it was opened with: its length cannot change under the response.
 */

/** The CDN's own files: never served. */
const CDN_FILES = new Set(["/_headers", "/_redirects"]);

interface Rules {
  headers: HeaderRule[];
  redirects: Map<string, { to: string; status: number }>;
  notFound: Buffer;
}

/** The rules of one version of the site; a folder built in place is read again when a rules file changes. */
const cache = new Map<string, Rules>();

async function rulesOf(site: string): Promise<Rules> {
  const files = ["_headers", "_redirects", "404.html"].map((name) => path.join(site, name));
  const stamps = await Promise.all(files.map((file) => stat(file).then((s) => `${s.size}:${s.mtimeMs}`, () => "-")));
  const key = `${site}\n${stamps.join(" ")}`;
  let rules = cache.get(key);
  if (!rules) {
    const [headers, redirects, notFound] = await Promise.all(files.map((file) => readFile(file).catch(() => undefined)));
    rules = {
      headers: parseHeaders(headers?.toString("utf8") ?? ""),
      redirects: parseRedirects(redirects?.toString("utf8") ?? ""),
      notFound: notFound ?? Buffer.from("Not found"),
    };
    cache.clear();
    cache.set(key, rules);
  }
  return rules;
}

/** A request's path, decoded and as sent, and its query; undefined when malformed or climbing out of the site. */
export function parseRequestUrl(url: string): { pathname: string; raw: string; search: string } | undefined {
  try {
    const parsed = new URL(url, "http://localhost");
    const pathname = decodeURIComponent(parsed.pathname);
    if (pathname.includes("\0") || pathname.split(/[/\\]/).includes("..")) return undefined;
    return { pathname, raw: parsed.pathname, search: parsed.search };
  } catch {
    return undefined;
  }
}

function plain(response: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  response.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", ...extra });
  response.end(text);
}

async function openFile(file: string): Promise<FileHandle | undefined> {
  try {
    return await open(file, "r");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") return undefined;
    throw error;
  }
}

/** Sends an open file: length and ETag from the handle, so from the bytes sent. */
async function sendFile(request: IncomingMessage, response: ServerResponse, handle: FileHandle, sitePath: string, size: number, mtimeMs: number): Promise<void> {
  const etag = `W/"${size.toString(16)}-${Math.floor(mtimeMs).toString(16)}"`;
  response.setHeader("ETag", etag);
  if (request.headers["if-none-match"] === etag) {
    await handle.close();
    response.writeHead(304);
    response.end();
    return;
  }
  response.writeHead(200, { "Content-Type": contentType(sitePath), "Content-Length": size });
  if (request.method === "HEAD") {
    await handle.close();
    response.end();
    return;
  }
  await pipeline(handle.createReadStream(), response);
}

async function serve(root: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== "GET" && request.method !== "HEAD") return plain(response, 405, "Method not allowed\n", { Allow: "GET, HEAD" });
  const url = parseRequestUrl(request.url ?? "/");
  if (!url) return plain(response, 400, "Bad request: malformed URL\n");
  const { pathname } = url;
  // One version of the site for the whole request, even if a build swaps another in meanwhile.
  const site = await realpath(root).catch(() => undefined);
  if (!site) return plain(response, 503, `No site at ${root}: run npm run build\n`);
  const rules = await rulesOf(site);
  for (const [name, value] of Object.entries(headersFor(rules.headers, pathname))) response.setHeader(name, value);
  const redirect = rules.redirects.get(pathname);
  if (redirect) {
    response.writeHead(redirect.status, { Location: redirect.to });
    response.end();
    return;
  }
  const notFound = () => {
    response.writeHead(404, { "Content-Type": "text/html; charset=utf-8", "Content-Length": rules.notFound.length });
    response.end(request.method === "HEAD" ? undefined : rules.notFound);
  };
  if (CDN_FILES.has(pathname.replace(/\/$/, ""))) return notFound();
  const sitePath = pathname.endsWith("/") ? `${pathname}index.html` : pathname;
  const handle = await openFile(path.join(site, sitePath));
  if (!handle) return notFound();
  const info = await handle.stat().catch(async (error: unknown) => {
    await handle.close();
    throw error;
  });
  if (info.isFile()) return sendFile(request, response, handle, sitePath, info.size, info.mtimeMs);
  await handle.close();
  // A folder: S3 websites and Cloudflare redirect to its index with a trailing slash.
  if (info.isDirectory() && (await stat(path.join(site, pathname, "index.html")).catch(() => undefined))?.isFile()) {
    response.writeHead(301, { Location: `${url.raw}/${url.search}` });
    response.end();
    return;
  }
  notFound();
}

/** An HTTP server for the site `root` points to; `report` hears of unexpected errors, once per request. */
export function previewServer(root: string, report: (message: string) => void = console.error): Server {
  return createServer((request, response) => {
    serve(root, request, response).catch((error: unknown) => {
      // Once the body has begun, the likely cause is the client going away: nothing to report.
      if (response.headersSent) return response.destroy();
      report(`preview: ${request.url}: ${error instanceof Error ? error.message : String(error)}`);
      plain(response, 500, "Internal error\n");
    });
  });
}
