import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decimalsOf, publishedDecimals } from "./published.ts";

describe("publishedDecimals", () => {
  it("reads the decimals as written, which JSON.parse loses", () => {
    const at = publishedDecimals('{ "stages": [{ "turnout": 54.20, "results": [{ "share": 2.0 }, { "share": 54 }, { "share": [53, 54.5] }] }] }');
    assert.equal(at(["stages", 0, "turnout"]), 2);
    assert.equal(at(["stages", 0, "results", 0, "share"]), 1);
    assert.equal(at(["stages", 0, "results", 1, "share"]), 0);
    assert.equal(at(["stages", 0, "results", 2, "share"]), 1);
    assert.equal(at(["stages", 0, "results", 3, "share"]), undefined);
  });

  it("counts an exponent's decimals by its value", () => {
    assert.equal(decimalsOf("5.39e1"), 1);
    assert.equal(decimalsOf("1E2"), 0);
    assert.equal(decimalsOf("0.10"), 2);
  });
});
