import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { jsonLineFinder, type Problem } from "../articles/front-matter.ts";
import { fieldName, zodProblems } from "../articles/zod-problems.ts";
import { parseJson } from "../sources/json.ts";
import { decodeText } from "../sources/text.ts";
import { checkPrevious } from "./change.ts";
import { checkElection, isComplete, totalSeats } from "./checks.ts";
import { overallMajority } from "./majority.ts";
import { orderResults } from "./order.ts";
import { publishedDecimals } from "./published.ts";
import { electionUrl, names, organisations, type ElectionRecord, type ResultRecord, type StageRecord } from "./record.ts";
import { declaredSchema, electionSchema, organisationSchema, partySchema, resultSchema, stageSchema, STAGE_LABELS, type ElectionData } from "./schema.ts";

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
    ...Object.keys(declaredSchema.shape),
    ...Object.keys(organisationSchema.options[1].shape),
  ]),
];


/** Reads and checks every `<id>.json` in `dir`; a missing folder means no elections. */
export async function loadElections(dir: string): Promise<{ elections: Record<string, ElectionRecord>; problems: Problem[] }> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith(".json")).sort();
  } catch {
    return { elections: {}, problems: [] };
  }
  const elections: Record<string, ElectionRecord> = {};
  const lineFinders = new Map<string, (at: readonly PropertyKey[]) => number | undefined>();
  const problems: Problem[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    const decoded = decodeText(await readFile(file));
    const result = decoded.ok
      ? parseElection(path.basename(name, ".json"), file, decoded.text)
      : { problems: [{ file, line: decoded.line, column: decoded.column, field: "(file)", message: decoded.message }] };
    if (result.election && decoded.ok) {
      elections[result.election.id] = result.election;
      lineFinders.set(result.election.id, jsonLineFinder(decoded.text));
    }
    problems.push(...result.problems);
  }
  // Across files: only once each file is valid on its own.
  problems.push(...checkPrevious(elections, (id) => path.join(dir, `${id}.json`), (id, at) => lineFinders.get(id)?.(at)));
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
  return { election: toRecord(id, parsed.data, publishedDecimals(text)), problems: [] };
}


function toRecord(id: string, data: ElectionData, decimals: (path: (string | number)[]) => number | undefined): ElectionRecord {
  const stages = data.stages.map((stage, s): StageRecord => {
    const results = stage.results.map((result, r): ResultRecord => {
      const party = data.parties[result.party];
      const seats = totalSeats(result);
      const shareDecimals = result.share === undefined ? undefined : decimals(["stages", s, "results", r, "share"]);
      return {
        party: result.party,
        name: party?.name ?? result.party,
        shortName: party?.shortName ?? result.party,
        colour: party?.colour ?? "#888888",
        kind: party?.kind ?? "party",
        ...(result.votes !== undefined ? { votes: result.votes } : {}),
        ...(result.share !== undefined ? { share: result.share } : {}),
        ...(shareDecimals !== undefined ? { decimals: shareDecimals } : {}),
        ...(seats !== undefined ? { seats } : {}),
        ...(typeof result.seats === "object" ? { seatsByMethod: result.seats } : {}),
      };
    });
    const turnoutDecimals = stage.turnout === undefined ? undefined : decimals(["stages", s, "turnout"]);
    const sources = organisations(stage.source);
    const turnoutSources = stage.turnoutSource === undefined ? undefined : organisations(stage.turnoutSource);
    const majority = overallMajority(results, data.chamber);
    return {
      kind: stage.kind,
      label: stage.label ?? STAGE_LABELS[stage.kind] ?? stage.kind,
      complete: isComplete(stage),
      scheduled: false,
      time: stage.time,
      source: names(sources),
      sources,
      projected: stage.projected ?? stage.kind === "exit-poll",
      ...(stage.declared ? { declared: { count: stage.declared.count, of: stage.declared.of ?? data.chamber.seats, unit: stage.declared.unit } } : {}),
      ...(stage.turnout !== undefined ? { turnout: stage.turnout } : {}),
      ...(turnoutDecimals !== undefined ? { turnoutDecimals } : {}),
      ...(turnoutSources ? { turnoutSource: names(turnoutSources), turnoutSources } : {}),
      ...(stage.ballots !== undefined ? { ballots: stage.ballots } : {}),
      ...(stage.validVotes !== undefined ? { validVotes: stage.validVotes } : {}),
      results: orderResults(results, data.order),
      ...(majority ? { majority } : {}),
    };
  });
  return {
    id,
    url: electionUrl(id),
    name: data.name,
    country: data.country,
    date: data.date,
    ...(data.timezone ? { timezone: data.timezone } : {}),
    ...(data.timezoneLabel ? { timezoneLabel: data.timezoneLabel } : {}),
    ...(data.previous ? { previous: data.previous } : {}),
    order: data.order,
    chamber: data.chamber,
    parties: data.parties,
    stages,
    latest: stages[stages.length - 1] as StageRecord,
  };
}
