import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { jsonLineFinder, type Problem } from "../articles/front-matter.ts";
import { fieldName, zodProblems } from "../articles/zod-problems.ts";
import { parseJson } from "../sources/json.ts";
import { decodeText } from "../sources/text.ts";
import { checkElection, isComplete, totalSeats } from "./checks.ts";
import { electionSchema, partySchema, resultSchema, stageSchema, STAGE_LABELS, type ElectionData, type Share } from "./schema.ts";

/** Every field name an election file may use, to suggest one for a typo. */
const FIELD_NAMES = [
  ...new Set([
    ...Object.keys(electionSchema.shape),
    ...Object.keys(electionSchema.shape.chamber.shape),
    "method",
    "description",
    ...Object.keys(partySchema.shape),
    ...Object.keys(stageSchema.shape),
    ...Object.keys(resultSchema.shape),
  ]),
];

/** A party's line in one stage, with the party's names and colour filled in. */
export interface ResultRecord {
  party: string;
  name: string;
  shortName: string;
  colour: string;
  kind: "party" | "independents" | "against-all" | "appointed";
  votes?: number;
  share?: Share;
  /** All seats, when known. */
  seats?: number;
  seatsByMethod?: Partial<Record<string, number>>;
}

export interface StageRecord {
  kind: string;
  label: string;
  complete: boolean;
  /** Timed after "now": only a preview build has it (see releaseStages). */
  scheduled: boolean;
  time: string;
  source: string;
  turnout?: number;
  turnoutSource?: string;
  ballots?: number;
  validVotes?: number;
  results: ResultRecord[];
}

/** A checked election file as templates and figures see it. */
export interface ElectionRecord {
  id: string;
  url: string;
  name: string;
  country: string;
  date: string;
  chamber: ElectionData["chamber"];
  parties: ElectionData["parties"];
  stages: StageRecord[];
  /** The newest stage: what a results box shows. */
  latest: StageRecord;
}

export const electionUrl = (id: string) => `/elections/${id}/`;

/** Reads and checks every `<id>.json` in `dir`; a missing folder means no elections. */
export async function loadElections(dir: string): Promise<{ elections: Record<string, ElectionRecord>; problems: Problem[] }> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith(".json")).sort();
  } catch {
    return { elections: {}, problems: [] };
  }
  const elections: Record<string, ElectionRecord> = {};
  const problems: Problem[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    const decoded = decodeText(await readFile(file));
    const result = decoded.ok
      ? parseElection(path.basename(name, ".json"), file, decoded.text)
      : { problems: [{ file, line: decoded.line, column: decoded.column, field: "(file)", message: decoded.message }] };
    if (result.election) elections[result.election.id] = result.election;
    problems.push(...result.problems);
  }
  return { elections, problems };
}

/** Checks one election file's text: schema first, then the figures against each other. */
export function parseElection(id: string, file: string, text: string): { election?: ElectionRecord; problems: Problem[] } {
  const read = parseJson(text);
  if (!read.ok) return { problems: [{ file, line: read.line, column: read.column, field: "(file)", message: `not valid JSON: ${read.message}` }] };
  const json = read.value;
  const lineOf = jsonLineFinder(text);
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) {
    return { problems: [{ file, field: "(file name)", message: `the file name is the election's id: expected lowercase letters, digits and hyphens, such as "kz-mazhilis-2023.json"` }] };
  }
  const parsed = electionSchema.safeParse(json);
  if (!parsed.success) return { problems: zodProblems(file, parsed.error, lineOf, FIELD_NAMES) };
  const findings = checkElection(parsed.data);
  if (findings.length > 0) {
    return { problems: findings.map((f) => ({ file, line: lineOf(f.path), field: fieldName(f.path), message: f.message })) };
  }
  return { election: toRecord(id, parsed.data), problems: [] };
}

function toRecord(id: string, data: ElectionData): ElectionRecord {
  const stages = data.stages.map((stage): StageRecord => ({
    kind: stage.kind,
    label: stage.label ?? STAGE_LABELS[stage.kind] ?? stage.kind,
    complete: isComplete(stage),
    scheduled: false,
    time: stage.time,
    source: stage.source,
    ...(stage.turnout !== undefined ? { turnout: stage.turnout } : {}),
    ...(stage.turnoutSource ? { turnoutSource: stage.turnoutSource } : {}),
    ...(stage.ballots !== undefined ? { ballots: stage.ballots } : {}),
    ...(stage.validVotes !== undefined ? { validVotes: stage.validVotes } : {}),
    results: stage.results.map((result): ResultRecord => {
      const party = data.parties[result.party];
      const seats = totalSeats(result);
      return {
        party: result.party,
        name: party?.name ?? result.party,
        shortName: party?.shortName ?? result.party,
        colour: party?.colour ?? "#888888",
        kind: party?.kind ?? "party",
        ...(result.votes !== undefined ? { votes: result.votes } : {}),
        ...(result.share !== undefined ? { share: result.share } : {}),
        ...(seats !== undefined ? { seats } : {}),
        ...(typeof result.seats === "object" ? { seatsByMethod: result.seats } : {}),
      };
    }),
  }));
  return {
    id,
    url: electionUrl(id),
    name: data.name,
    country: data.country,
    date: data.date,
    chamber: data.chamber,
    parties: data.parties,
    stages,
    latest: stages[stages.length - 1] as StageRecord,
  };
}
