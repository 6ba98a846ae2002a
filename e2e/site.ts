import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { expect, type Locator, type Page } from "@playwright/test";
import sirv from "sirv";

/** The sample site's lead story: the Reuters election-night report. */
export const LEAD_STORY = {
  url: "/asia/2023/03/19/ruling-party-sweeps-kazakh-election-exit-polls/",
  headline: "Kazakhstan's ruling party sweeps parliamentary election, exit polls show",
};

/** Opens a page and checks it answered 200. */
export async function open(page: Page, url: string): Promise<void> {
  const response = await page.goto(url);
  expect(response?.status(), `status of ${url}`).toBe(200);
}

/** Asserts that the locators appear top to bottom in this order on the page. */
export async function expectInOrder(locators: Locator[]): Promise<void> {
  let previous = -Infinity;
  for (const locator of locators) {
    await expect(locator).toBeVisible();
    const box = await locator.boundingBox();
    expect(box, `${locator} has no box`).not.toBeNull();
    expect(box!.y, `${locator} comes after the region before it`).toBeGreaterThan(previous);
    previous = box!.y;
  }
}

/** One page of each kind the site builds: what the quality checks visit. */
export interface PageKind {
  name: string;
  url: string;
  /** What the server answers; the not-found page is served with 404. */
  status: number;
  /** A selector to wait for: content that scripts add after the page loads. */
  ready?: string;
}

export const PAGE_KINDS: readonly PageKind[] = [
  { name: "front page", url: "/", status: 200 },
  { name: "article with image", url: LEAD_STORY.url, status: 200 },
  { name: "article without image", url: "/asia/2023/03/19/polling-underway-kazakhstan-snap-legislative-elections/", status: 200 },
  { name: "live coverage", url: "/asia/2023/03/19/kazakhstan-election-day-live/", status: 200 },
  { name: "section page", url: "/asia/", status: 200 },
  { name: "topic page", url: "/topics/kazakhstan/", status: 200 },
  { name: "topic page 2", url: "/topics/kazakhstan/page/2/", status: 200 },
  { name: "election results page", url: "/elections/kz-mazhilis-2023/", status: 200 },
  { name: "results by region", url: "/elections/kz-mazhilis-2023/regions/", status: 200 },
  { name: "elections index", url: "/elections/", status: 200 },
  { name: "not-found page", url: "/no-such-page/", status: 404 },
  { name: "search page", url: "/search/", status: 200 },
  { name: "search page with results", url: "/search/?q=election", status: 200, ready: ".search-result" },
];

/** The pages people look at first: screenshots and `npm run audit`. */
export const SHOWCASE_PAGES = ["/", LEAD_STORY.url, "/elections/kz-mazhilis-2023/"] as const;

/** The production build the web server serves (playwright.config.ts builds it first). */
export const SITE_DIR = "_site";

/** Pages written to break the checkers, one flaw or more each: see e2e/fixtures/bad/. */
export const BAD_FIXTURES_DIR = path.join("e2e", "fixtures", "bad");

/** Opens a page of the kind and checks the status it answered. */
export async function openKind(page: Page, kind: PageKind): Promise<void> {
  const response = await page.goto(kind.url);
  expect(response?.status(), `status of ${kind.url}`).toBe(kind.status);
  if (kind.ready) await expect(page.locator(kind.ready).first()).toBeVisible();
}

export interface FixtureServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a folder on 127.0.0.1 (a free port), with `generated` files served from memory
 * first: the known-bad pages the checkers must reject.
 */
export async function serveFixtures(dir: string, generated: Record<string, string | Uint8Array> = {}): Promise<FixtureServer> {
  const files = sirv(path.resolve(dir), { dev: true, etag: false });
  const server = createServer((request, response) => {
    const body = generated[new URL(request.url ?? "/", "http://127.0.0.1").pathname];
    if (body !== undefined) {
      const type = request.url?.endsWith(".css") ? "text/css" : "text/html; charset=utf-8";
      response.writeHead(200, { "Content-Type": type }).end(body);
      return;
    }
    files(request, response, () => {
      response.writeHead(404, { "Content-Type": "text/plain" }).end("Not found");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/**
 * Scripts a page ships that are neither JSON-LD data nor, on a page with an embed (and only
 * there), the embed module that loads its player on click, nor, on a live page whose coverage
 * is open, the module that offers new entries.
 */
export function unexpectedScripts(file: string, html: string): string[] {
  const embeds = html.includes('<figure class="embed"');
  const live = /<div class="live" [^>]*data-live-status="(?:live|upcoming)"/.test(html);
  return [...html.matchAll(/<script\b[^>]*>/gi)]
    .map((m) => m[0])
    .filter((tag) => !/^<script type="application\/ld\+json">$/.test(tag))
    .filter((tag) => !(embeds && /^<script type="module" src="\/assets\/embed\.[0-9a-f]+\.js">$/.test(tag)))
    .filter((tag) => !(live && /^<script type="module" src="\/assets\/live\.[0-9a-f]+\.js">$/.test(tag)))
    .map((tag) => `${file}: ${tag}`);
}

const PLAIN_TYPES: Record<string, string> = { html: "text/html; charset=utf-8", txt: "text/plain; charset=utf-8", xml: "application/xml", json: "application/json", js: "text/javascript", css: "text/css", wasm: "application/wasm", svg: "image/svg+xml", jpg: "image/jpeg", png: "image/png", avif: "image/avif", webp: "image/webp", woff2: "font/woff2" };

/**
 * Serves a built site as a plain bucket would, on 127.0.0.1:`port`: Content-Type and the
 * `headers` given, no policy; `dir` is followed on every request, as builds swap `_site`.
 */
export function servePlain(dir: string, port: number, headers: Record<string, string> = {}): Promise<Server> {
  const server = createServer(async (request, response) => {
    let file = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    if (file.endsWith("/")) file += "index.html";
    const full = path.join(dir, file);
    if (!full.startsWith(dir)) return void response.writeHead(400).end();
    try {
      const body = await readFile(full);
      response.writeHead(200, { "Content-Type": PLAIN_TYPES[path.extname(full).slice(1)] ?? "application/octet-stream", ...headers }).end(body);
    } catch {
      response.writeHead(404, { "Content-Type": "text/plain" }).end("Not found");
    }
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}
