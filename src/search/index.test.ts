import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { sha256, sitePaths } from "../cdn/files.ts";
import { buildSearchIndex } from "./index.ts";

const page = (title: string, text: string) =>
  `<!doctype html><html lang="en"><head><title>${title}</title></head><body><nav>Menu</nav><article data-pagefind-body><h1>${title}</h1><p>${text}</p></article></body></html>\n`;

async function site(dir: string, stories: Record<string, string>): Promise<void> {
  for (const [url, text] of Object.entries(stories)) {
    await mkdir(path.join(dir, url), { recursive: true });
    await writeFile(path.join(dir, url, "index.html"), page(url, text));
  }
}

async function hashes(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const file of sitePaths(dir)) files[file] = sha256(await readFile(path.join(dir, file)));
  return files;
}

describe("buildSearchIndex", () => {
  let work: string;
  before(async () => {
    work = await mkdtemp(path.join(tmpdir(), "broadsheet-search-"));
  });
  after(() => rm(work, { recursive: true, force: true }));

  const stories = {
    "asia/2022/05/01/steppe-harvest": "Wheat harvest on the steppe.",
    "world/2022/07/02/caspian-oil": "Oil output in the Caspian.",
    "asia/2023/03/19/kazakhstan-votes": "Kazakhstan votes for a new Mazhilis.",
  };

  it("indexes one bundle a year, newest first, and keeps a year whose pages have not changed", async () => {
    const dir = path.join(work, "site");
    await site(dir, stories);
    const first = await buildSearchIndex(dir);
    assert.deepEqual(first.bundles, ["/pagefind/2023/", "/pagefind/2022/"]);
    assert.equal(first.pages, 3);
    assert.deepEqual(first.reused, []);
    const indexed = await hashes(path.join(dir, "pagefind"));
    const readList = async () => JSON.parse(await readFile(path.join(dir, "pagefind/bundles.json"), "utf8"));
    const firstList = await readList();

    const again = await buildSearchIndex(dir);
    assert.deepEqual(again.reused, ["2023", "2022"]);
    assert.equal(again.pages, 3);
    assert.deepEqual(await hashes(path.join(dir, "pagefind")), indexed, "the same files as indexing afresh");

    await writeFile(path.join(dir, "asia/2023/03/19/kazakhstan-votes/index.html"), page("kazakhstan-votes", "Amanat wins a majority."));
    const edited = await buildSearchIndex(dir);
    assert.deepEqual(edited.reused, ["2022"], "only the year of the edited story is indexed again");
    const list = await readList();
    assert.deepEqual(list.bundles, ["/pagefind/2023/", "/pagefind/2022/"]);
    assert.notEqual(list.years["2023"].key, firstList.years["2023"].key);
    assert.equal(list.years["2022"].key, firstList.years["2022"].key);
  });

  it("reuses the indexes of an earlier build in another folder, and indexes afresh what that build lacks", async () => {
    const earlier = path.join(work, "earlier");
    await site(earlier, stories);
    await buildSearchIndex(earlier);
    const next = path.join(work, "next");
    await site(next, { ...stories, "asia/2024/01/05/new-year": "A new story." });
    const built = await buildSearchIndex(next, { previous: earlier });
    assert.deepEqual(built.reused, ["2023", "2022"]);
    assert.equal(built.pages, 4);

    const fresh = path.join(work, "fresh");
    await site(fresh, { ...stories, "asia/2024/01/05/new-year": "A new story." });
    await buildSearchIndex(fresh);
    assert.deepEqual(await hashes(path.join(next, "pagefind")), await hashes(path.join(fresh, "pagefind")));

    await rm(path.join(earlier, "pagefind/2022"), { recursive: true });
    const again = path.join(work, "again");
    await site(again, stories);
    assert.deepEqual((await buildSearchIndex(again, { previous: earlier })).reused, ["2023"], "a bundle missing from the earlier build is indexed again");
  });
});
