import assert from "node:assert/strict";
import path from "node:path";
import { describe, it } from "node:test";
import { config } from "../../.eleventy.ts";
import { PROJECT_DIRS, userPath } from "./project.ts";

describe("editor tools' project folders", () => {
  it("are Eleventy's input and data folders", () => {
    assert.equal(PROJECT_DIRS.input, config.dir.input);
    assert.equal(path.join(config.dir.input, config.dir.data), PROJECT_DIRS.data);
  });
});

describe("userPath", () => {
  it("reads a path from where the editor typed `npm run import`, not from the project folder npm moves to", () => {
    const saved = { event: process.env.npm_lifecycle_event, cwd: process.env.INIT_CWD };
    try {
      process.env.npm_lifecycle_event = "import";
      process.env.INIT_CWD = "/home/editor/wire";
      assert.equal(userPath("story.json"), "/home/editor/wire/story.json");
      process.env.npm_lifecycle_event = "test:unit";
      assert.equal(userPath("story.json"), path.resolve("story.json"));
    } finally {
      if (saved.event === undefined) delete process.env.npm_lifecycle_event;
      else process.env.npm_lifecycle_event = saved.event;
      if (saved.cwd === undefined) delete process.env.INIT_CWD;
      else process.env.INIT_CWD = saved.cwd;
    }
  });
});
