import { didYouMean } from "../articles/suggest.ts";
import type { ElectionRecord, StageRecord } from "./record.ts";
import type { Share } from "./schema.ts";

/** What an editor may quote from a stage; `share`, `votes` and `seats` need a party. */
export const FIGURE_FIELDS = ["turnout", "share", "votes", "seats", "valid-votes", "ballots"] as const;
type Field = (typeof FIGURE_FIELDS)[number];

/** What an editor may quote about the chamber: `{% figure "id", "chamber", "majority" %}`. */
export const CHAMBER_FIELDS = ["seats", "majority", "threshold", "electorate"] as const;

const numberFormat = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });
const fixed = new Map<number, Intl.NumberFormat>();

/** "2.0" with the decimals it was published with, or up to two when they are not known. */
export function formatFigure(value: number, decimals?: number): string {
  if (decimals === undefined) return numberFormat.format(value);
  let format = fixed.get(decimals);
  if (!format) fixed.set(decimals, (format = new Intl.NumberFormat("en-GB", { minimumFractionDigits: decimals, maximumFractionDigits: decimals })));
  return format.format(value);
}

/** "54.2 percent", "53-54 percent", "2.0 percent" as published: news style for a share or a turnout. */
export function formatPercent(share: Share, decimals?: number): string {
  return typeof share === "number"
    ? `${formatFigure(share, decimals)} percent`
    : `${formatFigure(share[0], decimals)}-${formatFigure(share[1], decimals)} percent`;
}

/** "3,431,510". */
export function formatCount(n: number): string {
  return numberFormat.format(n);
}

export type FigureResult = { ok: true; text: string } | { ok: false; message: string };

/** A stage by its kind, or "latest" for the newest. */
export function findStage(election: ElectionRecord, key: string): StageRecord | undefined {
  return key === "latest" ? election.latest : election.stages.find((stage) => stage.kind === key);
}

/**
 * One figure from an election file, formatted for prose, so that a story and
 * its results box can never disagree. Errors say what would be right.
 */
export function figure(elections: Readonly<Record<string, ElectionRecord>>, args: readonly string[]): FigureResult {
  const [id = "", stageKey = "", field = "", party, set] = args;
  const election = elections[id];
  if (!election) return fail(`no election file has the id "${id}"${didYouMean(id, Object.keys(elections))}; expected a file _data/elections/<id>.json`);
  if (stageKey === "chamber") return chamberFigure(election, field);
  if (stageKey === "regions") return regionFigure(election, field, party, set);
  const stage = findStage(election, stageKey);
  const kinds = ["chamber", "latest", ...(election.regions ? ["regions"] : []), ...election.stages.map((s) => s.kind)];
  if (!stage) return fail(`${id} has no stage "${stageKey}"${didYouMean(stageKey, kinds)}; expected one of: ${kinds.join(", ")}`);
  if (!(FIGURE_FIELDS as readonly string[]).includes(field)) {
    return fail(`unknown figure "${field}"${didYouMean(field, FIGURE_FIELDS)}; expected one of: ${FIGURE_FIELDS.join(", ")}`);
  }
  const value = stageFigure(stage, field as Field, party);
  if (typeof value === "string") return fail(`${id}, ${stage.kind}: ${value}`);
  return { ok: true, text: value.text };
}

/**
 * `{% figure "id", "regions", "turnout", "almaty-city" %}`: a region's figure in the newest set
 * of results by region; a fifth argument names a set by its label ("Turnout at 18:10"), so
 * prose written at 18:10 keeps saying what it said once later sets come in.
 */
function regionFigure(election: ElectionRecord, field: string, region: string | undefined, setLabel: string | undefined): FigureResult {
  const sets = election.regions?.stages ?? [];
  if (sets.length === 0) return fail(`${election.id} has no results by region; expected a file _data/regions/${election.id}.json`);
  const set = setLabel === undefined || setLabel === "latest" ? sets.at(-1) : sets.find((s) => s.label.toLowerCase() === setLabel.toLowerCase());
  const labels = sets.map((s) => s.label);
  if (!set) return fail(`${election.id}, regions: no set of figures "${setLabel ?? ""}" released${didYouMean(setLabel ?? "", labels)}; expected "latest" or one of: ${labels.join(", ")}`);
  if (field !== "turnout") return fail(`${election.id}, regions: no figure "${field}"; expected "turnout" and a region id`);
  const ids = set.results.map((r) => r.region);
  const result = set.results.find((r) => r.region === region);
  if (!result) return fail(`${election.id}, regions: no region "${region ?? ""}"${didYouMean(region ?? "", ids)}; expected one of: ${ids.join(", ")}`);
  if (result.turnout === undefined) return fail(`${election.id}, regions: no turnout for "${result.region}" in ${set.label}`);
  return { ok: true, text: formatPercent(result.turnout, result.turnoutDecimals) };
}

function chamberFigure(election: ElectionRecord, field: string): FigureResult {
  const { chamber } = election;
  if (field === "seats") return { ok: true, text: formatCount(chamber.seats) };
  if (field === "majority") return { ok: true, text: formatCount(chamber.majority) };
  if (field === "electorate") return { ok: true, text: formatCount(chamber.electorate) };
  if (field === "threshold" && chamber.threshold !== undefined) return { ok: true, text: formatPercent(chamber.threshold) };
  return fail(`${election.id}, chamber: no figure "${field}"${didYouMean(field, CHAMBER_FIELDS)}; expected one of: ${CHAMBER_FIELDS.join(", ")}`);
}

function stageFigure(stage: StageRecord, field: Field, party: string | undefined): { text: string } | string {
  if (field === "turnout") return stage.turnout === undefined ? "this stage has no turnout" : { text: formatPercent(stage.turnout, stage.turnoutDecimals) };
  if (field === "valid-votes") return stage.validVotes === undefined ? "this stage has no valid-votes" : { text: formatCount(stage.validVotes) };
  if (field === "ballots") return stage.ballots === undefined ? "this stage has no ballots" : { text: formatCount(stage.ballots) };
  if (!party) return `"${field}" needs a party, such as {% figure "id", "final", "${field}", "party-id" %}`;
  const result = stage.results.find((r) => r.party === party);
  const parties = stage.results.map((r) => r.party);
  if (!result) return `no result for "${party}"${didYouMean(party, parties)}; this stage has: ${parties.join(", ")}`;
  if (field === "share") return result.share === undefined ? `no share for "${party}"` : { text: formatPercent(result.share, result.decimals) };
  if (field === "votes") return result.votes === undefined ? `no votes for "${party}"` : { text: formatCount(result.votes) };
  return result.seats === undefined ? `no seats for "${party}" yet` : { text: formatCount(result.seats) };
}

function fail(message: string): FigureResult {
  return { ok: false, message };
}

export const FIGURE = /\{%-?\s*figure\s+(.*?)\s*-?%\}/g;
export const ARGUMENT = /"([^"]*)"|'([^']*)'/g;

/** The `{% figure ... %}` uses in an article, with their arguments and line numbers. */
export function figureUses(text: string): { args: string[]; line: number }[] {
  return [...text.matchAll(FIGURE)].map((match) => ({
    args: [...(match[1] ?? "").matchAll(ARGUMENT)].map((arg) => arg[1] ?? arg[2] ?? ""),
    line: text.slice(0, match.index).split("\n").length,
  }));
}
