import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { formatProblems } from "../articles/load.ts";
import { loadCuration } from "./load.ts";
import { NO_CURATION } from "./frontpage.ts";

const dirs: string[] = [];
after(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function dataDir(frontpage?: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "broadsheet-curation-"));
  dirs.push(dir);
  if (frontpage !== undefined) await writeFile(path.join(dir, "frontpage.json"), frontpage);
  return dir;
}

const context = {
  stories: [{ slug: "polls-open", url: "/asia/2023/03/19/polls-open/", section: "asia", date: "2023-03-19T08:00:00+06:00", draft: false, scheduled: false }],
  sections: ["asia"],
  zone: "Asia/Almaty",
  now: Date.parse("2023-03-19T12:00:00+06:00"),
};

describe("loadCuration", () => {
  it("means no picks when there is no file", async () => {
    assert.deepEqual(await loadCuration(await dataDir(), context), { curation: NO_CURATION, problems: [] });
  });

  it("names the line of a pick that names no story", async () => {
    const dir = await dataDir('{\n  "front": [\n    "polls-opne"\n  ]\n}\n');
    const { problems } = await loadCuration(dir, context);
    assert.equal(formatProblems(problems), `${path.join(dir, "frontpage.json")}:3: front[0]: no story has the slug "polls-opne" (did you mean "polls-open"?)`);
  });

  it("names the line and column of JSON that does not parse", async () => {
    const dir = await dataDir('{\n  "front": ["polls-open",]\n}\n');
    const { problems } = await loadCuration(dir, context);
    assert.match(formatProblems(problems), /frontpage\.json:2:\d+: \(file\): not valid JSON/);
  });
});
