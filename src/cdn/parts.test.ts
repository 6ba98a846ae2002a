import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parsePart } from "./parts.ts";

describe("parsePart", () => {
  it("reads the shared part and story parts by folder", () => {
    assert.deepEqual(parsePart("shared"), { kind: "shared" });
    assert.deepEqual(parsePart("stories:2022,2023,2022"), { kind: "stories", folders: ["2022", "2023"] });
  });

  it("rejects anything else, saying what is expected", () => {
    for (const spec of ["", "stories:", "stories:../etc", "stories:2022,", "year:2022", "all"]) {
      assert.throws(() => parsePart(spec), /expected "shared" or "stories:" and folder names/, spec);
    }
    assert.throws(() => parsePart("stories:2022,a/b"), /not a folder name: "a\/b"/);
  });
});
