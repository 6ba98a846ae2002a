import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { contrast, needsOutline } from "./colour.ts";

describe("colour contrast", () => {
  it("computes WCAG contrast ratios", () => {
    assert.equal(Math.round(contrast("#000000", "#ffffff")), 21);
    assert.equal(contrast("#777", "#777777"), 1);
    assert.ok(Math.abs(contrast("#1f5aa6", "#ffffff") - 6.9) < 0.1);
  });

  it("outlines a colour that is under 3:1 against either page background", () => {
    assert.equal(needsOutline("#1f5aa6"), true, "dark blue vanishes on the dark page");
    assert.equal(needsOutline("#a9a9a9"), true, "pale grey vanishes on the light page");
    assert.equal(needsOutline("#e67e22"), true, "orange is 2.85:1 on white");
    assert.equal(needsOutline("#2e8b57"), false, "sea green stands out on both");
    assert.equal(needsOutline("not a colour"), true);
  });
});
