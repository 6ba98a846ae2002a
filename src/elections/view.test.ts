import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { withChanges } from "./change.ts";
import { stageTime } from "./filters.ts";
import { formatPercent } from "./figures.ts";
import { loadElections } from "./load.ts";
import type { ElectionRecord, StageRecord } from "./record.ts";
import { declaredText, majorityText, seatChangeText, seatsChart, sharesChart, stageSummary, swingText } from "./view.ts";

const elections = withChanges((await loadElections("_data/elections")).elections);
const kz = elections["kz-mazhilis-2023"]!;
const uk = elections["uk-commons-2019"]!;
const SITE = { timezone: "Asia/Almaty", timezoneLabel: "Astana time" };

describe("change as readers see it", () => {
  it("signs seat changes and swings with a true minus, one decimal for points, and marks new parties", () => {
    assert.equal(seatChangeText({ isNew: false, seats: -14 }), "−14");
    assert.equal(seatChangeText({ isNew: false, seats: 8 }), "+8");
    assert.equal(seatChangeText({ isNew: false, seats: 0 }), "0");
    assert.equal(swingText({ isNew: false, swing: -17.19 }), "−17.2");
    assert.equal(swingText({ isNew: false, swing: 5.61 }), "+5.6");
    assert.equal(swingText({ isNew: true }), "new");
    assert.equal(swingText({ isNew: false, swing: -0.04 }), "0.0");
    assert.equal(seatChangeText(undefined), "");
    assert.equal(swingText({ isNew: false, seats: 3 }), "");
  });
});

describe("stage lines", () => {
  it("names the majority, a projected one and none at all", () => {
    assert.equal(majorityText(kz, kz.latest), "Amanat: majority of 26");
    assert.equal(majorityText(uk, uk.stages[0]!), "Conservative Party: projected majority of 86");
    const hung: StageRecord = { ...uk.latest, majority: { kind: "none" } };
    assert.equal(majorityText(uk, hung), "No overall majority");
    assert.equal(majorityText(kz, kz.stages[0]!), "");
  });

  it("says how far a partial count has got", () => {
    assert.equal(declaredText({ ...uk.latest, declared: { count: 600, of: 650, unit: "seats" } }), "600 of 650 seats declared");
    assert.equal(declaredText(uk.latest), "");
  });

  it("reads the sample's partial count, 2024 with one seat to declare: its seats, changes and a majority already won", () => {
    const uk2024 = elections["uk-commons-2024"]!;
    const partial = uk2024.stages.find((stage) => stage.kind === "partial")!;
    assert.equal(declaredText(partial), "649 of 650 seats declared");
    assert.equal(majorityText(uk2024, partial), "Labour Party: majority of at least 172");
    assert.equal(stageSummary(uk2024, partial), "Labour Party 411 seats (broadcasters' exit poll: 410 projected seats).");
    assert.match(seatsChart(uk2024, partial), /<title>Not yet declared: 1 seat<\/title>/);
    assert.match(seatsChart(uk2024, partial), /Lib Dem<\/span> <strong>71<\/strong> <span class="seat-key__change">\+60<\/span>/);
  });

  it("sums up every kind of stage: shares only, seats only (projected), both, with the exit poll beside the count", () => {
    assert.equal(stageSummary(kz, kz.stages[0]!), "Amanat 53-54 percent.");
    assert.equal(stageSummary(kz, kz.stages[1]!), "Amanat 53.9 percent (exit polls: 53-54 percent).");
    assert.equal(stageSummary(kz, kz.latest), "Amanat 53.9 percent, 62 seats (exit polls: 53-54 percent).");
    assert.equal(stageSummary(uk, uk.stages[0]!), "Conservative Party 368 projected seats.");
    assert.equal(stageSummary(uk, uk.latest), "Conservative Party 43.6 percent, 365 seats (broadcasters' exit poll: 368 projected seats).");
  });
});

describe("charts of a stage", () => {
  const order = (html: string) => [...html.matchAll(/data-id="([^"]+)"/g)].map((m) => m[1]);

  it("draw parties in the stage's one order, the same in bars and seats", () => {
    assert.deepEqual(order(sharesChart(kz, kz.latest)), ["amanat", "auyl", "respublica", "ak-zhol", "qhp", "osdp", "baytaq", "against-all"]);
    assert.deepEqual(order(seatsChart(kz, kz.latest)), ["amanat", "auyl", "independents", "respublica", "ak-zhol", "qhp", "osdp"]);
  });

  it("label bars with swings and the seat key with changes", () => {
    assert.match(sharesChart(kz, kz.latest), /53\.9% <span class="bar-list__note">−17\.2<\/span>/);
    assert.match(seatsChart(kz, kz.latest), /Respublica<\/span> <strong>6<\/strong> <span class="seat-key__change">new<\/span>/);
    assert.match(sharesChart(uk, uk.latest), />2\.0%</, "the Brexit Party's 2.0 as published");
    assert.doesNotMatch(seatsChart(kz, kz.latest), /<text/, "no text inside the drawing: a phone would shrink it");
  });
});

describe("stage times", () => {
  const at = (election?: Pick<ElectionRecord, "timezone" | "timezoneLabel">) => stageTime("2019-12-12T22:00:00+00:00", election, SITE);

  it("shows a stage in its election's zone, with its label or its UTC offset, else the site's", () => {
    assert.equal(at({ timezone: "Europe/London", timezoneLabel: "UK time" }), "12 December 2019, 22:00 (UK time)");
    assert.equal(at({ timezone: "America/New_York" }), "12 December 2019, 17:00 (UTC-05:00)");
    assert.equal(at(undefined), "13 December 2019, 04:00 (Astana time)");
  });
});

describe("figures in prose", () => {
  it("keep the decimals they were published with", () => {
    assert.equal(formatPercent(2, 1), "2.0 percent");
    assert.equal(formatPercent([53, 54], 0), "53-54 percent");
    assert.equal(formatPercent(54.21), "54.21 percent");
  });
});
