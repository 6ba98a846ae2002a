import type { Problem } from "../articles/front-matter.ts";
import { didYouMean } from "../articles/suggest.ts";
import type { Change, ElectionRecord, ResultRecord, StageRecord } from "./record.ts";

/** The stage of the previous election a result is compared with: its newest with that figure. */
function newestWith(election: ElectionRecord, field: "seats" | "share"): StageRecord | undefined {
  return [...election.stages].reverse().find((stage) => stage.results.some((r) => r[field] !== undefined));
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * One line against the previous election. A party is compared with its predecessors
 * (a merger sums them), by default the party of the same id. A party with none of
 * them in the previous result is new; independents and others missing there had no
 * seats; an against-all line missing there is not compared. A range (exit poll) has no swing.
 */
export function changeOf(result: Pick<ResultRecord, "party" | "kind" | "seats" | "share">, predecessors: readonly string[], previous: ElectionRecord): Change | undefined {
  const seatsStage = newestWith(previous, "seats");
  const sharesStage = newestWith(previous, "share");
  const lines = (stage: StageRecord | undefined) => (stage ? stage.results.filter((r) => predecessors.includes(r.party)) : []);
  const [seatLines, shareLines] = [lines(seatsStage), lines(sharesStage)];
  if (seatLines.length === 0 && shareLines.length === 0) {
    if (result.kind === "against-all") return undefined;
    if (result.kind === "party") return { isNew: true };
    return result.seats === undefined ? undefined : { isNew: false, seats: result.seats };
  }
  const before = {
    seats: seatsStage && seatLines.length > 0 ? seatLines.reduce((sum, r) => sum + (r.seats ?? 0), 0) : undefined,
    share: shareLines.every((r) => typeof r.share === "number") && shareLines.length > 0 ? shareLines.reduce((sum, r) => sum + (r.share as number), 0) : undefined,
  };
  return {
    isNew: false,
    ...(result.seats !== undefined && before.seats !== undefined ? { seats: result.seats - before.seats } : {}),
    ...(typeof result.share === "number" && before.share !== undefined ? { swing: round2(result.share - before.share) } : {}),
  };
}

/** Every election with a `previous` gets each result's change against it (after stages are released). */
export function withChanges(elections: Readonly<Record<string, ElectionRecord>>): Record<string, ElectionRecord> {
  const out: Record<string, ElectionRecord> = {};
  for (const [id, election] of Object.entries(elections)) {
    const previous = election.previous ? elections[election.previous] : undefined;
    if (!previous) {
      out[id] = election;
      continue;
    }
    const compare = (stage: StageRecord): StageRecord => ({
      ...stage,
      results: stage.results.map((result) => {
        const change = changeOf(result, predecessorsOf(election, result.party), previous);
        return change ? { ...result, change } : result;
      }),
    });
    const stages = election.stages.map(compare);
    out[id] = { ...election, stages, latest: stages.at(-1) as StageRecord };
  }
  return out;
}

function predecessorsOf(election: ElectionRecord, party: string): string[] {
  const named = election.parties[party]?.predecessor;
  return named === undefined ? [party] : typeof named === "string" ? [named] : named;
}

/** `previous` names another election file, older than this one, and predecessors are its parties. */
export function checkPrevious(elections: Readonly<Record<string, ElectionRecord>>, fileOf: (id: string) => string, lineOf: (id: string, path: (string | number)[]) => number | undefined): Problem[] {
  const problems: Problem[] = [];
  for (const election of Object.values(elections)) {
    if (!election.previous) continue;
    const problem = (path: (string | number)[], message: string) => problems.push({ file: fileOf(election.id), line: lineOf(election.id, path), field: path.join("."), message });
    const previous = elections[election.previous];
    if (!previous) {
      problem(["previous"], `no election file has the id "${election.previous}"${didYouMean(election.previous, Object.keys(elections).filter((id) => id !== election.id))}; expected a file _data/elections/<id>.json`);
      continue;
    }
    if (previous.id === election.id || previous.date >= election.date) {
      problem(["previous"], `"${previous.id}" (${previous.date}) is not before this election (${election.date}); expected an earlier election`);
      continue;
    }
    for (const [id, party] of Object.entries(election.parties)) {
      if (party.predecessor === undefined) continue;
      for (const name of typeof party.predecessor === "string" ? [party.predecessor] : party.predecessor) {
        if (!(name in previous.parties)) {
          problem(["parties", id, "predecessor"], `"${name}" is not a party of ${previous.id}${didYouMean(name, Object.keys(previous.parties))}; expected one of: ${Object.keys(previous.parties).join(", ")}`);
        }
      }
    }
  }
  return problems;
}
