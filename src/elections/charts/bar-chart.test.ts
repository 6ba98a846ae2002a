import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BAR_FRAME, barChartSvg, scaleMax, shareText, type Bar } from "./bar-chart.ts";

const OPTIONS = { titleId: "votes-title", descId: "votes-desc", title: "Share of the vote", description: "Amanat won 53.9%." };

const RESULTS: Bar[] = [
  { id: "amanat", label: "Amanat", colour: "#1f5aa6", share: 53.9 },
  { id: "auyl", label: "Auyl", colour: "#2e8b57", share: 10.9 },
  { id: "respublica", label: "Respublica", colour: "#7b3fa0", share: 8.59 },
  { id: "baytaq", label: "Baytaq", colour: "#4f9d8f", share: 2.3 },
];

interface Rect {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  pale: boolean;
}

/** Every bar rectangle, with the `data-id` of the row it belongs to. */
function rects(svg: string): Rect[] {
  const rows = [...svg.matchAll(/<g data-id="([^"]*)">([\s\S]*?)<\/g>/g)];
  return rows.flatMap(([, id = "", body = ""]) =>
    [...body.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"([^>]*)>/g)].map(([, x, y, width, height, rest = ""]) => ({
      id,
      x: Number(x),
      y: Number(y),
      width: Number(width),
      height: Number(height),
      pale: rest.includes("fill-opacity"),
    })),
  );
}

function viewBoxHeight(svg: string): number {
  return Number(/viewBox="0 0 640 ([\d.]+)"/.exec(svg)?.[1]);
}

describe("barChartSvg", () => {
  it("draws one bar per entry, in order, as long as its share", () => {
    const bars = rects(barChartSvg(RESULTS, OPTIONS));
    assert.deepEqual(bars.map((bar) => bar.id), ["amanat", "auyl", "respublica", "baytaq"]);
    // 53.9% rounds the scale up to 60%, which fills the plot.
    for (const [index, bar] of bars.entries()) {
      assert.equal(bar.x, BAR_FRAME.plotLeft);
      const share = RESULTS[index]!.share as number;
      assert.ok(Math.abs(bar.width - (share / 60) * BAR_FRAME.plotWidth) <= 0.005, `${bar.id}: width ${bar.width}`);
    }
    assert.ok(bars.every((bar, index) => index === 0 || bar.y > bars[index - 1]!.y));
  });

  it("writes the share right of each bar and the short name left of it", () => {
    const svg = barChartSvg(RESULTS, OPTIONS);
    assert.match(svg, /text-anchor="end" font-size="16">Amanat<\/text>/);
    assert.match(svg, /<text x="([\d.]+)" [^>]*>53.9%<\/text>/);
    assert.match(svg, />8.59%<\/text>/);
    const valueX = Number(/<text x="([\d.]+)" [^>]*>53.9%<\/text>/.exec(svg)?.[1]);
    assert.ok(valueX > BAR_FRAME.plotLeft + BAR_FRAME.plotWidth * (53.9 / 60));
  });

  it("draws a range as a solid bar to the low figure and a pale extension to the high one", () => {
    const svg = barChartSvg([{ id: "amanat", label: "Amanat", colour: "#1f5aa6", share: [53, 54] }], OPTIONS);
    const [solid, extension] = rects(svg);
    const x = (share: number) => BAR_FRAME.plotLeft + (share / 60) * BAR_FRAME.plotWidth;
    assert.deepEqual([solid?.x, solid?.width, solid?.pale], [x(0), Math.round((x(53) - x(0)) * 100) / 100, false]);
    assert.deepEqual([extension?.x, extension?.width, extension?.pale], [Math.round(x(53) * 100) / 100, Math.round((x(54) - x(53)) * 100) / 100, true]);
    assert.match(svg, />53–54%<\/text>/);
    assert.equal(shareText([6.25, 7]), "6.25–7%");
  });

  it("scales from 0 to the highest share rounded up to ten, or the threshold if higher", () => {
    assert.equal(scaleMax(RESULTS), 60);
    assert.equal(scaleMax([{ ...RESULTS[0]!, share: 60 }]), 60);
    assert.equal(scaleMax([{ ...RESULTS[0]!, share: [38, 41] }]), 50);
    assert.equal(scaleMax([{ ...RESULTS[0]!, share: 3 }], 12), 12);
    assert.equal(scaleMax([{ ...RESULTS[0]!, share: 0 }]), 10);
  });

  it("draws a dashed threshold line at its share, labelled", () => {
    const svg = barChartSvg(RESULTS, { ...OPTIONS, threshold: 5 });
    const line = /<line x1="([\d.]+)" y1="([\d.]+)" x2="([\d.]+)" y2="([\d.]+)"[^>]*stroke-dasharray/.exec(svg);
    const expected = Math.round((BAR_FRAME.plotLeft + (5 / 60) * BAR_FRAME.plotWidth) * 100) / 100;
    assert.equal(Number(line?.[1]), expected);
    assert.equal(Number(line?.[3]), expected);
    const last = rects(svg).at(-1)!;
    assert.ok(Number(line?.[4]) >= last.y + last.height, "the line runs past the last bar");
    assert.match(svg, new RegExp(`<text x="${expected}" [^>]*>Threshold 5%</text>`));
    assert.doesNotMatch(barChartSvg(RESULTS, OPTIONS), /Threshold|stroke-dasharray="4 3"/);
  });

  it("fits 15 bars without overlap, growing taller with each bar", () => {
    const fifteen = Array.from({ length: 15 }, (_, index): Bar => ({ id: `p${index}`, label: `Party ${index}`, colour: "#777777", share: 30 - index * 2 }));
    const svg = barChartSvg(fifteen, { ...OPTIONS, threshold: 5 });
    const bars = rects(svg);
    assert.equal(bars.length, 15);
    for (let index = 1; index < bars.length; index++) {
      assert.ok(bars[index]!.y >= bars[index - 1]!.y + bars[index - 1]!.height + 4, `bar ${index} touches the one above`);
    }
    assert.ok(bars.at(-1)!.y + bars.at(-1)!.height <= viewBoxHeight(svg));
    assert.ok(bars.every((bar) => bar.x + bar.width <= BAR_FRAME.plotLeft + BAR_FRAME.plotWidth + 0.01));
    assert.ok(viewBoxHeight(svg) > viewBoxHeight(barChartSvg(fifteen.slice(0, 2), OPTIONS)));
  });

  it("shortens long names to fit the label column", () => {
    const svg = barChartSvg([{ id: "x", label: "People's Democratic Patriotic Party", colour: "#000", share: 4 }], OPTIONS);
    assert.match(svg, />People&#39;s Democrat…<\/text>/);
    assert.match(svg, /<title>People&#39;s Democratic Patriotic Party: 4%<\/title>/);
  });

  it("is a named, scalable image that follows the page's text colour", () => {
    const svg = barChartSvg(RESULTS, { ...OPTIONS, threshold: 5 });
    const open = svg.slice(0, svg.indexOf(">") + 1);
    assert.match(open, /role="img" aria-labelledby="votes-title votes-desc"/);
    assert.match(open, /class="chart chart-bars" preserveAspectRatio="xMinYMin meet"/);
    assert.match(open, /font-family="system-ui, sans-serif" fill="currentColor"/);
    assert.doesNotMatch(open, / (width|height)=/);
    for (const [, stroke] of svg.matchAll(/ stroke="([^"]*)"/g)) assert.equal(stroke, "currentColor");
    const filled = svg.match(/<rect [^>]*>/g) ?? [];
    assert.ok(filled.length > 0 && filled.every((rect) => rect.includes('stroke="currentColor"')), "every bar has an outline");
  });

  it("escapes every text and attribute it writes", () => {
    const svg = barChartSvg([{ id: "<id>", label: "A & <B>", colour: '"red"', share: 10 }], { ...OPTIONS, title: "Votes & <seats>" });
    assert.match(svg, /<g data-id="&lt;id&gt;">/);
    assert.match(svg, />A &amp; &lt;B&gt;<\/text>/);
    assert.match(svg, /fill="&quot;red&quot;"/);
    assert.match(svg, /<title id="votes-title">Votes &amp; &lt;seats&gt;<\/title>/);
  });

  it("gives byte-identical output for the same input", () => {
    const options = { ...OPTIONS, threshold: 7 };
    assert.equal(barChartSvg(RESULTS, options), barChartSvg(RESULTS.map((bar) => ({ ...bar })), options));
    for (const value of barChartSvg(RESULTS, options).match(/"\d+\.\d+"/g) ?? []) assert.match(value, /^"\d+\.\d{1,2}"$/);
  });

  it("refuses shares it cannot draw, saying which", () => {
    const bar = (share: Bar["share"]): Bar[] => [{ id: "auyl", label: "Auyl", colour: "#000", share }];
    assert.throws(() => barChartSvg([], OPTIONS), /at least one bar/);
    assert.throws(() => barChartSvg(bar(101), OPTIONS), /share of "auyl" must be a percentage from 0 to 100, got 101/);
    assert.throws(() => barChartSvg(bar(-1), OPTIONS), /share of "auyl" must be a percentage/);
    assert.throws(() => barChartSvg(bar(Number.NaN), OPTIONS), /share of "auyl" must be a percentage/);
    assert.throws(() => barChartSvg(bar([54, 53]), OPTIONS), /range \[low, high\], got \[54, 53\]/);
    assert.throws(() => barChartSvg(bar(5), { ...OPTIONS, threshold: 120 }), /threshold must be a percentage/);
  });
});
