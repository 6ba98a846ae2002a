import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Browser } from "@playwright/test";
import { expect, test } from "./test.ts";
import { BAD_FIXTURES_DIR, LEAD_STORY, serveFixtures, SITE_DIR, unexpectedScripts, type FixtureServer } from "./site.ts";

/** HTML, CSS and fonts of a story page, compressed, leaving out its lead image. */
const BUDGET_BYTES = 60_000;
/** What the budget counts: Playwright's resource types for the page itself, its stylesheets and fonts. */
const BUDGETED_TYPES = new Set(["document", "stylesheet", "font"]);

interface Transfer {
  path: string;
  type: string;
  bytes: number;
  gzip: number;
  brotli: number;
}

interface Weight {
  transfers: Transfer[];
  /** Requests to any host but the page's own: blocked, never sent. */
  foreign: string[];
  /** `<script>` elements other than JSON-LD data. */
  scripts: string[];
  /** The h1 and the paragraphs of main as a reader sees them with JavaScript off. */
  headline: string;
  paragraphs: number;
  /** Path of the lead image the browser chose (left out of the budget), if the page has one. */
  leadImage?: string;
  /** Totals of the budgeted types. */
  budgeted: { bytes: number; gzip: number; brotli: number };
}

/**
 * Compressed as CDNs compress on the fly: gzip at level 6 and brotli at quality 5, the usual
 * defaults (static files precompressed at brotli 11 come out smaller still).
 */
function compressed(body: Buffer): { gzip: number; brotli: number } {
  return {
    gzip: gzipSync(body, { level: 6 }).length,
    brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }).length,
  };
}

/**
 * Loads a page in a fresh browser context with JavaScript turned off, as a reader with
 * scripts blocked would, and records every request: those to another host are recorded
 * and blocked, so no test ever reaches beyond this machine.
 */
async function weigh(browser: Browser, url: string): Promise<Weight> {
  const origin = new URL(url).origin;
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
  const foreign: string[] = [];
  await context.route("**/*", async (route) => {
    if (new URL(route.request().url()).origin === origin) return route.continue();
    foreign.push(route.request().url());
    return route.abort("blockedbyclient");
  });
  const page = await context.newPage();
  const responses: Promise<Transfer | undefined>[] = [];
  page.on("response", (response) => {
    responses.push(
      response.body().then(
        (body) => ({ path: new URL(response.url()).pathname, type: response.request().resourceType(), bytes: body.length, ...compressed(body) }),
        () => undefined,
      ),
    );
  });
  try {
    await page.goto(url);
    await page.waitForLoadState("networkidle");
    const transfers = (await Promise.all(responses)).filter((t): t is Transfer => t !== undefined);
    const budgeted = transfers.filter((t) => BUDGETED_TYPES.has(t.type));
    const sum = (key: "bytes" | "gzip" | "brotli") => budgeted.reduce((total, t) => total + t[key], 0);
    const h1 = page.getByRole("heading", { level: 1 });
    const lead = page.getByRole("main").getByRole("figure").first().getByRole("img").first();
    return {
      leadImage: (await lead.count()) ? new URL(await lead.evaluate((img: HTMLImageElement) => img.currentSrc)).pathname : undefined,
      transfers,
      foreign,
      scripts: await page.locator('script:not([type="application/ld+json"])').evaluateAll((scripts) => scripts.map((s) => s.outerHTML.slice(0, 100))),
      headline: (await h1.count()) === 1 && (await h1.isVisible()) ? (await h1.innerText()).trim() : "",
      paragraphs: await page.getByRole("main").getByRole("paragraph").filter({ hasText: /\S/ }).count(),
      budgeted: { bytes: sum("bytes"), gzip: sum("gzip"), brotli: sum("brotli") },
    };
  } finally {
    await context.close();
  }
}

/** Why a page fails the budget: scripts, requests to other hosts, nothing to read without JavaScript, too many bytes. */
function weightProblems(weight: Weight): string[] {
  return [
    ...weight.scripts.map((script) => `ships a script: ${script}`),
    ...weight.transfers.filter((t) => t.type === "script").map((t) => `loads a script: ${t.path}`),
    ...weight.foreign.map((url) => `requests another host: ${url}`),
    ...(weight.headline ? [] : ["shows no headline with JavaScript off"]),
    ...(weight.paragraphs > 0 ? [] : ["shows no text in main with JavaScript off"]),
    ...(Math.max(weight.budgeted.gzip, weight.budgeted.brotli) < BUDGET_BYTES
      ? []
      : [`HTML, CSS and fonts weigh ${weight.budgeted.gzip} bytes gzipped, ${weight.budgeted.brotli} with brotli: over the ${BUDGET_BYTES}-byte budget`]),
  ];
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

test("the lead story reads without JavaScript, asks no other host, and its HTML, CSS and fonts stay under 60 KB compressed", async ({ browser, baseURL }) => {
  const weight = await weigh(browser, new URL(LEAD_STORY.url, baseURL).href);
  const lines = weight.transfers.map((t) => `  ${t.type.padEnd(10)} ${t.path}: ${kb(t.bytes)} (${kb(t.gzip)} gzip, ${kb(t.brotli)} brotli)`);
  const figure = `${kb(weight.budgeted.gzip)} gzip, ${kb(weight.budgeted.brotli)} brotli (${kb(weight.budgeted.bytes)} uncompressed)`;
  // In the report, not the console: `npm test` prints only summaries and failures.
  test.info().annotations.push({ type: "page weight", description: `lead story HTML + CSS + fonts: ${figure}; lead image ${weight.leadImage ?? "none"}\n${lines.join("\n")}` });

  expect(weightProblems(weight)).toEqual([]);
  expect(weight.headline).toBe(LEAD_STORY.headline);
  expect(weight.transfers.filter((t) => t.type === "stylesheet")).not.toHaveLength(0);
  // The lead image loads at once, and is the only thing the budget leaves out besides other images.
  expect(weight.transfers.map((t) => t.path)).toContain(weight.leadImage);
});

test("the lead story's text is all there with JavaScript off", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(new URL(LEAD_STORY.url, baseURL).href);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(LEAD_STORY.headline);
    await expect(page.getByText("won a comfortable majority", { exact: false })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Reform agenda" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Read more" }).getByRole("listitem")).not.toHaveCount(0);
  } finally {
    await context.close();
  }
});

test("no page but search ships JavaScript: the others' only scripts are JSON-LD data, or the embed module where there is an embed", () => {
  // The search page adds instant results to a form that works without them (e2e/search.spec.ts).
  const pages = readdirSync(SITE_DIR, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".html") && file !== path.join("search", "index.html"));
  expect(pages.length).toBeGreaterThan(30);
  expect(pages.flatMap((file) => unexpectedScripts(file, readFileSync(path.join(SITE_DIR, file), "utf8")))).toEqual([]);
  expect(readFileSync(path.join(SITE_DIR, LEAD_STORY.url, "index.html"), "utf8")).not.toMatch(/<script(?! type="application\/ld\+json">)/);
  const module = '<script type="module" src="/assets/embed.0123456789.js">';
  expect(unexpectedScripts("embed.html", `<head>${module}</head><figure class="embed">`)).toEqual([]);
  expect(unexpectedScripts("plain.html", `<head>${module}</head>`)).toEqual([`plain.html: ${module}`]);
});

test.describe("the weight check rejects known-bad pages", () => {
  let fixtures: FixtureServer;
  test.beforeAll(async () => {
    // 130 KB of hashes in a comment: as random as compression ever sees, so it stays over budget.
    const noise = Array.from({ length: 3000 }, (_, i) => createHash("sha256").update(String(i)).digest("base64")).join("\n");
    fixtures = await serveFixtures(BAD_FIXTURES_DIR, { "/generated/heavy.css": `/* ${noise} */\nbody { margin: 0; }\n` });
  });
  test.afterAll(async () => fixtures.close());

  test("a page over budget fails", async ({ browser }) => {
    const weight = await weigh(browser, `${fixtures.url}/heavy.html`);
    expect(weightProblems(weight)).toEqual([expect.stringMatching(/^HTML, CSS and fonts weigh \d+ bytes gzipped, \d+ with brotli: over the 60000-byte budget$/)]);
  });

  test("a page with scripts, assets from other hosts and a headline written by JavaScript fails", async ({ browser }) => {
    const weight = await weigh(browser, `${fixtures.url}/third-party.html`);
    const problems = weightProblems(weight);
    for (const expected of [/ships a script: <script src="http:\/\/tags/, /ships a script: <script>document/, /requests another host: http:\/\/fonts\.third-party\.invalid\//, /requests another host: http:\/\/pixels\.third-party\.invalid\//, /no headline with JavaScript off/]) {
      expect(problems.some((p) => expected.test(p)), `a problem matching ${expected} in:\n${problems.join("\n")}`).toBe(true);
    }
  });
});
