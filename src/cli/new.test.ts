import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { after, describe, it } from "node:test";
import { article, makeProject, readText, REPO, removeProjects, runCli, snapshot, TEST_NOW } from "./test-project.ts";

after(removeProjects);

describe("npm run new", () => {
  it("writes a draft with valid front matter from a Kazakh headline, and prints its path and preview URL", async () => {
    const root = await makeProject();
    const { code, stdout, stderr } = await runCli("new", ["Қазақстан сайлауы: \"what next?\"", "--section", "asia", "--topics", "kazakhstan,elections", "--byline", "nadia-arkwright"], root);
    assert.equal(stderr, "");
    assert.equal(
      stdout,
      "Created src/content/articles/2023/qazaqstan-saylauy-what-next.md (a draft)\nPreview: http://localhost:8080/asia/2023/04/01/qazaqstan-saylauy-what-next/ (run npm start)\n",
    );
    assert.equal(code, 0);
    assert.equal(
      await readText(root, "src/content/articles/2023/qazaqstan-saylauy-what-next.md"),
      [
        "---",
        'title: "Қазақстан сайлауы: \\"what next?\\""',
        'summary: "TODO: one-sentence standfirst"',
        'date: "2023-04-01T12:00:00+06:00"',
        "section: asia",
        "topics: [kazakhstan, elections]",
        "byline: [nadia-arkwright]",
        "draft: true",
        "---",
        "TODO: write the story here. Remove `draft: true` above when it is ready to publish.",
        "",
      ].join("\n"),
    );
    const check = await runCli("check", [], root);
    assert.match(check.stdout, /^OK: 1 article \(1 draft, 0 scheduled\)/);
  });

  it("transliterates a Russian headline, with a credit instead of a byline", async () => {
    const root = await makeProject();
    const { code, stdout } = await runCli("new", ["Выборы в Казахстане", "--section", "world", "--credit", "Reuters"], root);
    assert.match(stdout, /^Created src\/content\/articles\/2023\/vybory-v-kazakhstane\.md \(a draft\)\n/);
    assert.equal(code, 0);
  });

  it("refuses a slug another story has, and writes nothing", async () => {
    const root = await makeProject({ "2022/polls.md": article("Polls", { slug: "polls-open" }) });
    const before = await snapshot(root);
    const { code, stdout, stderr } = await runCli("new", ["Polls open", "--section", "asia", "--credit", "Reuters"], root);
    assert.equal(stdout, "");
    assert.equal(
      stderr,
      '--slug: "polls-open" is already the slug of src/content/articles/2022/polls.md; every story needs its own slug, so change the headline or pass --slug\nNothing written.\n',
    );
    assert.equal(code, 1);
    assert.deepEqual(await snapshot(root), before);
  });

  it("refuses an unknown section, topic or author with the nearest match, and a missing byline or credit", async () => {
    const root = await makeProject();
    const { code, stderr } = await runCli("new", ["Polls open", "--section", "aisa", "--topics", "kazakstan", "--byline", "nadia-arkrwight"], root);
    const lines = stderr.trimEnd().split("\n");
    assert.equal(lines[0], '--section: unknown section "aisa" (did you mean "asia"?); expected one of: asia, world, politics, business');
    assert.match(lines[1] ?? "", /^--topics: unknown topic "kazakstan" \(did you mean "kazakhstan"\?\)/);
    assert.match(lines[2] ?? "", /^--byline: unknown author "nadia-arkrwight" \(did you mean "nadia-arkwright"\?\)/);
    assert.equal(lines.at(-1), "Nothing written.");
    assert.equal(code, 1);
    assert.deepEqual(await snapshot(root), {});

    const noCredit = await runCli("new", ["Polls open", "--section", "asia"], root);
    assert.equal(noCredit.stderr, "--byline or --credit: expected a byline (author ids) or a credit (agency), or both\nNothing written.\n");
    assert.equal(noCredit.code, 1);
  });

  it("stops on broken site data", async () => {
    const root = await makeProject();
    await writeFile(path.join(root, "_data/sections.json"), "{ not json");
    const broken = await runCli("new", ["Polls", "--section", "asia", "--credit", "Reuters"], root);
    assert.match(broken.stderr, /^_data\/sections\.json:1:3: \(file\): not valid JSON: unexpected character\n/);
    assert.equal(broken.code, 1);
  });

  it("names every missing argument at once", async () => {
    const root = await makeProject();
    const { code, stderr } = await runCli("new", [], root);
    assert.equal(
      stderr,
      [
        'headline: is required: give it first, in quotes ("Polls open across Kazakhstan")',
        "--section: is required; expected one of: asia, world, politics, business",
        "--byline or --credit: expected a byline (author ids) or a credit (agency), or both",
        "Nothing written.",
        "",
      ].join("\n"),
    );
    assert.equal(code, 1);
  });

  it("takes sections, topics and authors by name as well as by key", async () => {
    const root = await makeProject();
    const { code, stdout, stderr } = await runCli("new", ["Polls open", "--section", "Asia", "--topics", "Kazakhstan,elections", "--byline", "Nadia Arkwright,tomas pell"], root);
    assert.equal(stderr, "");
    assert.equal(code, 0);
    const text = await readText(root, stdout.match(/^Created (\S+)/)![1]!);
    assert.match(text, /^section: asia\ntopics: \[kazakhstan, elections\]\nbyline: \[nadia-arkwright, tomas-pell\]$/m);
  });

  it("works through npm without -- before the flags (--flag=value), says what to type otherwise, and works as npx broadsheet new", async () => {
    const root = await makeProject();
    await writeFile(path.join(root, "package.json"), JSON.stringify({ name: "newsroom", private: true, scripts: { new: `node --import tsx ${path.join(REPO, "src/cli/new.ts")}` } }));
    await symlink(path.join(REPO, "node_modules"), path.join(root, "node_modules"));
    const npm = await run("npm", ["run", "--silent", "new", "Polls open", "--section=asia", "--byline=Nadia Arkwright"], root);
    assert.equal(npm.stderr, "");
    assert.match(npm.stdout, /^Created src\/content\/articles\/2023\/polls-open\.md \(a draft\)\n/);
    const spaced = await run("npm", ["run", "--silent", "new", "Polls go on", "--section", "asia", "--credit", "Reuters"], root, true);
    assert.match(spaced.stderr, /^npm kept --section, --credit for itself[\s\S]*npm run new -- "Polls go on" asia Reuters \(each value after its flag\)/);
    const bin = await run(process.execPath, [path.join(REPO, "src/cli/bin.mjs"), "new", "Polls close", "--section", "Asia", "--credit", "Reuters"], root);
    assert.match(bin.stdout, /^Created src\/content\/articles\/2023\/polls-close\.md \(a draft\)\n/);
    const help = await run(process.execPath, [path.join(REPO, "src/cli/bin.mjs"), "new", "--help"], root);
    assert.match(help.stdout, /^Usage: npm run new -- "Headline" --section <section>[\s\S]*npx broadsheet new/);
  });
});

/** A command in the project's folder, with "now" pinned as the other runs. */
function run(command: string, args: readonly string[], cwd: string, fails = false): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, env: { ...process.env, BROADSHEET_NOW: TEST_NOW } }, (error, stdout, stderr) =>
      Boolean(error) === fails ? resolve({ stdout, stderr }) : reject(new Error(`${command} ${args.join(" ")}: ${stderr}`)),
    );
  });
}
