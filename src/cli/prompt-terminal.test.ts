import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import path from "node:path";
import { after, describe, it } from "node:test";
import { makeProject, readText, REPO, removeProjects, snapshot, TEST_NOW } from "./test-project.ts";

after(removeProjects);

/**
 * `npm run new` in a real pseudo-terminal (util-linux `script`), as an editor runs it:
 * each answer is typed once its question shows. Returns the exit code and everything shown.
 */
function inTerminal(root: string, answers: [question: string, keys: string][]): Promise<{ code: number | null; shown: string }> {
  const command = [process.execPath, "--import", "tsx", path.join(REPO, "src/cli/new.ts"), "--root", root].map((arg) => JSON.stringify(arg)).join(" ");
  const child = spawn("script", ["-qec", command, "/dev/null"], { cwd: REPO, env: { ...process.env, BROADSHEET_NOW: TEST_NOW, TERM: "xterm", npm_lifecycle_event: "" } });
  let shown = "";
  let from = 0;
  const pending = [...answers];
  const answer = () => {
    const next = pending[0];
    const at = next ? shown.indexOf(next[0], from) : -1;
    if (!next || at < 0) return;
    pending.shift();
    from = at + next[0].length;
    child.stdin.write(next[1]);
    answer();
  };
  child.stdout.on("data", (chunk: Buffer) => {
    shown += chunk.toString("utf8");
    answer();
  });
  const timer = setTimeout(() => child.kill(), 30_000);
  return new Promise((resolve) =>
    child.on("close", (code) => {
      clearTimeout(timer);
      child.stdin.end();
      resolve({ code, shown });
    }),
  );
}

describe("npm run new in a terminal", () => {
  it("asks for what is missing, offering the site's sections, topics and authors, and stops on Ctrl-C writing nothing", async () => {
    const root = await makeProject();
    const down = "\u001b[B";
    const asked = await inTerminal(root, [
      ["Headline", "Polls open\r"],
      ["Section", `${down}\r`],
      ["Topics", " \r"],
      ["Byline", " \r"],
      ["Summary", "Voters queue in the cold.\r"],
    ]);
    assert.match(asked.shown, /Asia[\s\S]*World/, "the sections to choose from");
    assert.match(asked.shown, /Created src\/content\/articles\/2023\/polls-open\.md \(a draft\)/);
    assert.equal(asked.code, 0);
    const text = await readText(root, "src/content/articles/2023/polls-open.md");
    assert.match(text, /^summary: "Voters queue in the cold\."\n[\s\S]*^section: world\ntopics: \[kazakhstan\]\nbyline: \[nadia-arkwright\]$/m);

    const before = await snapshot(root);
    const stopped = await inTerminal(root, [["Headline", "\u0003"]]);
    assert.equal(stopped.code, 130);
    assert.match(stopped.shown, /Cancelled\. Nothing written\./);
    assert.deepEqual(await snapshot(root), before);
  });
});
