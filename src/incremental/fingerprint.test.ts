import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { codeChange, codeFingerprint } from "./fingerprint.ts";

const roots: string[] = [];
after(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

async function project(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "broadsheet-fingerprint-"));
  roots.push(root);
  for (const [file, text] of Object.entries({
    "package-lock.json": "{}",
    ".eleventy.ts": "export default {}",
    "src/plugin.ts": "code",
    "src/plugin.test.ts": "test",
    "src/content/index.njk": "front page",
    "src/content/articles/2023/story.md": "a story",
    "_includes/layouts/base.njk": "<html>",
    "public/css/site.css": "body {}",
  })) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  return root;
}

describe("codeFingerprint and codeChange: what forces a full build", () => {
  it("covers code, templates, layouts, public files and dependencies, not stories or tests", async () => {
    const root = await project();
    assert.deepEqual(Object.keys(codeFingerprint(root).files).sort(), [".eleventy.ts", "_includes/layouts/base.njk", "package-lock.json", "public/css/site.css", "src/content/index.njk", "src/plugin.ts"]);
  });

  it("names the first file that changed, was added or removed, and a new runtime", async () => {
    const root = await project();
    const before = codeFingerprint(root);
    await writeFile(path.join(root, "src/content/articles/2023/story.md"), "edited");
    await writeFile(path.join(root, "src/plugin.test.ts"), "edited");
    assert.equal(codeChange(before, codeFingerprint(root, before)), undefined, "content and tests do not count");
    await writeFile(path.join(root, "_includes/layouts/base.njk"), "<html lang>");
    assert.equal(codeChange(before, codeFingerprint(root, before)), "_includes/layouts/base.njk changed");
    await writeFile(path.join(root, "_includes/layouts/base.njk"), "<html>");
    await writeFile(path.join(root, "_includes/new.njk"), "x");
    assert.equal(codeChange(before, codeFingerprint(root, before)), "_includes/new.njk was added");
    await rm(path.join(root, "_includes/new.njk"));
    await rm(path.join(root, "package-lock.json"));
    assert.equal(codeChange(before, codeFingerprint(root, before)), "package-lock.json was removed");
    assert.match(codeChange({ ...before, runtime: "node v18.0.0 linux-x64" }, before) ?? "", /^the runtime changed \(node v18\.0\.0 linux-x64 to node v/);
  });

  it("an edit that keeps the size is still seen (the stamp includes the modification time)", async () => {
    const root = await project();
    const before = codeFingerprint(root);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await writeFile(path.join(root, "src/plugin.ts"), "CODE");
    assert.equal(codeChange(before, codeFingerprint(root, before)), "src/plugin.ts changed");
  });

  it("sees a production build's modes as the plugin reads them: unset and \"0\" are one mode, \"1\" another", async () => {
    const root = await project();
    const saved = process.env.BROADSHEET_PREVIEW;
    const runtimeWith = (value: string | undefined) => {
      if (value === undefined) delete process.env.BROADSHEET_PREVIEW;
      else process.env.BROADSHEET_PREVIEW = value;
      return codeFingerprint(root).runtime;
    };
    try {
      assert.equal(runtimeWith("0"), runtimeWith(undefined));
      assert.notEqual(runtimeWith("1"), runtimeWith(undefined));
      assert.equal(runtimeWith("true"), runtimeWith("1"));
    } finally {
      runtimeWith(saved);
    }
  });
});
