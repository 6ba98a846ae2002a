import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DateTime } from "luxon";
import { parseElection } from "./load.ts";
import type { ElectionRecord } from "./record.ts";
import { releaseStages } from "./release.ts";
import { sampleElection } from "./test-fixtures.ts";

const { election } = parseElection("test-2023", "t.json", JSON.stringify(sampleElection()));
const elections: Record<string, ElectionRecord> = { "test-2023": election! };
const at = (iso: string) => DateTime.fromISO(iso, { setZone: true });

describe("releaseStages: results loaded in advance stay unpublished until their time", () => {
  it("a production build leaves out stages timed after now; the latest is the newest released", () => {
    const released = releaseStages(elections, at("2023-03-20T09:00:00+06:00"), false)["test-2023"]!;
    assert.deepEqual(released.stages.map((s) => [s.kind, s.scheduled]), [["exit-poll", false]]);
    assert.equal(released.latest.kind, "exit-poll");
  });

  it("a stage is released at its own time to the millisecond, whatever the zone of now", () => {
    assert.equal(releaseStages(elections, at("2023-03-27T06:00:00Z"), false)["test-2023"]!.latest.kind, "final");
    assert.equal(releaseStages(elections, at("2023-03-27T05:59:59.999Z"), false)["test-2023"]!.latest.kind, "exit-poll");
  });

  it("an election with no stage due is left out whole", () => {
    assert.deepEqual(releaseStages(elections, at("2023-03-19T19:59:00+06:00"), false), {});
  });

  it("a preview keeps every stage, marking those not yet due", () => {
    const previewed = releaseStages(elections, at("2023-03-19T19:59:00+06:00"), true)["test-2023"]!;
    assert.deepEqual(previewed.stages.map((s) => s.scheduled), [true, true]);
    assert.equal(previewed.latest.kind, "final");
  });

  it("does not change the records it is given", () => {
    releaseStages(elections, at("2023-03-19T00:00:00+06:00"), true);
    assert.deepEqual(elections["test-2023"]!.stages.map((s) => s.scheduled), [false, false]);
  });
});
