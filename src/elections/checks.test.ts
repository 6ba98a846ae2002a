import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { describe, it } from "node:test";
import { checkElection } from "./checks.ts";
import { electionJsonSchema, ELECTION_SCHEMA_PATH, REGIONS_SCHEMA_PATH, regionsJsonSchema } from "./json-schema.ts";
import { parseElection } from "./load.ts";
import { sampleElection } from "./test-fixtures.ts";

type Election = ReturnType<typeof sampleElection>;

/** Problems for an edited copy of the sample, as `field: message`. */
function problemsAfter(edit: (e: Election) => void): string[] {
  const election = sampleElection();
  edit(election);
  return parseElection("test-2023", "_data/elections/test-2023.json", JSON.stringify(election, null, 2)).problems.map((p) => `${p.field}: ${p.message}`);
}

const final = (e: Election) => e.stages[1]!;

describe("election files: the sample files", () => {
  for (const id of ["kz-mazhilis-2023", "kz-mazhilis-2021"]) {
    it(`${id} passes every check`, async () => {
      const file = `_data/elections/${id}.json`;
      const { election, problems } = parseElection(id, file, await readFile(file, "utf8"));
      assert.deepEqual(problems, []);
      assert.equal(election?.latest.kind, "final");
    });
  }

  it("the 2023 file holds both ways of electing seats, a range, against-all and independents", async () => {
    const { election } = parseElection("kz-mazhilis-2023", "x.json", await readFile("_data/elections/kz-mazhilis-2023.json", "utf8"));
    assert.deepEqual(election?.stages.map((s) => s.label), ["Exit polls", "Preliminary results", "Final results"]);
    assert.deepEqual(election?.stages[0]?.results[0]?.share, [53, 54]);
    const seats = Object.fromEntries(election?.latest.results.map((r) => [r.party, r.seats]) ?? []);
    assert.equal(seats["amanat"], 62);
    assert.equal(seats["independents"], 7);
    assert.equal(seats["against-all"], undefined);
  });

  it("a consistent file has no findings", () => {
    assert.deepEqual(checkElection(sampleElection()), []);
  });
});

describe("election files: each inconsistency is named with its path and what is expected", () => {
  it("shares far from 100 % in a complete count", () => {
    assert.deepEqual(problemsAfter((e) => (final(e).results[2]!.share = 5)), [
      "stages[1].results: shares sum to 95 %; a complete count sums to 100 % within 0.5 points (include \"against all\" and others, or set \"complete\": false)",
      "stages[1].results[2].share: 5 % does not match 50 of 500 valid votes (10 %)",
    ]);
  });

  it("the fields of results night: time zone, order, predecessors, sources, declared counts", () => {
    const edited = problemsAfter((e) => {
      Object.assign(e, { timezone: "Asia/Astana City", order: "alphabet" });
      Object.assign(e.parties["reds"]!, { predecessor: "Reds" });
      Object.assign(e.stages[0]!, { source: { name: "Pollster", url: "ftp://pollster.example" } });
    });
    assert.deepEqual(edited, [
      'timezone: expected an IANA time zone such as "Asia/Almaty" or "Europe/London"',
      'order: expected "seats", "votes" or "file"',
      'parties.reds.predecessor: expected a lowercase id such as "ak-zhol"',
      'stages[0].source.url: expected a web address such as "https://www.election.gov.kz"',
    ]);
    assert.deepEqual(problemsAfter((e) => Object.assign(final(e), { declared: { count: 12 } })), ["stages[1].declared.count: 12 declared is more than the 10 in all"]);
    assert.deepEqual(problemsAfter((e) => Object.assign(final(e), { declared: { count: 3, of: 12, unit: "seats" } })), ["stages[1].declared.of: 12 seats is more than the chamber's 10"]);
    assert.deepEqual(problemsAfter((e) => Object.assign(final(e), { declared: { count: 3, of: 12, unit: "districts" } })), []);
  });

  it("shares over 100 % even in a partial stage, counting ranges by their low end", () => {
    assert.deepEqual(problemsAfter((e) => e.stages[0]!.results.push({ party: "blues", share: [40, 45] })), []);
    assert.deepEqual(problemsAfter((e) => e.stages[0]!.results.push({ party: "blues", share: [41, 45] })), [
      "stages[0].results: shares sum to 101 %, more than 100 % (tolerance 0.5 points)",
    ]);
  });

  it("seats that do not fill the chamber in the final stage", () => {
    assert.deepEqual(problemsAfter((e) => (final(e).results[1]!.seats = { "party-list": 2 })), [
      "stages[1].results: seats in the final stage sum to 9, expected the chamber's 10",
    ]);
  });

  it("more seats by a method than the chamber fills that way", () => {
    assert.deepEqual(
      problemsAfter((e) => {
        final(e).results[0]!.seats = { "party-list": 6, "single-member-districts": 1 };
      }),
      ["stages[1].results: party-list seats sum to 9, more than the 8 the chamber fills that way"],
    );
  });

  it("turnout that disagrees with ballots and electorate", () => {
    assert.deepEqual(problemsAfter((e) => (final(e).turnout = 57)), [
      "stages[1].turnout: 57 % does not match 550 ballots of 1000 registered voters (55 %, tolerance 0.05 points)",
    ]);
  });

  it("valid votes above turnout, and votes that do not add up to valid votes", () => {
    assert.deepEqual(
      problemsAfter((e) => {
        delete final(e).ballots;
        final(e).turnout = 45;
      }),
      ["stages[1].validVotes: valid votes are 50 % of registered voters, more than the 45 % turnout; turnout counts every ballot cast"],
    );
    assert.deepEqual(problemsAfter((e) => (final(e).validVotes = 510)).filter((p) => p.startsWith("stages[1].validVotes")), [
      "stages[1].validVotes: expected the sum of the results' votes (500), got 510",
    ]);
  });

  it("a party used in results but not declared", () => {
    assert.deepEqual(problemsAfter((e) => (final(e).results[1]!.party = "bleus")), [
      'stages[1].results[1].party: "bleus" is not declared in parties (did you mean "blues"?)',
    ]);
  });

  it("a stage older than the one before it", () => {
    assert.deepEqual(problemsAfter((e) => (final(e).time = "2023-03-19T19:00:00+06:00")), [
      "stages[1].time: 2023-03-19T19:00:00+06:00 is older than the stage before it (2023-03-19T20:00:00+06:00); stages go oldest first",
    ]);
  });

  it("a colour that is not a colour", () => {
    assert.deepEqual(problemsAfter((e) => (e.parties["reds"]!.colour = "red")), [
      'parties.reds.colour: expected a colour as "#rrggbb", such as "#1f5aa6"',
    ]);
  });

  it("an unknown field, with the likely intended one", () => {
    assert.deepEqual(
      problemsAfter((e) => Object.assign(e.parties["reds"]!, { shortname: "R" })),
      ['parties.reds.shortname: unknown field (did you mean "shortName"?); a typo here would be ignored, so it is an error'],
    );
  });

  it("a time without offset, a reversed range, seats for against-all, and a bad majority", () => {
    assert.deepEqual(
      problemsAfter((e) => {
        e.stages[0]!.time = "2023-03-19T20:00";
        e.stages[0]!.results[0]!.share = [62, 60];
      }),
      [
        'stages[0].time: expected a date-time with its UTC offset, such as "2023-03-20T10:00:00+06:00"',
        "stages[0].results[0].share: a range is [low, high] with low below high, such as [53, 54]",
      ],
    );
    assert.deepEqual(problemsAfter((e) => (final(e).results[2]!.seats = 0)).slice(0, 1), [
      'stages[1].results[2].seats: "against-all" is an against-all line, which wins no seats',
    ]);
    assert.deepEqual(problemsAfter((e) => (e.chamber.majority = 5)), [
      "chamber.majority: expected more than half of 10 seats and no more than all of them, got 5",
    ]);
  });

  it("gives line numbers from the JSON text", () => {
    const election = sampleElection();
    election.parties["reds"]!.colour = "red";
    const text = JSON.stringify(election, null, 2);
    const [problem] = parseElection("t", "t.json", text).problems;
    assert.equal(text.split("\n")[(problem?.line ?? 0) - 1]?.trim(), '"colour": "red",');
  });

  it("reports broken JSON and a bad file name", () => {
    assert.match(parseElection("t", "t.json", "{ nope").problems[0]?.message ?? "", /^not valid JSON/);
    assert.match(parseElection("Bad Name", "Bad Name.json", "{}").problems[0]?.message ?? "", /file name is the election's id/);
  });
});

describe("the published JSON Schema", () => {
  it("matches the zod schema (run `npm run schemas` after changing it)", async () => {
    assert.equal(await readFile(ELECTION_SCHEMA_PATH, "utf8"), electionJsonSchema());
    assert.equal(await readFile(REGIONS_SCHEMA_PATH, "utf8"), regionsJsonSchema());
  });
});
