import assert from "node:assert/strict";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { after, describe, it } from "node:test";
import { article, makeProject, removeProjects, runCli, snapshot } from "./test-project.ts";

after(removeProjects);

describe("npm run check", () => {
  it("prints a one-line summary and exits 0 when everything is right", async () => {
    const root = await makeProject(
      { "2023/polls.md": article("Polls open", { image: '{ src: /images/polls.svg, alt: "Voters queue" }' }), "2023/draft.md": article("Draft", { draft: "true" }) },
      ["images/polls.svg"],
    );
    const { code, stdout, stderr } = await runCli("check", [], root);
    assert.equal(stderr, "");
    assert.match(stdout, /^OK: 2 articles \(1 draft, 0 scheduled\), 0 elections, 4 sections, \d+ topics, 4 authors checked in \d+ ms\n$/);
    assert.equal(code, 0);
  });

  it("prints every problem as file:line: field: message, changes nothing, and exits 1", async () => {
    const broken = article("", { date: "2023-03-19", section: "aisa", topics: "[kazakstan]" });
    const root = await makeProject({ "2023/polls.md": broken, "2023/fine.md": article("Fine", { related: "[pols]" }) });
    const before = await snapshot(root);
    const { code, stdout, stderr } = await runCli("check", [], root);
    const lines = stdout.trimEnd().split("\n");
    assert.deepEqual(lines.slice(0, 4), [
      'src/content/articles/2023/fine.md:8: related[0]: no story has the slug "pols"',
      "src/content/articles/2023/polls.md:2: title: must not be empty (the headline)",
      'src/content/articles/2023/polls.md:4: date: expected a time as well as a date, such as "2023-03-19T09:00:00" or "2023-03-19T21:40:00+06:00"',
      'src/content/articles/2023/polls.md:5: section: unknown section "aisa" (did you mean "asia"?); expected one of: asia, world, politics, business',
    ]);
    assert.match(lines[4] ?? "", /^src\/content\/articles\/2023\/polls\.md:6: topics\[0\]: unknown topic "kazakstan" \(did you mean "kazakhstan"\?\); expected one of: kazakhstan, /);
    assert.equal(lines.length, 5);
    assert.match(stderr, /^Broadsheet check found 5 problems in 2 files \(\d+ ms\)\.\n$/);
    assert.equal(code, 1);
    assert.deepEqual(await snapshot(root), before);
  });

  it("checks the front page's picks and authors' portraits with the stories", async () => {
    const root = await makeProject({ "2023/polls.md": article("Polls open"), "2023/draft.md": article("Draft", { draft: "true" }) });
    await writeFile(path.join(root, "_data/frontpage.json"), '{\n  "front": ["pols", "draft"],\n  "sections": { "world": ["polls"] }\n}\n');
    const authors = JSON.parse(await readFile(path.join(root, "_data/authors.json"), "utf8")) as Record<string, Record<string, unknown>>;
    authors["tomas-pell"]!["photo"] = { src: "/images/tomas.jpg", width: 400, height: 400 };
    await writeFile(path.join(root, "_data/authors.json"), JSON.stringify(authors));
    const { code, stdout } = await runCli("check", [], root);
    assert.deepEqual(stdout.trimEnd().split("\n"), [
      '_data/authors.json: tomas-pell.photo.src: no such file: public/images/tomas.jpg; expected an image in public/',
      '_data/frontpage.json:2: front[0]: no story has the slug "pols" (did you mean "polls"?)',
      '_data/frontpage.json:2: front[1]: "draft" is a draft, which readers cannot see; publish it or pick another story',
      '_data/frontpage.json:3: sections.world[0]: "polls" is in the asia section, not world; pick it for the front page or for /asia/',
    ]);
    assert.equal(code, 1);
  });

  it("--json: the same problems as objects, for machines", async () => {
    const root = await makeProject({ "2023/polls.md": article("Polls", { section: "aisa" }) });
    const { code, stdout } = await runCli("check", ["--json"], root);
    const report = JSON.parse(stdout) as { ok: boolean; problems: unknown[]; summary: string; ms: number };
    assert.equal(report.ok, false);
    assert.deepEqual(report.problems, [
      {
        file: "src/content/articles/2023/polls.md",
        line: 5,
        field: "section",
        message: 'unknown section "aisa" (did you mean "asia"?); expected one of: asia, world, politics, business',
      },
    ]);
    assert.equal(report.summary, "1 problem in 1 file");
    assert.equal(typeof report.ms, "number");
    assert.equal(code, 1);

    const fine = await makeProject({ "2023/polls.md": article("Polls") });
    const ok = await runCli("check", ["--json"], fine);
    const okReport = JSON.parse(ok.stdout) as { ok: boolean; counts: Record<string, number> };
    assert.equal(okReport.ok, true);
    assert.equal(okReport.counts.articles, 1);
    assert.equal(ok.code, 0);
  });

  it("checks the data files too, naming the file and field", async () => {
    const root = await makeProject({ "2023/polls.md": article("Polls") });
    const site = JSON.parse(await readFile(path.join(root, "_data/site.json"), "utf8")) as Record<string, unknown>;
    await writeFile(path.join(root, "_data/site.json"), JSON.stringify({ ...site, wireSection: "wrld" }));
    const { code, stdout } = await runCli("check", [], root);
    assert.equal(stdout, '_data/site.json: wireSection: unknown section "wrld" (did you mean "world"?); expected one of: asia, world, politics, business\n');
    assert.equal(code, 1);
  });

  it("accepts a story saved by Windows (BOM, CRLF) and refuses one in Latin-1, naming line, column and byte", async () => {
    const windows = `\uFEFF${article("Polls open", {}, "Turnout was high.\n")}`.replace(/\n/g, "\r\n");
    const root = await makeProject({ "2023/windows.md": windows, "2023/fine.md": article("Fine") });
    await writeFile(path.join(root, "src/content/articles/2023/latin1.md"), Buffer.from(article("Café society"), "latin1"));
    const { code, stdout } = await runCli("check", [], root);
    assert.equal(
      stdout,
      'src/content/articles/2023/latin1.md:2:12: (file): byte 0xE9 is not UTF-8; the file looks saved as Latin-1 or Windows-1252 (the line would read "title: \"Café society\""); save it as UTF-8 (in most editors: Save with Encoding, UTF-8)\n',
    );
    assert.equal(code, 1);
    await rm(path.join(root, "src/content/articles/2023/latin1.md"));
    assert.equal((await runCli("check", [], root)).code, 0);
  });

  it("reports every data file that does not parse, with line and column, and data it would ignore", async () => {
    const root = await makeProject({ "2023/polls.md": article("Polls") });
    await writeFile(path.join(root, "_data/topics.json"), '{\n  "kazakhstan": { "name": "Kazakhstan", },\n}');
    await writeFile(path.join(root, "_data/newsletter.json"), '{ "list": tru }');
    await mkdir(path.join(root, "_data/elections"));
    await writeFile(path.join(root, "_data/elections/kz-senate-2023.yaml"), "name: Senate\n");
    const { code, stdout } = await runCli("check", [], root);
    assert.deepEqual(stdout.trimEnd().split("\n"), [
      "_data/elections/kz-senate-2023.yaml: (file): results files are read only as JSON (<id>.json, see schemas/election.schema.json); this \".yaml\" file would be ignored: convert it to JSON or move it out of _data/elections/",
      "_data/newsletter.json:1:11: (file): not valid JSON: unexpected character",
      '_data/topics.json:2:41: (file): not valid JSON: expected a property name in double quotes (a name without quotes, or a comma too many before "}"?)',
    ]);
    assert.equal(code, 1);
  });

  it("exits 2 on an unknown flag", async () => {
    const { code, stderr } = await runCli("check", ["--jsn"], await makeProject());
    assert.match(stderr, /Unknown option '--jsn'[\s\S]*Usage: npm run check/);
    assert.equal(code, 2);
  });

  it("renders each body as the build does: removed HTML is a warning at its line, --strict makes it an error", async () => {
    const body = "Fine text.\n\n<p onclick=\"steal()\">Hi</p>\n\n<script>alert(1)</script>\n\n[x](https://example.org/) and <a href=\"javascript:alert(1)\">y</a>\n";
    const text = article("Raw HTML", {}, body);
    const lineOf = (needle: string) => text.slice(0, text.indexOf(needle)).split("\n").length;
    const root = await makeProject({ "2023/raw.md": text });
    const file = "src/content/articles/2023/raw.md";
    const expected = [
      `${file}:${lineOf("onclick")}: warning: html: removed onclick="steal()" from <p>: not allowed in a story (see docs/stories.md)`,
      `${file}:${lineOf("<script")}: warning: html: removed <script> with its content: not allowed in a story (see docs/stories.md)`,
      `${file}:${lineOf("javascript:")}: warning: html: removed href="javascript:alert(1)" from <a>: not allowed in a story (see docs/stories.md)`,
    ];
    const relaxed = await runCli("check", [], root);
    assert.deepEqual(relaxed.stdout.trimEnd().split("\n").slice(0, 3), expected);
    assert.match(relaxed.stdout, /^OK with 3 warnings \(--strict makes them errors\): 1 article/m);
    assert.equal(relaxed.code, 0);
    const strict = await runCli("check", ["--strict"], root);
    assert.deepEqual(strict.stdout.trimEnd().split("\n"), expected.map((line) => line.replace(": warning: ", ": ")));
    assert.match(strict.stderr, /^Broadsheet check found 3 problems in 1 file/);
    assert.equal(strict.code, 1);
  });

  it("refuses an embed from a provider not allowed, naming the allowlist", async () => {
    const text = article("Embeds", {}, 'Watch.\n\n{% embed "https://evil.example/v/1" %}\n');
    const { code, stdout } = await runCli("check", [], await makeProject({ "2023/embed.md": text }));
    const line = text.split("\n").indexOf('{% embed "https://evil.example/v/1" %}') + 1;
    assert.match(stdout, new RegExp(`^src/content/articles/2023/embed\\.md:${line}: embed: "https://evil.example/v/1" is not from a provider this site embeds; the allowlist .*youtube .*vimeo .*datawrapper .*flourish`));
    assert.equal(stdout.trimEnd().split("\n").length, 1);
    assert.equal(code, 1);
  });

  it("refuses a headline over 300 characters", async () => {
    const { code, stdout } = await runCli("check", [], await makeProject({ "2023/long.md": article("h".repeat(301)) }));
    assert.equal(stdout, "src/content/articles/2023/long.md:2: title: the headline is 301 characters; the limit is 300\n");
    assert.equal(code, 1);
  });

  it("warns about a headline search engines would cut", async () => {
    const { code, stdout } = await runCli("check", ["--json"], await makeProject({ "2023/longish.md": article("h".repeat(120)) }));
    const report = JSON.parse(stdout) as { ok: boolean; warnings: { file: string; line: number; field: string; message: string }[] };
    assert.deepEqual(report.warnings.map((w) => [w.file, w.line, w.field]), [["src/content/articles/2023/longish.md", 2, "title"]]);
    assert.match(report.warnings[0]?.message ?? "", /120 characters; search engines show about 110/);
    assert.equal(report.ok, true);
    assert.equal(code, 0);
  });
});
