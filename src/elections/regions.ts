import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { jsonLineFinder, type Problem } from "../articles/front-matter.ts";
import { didYouMean } from "../articles/suggest.ts";
import { fieldName, zodProblems } from "../articles/zod-problems.ts";
import { parseJson } from "../sources/json.ts";
import { decodeText } from "../sources/text.ts";
import { hexLayoutSchema, type HexLayout } from "./charts/index.ts";
import { names, organisations, type ElectionRecord, type RegionsRecord, type RegionStageRecord, type SourceRecord } from "./record.ts";
import { publishedDecimals } from "./published.ts";
import { sourceSchema } from "./schema.ts";

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a lowercase id such as "almaty"');
const text = z.string().trim().min(1, "must not be empty");
const percent = z.number().min(0, "expected a percentage from 0 to 100").max(100, "expected a percentage from 0 to 100");
const count = z.number().int("expected a whole number").min(0, "must not be negative");

export const regionResultSchema = z.strictObject({
  region: slug.describe("A key of regions"),
  turnout: percent.optional().describe("Percent of the region's registered voters who have voted"),
  shares: z.record(slug, percent).optional().describe("Share of the vote by party id"),
  seats: z.record(slug, count).optional().describe("Seats won in the region by party id"),
  winner: slug.optional().describe("The party id that won the region"),
});

export const regionStageSchema = z.strictObject({
  label: text.describe('How readers see this snapshot, such as "Turnout at 18:10"'),
  time: z.iso.datetime({ offset: true, error: 'expected a date-time with its UTC offset, such as "2023-03-19T18:10:00+06:00"' }),
  source: sourceSchema.describe("Who published these figures"),
  turnout: percent.optional().describe("The whole country's turnout at the same time"),
  results: z.array(regionResultSchema).min(1, "expected at least one region's figures"),
});

export const regionsFileSchema = z.strictObject({
  $schema: z.string().optional(),
  map: slug.describe("A layout file in _data/maps/<map>.json (HexJSON) with a hex per region"),
  regions: z.record(slug, z.strictObject({ name: text, code: text.max(4, "a code shown inside a map tile has at most 4 characters").describe("Up to 4 characters, shown in the map tile") })),
  stages: z.array(regionStageSchema).min(1, "expected at least one set of figures"),
});

type RegionsFile = z.output<typeof regionsFileSchema>;


export const regionsUrl = (electionId: string) => `/elections/${electionId}/regions/`;

/**
 * Reads `_data/regions/<election id>.json` and the map layouts they name
 * (`_data/maps/<map>.json`); checks them against each other and the election file.
 * Returns the elections with `regions` added. A missing folder means no regional results.
 */
export async function loadRegions(dataDir: string, elections: Readonly<Record<string, ElectionRecord>>): Promise<{ elections: Record<string, ElectionRecord>; problems: Problem[] }> {
  const out: Record<string, ElectionRecord> = { ...elections };
  const problems: Problem[] = [];
  let names: string[];
  try {
    names = (await readdir(path.join(dataDir, "regions"))).filter((name) => name.endsWith(".json")).sort();
  } catch {
    return { elections: out, problems };
  }
  const maps = new Map<string, HexLayout | undefined>();
  for (const name of names) {
    const id = path.basename(name, ".json");
    const file = path.join(dataDir, "regions", name);
    const read = await readJson(file);
    if (!read.ok) {
      problems.push(read.problem);
      continue;
    }
    const election = elections[id];
    if (!election) {
      problems.push({ file, field: "(file name)", message: `the file name is the id of its election: no election file has the id "${id}"${didYouMean(id, Object.keys(elections))}` });
      continue;
    }
    const parsed = regionsFileSchema.safeParse(read.value);
    const lineOf = jsonLineFinder(read.text);
    if (!parsed.success) {
      problems.push(...zodProblems(file, parsed.error, lineOf, [...Object.keys(regionsFileSchema.shape), ...Object.keys(regionStageSchema.shape), ...Object.keys(regionResultSchema.shape), "name", "code"]));
      continue;
    }
    if (!maps.has(parsed.data.map)) maps.set(parsed.data.map, await loadMap(path.join(dataDir, "maps", `${parsed.data.map}.json`), problems));
    const map = maps.get(parsed.data.map);
    const findings = checkRegions(parsed.data, election, map);
    problems.push(...findings.map((f) => ({ file, line: lineOf(f.path), field: fieldName(f.path), message: f.message })));
    if (findings.length > 0 || !map) continue;
    out[id] = { ...election, regions: toRecord(id, parsed.data, map, publishedDecimals(read.text)) };
  }
  return { elections: out, problems };
}

async function readJson(file: string): Promise<{ ok: true; value: unknown; text: string } | { ok: false; problem: Problem }> {
  const decoded = decodeText(await readFile(file));
  if (!decoded.ok) return { ok: false, problem: { file, line: decoded.line, column: decoded.column, field: "(file)", message: decoded.message } };
  const read = parseJson(decoded.text);
  if (!read.ok) return { ok: false, problem: { file, line: read.line, column: read.column, field: "(file)", message: `not valid JSON: ${read.message}` } };
  return { ok: true, value: read.value, text: decoded.text };
}

async function loadMap(file: string, problems: Problem[]): Promise<HexLayout | undefined> {
  let read;
  try {
    read = await readJson(file);
  } catch {
    problems.push({ file, field: "(file)", message: "no such map layout: expected a HexJSON file here, such as { \"layout\": \"odd-r\", \"hexes\": { \"<region id>\": { \"q\": 0, \"r\": 0 } } }" });
    return undefined;
  }
  if (!read.ok) {
    problems.push(read.problem);
    return undefined;
  }
  const parsed = hexLayoutSchema.safeParse(read.value);
  if (!parsed.success) {
    problems.push(...zodProblems(file, parsed.error, jsonLineFinder(read.text), ["layout", "hexes", "q", "r", "n"]));
    return undefined;
  }
  const taken = new Map<string, string>();
  for (const [id, hex] of Object.entries(parsed.data.hexes)) {
    const at = `${hex.q},${hex.r}`;
    const other = taken.get(at);
    if (other) problems.push({ file, field: `hexes.${id}`, message: `q ${hex.q}, r ${hex.r} is also "${other}"'s place; each tile needs its own` });
    taken.set(at, id);
  }
  return parsed.data;
}

/** What the schema cannot say: regions, parties and tiles that must match. */
export function checkRegions(data: RegionsFile, election: ElectionRecord, map: HexLayout | undefined): { path: (string | number)[]; message: string }[] {
  const findings: { path: (string | number)[]; message: string }[] = [];
  const regionIds = Object.keys(data.regions);
  const parties = Object.keys(election.parties);
  if (map) {
    for (const id of regionIds) if (!(id in map.hexes)) findings.push({ path: ["regions", id], message: `the map "${data.map}" has no tile for "${id}"; add one to _data/maps/${data.map}.json` });
  }
  data.stages.forEach((stage, s) => {
    const previous = data.stages[s - 1];
    if (previous && Date.parse(stage.time) < Date.parse(previous.time)) findings.push({ path: ["stages", s, "time"], message: `${stage.time} is older than the set before it (${previous.time}); sets go oldest first` });
    const seen = new Set<string>();
    stage.results.forEach((result, r) => {
      const at = (...rest: (string | number)[]) => ["stages", s, "results", r, ...rest];
      if (!(result.region in data.regions)) findings.push({ path: at("region"), message: `"${result.region}" is not declared in regions${didYouMean(result.region, regionIds)}` });
      if (seen.has(result.region)) findings.push({ path: at("region"), message: `"${result.region}" appears twice in this set` });
      seen.add(result.region);
      for (const party of [...Object.keys(result.shares ?? {}), ...Object.keys(result.seats ?? {}), ...(result.winner ? [result.winner] : [])]) {
        if (!parties.includes(party)) findings.push({ path: at(result.winner === party ? "winner" : result.shares && party in result.shares ? "shares" : "seats"), message: `"${party}" is not a party of ${election.id}${didYouMean(party, parties)}` });
      }
      const sum = Object.values(result.shares ?? {}).reduce((a, b) => a + b, 0);
      if (sum > 100.5) findings.push({ path: at("shares"), message: `shares sum to ${Math.round(sum * 100) / 100} %, more than 100 %` });
    });
  });
  return findings;
}

function toRecord(id: string, data: RegionsFile, map: HexLayout, decimals: (path: (string | number)[]) => number | undefined): RegionsRecord {
  return {
    url: regionsUrl(id),
    map,
    regions: data.regions,
    stages: data.stages.map((stage, s): RegionStageRecord => {
      const byRegion = new Map(stage.results.map((result, r) => [result.region, { result, r }]));
      const stageDecimals = stage.turnout === undefined ? undefined : decimals(["stages", s, "turnout"]);
      const sources = organisations(stage.source);
      return {
        label: stage.label,
        time: stage.time,
        source: names(sources),
        sources,
        scheduled: false,
        ...(stage.turnout !== undefined ? { turnout: stage.turnout } : {}),
        ...(stageDecimals !== undefined ? { turnoutDecimals: stageDecimals } : {}),
        results: Object.entries(data.regions).flatMap(([region, { name, code }]) => {
          const found = byRegion.get(region);
          if (!found) return [];
          const { result, r } = found;
          const turnoutDecimals = result.turnout === undefined ? undefined : decimals(["stages", s, "results", r, "turnout"]);
          return [
            {
              region,
              name,
              code,
              ...(result.turnout !== undefined ? { turnout: result.turnout } : {}),
              ...(turnoutDecimals !== undefined ? { turnoutDecimals } : {}),
              ...(result.shares ? { shares: result.shares } : {}),
              ...(result.seats ? { seats: result.seats } : {}),
              ...(result.winner ? { winner: result.winner } : {}),
            },
          ];
        }),
      };
    }),
  };
}
