import assert from "node:assert/strict";
import { mkdir, mkdtemp, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { outputProblem } from "./output-folder.ts";

describe("outputProblem: where a build may go", () => {
  it("takes a new folder, a built site, a build's symlink, a part's folder or a folder elsewhere", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "broadsheet-output-"));
    await mkdir(path.join(root, "_old"));
    await writeFile(path.join(root, "_old/manifest.json"), "{}");
    await symlink("._site.builds/1-2-3", path.join(root, "_site"));
    for (const output of ["_new", "_old", "_site", "_parts/2023", path.join(tmpdir(), "broadsheet-elsewhere-site")]) {
      assert.equal(outputProblem(output, root), undefined, output);
    }
  });

  it("refuses the project, a folder above it, its own folders and what they hold, naming the flag", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "broadsheet-output-"));
    for (const [output, expected] of [
      ["", /--output is empty/],
      [" ", /--output is empty/],
      [".", /--output \.: that folder holds the project/],
      ["..", /that folder holds the project/],
      [root, /that folder holds the project/],
      ["/", /that folder holds the project/],
      ["src", /--output src: src\/ is part of the project/],
      ["src/site", /src\/ is part of the project/],
      ["./public/", /public\/ is part of the project/],
      ["_data", /_data\/ is part of the project/],
      ["node_modules", /node_modules\/ is part of the project/],
      [".git", /\.git\/ is part of the project/],
    ] as const) {
      assert.match(outputProblem(output, root) ?? "(none)", expected, JSON.stringify(output));
    }
  });

  it("refuses a file, and a folder that holds no built site, which the swap would move aside", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "broadsheet-output-"));
    await writeFile(path.join(root, "notes.txt"), "x");
    await mkdir(path.join(root, "photos"));
    await writeFile(path.join(root, "photos/a.jpg"), "x");
    assert.match(outputProblem("notes.txt", root) ?? "", /--output notes\.txt: is a file/);
    assert.match(outputProblem("photos", root) ?? "", /--output photos: is a folder that holds no built site \(no manifest\.json\)/);
  });
});
