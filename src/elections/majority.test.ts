import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { overallMajority } from "./majority.ts";

const MAZHILIS = { seats: 98, majority: 50 };
const party = (p: string, seats?: number, kind = "party") => ({ party: p, kind, ...(seats === undefined ? {} : { seats }) });

describe("overallMajority", () => {
  it("gives Amanat a majority of 26 with 62 of 98 seats (62 - 36)", () => {
    const results = [party("amanat", 62), party("auyl", 8), party("respublica", 6), party("ak-zhol", 6), party("qhp", 5), party("osdp", 4), party("independents", 7, "independents")];
    assert.deepEqual(overallMajority(results, MAZHILIS), { kind: "majority", party: "amanat", seats: 62, margin: 26, atLeast: false });
  });

  it("says no overall majority when every seat is declared and no party has more than half", () => {
    const hung = [party("a", 49), party("b", 40), party("c", 9)];
    assert.deepEqual(overallMajority(hung, MAZHILIS), { kind: "none" });
    // Exactly half is not a majority.
    assert.deepEqual(overallMajority([party("a", 49), party("b", 49)], MAZHILIS), { kind: "none" });
  });

  it("knows a majority before the count ends, as a minimum, and waits otherwise", () => {
    assert.deepEqual(overallMajority([party("a", 55), party("b", 10)], MAZHILIS), { kind: "majority", party: "a", seats: 55, margin: 12, atLeast: true });
    assert.equal(overallMajority([party("a", 45), party("b", 10)], MAZHILIS), undefined);
    assert.equal(overallMajority([party("a"), party("b")], MAZHILIS), undefined);
  });

  it("never counts independents or appointed members as a party", () => {
    assert.deepEqual(overallMajority([party("ind", 60, "independents"), party("a", 38)], MAZHILIS), { kind: "none" });
  });

  it("uses the chamber's own majority where it needs more than half", () => {
    assert.deepEqual(overallMajority([party("a", 60), party("b", 38)], { seats: 98, majority: 66 }), { kind: "none" });
  });
});
