import { execFile } from "node:child_process";
import { appendFile, cp, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Page } from "@playwright/test";
import { expect, test } from "./test.ts";
import { expectInOrder, LEAD_STORY, open, servePlain } from "./site.ts";

/** The sample's election-day live page (src/content/articles/2023/kazakhstan-election-day-live.md). */
const LIVE_URL = "/asia/2023/03/19/kazakhstan-election-day-live/";
const LIVE_TITLE = "Kazakhstan election day: live coverage of the snap parliamentary vote";

test.describe("the sample live page, after its coverage ended", () => {
  test("reads completely without JavaScript: ended, key events linking to entries, newest first, results box", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await open(page, LIVE_URL);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(LIVE_TITLE);
    await expect(page.locator(".live-status")).toContainText("Ended");
    await expect(page.locator(".live-status")).toContainText("This live coverage ended at 20 March 2023, 13:00 (Astana time)");
    await expect(page.getByRole("complementary", { name: "Kazakhstan parliamentary election 2023" })).toBeVisible();

    const entries = page.locator(".live-entry");
    expect(await entries.count()).toBeGreaterThanOrEqual(10);
    const times = await entries.locator("time").evaluateAll((nodes) => nodes.map((node) => node.getAttribute("datetime") ?? ""));
    expect(times.every((time) => time.endsWith("+06:00"))).toBe(true);
    expect([...times].sort().reverse(), "newest first").toEqual(times);
    await expect(entries.first().locator("time")).toHaveText("20 March, 12:45");
    await expect(page.locator("#update-20230319-2030 time")).toHaveText("20:30");

    const keyEvents = page.getByRole("navigation", { name: "Key events" });
    await expect(keyEvents.getByRole("link")).toHaveCount(await page.locator(".live-entry--key").count());
    await keyEvents.getByRole("link", { name: /Exit polls/ }).click();
    await expect(page).toHaveURL(`${LIVE_URL}#update-20230319-2030`);
    await expect(page.locator("#update-20230319-2030")).toBeInViewport();
    // Each entry is its own permalink.
    await expect(page.locator("#update-20230319-2030").getByRole("link", { name: "20:30" })).toHaveAttribute("href", "#update-20230319-2030");
    await expect(page.locator("#update-20230319-2030")).toContainText("53-54 percent of the vote");
    // Nothing to update once the coverage has ended: no script at all.
    expect(await page.locator("script:not([type='application/ld+json'])").count()).toBe(0);
    await context.close();
  });

  test("is linked from the front page and from the lead story's Read more", async ({ page }) => {
    await open(page, "/");
    await expect(page.getByRole("region", { name: "Latest" }).getByRole("link", { name: LIVE_TITLE })).toHaveAttribute("href", LIVE_URL);
    await open(page, LEAD_STORY.url);
    await page.getByRole("region", { name: "Read more" }).getByRole("link", { name: LIVE_TITLE }).click();
    await expect(page).toHaveURL(LIVE_URL);
  });

  test("has LiveBlogPosting JSON-LD, an update file beside it, and feeds carry its latest entry", async ({ request }) => {
    const html = await (await request.get(LIVE_URL)).text();
    const ld = JSON.parse(html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)![1]!);
    expect(ld["@type"]).toBe("LiveBlogPosting");
    expect(ld.coverageStartTime).toBe("2023-03-19T08:00:00+06:00");
    expect(ld.coverageEndTime).toBe("2023-03-20T13:00:00+06:00");
    expect(ld.dateModified).toBe("2023-03-20T12:45:00+06:00");
    expect(ld.liveBlogUpdate.length).toBeGreaterThanOrEqual(10);
    expect(ld.liveBlogUpdate[0]).toMatchObject({ "@type": "BlogPosting", headline: "This live coverage has ended", datePublished: "2023-03-20T12:45:00+06:00", url: `https://broadsheet.example${LIVE_URL}#update-20230320-1245` });

    // The CDN rechecks the page and its update file every 10 s (src/cdn/policy.ts, through _headers).
    const update = await request.get(`${LIVE_URL}live.json`);
    expect(update.headers()["cache-control"]).toBe("public, max-age=10, s-maxage=10, stale-while-revalidate=30");
    expect((await request.get(LIVE_URL)).headers()["cache-control"]).toBe("public, max-age=10, s-maxage=10, stale-while-revalidate=30");
    const json = await update.json();
    expect(json.status).toBe("ended");
    expect(json.entries[0]).toEqual({ id: "update-20230320-1245", time: "2023-03-20T12:45:00+06:00" });

    const feed = await (await request.get("/feed.json")).json();
    const item = feed.items.find((i: { url: string }) => i.url.endsWith(LIVE_URL));
    expect(item.date_modified).toBe("2023-03-20T12:45:00+06:00");
    expect(item.content_html).toContain(`<a href="https://broadsheet.example${LIVE_URL}#update-20230320-1245">Latest update, 20 March 2023, 12:45 (Astana time): This live coverage has ended</a>`);
  });
});

const run = promisify(execFile);
/** This part's own loopback port (LIVE_PORT overrides it). */
const PORT = Number(process.env.LIVE_PORT ?? 18311);
const NOW = "2023-03-19T15:00:00+06:00";
const STORY = "src/content/articles/2023/live-test.md";
const STORY_URL = "/asia/2023/03/19/live-test/";

const LIVE_STORY = `---
title: "Election day, live"
summary: "Updates through the day."
date: "2023-03-19T08:00:00+06:00"
live: { start: "2023-03-19T08:00:00+06:00", end: "2023-03-19T16:00:00+06:00" }
section: asia
topics: [kazakhstan]
byline: [tomas-pell]
---
Follow the vote here.

::: 09:00 | Polls are open
Voting is under way.

::: 10:20
Turnout was 14.21 % at 10:10.
`;

test.describe("a live page while its coverage is open", () => {
  test.describe.configure({ mode: "serial", timeout: 300_000 });
  let root = "";
  let server: Server | undefined;
  const origin = `http://127.0.0.1:${PORT}`;
  const build = async () => (await run(process.execPath, ["--import", "tsx", "src/cli/build.ts", "--output", "_site"], { cwd: root, env: { ...process.env, BROADSHEET_NOW: NOW, BROADSHEET_PREVIEW: "0" }, maxBuffer: 64 * 1024 * 1024 })).stdout;

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    root = await mkdtemp(path.join(tmpdir(), "broadsheet-live-"));
    for (const entry of ["package.json", ".eleventy.ts", "src", "_data", "_includes", "public"]) await cp(entry, path.join(root, entry), { recursive: true });
    await symlink(path.resolve("node_modules"), path.join(root, "node_modules"));
    // Image renditions are shared; the build state (in .cache/) is this project's own.
    await mkdir(".cache/img", { recursive: true });
    await mkdir(path.join(root, ".cache"));
    await symlink(path.resolve(".cache/img"), path.join(root, ".cache/img"));
    await rm(path.join(root, "src/content/articles"), { recursive: true });
    // The sample's front-page picks name the sample stories, which this project does not have.
    await rm(path.join(root, "_data/frontpage.json"));
    await mkdir(path.join(root, "src/content/articles/2023"), { recursive: true });
    await writeFile(path.join(root, STORY), LIVE_STORY);
    await build();
    server = await servePlain(path.join(root, "_site"), PORT, { "Cache-Control": "no-cache" });
  });
  test.afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (root) await rm(root, { recursive: true, force: true });
  });

  /** Opens the page with the browser's clock at `NOW`; counts its checks of live.json. */
  async function openLive(page: Page): Promise<{ checks: () => number }> {
    let checks = 0;
    page.on("request", (request) => {
      if (request.url().endsWith("/live.json")) checks++;
    });
    await page.clock.install({ time: new Date(NOW) });
    await page.goto(`${origin}${STORY_URL}`);
    return { checks: () => checks };
  }

  test("the front page leads with it and the page says it is live", async ({ page }) => {
    await page.goto(`${origin}/`);
    await expect(page.getByRole("region", { name: "Live now" }).getByRole("link", { name: "Election day, live" })).toHaveAttribute("href", STORY_URL);
    await page.goto(`${origin}${STORY_URL}`);
    await expect(page.locator(".live-status")).toContainText("Live");
    await expect(page.getByRole("status")).toHaveText("New updates are offered here as they come in.");
  });

  test("offers entries added by a rebuild, inserts them newest first and moves focus to them; stops when the coverage ends", async ({ page }) => {
    const { checks } = await openLive(page);
    await expect(page.getByRole("status")).toHaveText("New updates are offered here as they come in.");
    await page.clock.runFor(31_000);
    await expect.poll(checks).toBe(1);
    await expect(page.getByRole("button", { name: /new update/ })).toBeHidden();

    // Two entries are published: only the live page (and its JSON), not the whole site, is rendered again.
    await appendFile(path.join(root, STORY), "\n::: 14:30 | Turnout passes half | key\nMore than half have voted.\n\n::: 14:45\nQueues in Astana.\n");
    const output = await build();
    expect(output).toMatch(/Incremental build: 1 content file changed/);
    expect(output).toMatch(/Wrote 1 story page in/);

    const entries = page.locator(".live-entry");
    await expect(entries).toHaveCount(2);
    await expect(page.getByRole("navigation", { name: "Key events" })).toHaveCount(0);
    await page.clock.runFor(30_000);
    const show = page.getByRole("button", { name: "Show 2 new updates" });
    await expect(show).toBeVisible();
    await expect(page.getByRole("status")).toHaveText("2 new updates");
    // Offered, not inserted: nothing moved.
    await expect(entries).toHaveCount(2);

    await show.focus();
    await page.keyboard.press("Enter");
    await expect(entries).toHaveCount(4);
    await expect(entries.nth(0)).toHaveAttribute("id", "update-20230319-1445");
    await expect(entries.nth(1)).toHaveAttribute("id", "update-20230319-1430");
    await expect(entries.nth(0)).toBeFocused();
    await expect(page.getByRole("status")).toHaveText("2 updates added.");
    await expect(show).toBeHidden();
    // The first key event brings the Key events list, before the updates.
    await expect(page.getByRole("navigation", { name: "Key events" }).getByRole("link", { name: /Turnout passes half/ })).toHaveAttribute("href", "#update-20230319-1430");
    await expectInOrder([page.getByRole("navigation", { name: "Key events" }), page.getByRole("heading", { name: "Updates" })]);

    // The coverage ends at 16:00: the next check stops, and no check follows.
    await page.clock.runFor(3_600_000);
    await expect(page.getByRole("status")).toHaveText(/This live coverage has ended/);
    await expect(page.locator(".live-badge")).toHaveText("Ended");
    const after = checks();
    await page.clock.runFor(300_000);
    expect(checks()).toBe(after);
  });

  test("checks only while the tab is visible", async ({ page }) => {
    const { checks } = await openLive(page);
    await page.evaluate(() => {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
      document.dispatchEvent(new Event("visibilitychange"));
    });
    await page.clock.runFor(120_000);
    expect(checks()).toBe(0);
    await page.evaluate(() => {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "visible" });
      document.dispatchEvent(new Event("visibilitychange"));
    });
    await page.clock.runFor(1_000);
    await expect.poll(checks).toBe(1);
  });
});

