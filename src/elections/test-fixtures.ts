import type { ElectionData } from "./schema.ts";

/** A small, consistent election: 10 seats, two parties and an against-all line. */
export function sampleElection(): ElectionData & { $schema?: string } {
  return {
    name: "Test election",
    country: "Testland",
    date: "2023-03-19",
    order: "seats",
    chamber: {
      name: "Assembly",
      seats: 10,
      majority: 6,
      threshold: 5,
      electorate: 1000,
      allocation: [
        { method: "party-list", seats: 8 },
        { method: "single-member-districts", seats: 2 },
      ],
    },
    parties: {
      reds: { name: "Red Party", shortName: "Reds", colour: "#b22222", kind: "party" },
      blues: { name: "Blue Party", shortName: "Blues", colour: "#1f5aa6", kind: "party" },
      "against-all": { name: "Against all", shortName: "Against all", colour: "#999", kind: "against-all" },
    },
    stages: [
      { kind: "exit-poll", time: "2023-03-19T20:00:00+06:00", source: "Pollster", turnout: 55, results: [{ party: "reds", share: [60, 62] }] },
      {
        kind: "final",
        time: "2023-03-27T12:00:00+06:00",
        source: "Commission",
        turnout: 55,
        ballots: 550,
        validVotes: 500,
        results: [
          { party: "reds", votes: 300, share: 60, seats: { "party-list": 5, "single-member-districts": 2 } },
          { party: "blues", votes: 150, share: 30, seats: { "party-list": 3 } },
          { party: "against-all", votes: 50, share: 10 },
        ],
      },
    ],
  };
}
