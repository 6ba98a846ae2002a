import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { appendFile, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, it } from "node:test";
import { sitePaths } from "./cdn/files.ts";
import { inProjectCopy } from "./test-helpers.ts";

const ELECTION_STORIES = [
  "asia/2023/03/27/kazakhstan-final-election-results-amanat-majority/index.html",
  "asia/2023/03/20/kazakhstan-preliminary-results-six-parties-win-seats/index.html",
  "asia/2023/03/19/ruling-party-sweeps-kazakh-election-exit-polls/index.html",
];
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
function devServer(dir: string) {
  const server = spawn(process.execPath, ["--import", "tsx", "node_modules/@11ty/eleventy/cmd.cjs", "--config=.eleventy.ts", "--serve", "--incremental", `--port=${18500 + (process.pid % 400)}`, "--output=_preview"], {
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
          [...ELECTION_STORIES, "elections/kz-mazhilis-2023/index.html", "elections/kz-mazhilis-2023/regions/index.html"].sort(),
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

        // A story edited while another has an error is rendered once the error is fixed.
        const broken = path.join(dir, "src/content/articles/2022/ukraine-war-disrupts-central-asia-trade.md");
        const brokenText = await readFile(broken, "utf8");
        await writeFile(broken, brokenText.replace(/^section: .*$/m, "section: wrold"));
        await server.build(5);
        assert.match(server.log(), /unknown section "wrold"/);
        await appendFile(path.join(dir, EDITED_STORY), "\nWritten while another story was broken.\n");
        await server.build(6);
        await writeFile(broken, brokenText);
        await server.build(7);
        assert.match(await readFile(path.join(preview, EDITED_PAGE), "utf8"), /Written while another story was broken/);
      } finally {
        server.stop();
      }
    });
  });
});
