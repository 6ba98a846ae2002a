import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { appendFile, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, it } from "node:test";
import { chromium } from "@playwright/test";
import { sitePaths } from "./cdn/files.ts";
import { CHROMIUM_FLAGS, testBrowserPath } from "./cli/chromium.ts";
import { inProjectCopy } from "./test-helpers.ts";

const ELECTION_STORIES = [
  "asia/2023/03/27/kazakhstan-final-election-results-amanat-majority/index.html",
  "asia/2023/03/20/kazakhstan-preliminary-results-six-parties-win-seats/index.html",
  "asia/2023/03/19/ruling-party-sweeps-kazakh-election-exit-polls/index.html",
  "asia/2023/03/19/kazakhstan-election-day-live/index.html",
];
const LIVE_STORY = "src/content/articles/2023/kazakhstan-election-day-live.md";
const LIVE_JSON = "asia/2023/03/19/kazakhstan-election-day-live/live.json";
const EDITED_STORY = "src/content/articles/2022/kazakhstan-balances-ties-moscow-west.md";
const EDITED_PAGE = "world/2022/10/12/kazakhstan-balances-ties-moscow-west/index.html";

const isStoryPage = (file: string) => /^[a-z-]+\/\d{4}\/\d\d\/\d\d\/[^/]+\/index\.html$/.test(file);

/** Modification times of every file the dev server wrote. */
async function times(dir: string): Promise<Map<string, number>> {
  const result = new Map<string, number>();
  for (const file of sitePaths(dir)) result.set(file.replace(/^\//, ""), (await stat(path.join(dir, file))).mtimeMs);
  return result;
}

const changedSince = (before: Map<string, number>, after: Map<string, number>) =>
  [...after].filter(([file, time]) => before.get(file) !== time && !file.startsWith("pagefind/")).map(([file]) => file);

/** `npm start` in a project copy; resolves each time Eleventy finishes a build. */
const PORT = 18500 + (process.pid % 400);

function devServer(dir: string) {
  const server = spawn(process.execPath, ["--import", "tsx", "node_modules/@11ty/eleventy/cmd.cjs", "--config=.eleventy.ts", "--serve", "--incremental", `--port=${PORT}`, "--output=_preview"], {
    cwd: dir,
    env: { ...process.env, BROADSHEET_NOW: "2023-03-28T12:00:00+06:00" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  let builds = 0;
  const waiters: { count: number; resolve: () => void }[] = [];
  server.stdout.on("data", (chunk: Buffer) => {
    log += chunk.toString();
    builds = (log.match(/\[11ty\] Watching/g) ?? []).length;
    for (const waiter of waiters.filter((w) => builds >= w.count)) waiter.resolve();
  });
  server.stderr.on("data", (chunk: Buffer) => (log += chunk.toString()));
  return {
    log: () => log,
    /** Waits for the n-th finished build (the first is the start-up build). */
    build: (count: number) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no build ${count} within 60 s:\n${log}`)), 60_000);
        waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
        if (builds >= count) resolve();
      }),
    stop: () => server.pid && process.kill(-server.pid, "SIGTERM"),
  };
}

describe("npm start (incremental dev server)", () => {
  it("re-renders only the pages an edited results file or story shows up on", { timeout: 180_000 }, async () => {
    await inProjectCopy(async () => {}, async (dir) => {
      const server = devServer(dir);
      const preview = path.join(dir, "_preview");
      try {
        await server.build(1);
        // The file watcher needs a moment after saying it is watching.
        await new Promise((resolve) => setTimeout(resolve, 1500));
        const start = await times(preview);
        const listsOfEverything = ["index.html", "sitemap.xml", "related.json", "topics/index.html"];

        const results = path.join(dir, "_data/elections/kz-mazhilis-2023.json");
        await writeFile(results, (await readFile(results, "utf8")).replace('"turnout": 54.21,', '"turnout": 54.23,'));
        await server.build(2);
        const afterResults = await times(preview);
        const rendered = changedSince(start, afterResults);
        for (const story of ELECTION_STORIES) assert.ok(rendered.includes(story), `${story} shows the results: re-rendered`);
        assert.ok(rendered.includes("elections/kz-mazhilis-2023/index.html"));
        assert.match(await readFile(path.join(preview, ELECTION_STORIES[0]!), "utf8"), /54\.23/);
        assert.ok(!rendered.includes(EDITED_PAGE), "a story without the election is untouched");
        assert.deepEqual(rendered.filter((file) => /^(asia|world|topics\/[^/]+)\/(page\/\d+\/)?index\.html$/.test(file)), [], "no section or topic page is re-rendered");
        assert.ok(rendered.includes("topics/elections/feed.xml") && !rendered.includes("business/feed.xml"), "only feeds carrying those stories are re-rendered");
        for (const file of listsOfEverything) assert.ok(!rendered.includes(file), `${file} shows no figures: untouched`);
        assert.deepEqual(
          rendered.filter((file) => !/(^|\/)feed\.(xml|json)$/.test(file)).sort(),
          // Its page by region is rendered with it: it shows the election file's name and sets.
          [...ELECTION_STORIES, LIVE_JSON, "elections/kz-mazhilis-2023/index.html", "elections/kz-mazhilis-2023/regions/index.html"].sort(),
          "no other page is written: not the other election's, not the 404 page, _headers or robots.txt",
        );

        await appendFile(path.join(dir, EDITED_STORY), "\nA sentence added by the test.\n");
        await server.build(3);
        const afterEdit = changedSince(afterResults, await times(preview));
        assert.ok(afterEdit.includes(EDITED_PAGE));
        assert.match(await readFile(path.join(preview, EDITED_PAGE), "utf8"), /A sentence added by the test/);
        assert.ok(afterEdit.includes("world/index.html"), "the section page listing the story");
        assert.ok(afterEdit.includes("topics/russia/index.html"), "a topic page listing the story");
        assert.ok(!afterEdit.includes("asia/index.html") && !afterEdit.includes("topics/elections/index.html"), "listings without the story are untouched");
        assert.deepEqual(afterEdit.filter(isStoryPage), [EDITED_PAGE], "a body edit re-renders no other story page");
        for (const file of listsOfEverything) assert.ok(!afterEdit.includes(file), `${file} shows nothing a body edit changes: untouched`);

        // A new headline shows in other stories' Read more lists and READ MORE lines: those are re-rendered, no other.
        const storyPages = [...afterResults.keys()].filter(isStoryPage);
        const url = `/${EDITED_PAGE.replace(/index\.html$/, "")}`;
        const linking = [];
        for (const page of storyPages) if (page !== EDITED_PAGE && (await readFile(path.join(preview, page), "utf8")).includes(`href="${url}"`)) linking.push(page);
        assert.ok(linking.length > 0, "some story links to the edited one");
        const beforeRetitle = await times(preview);
        const text = await readFile(path.join(dir, EDITED_STORY), "utf8");
        await writeFile(path.join(dir, EDITED_STORY), text.replace(/^title: .*$/m, 'title: "A retitled story"'));
        await server.build(4);
        const afterRetitle = changedSince(beforeRetitle, await times(preview));
        assert.deepEqual(afterRetitle.filter(isStoryPage).sort(), [EDITED_PAGE, ...linking].sort());
        for (const page of linking) assert.match(await readFile(path.join(preview, page), "utf8"), /A retitled story/);
        assert.ok(afterRetitle.includes("sitemap.xml") && afterRetitle.includes("related.json"), "pages that list every story show the new headline");
        assert.match(await readFile(path.join(preview, "related.json"), "utf8"), /A retitled story/);

        // A new live entry: the live page and its live.json, and the listings and feeds that show the story.
        const beforeEntry = await times(preview);
        await appendFile(path.join(dir, LIVE_STORY), "\n::: 2023-03-20T12:50 | A late entry\nAdded by the test.\n");
        await server.build(5);
        const afterEntry = changedSince(beforeEntry, await times(preview));
        assert.deepEqual(afterEntry.filter(isStoryPage), [ELECTION_STORIES[3]], "no other story page");
        assert.ok(afterEntry.includes(LIVE_JSON) && afterEntry.includes("asia/index.html") && afterEntry.includes("feed.xml"));
        assert.ok(!afterEntry.includes("world/index.html"), "listings without the story are untouched");
        assert.match(await readFile(path.join(preview, LIVE_JSON), "utf8"), /"entries":\[\{"id":"update-20230320-1250"/);

        // A story edited while another has an error is rendered once the error is fixed.
        const broken = path.join(dir, "src/content/articles/2022/ukraine-war-disrupts-central-asia-trade.md");
        const brokenText = await readFile(broken, "utf8");
        await writeFile(broken, brokenText.replace(/^section: .*$/m, "section: wrold"));
        await server.build(6);
        assert.match(server.log(), /unknown section "wrold"/);
        await appendFile(path.join(dir, EDITED_STORY), "\nWritten while another story was broken.\n");
        await server.build(7);
        await writeFile(broken, brokenText);
        await server.build(8);
        assert.match(await readFile(path.join(preview, EDITED_PAGE), "utf8"), /Written while another story was broken/);
      } finally {
        server.stop();
      }
    });
  });

  it("shows a content error in the open page (status 500) until it is fixed, and drops deleted and renamed stories", { timeout: 180_000 }, async () => {
    await inProjectCopy(async () => {}, async (dir) => {
      const server = devServer(dir);
      const executablePath = testBrowserPath(process.env.PLAYWRIGHT_CHROMIUM_PATH);
      const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: CHROMIUM_FLAGS });
      const origin = `http://localhost:${PORT}`;
      const story = path.join(dir, EDITED_STORY);
      const url = `/${EDITED_PAGE.replace(/index\.html$/, "")}`;
      try {
        await server.build(1);
        await new Promise((resolve) => setTimeout(resolve, 1500));
        const page = await browser.newPage();
        assert.equal((await page.goto(`${origin}${url}`))?.status(), 200);
        const text = await readFile(story, "utf8");

        // The open page turns into the error page by itself, and back once the file is fixed.
        await writeFile(story, text.replace(/^title: .*$/m, 'title: ""'));
        await page.getByRole("heading", { level: 1, name: "Broadsheet found 1 problem in the content" }).waitFor({ timeout: 30_000 });
        assert.match(await page.locator("main").innerText(), /src\/content\/articles\/2022\/kazakhstan-balances-ties-moscow-west\.md:2 title\s+must not be empty \(the headline\)/);
        assert.equal((await page.request.get(`${origin}/`)).status(), 500, "every page is the error page");
        assert.equal((await page.request.get(`${origin}/feed.xml`)).status(), 200, "files that are not pages are served");
        await writeFile(story, text);
        await page.getByRole("heading", { level: 1, name: "Kazakhstan walks a fine line between Moscow and the West over Ukraine" }).waitFor({ timeout: 30_000 });
        assert.equal((await page.request.get(`${origin}/`)).status(), 200);

        // A deleted story leaves its page, the front page, listings, feeds and Read more lists.
        const shows = async (path: string, slug: string) => (await (await page.request.get(`${origin}${path}`)).text()).includes(slug);
        const slug = "kazakhstan-balances-ties-moscow-west";
        assert.ok(await shows("/", slug));
        const started = performance.now();
        await rm(story);
        while ((await page.request.get(`${origin}${url}`)).status() !== 404) {
          assert.ok(performance.now() - started < 15_000, "the deleted story's page is gone within 15 s");
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const seconds = (performance.now() - started) / 1000;
        await server.build(4);
        for (const listing of ["/", "/world/", "/feed.xml", "/related.json", "/topics/russia/", "/sitemap.xml"]) assert.ok(!(await shows(listing, slug)), `${listing} no longer lists it`);
        assert.ok(seconds < 10, `its page gone in ${seconds.toFixed(1)} s`);

        // A renamed story moves: the old URL is gone, the new one is served and listed.
        const senate = path.join(dir, "src/content/articles/2023/kazakhstan-senate-elections.md");
        await rename(senate, senate.replace("kazakhstan-senate-elections", "kazakhstan-senate-vote"));
        const renamed = "/politics/2023/01/14/kazakhstan-senate-vote/";
        const moveStarted = performance.now();
        while ((await page.request.get(`${origin}${renamed}`)).status() !== 200 || (await page.request.get(`${origin}/politics/2023/01/14/kazakhstan-senate-elections/`)).status() !== 404) {
          assert.ok(performance.now() - moveStarted < 15_000, "the renamed story moved within 15 s");
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        await new Promise((resolve) => setTimeout(resolve, 2000));
        assert.ok(await shows("/politics/", "kazakhstan-senate-vote") && !(await shows("/politics/", "kazakhstan-senate-elections/")));
      } finally {
        await browser.close();
        server.stop();
      }
    });
  });
});