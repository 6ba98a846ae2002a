import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { escapeXml, percentFigure, num } from "./svg.ts";

describe("chart text and numbers", () => {
  it("escapes the five XML specials", () => {
    assert.equal(escapeXml(`<a href="x">Tom & Jerry's</a>`), "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  });

  it("rounds coordinates to two decimals and shares to one", () => {
    assert.deepEqual([num(1 / 3), num(12), num(-0.001), num(2.005)], ["0.33", "12", "0", "2.01"]);
    assert.deepEqual([percentFigure(53.94), percentFigure(54), percentFigure(8.59)], ["53.94", "54", "8.59"]);
    assert.deepEqual([percentFigure(2, 1), percentFigure(58, 2)], ["2.0", "58.00"], "as published");
  });
});
