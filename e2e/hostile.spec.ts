import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./test.ts";
import { runCli } from "../src/cli/test-project.ts";
import { HOSTILE_CASES, hostileNinjs } from "../src/html/hostile-corpus.ts";
import { servePlain, unexpectedScripts } from "./site.ts";

/**
 * A site built from the hostile corpus (story files and wire copy of every ninjs
 * version), served by a server that sends no headers but Content-Type, as a plain
 * bucket would: every page and feed must load without a dialog, a script the site
 * did not ship, a policy violation or a request to another host.
 */

const run = promisify(execFile);
/** This spec's own loopback port (HOSTILE_PORT overrides it). */
const PORT = Number(process.env.HOSTILE_PORT ?? 18301);
const NOW = "2023-04-01T12:00:00+06:00";


function story(title: string, body: string, extra = "", topic = "kazakhstan"): string {
  return `---\ntitle: ${JSON.stringify(title)}\nsummary: "A story the sanitizer must make safe."\ndate: "2023-03-20T10:00:00+06:00"\nsection: asia\ntopics: [${topic}]\ncredit: Reuters\n${extra}---\n${body}`;
}

/** Stories whose payloads are in the front matter: text fields, escaped wherever they appear. */
const FIELD_STORIES: Record<string, string> = {
  "hostile-fields.md": story(
    "<script>window.__pwned = 'title'</script> Headline",
    "Body.\n",
    `image: { src: /images/ballot-box.jpg, alt: "\\"><img src=x onerror=alert('alt')>", caption: "<img src=x onerror=alert('caption')>", credit: "<script>alert('credit')</script>" }\n` +
      `corrections:\n  - { date: "2023-03-21T10:00:00+06:00", text: "<img src=x onerror=alert('correction')>" }\n`,
  ),
  "hostile-long-headline.md": story(`A headline far longer than search engines show ${"and longer ".repeat(10)}`.trim(), "Body.\n"),
  "hostile-embed.md": story("An embed among the payloads", 'Watch:\n\n{% embed "https://www.youtube.com/watch?v=dQw4w9WgXcQ" %}\n\n<iframe src="https://evil.example/"></iframe>\n'),
};

/** Writes the project into `root` and builds it; returns the built site's folder. */
async function makeSite(root: string): Promise<string> {
  for (const entry of ["package.json", ".eleventy.ts", "src", "_data", "_includes", "public"]) await cp(entry, path.join(root, entry), { recursive: true });
  await symlink(path.resolve("node_modules"), path.join(root, "node_modules"));
  await mkdir(".cache", { recursive: true });
  await symlink(path.resolve(".cache"), path.join(root, ".cache"));
  // The sample stories' READ MORE links and picks, and the front page's picks, would need them: only the corpus is built.
  const articles = path.join(root, "src/content/articles");
  await rm(articles, { recursive: true });
  await rm(path.join(root, "_data/frontpage.json"));
  await mkdir(path.join(articles, "2023"), { recursive: true });
  // A feed holds its newest 20 stories: the cases are spread over the topics, so that each is in its topic's feed.
  const topics = Object.keys(JSON.parse(await readFile(path.join(root, "_data/topics.json"), "utf8")) as Record<string, unknown>);
  await Promise.all(HOSTILE_CASES.map((c, i) => writeFile(path.join(articles, "2023", `hostile-${String(i).padStart(2, "0")}.md`), story(`Hostile case ${i}: ${c.name}`, c.body, "", topics[i % topics.length]))));
  await Promise.all(Object.entries(FIELD_STORIES).map(([file, text]) => writeFile(path.join(articles, "2023", file), text)));
  for (const { name, json } of hostileNinjs()) {
    const file = path.join(root, `${name}.json`);
    await writeFile(file, JSON.stringify(json));
    // The import tool in this process, as its own tests run it (a process each took 2 s of CPU).
    const imported = await runCli("import", [file, "--section", "asia", "--credit", "Reuters", "--slug", name, "--publish"], root, { BROADSHEET_NOW: NOW, BROADSHEET_PREVIEW: "0" });
    expect(imported.code, imported.stderr).toBe(0);
  }
  const env = { ...process.env, BROADSHEET_NOW: NOW, BROADSHEET_PREVIEW: "0" };
  await run(process.execPath, ["--import", "tsx", "src/cli/build.ts", "--output", "_site", "--quiet"], { cwd: root, env, maxBuffer: 64 * 1024 * 1024 });
  return path.join(root, "_site");
}


interface Findings {
  dialogs: string[];
  foreign: string[];
  errors: string[];
}

/** Records dialogs, requests to other hosts (which cannot resolve) and script errors; marks policy violations and `__pwned` for `pwned()`. */
async function watch(context: BrowserContext, origin: string): Promise<Findings> {
  const findings: Findings = { dialogs: [], foreign: [], errors: [] };
  await context.addInitScript(() => {
    (window as unknown as { __violations: string[] }).__violations = [];
    document.addEventListener("securitypolicyviolation", (event) => (window as unknown as { __violations: string[] }).__violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  // Seen, not intercepted (that doubled each page's load time): Chromium resolves no host but the local server's (CHROMIUM_FLAGS).
  context.on("request", (request) => {
    if (!/^(data|blob|about):/.test(request.url()) && new URL(request.url()).origin !== origin) findings.foreign.push(request.url());
  });
  context.on("page", (page) => watchPage(page, findings));
  return findings;
}

function watchPage(page: Page, findings: Findings): void {
  page.on("dialog", (dialog) => {
    findings.dialogs.push(`${page.url()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on("pageerror", (error) => findings.errors.push(`${page.url()}: ${error.message}`));
}

/** Pages open at once: loads wait on the server and the network stack as much as on the CPU. */
const PAGES_AT_ONCE = 4;

/** Visits every item, each in a fresh navigation of one of a few pages of `context`. */
async function inPages<T>(context: BrowserContext, items: readonly T[], visit: (page: Page, item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: PAGES_AT_ONCE }, async () => {
      const page = await context.newPage();
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await visit(page, item);
      await page.close();
    }),
  );
}

async function pwned(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const w = window as unknown as { __pwned?: unknown; __violations?: string[] };
    return [...(w.__pwned !== undefined ? [`__pwned = ${String(w.__pwned)}`] : []), ...(w.__violations ?? []).map((v) => `policy violation: ${v}`)];
  });
}

/** Each entry of a feed: the path of the page it stands for, and its HTML (JSON Feed's content_html, Atom's escaped content). */
function feedEntries(file: string, text: string): { page: string; html: string }[] {
  const page = (url: string) => new URL(url).pathname;
  if (file.endsWith(".json")) return (JSON.parse(text) as { items: { url: string; content_html?: string }[] }).items.map((item) => ({ page: page(item.url), html: item.content_html ?? "" }));
  const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
  return [...text.matchAll(/<entry>[\s\S]*?<id>([^<]+)<\/id>[\s\S]*?<content type="html">([\s\S]*?)<\/content>[\s\S]*?<\/entry>/g)].map((m) => ({ page: page(m[1] ?? ""), html: unescape(m[2] ?? "") }));
}

test.describe("a site built from hostile copy, served with no headers", () => {
  test.describe.configure({ mode: "serial", timeout: 300_000 });
  let root = "";
  let site = "";
  let server: Server | undefined;
  const origin = `http://127.0.0.1:${PORT}`;

  test.beforeAll(async () => {
    // Six imports and a build: minutes when the machine is busy.
    test.setTimeout(300_000);
    root = await mkdtemp(path.join(tmpdir(), "broadsheet-hostile-"));
    site = await makeSite(root);
    server = await servePlain(site, PORT);
  });
  test.afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (root) await rm(root, { recursive: true, force: true });
  });

  test("every page loads with no dialog, no script it did not ship, no violation and no other host", async ({ browser }) => {
    const files = (await readdir(site, { recursive: true })).filter((f) => f.endsWith(".html") && !f.startsWith("pagefind"));
    const stories = files.filter((f) => f.includes("hostile-") || f.includes("ninjs-"));
    expect(stories.length, "a page for every case, field story and wire story").toBe(HOSTILE_CASES.length + Object.keys(FIELD_STORIES).length + hostileNinjs().length);
    const context = await browser.newContext();
    const findings = await watch(context, origin);
    const problems: string[] = [];
    await inPages(context, files, async (page, file) => {
      const html = await readFile(path.join(site, file), "utf8");
      problems.push(...(file === path.join("search", "index.html") ? [] : unexpectedScripts(file, html)));
      expect(html, file).toContain('<meta http-equiv="Content-Security-Policy"');
      await page.goto(`${origin}/${file}`, { waitUntil: "load" });
      problems.push(...(await pwned(page)).map((p) => `${file}: ${p}`));
    });
    await context.close();
    expect(problems).toEqual([]);
    expect(findings).toEqual({ dialogs: [], foreign: [], errors: [] });
  });

  test("the HTML of every feed entry runs nothing, even where no policy applies", async ({ browser }) => {
    const feeds = (await readdir(site, { recursive: true })).filter((f) => /(^|\/)feed\.(xml|json)$/.test(f));
    expect(feeds.length).toBeGreaterThan(2);
    // An Atom feed is XML, which may hold XHTML that a browser runs; a JSON feed is shown as text.
    const atom = feeds.filter((f) => f.endsWith(".xml"));
    const context = await browser.newContext();
    const findings = await watch(context, origin);
    const problems: string[] = [];
    const entries: { file: string; page: string; html: string }[] = [];
    await inPages(context, atom, async (page, file) => {
      await page.goto(`${origin}/${file}`, { waitUntil: "load" });
      problems.push(...(await pwned(page)).map((p) => `${file}: ${p}`));
    });
    for (const file of feeds) entries.push(...feedEntries(file, await readFile(path.join(site, file), "utf8")).map((entry) => ({ file, ...entry })));
    // As a feed reader that trusted our HTML would show it: in a page with no policy at all.
    // A story is in many feeds (site, section, topics, authors); the same HTML is shown once.
    const distinct = [...new Map(entries.map((entry) => [entry.html, entry])).values()];
    await inPages(context, distinct, async (page, { file, html }) => {
      await page.goto(`${origin}/robots.txt`);
      await page.setContent(html, { waitUntil: "load" });
      problems.push(...(await pwned(page)).map((p) => `${file} entry: ${p}`));
    });
    await context.close();
    // Every story built from hostile copy is in some feed.
    const stories = (await readdir(site, { recursive: true })).filter((f) => /(hostile|ninjs)-[^/]*\/index\.html$/.test(f)).map((f) => `/${f.replace(/index\.html$/, "")}`);
    const inFeeds = new Set(entries.map((entry) => entry.page));
    expect(stories.filter((story) => !inFeeds.has(story))).toEqual([]);
    expect(stories.length).toBe(HOSTILE_CASES.length + Object.keys(FIELD_STORIES).length + hostileNinjs().length);
    expect(problems).toEqual([]);
    // Feeds make the site's own URLs absolute: its canonical host is not another host.
    const { url } = JSON.parse(await readFile("_data/site.json", "utf8")) as { url: string };
    const foreign = findings.foreign.filter((request) => new URL(request).origin !== new URL(url).origin);
    expect({ ...findings, foreign }).toEqual({ dialogs: [], foreign: [], errors: [] });
  });

  test("the embed loads its player only on click, in a sandboxed frame the page's policy allows", async ({ browser }) => {
    const context = await browser.newContext();
    const findings = await watch(context, origin);
    const page = await context.newPage();
    await page.goto(`${origin}/asia/2023/03/20/hostile-embed/`);
    const figure = page.locator("figure.embed");
    await expect(figure.getByRole("link", { name: /YouTube video/ })).toHaveAttribute("href", "https://www.youtube.com/watch?v=dQw4w9WgXcQ");
    expect(findings.foreign).toEqual([]);
    await figure.getByRole("button", { name: /Load the YouTube video/ }).click();
    const frame = figure.locator("iframe");
    await expect(frame).toHaveAttribute("src", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ");
    await expect(frame).toHaveAttribute("sandbox", /allow-scripts/);
    await expect.poll(() => findings.foreign).toEqual(["https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"]);
    expect(await pwned(page)).toEqual([]);
    await context.close();
  });
});
