import { didYouMean } from "../articles/suggest.ts";
import type { ElectionData, Result, Share, Stage } from "./schema.ts";

/** A cross-field problem: where in the file, and what would be right. */
export interface Finding {
  path: (string | number)[];
  message: string;
}

/**
 * Tolerances, stated once. Published shares are rounded to two decimals, so a
 * full set may sum to 99.5-100.5; a turnout is rounded to two decimals too.
 */
export const TOLERANCE = {
  shareSumPoints: 0.5,
  shareFromVotesPoints: 0.05,
  turnoutPoints: 0.05,
} as const;

const low = (share: Share) => (typeof share === "number" ? share : share[0]);
const high = (share: Share) => (typeof share === "number" ? share : share[1]);
const round = (n: number) => Math.round(n * 100) / 100;

/** Seats a result holds in all, or undefined while unknown. */
export function totalSeats(result: Result): number | undefined {
  if (result.seats === undefined) return undefined;
  return typeof result.seats === "number" ? result.seats : Object.values(result.seats).reduce((sum, n) => sum + (n ?? 0), 0);
}

/** Preliminary and final counts cover every party unless a stage says otherwise. */
export function isComplete(stage: Stage): boolean {
  return stage.complete ?? (stage.kind === "preliminary" || stage.kind === "final");
}

/** Checks that the schema cannot express: figures that must agree with each other. */
export function checkElection(election: ElectionData): Finding[] {
  const findings: Finding[] = [];
  const { chamber, parties } = election;

  const allocated = chamber.allocation.reduce((sum, a) => sum + a.seats, 0);
  if (allocated !== chamber.seats) {
    findings.push({ path: ["chamber", "allocation"], message: `seats by method sum to ${allocated}, expected the chamber's ${chamber.seats}` });
  }
  if (chamber.majority > chamber.seats || chamber.majority <= chamber.seats / 2) {
    findings.push({ path: ["chamber", "majority"], message: `expected more than half of ${chamber.seats} seats and no more than all of them, got ${chamber.majority}` });
  }

  election.stages.forEach((stage, s) => {
    const at = (...rest: (string | number)[]) => ["stages", s, ...rest];
    const previous = election.stages[s - 1];
    if (previous && Date.parse(stage.time) < Date.parse(previous.time)) {
      findings.push({ path: at("time"), message: `${stage.time} is older than the stage before it (${previous.time}); stages go oldest first` });
    }

    const seen = new Set<string>();
    stage.results.forEach((result, r) => {
      if (!(result.party in parties)) {
        findings.push({ path: at("results", r, "party"), message: `"${result.party}" is not declared in parties${didYouMean(result.party, Object.keys(parties))}` });
      }
      if (seen.has(result.party)) findings.push({ path: at("results", r, "party"), message: `"${result.party}" appears twice in this stage` });
      seen.add(result.party);
      const kind = parties[result.party]?.kind;
      if (kind === "against-all" && result.seats !== undefined) {
        findings.push({ path: at("results", r, "seats"), message: `"${result.party}" is an against-all line, which wins no seats` });
      }
      if (typeof result.seats === "object") {
        for (const method of Object.keys(result.seats)) {
          if (!chamber.allocation.some((a) => a.method === method)) {
            findings.push({ path: at("results", r, "seats", method), message: `this chamber fills no seats by ${method}; expected one of ${chamber.allocation.map((a) => a.method).join(", ")}` });
          }
        }
      }
    });

    if (stage.declared) {
      const of = stage.declared.of ?? chamber.seats;
      if (stage.declared.count > of) findings.push({ path: at("declared", "count"), message: `${stage.declared.count} declared is more than the ${of} in all` });
      if (stage.declared.unit === "seats" && of > chamber.seats) findings.push({ path: at("declared", "of"), message: `${of} seats is more than the chamber's ${chamber.seats}` });
    }
    checkShares(stage, at, findings);
    checkSeats(election, stage, at, findings);
    checkTurnout(election, stage, at, findings);
  });
  return findings;
}

function checkShares(stage: Stage, at: (...rest: (string | number)[]) => (string | number)[], findings: Finding[]): void {
  const shares = stage.results.flatMap((r) => (r.share === undefined ? [] : [r.share]));
  if (shares.length === 0) return;
  const lowSum = round(shares.reduce((sum: number, s) => sum + low(s), 0));
  const highSum = round(shares.reduce((sum: number, s) => sum + high(s), 0));
  const tolerance = TOLERANCE.shareSumPoints;
  if (lowSum > 100 + tolerance) {
    findings.push({ path: at("results"), message: `shares sum to ${lowSum} %, more than 100 % (tolerance ${tolerance} points)` });
  } else if (isComplete(stage) && (highSum < 100 - tolerance || lowSum > 100 + tolerance)) {
    findings.push({
      path: at("results"),
      message: `shares sum to ${lowSum === highSum ? lowSum : `${lowSum}-${highSum}`} %; a complete count sums to 100 % within ${tolerance} points (include "against all" and others, or set "complete": false)`,
    });
  }

  const votes = stage.results.flatMap((r) => (r.votes === undefined ? [] : [r.votes]));
  const base = stage.validVotes ?? (votes.length === stage.results.length && isComplete(stage) ? votes.reduce((a, b) => a + b, 0) : undefined);
  if (!base) return;
  stage.results.forEach((result, r) => {
    if (result.votes === undefined || typeof result.share !== "number") return;
    const computed = round((100 * result.votes) / base);
    if (Math.abs(computed - result.share) > TOLERANCE.shareFromVotesPoints) {
      findings.push({ path: at("results", r, "share"), message: `${result.share} % does not match ${result.votes} of ${base} valid votes (${computed} %)` });
    }
  });
}

function checkSeats(election: ElectionData, stage: Stage, at: (...rest: (string | number)[]) => (string | number)[], findings: Finding[]): void {
  const seats = stage.results.map(totalSeats);
  const known = seats.filter((n): n is number => n !== undefined);
  const sum = known.reduce((a, b) => a + b, 0);
  const { chamber } = election;
  if (sum > chamber.seats) {
    findings.push({ path: at("results"), message: `seats sum to ${sum}, more than the chamber's ${chamber.seats}` });
  } else if (stage.kind === "final" && sum !== chamber.seats) {
    findings.push({ path: at("results"), message: `seats in the final stage sum to ${sum}, expected the chamber's ${chamber.seats}` });
  }
  for (const { method, seats: available } of chamber.allocation) {
    const byMethod = stage.results.reduce((total, r) => total + (typeof r.seats === "object" ? (r.seats[method] ?? 0) : 0), 0);
    if (byMethod > available) {
      findings.push({ path: at("results"), message: `${method} seats sum to ${byMethod}, more than the ${available} the chamber fills that way` });
    }
  }
}

function checkTurnout(election: ElectionData, stage: Stage, at: (...rest: (string | number)[]) => (string | number)[], findings: Finding[]): void {
  const { electorate } = election.chamber;
  const tolerance = TOLERANCE.turnoutPoints;
  const votes = stage.results.reduce((sum, r) => sum + (r.votes ?? 0), 0);
  if (stage.ballots !== undefined) {
    if (stage.ballots > electorate) findings.push({ path: at("ballots"), message: `${stage.ballots} ballots is more than the ${electorate} registered voters` });
    if (stage.turnout !== undefined) {
      const computed = round((100 * stage.ballots) / electorate);
      if (Math.abs(computed - stage.turnout) > tolerance) {
        findings.push({ path: at("turnout"), message: `${stage.turnout} % does not match ${stage.ballots} ballots of ${electorate} registered voters (${computed} %, tolerance ${tolerance} points)` });
      }
    }
  }
  if (stage.validVotes !== undefined) {
    if (stage.ballots !== undefined && stage.validVotes > stage.ballots) {
      findings.push({ path: at("validVotes"), message: `${stage.validVotes} valid votes is more than the ${stage.ballots} ballots cast` });
    }
    // Turnout counts invalid ballots too, so valid votes may fall short of it, never exceed it.
    if (stage.turnout !== undefined) {
      const validShare = round((100 * stage.validVotes) / electorate);
      if (validShare > stage.turnout + tolerance) {
        findings.push({ path: at("validVotes"), message: `valid votes are ${validShare} % of registered voters, more than the ${stage.turnout} % turnout; turnout counts every ballot cast` });
      }
    }
    if (isComplete(stage) && stage.results.every((r) => r.votes !== undefined || ["appointed", "independents"].includes(kindOf(election, r) ?? "")) && votes !== stage.validVotes) {
      findings.push({ path: at("validVotes"), message: `expected the sum of the results' votes (${votes}), got ${stage.validVotes}` });
    }
  }
  const cast = stage.ballots ?? stage.validVotes;
  if (cast === undefined && votes > electorate) {
    findings.push({ path: at("results"), message: `votes sum to ${votes}, more than the ${electorate} registered voters` });
  }
}

function kindOf(election: ElectionData, result: Result): string | undefined {
  return election.parties[result.party]?.kind;
}
