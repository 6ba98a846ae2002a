import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { figure, figureUses, formatPercent } from "./figures.ts";
import { parseElection } from "./load.ts";
import type { ElectionRecord } from "./record.ts";
import { sampleElection } from "./test-fixtures.ts";

function elections(): Record<string, ElectionRecord> {
  const { election } = parseElection("test-2023", "t.json", JSON.stringify(sampleElection()));
  assert.ok(election);
  return { "test-2023": election };
}

const text = (...args: string[]) => {
  const result = figure(elections(), args);
  return result.ok ? result.text : `error: ${result.message}`;
};

describe("figures in prose", () => {
  it("formats shares and turnouts news-style", () => {
    assert.equal(formatPercent(54.2), "54.2 percent");
    assert.equal(formatPercent(53.9), "53.9 percent");
    assert.equal(formatPercent([53, 54]), "53-54 percent");
  });

  it("reads each figure from its stage", () => {
    assert.equal(text("test-2023", "exit-poll", "share", "reds"), "60-62 percent");
    assert.equal(text("test-2023", "exit-poll", "turnout"), "55 percent");
    assert.equal(text("test-2023", "final", "share", "blues"), "30 percent");
    assert.equal(text("test-2023", "final", "votes", "reds"), "300");
    assert.equal(text("test-2023", "final", "seats", "reds"), "7");
    assert.equal(text("test-2023", "latest", "valid-votes"), "500");
    assert.equal(text("test-2023", "chamber", "majority"), "6");
    assert.equal(text("test-2023", "chamber", "threshold"), "5 percent");
  });

  it("names what is wrong and what would be right", () => {
    assert.match(text("test-2022", "final", "turnout"), /error: no election file has the id "test-2022" \(did you mean "test-2023"\?\)/);
    assert.match(text("test-2023", "finale", "turnout"), /error: test-2023 has no stage "finale" \(did you mean "final"\?\); expected one of: chamber, latest, exit-poll, final/);
    assert.match(text("test-2023", "final", "turnuot"), /error: unknown figure "turnuot" \(did you mean "turnout"\?\)/);
    assert.match(text("test-2023", "final", "share"), /"share" needs a party/);
    assert.match(text("test-2023", "exit-poll", "share", "blues"), /no result for "blues"; this stage has: reds/);
    assert.match(text("test-2023", "exit-poll", "votes", "reds"), /no votes for "reds"/);
    assert.match(text("test-2023", "chamber", "quorum"), /chamber: no figure "quorum"/);
  });

  it("finds figure shortcodes in an article with their lines", () => {
    assert.deepEqual(figureUses('---\n---\nTurnout was {% figure "test-2023", "final", "turnout" %}.\n\n{%- figure \'a\', \'b\', \'c\', \'d\' -%}'), [
      { args: ["test-2023", "final", "turnout"], line: 3 },
      { args: ["a", "b", "c", "d"], line: 5 },
    ]);
  });
});
