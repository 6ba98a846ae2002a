import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { HEMICYCLE_FRAME, hemicycleLayout, hemicycleSvg, type SeatGroup } from "./hemicycle.ts";

const { centreX, centreY, outerRadius } = HEMICYCLE_FRAME;
const OPTIONS = { majority: 50, titleId: "seats-title", descId: "seats-desc", title: "Seats won", description: "Amanat won 62 of 98 seats." };

/** The 2023 Mazhilis: 91 of 98 seats declared. */
const MAZHILIS: SeatGroup[] = [
  { id: "amanat", label: "Amanat", colour: "#1f5aa6", seats: 62 },
  { id: "auyl", label: "Auyl", colour: "#2e8b57", seats: 8 },
  { id: "respublica", label: "Respublica", colour: "#7b3fa0", seats: 6 },
  { id: "ak-zhol", label: "Ak Zhol", colour: "#d4a017", seats: 6 },
  { id: "qhp", label: "QHP", colour: "#b22222", seats: 5 },
  { id: "osdp", label: "OSDP", colour: "#e67e22", seats: 4 },
];

function fifteenParties(): SeatGroup[] {
  const seats = [400, 120, 70, 12, 9, 8, 7, 5, 4, 3, 3, 2, 2, 1, 1];
  return seats.map((count, index) => ({
    id: `p${index}`,
    label: `Party ${index}`,
    colour: `#${(index + 1).toString(16).padStart(2, "0")}aa33`,
    seats: count,
  }));
}

/** Circles per party, read back from the SVG: `<g fill="…" data-id="…">` holds one group's seats. */
function seatGroups(svg: string): { fill: string; id: string; circles: number }[] {
  return [...svg.matchAll(/<g fill="([^"]*)"[^>]*data-id="([^"]*)"[^>]*>([\s\S]*?)<\/g>/g)]
    .map(([, fill = "", id = "", body = ""]) => ({ fill, id, circles: body.match(/<circle /g)?.length ?? 0 }))
    .filter((group) => group.id !== "undeclared");
}

function angle(seat: { x: number; y: number }): number {
  return Math.atan2(centreY - seat.y, seat.x - centreX);
}

describe("hemicycleLayout", () => {
  it("places exactly the number of seats asked for", () => {
    for (const total of [1, 2, 7, 98, 107, 650]) assert.equal(hemicycleLayout(total).length, total, `total ${total}`);
    for (let total = 1; total <= 700; total++) assert.equal(hemicycleLayout(total).length, total, `total ${total}`);
  });

  it("never lets two seats overlap, at 98 seats or at 650", () => {
    for (const total of [98, 650]) {
      const seats = hemicycleLayout(total);
      for (let i = 0; i < seats.length; i++) {
        for (let j = i + 1; j < seats.length; j++) {
          const [a, b] = [seats[i]!, seats[j]!];
          const gap = Math.hypot(a.x - b.x, a.y - b.y);
          assert.ok(gap >= 2 * a.radius * 0.95, `seats ${i} and ${j} of ${total} are ${gap} apart`);
        }
      }
    }
  });

  it("keeps every seat inside the half-disc, above the baseline", () => {
    for (const total of [1, 2, 7, 98, 107, 650]) {
      for (const seat of hemicycleLayout(total)) {
        assert.ok(seat.y <= centreY, `total ${total}: y ${seat.y} below the centre`);
        assert.ok(Math.hypot(seat.x - centreX, seat.y - centreY) + seat.radius <= outerRadius + 0.01, `total ${total}: seat outside the arc`);
      }
    }
  });

  it("orders seats by angle from left to right, inner row first on a tie", () => {
    for (const total of [7, 98, 650]) {
      const seats = hemicycleLayout(total);
      for (let i = 1; i < seats.length; i++) {
        const [before, after] = [seats[i - 1]!, seats[i]!];
        const turn = angle(before) - angle(after);
        assert.ok(turn > -1e-3, `total ${total}: seat ${i} is left of seat ${i - 1}`);
        if (Math.abs(turn) < 1e-9) assert.ok(before.row < after.row, `total ${total}: tie at seat ${i} not ordered by row`);
      }
      assert.ok(seats[0]!.x < centreX && seats.at(-1)!.x > centreX);
    }
  });

  it("gives outer rows more seats than inner ones, and one seat sits at the top", () => {
    const perRow = new Map<number, number>();
    for (const seat of hemicycleLayout(650)) perRow.set(seat.row, (perRow.get(seat.row) ?? 0) + 1);
    const counts = [...perRow.keys()].sort((a, b) => a - b).map((row) => perRow.get(row) ?? 0);
    assert.ok(counts.length > 5, "650 seats need several rows");
    for (let row = 1; row < counts.length; row++) assert.ok(counts[row]! > counts[row - 1]!, `row ${row}: ${counts.join(",")}`);
    assert.equal(hemicycleLayout(1)[0]?.x, centreX);
  });

  it("returns the same rounded coordinates every time", () => {
    assert.deepEqual(hemicycleLayout(107), hemicycleLayout(107));
    for (const seat of hemicycleLayout(107)) {
      for (const value of [seat.x, seat.y, seat.radius]) assert.equal(Math.round(value * 100) / 100, value);
    }
  });
});

describe("hemicycleSvg", () => {
  it("draws each group's seats in its colour, first group on the left", () => {
    const svg = hemicycleSvg(MAZHILIS, 98, OPTIONS);
    assert.deepEqual(
      seatGroups(svg),
      MAZHILIS.map((group) => ({ fill: group.colour, id: group.id, circles: group.seats })),
    );
    const firstX = Number(/<g fill="#1f5aa6"[^>]*>\n<title>[^<]*<\/title>\n<circle cx="([\d.]+)"/.exec(svg)?.[1]);
    assert.ok(firstX < centreX, "Amanat starts on the left");
  });

  it("counts seats right with 15 parties in 650 seats", () => {
    const parties = fifteenParties();
    const groups = seatGroups(hemicycleSvg(parties, 650, { ...OPTIONS, majority: 326 }));
    assert.deepEqual(groups.map((group) => group.circles), parties.map((party) => party.seats));
    assert.deepEqual(groups.map((group) => group.fill), parties.map((party) => party.colour));
  });

  it("draws undeclared seats as empty circles, named in their tooltip", () => {
    const svg = hemicycleSvg(MAZHILIS, 98, OPTIONS);
    const empty = /<g fill="none"[^>]*data-id="undeclared">([\s\S]*?)<\/g>/.exec(svg)?.[1] ?? "";
    assert.equal(empty.match(/<circle /g)?.length, 7);
    assert.match(empty, /<title>Not yet declared: 7 seats<\/title>/);
    const none = hemicycleSvg([], 5, { ...OPTIONS, majority: 3 });
    assert.equal(/data-id="undeclared">([\s\S]*?)<\/g>/.exec(none)?.[1]?.match(/<circle /g)?.length, 5);
  });

  it("draws no undeclared seats once every seat is declared", () => {
    const full = [...MAZHILIS, { id: "independents", label: "Independents", colour: "#6d6d7e", seats: 7 }];
    const svg = hemicycleSvg(full, 98, OPTIONS);
    assert.doesNotMatch(svg, /Not yet declared|data-id="undeclared"/);
  });

  it("outlines in full the seats of a colour under 3:1 against either page background", () => {
    const svg = hemicycleSvg(MAZHILIS, 98, OPTIONS);
    assert.match(svg, /<g fill="#1f5aa6" data-id="amanat" stroke-opacity="1">/);
    assert.match(svg, /<g fill="#2e8b57" data-id="auyl">/);
  });

  it("has no text in the drawing, so a phone does not shrink it, only a tick marking the majority", () => {
    const svg = hemicycleSvg(MAZHILIS, 98, OPTIONS);
    assert.doesNotMatch(svg, /<text/);
    assert.match(svg, /viewBox="0 0 480 268"/);
    assert.match(svg, new RegExp(`<line x1="${centreX}" y1="[\\d.]+" x2="${centreX}" y2="[\\d.]+" stroke="currentColor"`));
    assert.match(hemicycleSvg([{ id: "x", label: "Liberal Democratic Alliance of the North", colour: "#fa0", seats: 10 }], 20, { ...OPTIONS, majority: 11 }), /<title>Liberal Democratic Alliance of the North: 10 seats<\/title>/);
  });

  it("is a named, scalable image that follows the page's text colour", () => {
    const svg = hemicycleSvg(MAZHILIS, 98, OPTIONS);
    const open = svg.slice(0, svg.indexOf(">") + 1);
    assert.match(open, /role="img"/);
    assert.match(open, /aria-labelledby="seats-title seats-desc"/);
    assert.match(open, /viewBox="0 0 480 [\d.]+"/);
    assert.match(open, /class="chart chart-hemicycle"/);
    assert.match(open, /fill="currentColor"/);
    assert.doesNotMatch(open, / (width|height)=/);
    assert.match(svg, /<title id="seats-title">Seats won<\/title>\n<desc id="seats-desc">Amanat won 62 of 98 seats.<\/desc>/);
    for (const [, stroke] of svg.matchAll(/ stroke="([^"]*)"/g)) assert.equal(stroke, "currentColor");
    assert.doesNotMatch(svg, /<text[^>]* fill=/);
  });

  it("escapes every text and attribute it writes", () => {
    const hostile = [{ id: 'a"b', label: `Law & <Order> "Party" 'X'`, colour: '#123"/><script>', seats: 3 }];
    const svg = hemicycleSvg(hostile, 5, { ...OPTIONS, majority: 3, title: "Seats <2023> & more", description: `"Quoted" & 'single'` });
    assert.match(svg, />Law &amp; &lt;Order&gt; &quot;Party&quot; &#39;X&#39;: 3 seats<\/title>/);
    assert.match(svg, /fill="#123&quot;\/&gt;&lt;script&gt;" data-id="a&quot;b"/);
    assert.match(svg, /<title id="seats-title">Seats &lt;2023&gt; &amp; more<\/title>/);
    assert.doesNotMatch(svg, /<script|<Order>/);
  });

  it("gives byte-identical output for the same input", () => {
    assert.equal(hemicycleSvg(fifteenParties(), 650, { ...OPTIONS, majority: 326 }), hemicycleSvg(fifteenParties(), 650, { ...OPTIONS, majority: 326 }));
    const coordinates = hemicycleSvg(MAZHILIS, 98, OPTIONS).match(/"-?\d+\.\d+"/g) ?? [];
    for (const value of coordinates) assert.match(value, /^"-?\d+\.\d{1,2}"$/);
  });

  it("refuses seat counts that cannot be drawn, saying what is wrong", () => {
    const party = (seats: number) => [{ id: "x", label: "X", colour: "#000", seats }];
    assert.throws(() => hemicycleSvg(party(99), 98, OPTIONS), /add up to 99, more than the 98 seats/);
    assert.throws(() => hemicycleSvg([], 0, OPTIONS), /total must be a whole number of at least 1, got 0/);
    assert.throws(() => hemicycleLayout(-3), /total must be a whole number/);
    assert.throws(() => hemicycleLayout(2.5), /total must be a whole number/);
    assert.throws(() => hemicycleSvg(party(-1), 98, OPTIONS), /seats of "x" must be a whole number of at least 0, got -1/);
    assert.throws(() => hemicycleSvg(party(1.5), 98, OPTIONS), /seats of "x" must be a whole number/);
    assert.throws(() => hemicycleSvg(party(Number.NaN), 98, OPTIONS), /seats of "x" must be a whole number/);
    assert.throws(() => hemicycleSvg(party(1), 98, { ...OPTIONS, majority: 99 }), /majority 99 is more than the 98 seats/);
    assert.throws(() => hemicycleSvg(party(1), 98, { ...OPTIONS, titleId: "two words" }), /titleId "two words" must start with a letter and have no spaces/);
    assert.throws(() => hemicycleSvg(party(1), 98, { ...OPTIONS, descId: "seats-title" }), /must differ/);
  });
});
