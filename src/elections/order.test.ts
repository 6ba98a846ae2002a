import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { orderResults } from "./order.ts";
import type { PartyKind, Share } from "./schema.ts";

const line = (party: string, figures: { seats?: number; votes?: number; share?: Share; kind?: PartyKind }) => ({ party, kind: figures.kind ?? "party", ...figures });
const parties = (lines: { party: string }[]) => lines.map((l) => l.party);

describe("orderResults", () => {
  it("puts a 14.3 % party above a 0.7 % one whatever the file order", () => {
    const lines = [line("small", { share: 0.7 }), line("big", { share: 14.3 }), line("mid", { share: 2.0 })];
    assert.deepEqual(parties(orderResults(lines, "seats")), ["big", "mid", "small"]);
    assert.deepEqual(parties(orderResults(lines, "votes")), ["big", "mid", "small"]);
    assert.deepEqual(parties(orderResults(lines, "file")), ["small", "big", "mid"]);
  });

  it("orders by seats, then votes, then share; by votes first when asked", () => {
    const lines = [
      line("a", { seats: 10, votes: 500, share: 50 }),
      line("b", { seats: 12, votes: 300, share: 30 }),
      line("c", { seats: 10, votes: 600, share: 60 }),
      line("d", { votes: 50, share: 5 }),
    ];
    assert.deepEqual(parties(orderResults(lines, "seats")), ["b", "c", "a", "d"]);
    assert.deepEqual(parties(orderResults(lines, "votes")), ["c", "a", "b", "d"]);
  });

  it("compares a range by its low end", () => {
    assert.deepEqual(parties(orderResults([line("x", { share: 40 }), line("y", { share: [41, 44] })], "seats")), ["y", "x"]);
  });

  it("keeps others and against-all last, others first, even with more votes", () => {
    const lines = [line("against-all", { share: 30, kind: "against-all" }), line("others", { share: 20, kind: "others" }), line("a", { share: 10 }), line("ind", { seats: 3, kind: "independents" })];
    assert.deepEqual(parties(orderResults(lines, "seats")), ["ind", "a", "others", "against-all"]);
    assert.deepEqual(parties(orderResults(lines, "votes")), ["a", "ind", "others", "against-all"]);
  });

  it("keeps file order between lines it cannot tell apart, and never changes the input", () => {
    const lines = [line("p", {}), line("q", {}), line("r", { seats: 0 })];
    assert.deepEqual(parties(orderResults(lines, "seats")), ["r", "p", "q"]);
    assert.deepEqual(parties(lines), ["p", "q", "r"]);
  });
});
