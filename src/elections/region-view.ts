import { binOf, escapeXml, tileMapSvg, turnoutBins, type Bin, type Tile } from "./charts/index.ts";
import { formatPercent } from "./figures.ts";
import type { ElectionRecord, RegionStageRecord } from "./record.ts";

/** A figure without its "%": the caption says the table is in percent, so four or five sets still fit a 320px phone. */
const percentCell = (turnout: number | undefined, decimals: number | undefined) => (turnout === undefined ? "–" : formatPercent(turnout, decimals).replace(" percent", ""));

/**
 * The region table: a turnout column per set of figures (turnout through the night), the
 * winner when known, and the whole country's turnout at each time when the file gives it.
 */
export function regionTable(election: ElectionRecord): { caption: string; headings: string[]; rows: { name: string; code: string; cells: string[] }[]; total?: string[] } {
  const regions = election.regions;
  if (!regions) return { caption: "", headings: [], rows: [] };
  const withWinner = regions.stages.some((stage) => stage.results.some((r) => r.winner));
  const latest = regions.stages.at(-1);
  const headings = [...regions.stages.map((stage) => stage.label), ...(withWinner ? ["Winner"] : [])];
  const rows = Object.entries(regions.regions).map(([id, region]) => ({
    name: region.name,
    code: region.code,
    cells: [
      ...regions.stages.map((stage) => {
        const result = stage.results.find((r) => r.region === id);
        return percentCell(result?.turnout, result?.turnoutDecimals);
      }),
      ...(withWinner ? [election.parties[latest?.results.find((r) => r.region === id)?.winner ?? ""]?.shortName ?? "–"] : []),
    ],
  }));
  const hasTotal = regions.stages.some((stage) => stage.turnout !== undefined);
  const total = [...regions.stages.map((stage) => percentCell(stage.turnout, stage.turnoutDecimals)), ...(withWinner ? [""] : [])];
  const caption = `Turnout by region, percent of registered voters${withWinner ? ", and the winner" : ""}, as published through the night`;
  return { caption, headings, rows, ...(hasTotal ? { total } : {}) };
}

/** One set of figures as a map: its anchor, its label and the drawing with its key. */
export interface RegionMap {
  id: string;
  label: string;
  time: string;
  source: string;
  html: string;
}

/**
 * A tile map for every set of figures, oldest first, so a reader can follow the night
 * map by map. A set that names winners is coloured by winner; the others by turnout, in
 * five bins shared by every map, so a colour means the same figure at 10:10 and at 22:10.
 * Each map's key and counts are page text beside the drawing.
 */
export function regionMaps(election: ElectionRecord): RegionMap[] {
  const regions = election.regions;
  if (!regions) return [];
  const bins = turnoutBins(regions.stages.flatMap((stage) => (stage.results.some((r) => r.winner) ? [] : stage.results.flatMap((r) => (r.turnout === undefined ? [] : [r.turnout])))));
  return regions.stages.map((stage, index) => {
    const id = `map-${index + 1}`;
    return { id, label: stage.label, time: stage.time, source: stage.source, html: stageMap(election, stage, bins, id) };
  });
}

function stageMap(election: ElectionRecord, stage: RegionStageRecord, bins: readonly Bin[], id: string): string {
  const regions = election.regions;
  if (!regions) return "";
  const byWinner = stage.results.some((r) => r.winner);
  const tiles: Tile[] = stage.results.flatMap((r) => {
    const party = r.winner ? election.parties[r.winner] : undefined;
    const bin = r.turnout === undefined ? undefined : binOf(bins, r.turnout);
    const fill = byWinner ? party?.colour : bin?.colour;
    if (!fill) return [];
    const figure = byWinner ? `won by ${party?.name ?? r.winner}` : `turnout ${formatPercent(r.turnout ?? 0, r.turnoutDecimals)}`;
    return [{ id: r.region, code: r.code, fill, title: `${r.name}: ${figure}` }];
  });
  const what = byWinner ? "winner" : "turnout";
  const svg = tileMapSvg(regions.map, tiles, {
    titleId: `${id}-title-${election.id}`,
    descId: `${id}-desc-${election.id}`,
    title: `Map of ${election.country} by ${what}: ${stage.label.toLowerCase()}`,
    description: `Each region is one tile, placed roughly where it lies. The table below gives every region's figures.`,
  });
  const swatch = (colour: string) => `<svg class="swatch" viewBox="0 0 12 12" aria-hidden="true" focusable="false"><rect x="0.5" y="0.5" width="11" height="11" fill="${escapeXml(colour)}" stroke="currentColor"/></svg>`;
  const regionCount = (count: number) => `${count} ${count === 1 ? "region" : "regions"}`;
  const keys = byWinner
    ? [...new Set(stage.results.flatMap((r) => (r.winner ? [r.winner] : [])))].map((party) => {
        const record = election.parties[party];
        return `<li>${swatch(record?.colour ?? "#888888")}${escapeXml(record?.shortName ?? party)}: ${regionCount(stage.results.filter((r) => r.winner === party).length)}</li>`;
      })
    : bins.map((bin, i) => {
        const count = stage.results.filter((r) => r.turnout !== undefined && binOf(bins, r.turnout) === bin).length;
        return `<li>${swatch(bin.colour)}${bin.from} to ${i === bins.length - 1 ? "" : "under "}${bin.to}%: ${regionCount(count)}</li>`;
      });
  return [svg, `<ul class="map-key" aria-label="Key: ${what}, ${escapeXml(stage.label.toLowerCase())}">`, ...keys, "</ul>"].join("\n");
}
