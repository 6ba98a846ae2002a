import assert from "node:assert/strict";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { after, describe, it } from "node:test";
import { readFrontMatter } from "../articles/front-matter.ts";
import { makeProject, readText, removeProjects, REPO, runCli, snapshot } from "./test-project.ts";

const fixture = (name: string) => path.join(REPO, "src/wire/fixtures", name);

after(removeProjects);

describe("npm run import", () => {
  it("imports a ninjs 1.x story as a draft in the wire section, and reports what it could not map", async () => {
    const repoBefore = await snapshot(REPO);
    const root = await makeProject();
    const { code, stdout, stderr } = await runCli("import", [fixture("polls-open.ninjs-1.json")], root);
    assert.equal(stderr, "");
    const lines = stdout.trimEnd().split("\n");
    assert.deepEqual(lines.slice(0, 3), [
      "Created src/content/articles/2023/kazakhs-vote-in-early-election-for-parliaments-lower-house.md (a draft)",
      "Preview: http://localhost:8080/world/2023/03/19/kazakhs-vote-in-early-election-for-parliaments-lower-house/ (run npm start)",
      "Topics: elections, kassym-jomart-tokayev, kazakhstan",
    ]);
    assert.ok(lines.includes('Note: Not mapped to a topic: subject "Politics", organisation "Central Election Commission". Add them to "aliases" in _data/topics.json to map them next time.'));
    assert.ok(lines.includes('Note: Places not mapped to a topic: "Karaganda".'));
    assert.ok(lines.some((line) => line.startsWith('Note: Lead picture "featureimage" left out')));
    assert.equal(code, 0);
    const check = await runCli("check", [], root);
    assert.match(check.stdout, /^OK: 1 article \(1 draft, 0 scheduled\)/);
    // The real sample content is never touched.
    assert.deepEqual(await snapshot(REPO), repoBefore);
  });

  it("imports a ninjs 2.x story with its lead picture when the file is in public/, into --section", async () => {
    const root = await makeProject({}, ["images/ballot-box.svg"]);
    const { code, stdout } = await runCli("import", [fixture("exit-poll.ninjs-2.json"), "--section", "asia"], root);
    assert.match(stdout, /^Created src\/content\/articles\/2023\/exit-polls-amanat-wins-kazakh-election-with-about-half-the-vote\.md \(a draft\)\nPreview: http:\/\/localhost:8080\/asia\/2023\/03\/19\//);
    assert.equal(code, 0);
    const { data } = readFrontMatter(await readText(root, "src/content/articles/2023/exit-polls-amanat-wins-kazakh-election-with-about-half-the-vote.md"));
    assert.equal((data.image as Record<string, string>).src, "/images/ballot-box.svg");
    assert.deepEqual(data.byline, ["nadia-arkwright"]);
  });

  it("updates the same file when an update of a ninjs 3.x story comes in, once", async () => {
    const root = await makeProject();
    const file = "src/content/articles/2023/six-parties-clear-threshold-in-kazakh-vote-preliminary-count.md";
    const first = await runCli("import", [fixture("preliminary-results.ninjs-3.json")], root);
    assert.match(first.stdout, new RegExp(`^Created ${file} \\(a draft\\)\\n`));

    const update = await runCli("import", [fixture("preliminary-results-update.ninjs-3.json")], root);
    assert.match(update.stdout, new RegExp(`^Updated ${file} \\(a draft\\)\\nPreview: http://localhost:8080/world/2023/03/20/six-parties-clear-threshold-in-kazakh-vote-preliminary-count/`));
    assert.equal(update.code, 0);
    assert.deepEqual(Object.keys(await snapshot(root)), [file]);
    const { data, body } = readFrontMatter(await readText(root, file));
    assert.equal(data.title, "Six parties clear threshold in Kazakh vote; turnout 54%");
    assert.equal(data.date, "2023-03-20T10:15:00+06:00");
    assert.equal(data.updated, "2023-03-20T13:05:00+06:00");
    assert.match(body, /Turnout was 54\.2 percent/);

    const before = await snapshot(root);
    const again = await runCli("import", [fixture("preliminary-results-update.ninjs-3.json")], root);
    assert.match(again.stdout, /already has this version or a newer one .* Nothing written; pass --force to import it anyway\.\n$/);
    assert.equal(again.code, 0);
    assert.deepEqual(await snapshot(root), before);
  });

  it("keeps the version an update replaces when an editor changed it since the import, and only then", async () => {
    const root = await makeProject();
    const file = "src/content/articles/2023/six-parties-clear-threshold-in-kazakh-vote-preliminary-count.md";
    await runCli("import", [fixture("preliminary-results.ninjs-3.json")], root);
    const forced = await runCli("import", [fixture("preliminary-results.ninjs-3.json"), "--force"], root);
    assert.equal(forced.code, 0);
    assert.doesNotMatch(forced.stdout, /edited since/);
    await assert.rejects(readdir(path.join(root, "wire-backups")), "nothing to keep: nobody edited the story");

    const edited = (await readText(root, file)).replace(/\n\n/, "\n\nOur correspondent in Astana adds: queues were long.\n\n");
    await writeFile(path.join(root, file), edited);
    const update = await runCli("import", [fixture("preliminary-results-update.ninjs-3.json")], root);
    assert.equal(update.code, 0);
    const backup = "wire-backups/2023/six-parties-clear-threshold-in-kazakh-vote-preliminary-count.20230401T060000Z.md";
    assert.match(update.stdout, new RegExp(`Note: This story was edited since its last import, .* is kept in ${backup.replace(/\./g, "\\.")}\. Bring the edits`));
    assert.equal(await readText(root, backup), edited);
    assert.doesNotMatch(await readText(root, file), /queues were long/);

    // Edited and updated again within the same second: both earlier versions are kept.
    const again = (await readText(root, file)).replace(/\n\n/, "\n\nA second edit.\n\n");
    await writeFile(path.join(root, file), again);
    const twice = await runCli("import", [fixture("preliminary-results-update.ninjs-3.json"), "--force"], root);
    assert.equal(twice.code, 0);
    const second = backup.replace(/\.md$/, "-2.md");
    assert.match(twice.stdout, new RegExp(`is kept in ${second.replace(/\./g, "\\.")}\\.`));
    assert.equal(await readText(root, second), again);
    assert.equal(await readText(root, backup), edited);
  });

  it("refuses a ninjs file that is not UTF-8, naming line, column and byte", async () => {
    const root = await makeProject();
    const latin1 = path.join(root, "latin1.json");
    await writeFile(latin1, Buffer.from('{\n  "headline": "Caf\xe9"\n}', "latin1"));
    const { code, stderr } = await runCli("import", [latin1], root);
    assert.match(stderr, /latin1\.json:2:19: \(file\): byte 0xE9 is not UTF-8; .*\nNothing written\.\n$/);
    assert.equal(code, 1);
  });

  it("refuses invalid or partial input with the file and field, and writes nothing", async () => {
    const root = await makeProject();
    const notJson = path.join(root, "not-json.json");
    const noHeadline = path.join(root, "no-headline.json");
    await writeFile(notJson, "<newsItem/>");
    const doc = JSON.parse(await readFile(fixture("exit-poll.ninjs-2.json"), "utf8")) as Record<string, unknown>;
    delete doc.headlines;
    await writeFile(noHeadline, JSON.stringify(doc));

    const bad = await runCli("import", [notJson], root);
    assert.match(bad.stderr, new RegExp(`^${notJson.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: \\(file\\): not valid JSON at line 1, column 1: unexpected character\\nNothing written\\.\\n$`));
    assert.equal(bad.code, 1);

    const partial = await runCli("import", [noHeadline], root);
    assert.equal(partial.stderr, `${noHeadline}: headlines: is required: the story has no headline\nNothing written.\n`);
    assert.equal(partial.code, 1);

    const missing = await runCli("import", [path.join(root, "nowhere.json")], root);
    assert.match(missing.stderr, /nowhere\.json: \(file\): cannot read it \(ENOENT\)\nNothing written\.\n$/);
    assert.equal(missing.code, 1);
    assert.deepEqual(await snapshot(root), {});
  });

  it("exits 2 without a file", async () => {
    const { code, stderr } = await runCli("import", [], await makeProject());
    assert.match(stderr, /^Give the ninjs file to import\.\n\nUsage: npm run import/);
    assert.equal(code, 2);
  });
});
