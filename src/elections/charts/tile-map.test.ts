import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { contrast } from "./colour.ts";
import { binOf, hexCentres, inkOn, NARROWEST_PX, tileMapSvg, turnoutBins, type HexLayout } from "./tile-map.ts";

const OPTIONS = { titleId: "map-title", descId: "map-desc", title: "Map", description: "Regions" };
const LAYOUT: HexLayout = { layout: "odd-r", hexes: { north: { q: 1, r: 1 }, west: { q: 0, r: 0 }, east: { q: 1, r: 0 } } };

describe("tileMapSvg", () => {
  it("places HexJSON tiles as d3-hexjson does: r growing upwards, odd rows counted from the top shifted right", () => {
    const centres = hexCentres(LAYOUT);
    assert.ok(centres.get("north")!.y < centres.get("west")!.y, "r 1 is above r 0");
    assert.ok(centres.get("north")!.x > centres.get("west")!.x && centres.get("north")!.x < centres.get("east")!.x, "the second row from the top is shifted");
    const flat = hexCentres({ layout: "even-q", hexes: { a: { q: 0, r: 0 }, b: { q: 1, r: 0 } } });
    assert.ok(flat.get("a")!.y > flat.get("b")!.y, "even-q shifts even columns down");
  });

  it("writes each tile's code at 12px or more on a 320px phone, in black or white, whichever reads on its fill", () => {
    const svg = tileMapSvg(LAYOUT, [{ id: "north", code: "NKZ", fill: "#08519c", title: "North: 65.25%" }, { id: "west", code: "WKZ", fill: "#eff3ff", title: "West" }], OPTIONS);
    const width = Number(/viewBox="0 0 ([\d.]+) /.exec(svg)?.[1]);
    for (const [, size] of svg.matchAll(/font-size="([\d.]+)"/g)) assert.ok((Number(size) * NARROWEST_PX) / width >= 12);
    assert.match(svg, /<title>North: 65\.25%<\/title><polygon [^>]*fill="#08519c"[^>]*\/><text [^>]*fill="#ffffff">NKZ<\/text>/);
    assert.match(svg, /fill="#eff3ff"[^>]*\/><text [^>]*fill="#000000">WKZ<\/text>/);
    assert.match(svg, /<g data-id="east"><polygon [^>]*fill="none" stroke="currentColor"/, "a tile with no figures is drawn empty");
    for (const colour of ["#08519c", "#eff3ff", "#3182bd", "#6baed6", "#bdd7e7", "#e4003b"]) assert.ok(contrast(inkOn(colour), colour) >= 4.5, colour);
  });

  it("escapes what it writes", () => {
    const svg = tileMapSvg(LAYOUT, [{ id: "north", code: "<N>", fill: '"x"', title: "A & B" }], OPTIONS);
    assert.match(svg, />&lt;N&gt;</);
    assert.match(svg, /<title>A &amp; B<\/title>/);
    assert.match(svg, /fill="&quot;x&quot;"/);
  });
});

describe("turnoutBins", () => {
  it("splits the tens around the figures into five equal bins, the top one closed", () => {
    const bins = turnoutBins([25.82, 42.91, 67.21]);
    assert.deepEqual(bins.map((b) => [b.from, b.to]), [[20, 30], [30, 40], [40, 50], [50, 60], [60, 70]]);
    assert.equal(binOf(bins, 30)?.from, 30);
    assert.equal(binOf(bins, 70)?.from, 60);
    assert.deepEqual(turnoutBins([8.51, 16.54]).map((b) => b.to - b.from), [4, 4, 4, 4, 4]);
    assert.deepEqual(turnoutBins([50]).map((b) => b.from), [50, 52, 54, 56, 58]);
    assert.deepEqual(turnoutBins([]), []);
  });
});
