import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { barListHtml, MIN_BAR_PX, shareText, type ListBar } from "./bar-list.ts";

const BARS: ListBar[] = [
  { id: "amanat", label: "Amanat", colour: "#1f5aa6", share: 53.9, decimals: 1, note: "−17.2" },
  { id: "baytaq", label: "Baytaq", colour: "#2e8b57", share: 2, decimals: 1, note: "new" },
  { id: "tiny", label: "Tiny", colour: "#2e8b57", share: 0.1 },
];

/** Each row's bars: the minimum in pixels, then the share in percent of the track. */
const widths = (html: string) => [...html.matchAll(/<svg class="bar-list__track"[^>]*>(.*?)<\/svg>/g)].map((m) => [...(m[1] ?? "").matchAll(/<rect x="0" y="3" width="([\d.]+%?)"/g)].map((w) => w[1]));

describe("barListHtml", () => {
  it("writes label, bar and figure as published, with its note, one row per bar in order", () => {
    const html = barListHtml(BARS, { label: "Share of the vote" });
    assert.deepEqual([...html.matchAll(/data-id="([^"]+)"/g)].map((m) => m[1]), ["amanat", "baytaq", "tiny"]);
    assert.match(html, /<span class="bar-list__label">Amanat<\/span>/);
    assert.match(html, /<span class="bar-list__value">53\.9% <span class="bar-list__note">−17\.2<\/span><\/span>/);
    assert.match(html, />2\.0% <span class="bar-list__note">new<\/span>/);
    assert.match(html, /^<div class="bar-list" role="img" aria-label="Share of the vote">/);
  });

  it("scales to the highest share rounded up to ten, over a bar of a few pixels so a tiny share still shows", () => {
    assert.deepEqual(widths(barListHtml(BARS, { label: "x" })), [
      [String(MIN_BAR_PX), "89.83%"],
      [String(MIN_BAR_PX), "3.33%"],
      [String(MIN_BAR_PX), "0.17%"],
    ]);
    assert.deepEqual(widths(barListHtml([{ id: "none", label: "None", colour: "#000", share: 0 }], { label: "x" })), [[]]);
  });

  it("outlines a colour with too little contrast in either scheme, and only faintly the others", () => {
    const html = barListHtml(BARS, { label: "x" });
    assert.match(html, /fill="#1f5aa6" stroke="currentColor" stroke-width="1.5"/);
    assert.match(html, /fill="#2e8b57" stroke="currentColor" stroke-opacity="0.35"/);
  });

  it("draws the threshold inside every track, with a key, and a range as a pale extension", () => {
    const html = barListHtml([{ id: "a", label: "A", colour: "#2e8b57", share: [53, 54] }], { label: "x", threshold: 5 });
    assert.equal(html.match(/<line x1="8.33%"/g)?.length, 1);
    assert.match(html, /Threshold for seats: 5%/);
    assert.match(html, /<rect x="88.33%" y="3" width="1.67%" [^>]*fill-opacity="0.35"/);
    assert.match(html, />53–54%</);
  });

  it("writes a share as published: a range with a dash, decimals kept", () => {
    assert.equal(shareText([6.25, 7]), "6.25–7%");
    assert.equal(shareText(2, 1), "2.0%");
    assert.equal(shareText(53.9), "53.9%");
    assert.equal(shareText([53, 54], 0), "53–54%");
  });

  it("refuses shares it cannot draw, saying which", () => {
    assert.throws(() => barListHtml([{ id: "auyl", label: "Auyl", colour: "#000", share: 101 }], { label: "x" }), /share of "auyl" must be a percentage from 0 to 100/);
    assert.throws(() => barListHtml([{ id: "auyl", label: "Auyl", colour: "#000", share: Number.NaN }], { label: "x" }), /share of "auyl"/);
  });

  it("escapes what it writes, and refuses an empty chart", () => {
    const html = barListHtml([{ id: '"x"', label: "A & <B>", colour: "#000", share: 10 }], { label: "<chart>" });
    assert.match(html, /data-id="&quot;x&quot;"/);
    assert.match(html, />A &amp; &lt;B&gt;</);
    assert.match(html, /aria-label="&lt;chart&gt;"/);
    assert.throws(() => barListHtml([], { label: "x" }), /at least one bar/);
  });
});
