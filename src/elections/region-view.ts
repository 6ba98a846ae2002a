import { binOf, escapeXml, tileMapSvg, turnoutBins, type Tile } from "./charts/index.ts";
import { formatPercent } from "./figures.ts";
import type { ElectionRecord } from "./load.ts";

/** The region table: a turnout column per set of figures (turnout through the night), and the winner when known. */
export function regionTable(election: ElectionRecord): { headings: string[]; rows: { name: string; code: string; cells: string[] }[] } {
  const regions = election.regions;
  if (!regions) return { headings: [], rows: [] };
  const withWinner = regions.stages.some((stage) => stage.results.some((r) => r.winner));
  const latest = regions.stages.at(-1);
  const headings = [...regions.stages.map((stage) => stage.label), ...(withWinner ? ["Winner"] : [])];
  const rows = Object.entries(regions.regions).map(([id, region]) => ({
    name: region.name,
    code: region.code,
    cells: [
      ...regions.stages.map((stage) => {
        const result = stage.results.find((r) => r.region === id);
        return result?.turnout === undefined ? "–" : formatPercent(result.turnout, result.turnoutDecimals).replace(" percent", "%");
      }),
      ...(withWinner ? [election.parties[latest?.results.find((r) => r.region === id)?.winner ?? ""]?.shortName ?? "–"] : []),
    ],
  }));
  return { headings, rows };
}

/**
 * The tile map of the newest set: coloured by winner when the set names winners, else by
 * turnout in five bins; the key and its counts are page text beside the drawing.
 */
export function regionMap(election: ElectionRecord): string {
  const regions = election.regions;
  const stage = regions?.stages.at(-1);
  if (!regions || !stage) return "";
  const byWinner = stage.results.some((r) => r.winner);
  const bins = turnoutBins(stage.results.flatMap((r) => (r.turnout === undefined ? [] : [r.turnout])));
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
    titleId: `map-title-${election.id}`,
    descId: `map-desc-${election.id}`,
    title: `Map of ${election.country} by ${what}: ${stage.label.toLowerCase()}`,
    description: `Each region is one tile, placed roughly where it lies. The table below gives every region's figures.`,
  });
  const swatch = (colour: string) => `<svg class="swatch" viewBox="0 0 12 12" aria-hidden="true" focusable="false"><rect x="0.5" y="0.5" width="11" height="11" fill="${escapeXml(colour)}" stroke="currentColor"/></svg>`;
  const keys = byWinner
    ? [...new Set(stage.results.flatMap((r) => (r.winner ? [r.winner] : [])))].map((id) => {
        const party = election.parties[id];
        const count = stage.results.filter((r) => r.winner === id).length;
        return `<li>${swatch(party?.colour ?? "#888888")}${escapeXml(party?.shortName ?? id)}: ${count} ${count === 1 ? "region" : "regions"}</li>`;
      })
    : bins.map((bin, i) => {
        const count = stage.results.filter((r) => r.turnout !== undefined && binOf(bins, r.turnout) === bin).length;
        return `<li>${swatch(bin.colour)}${bin.from} to ${i === bins.length - 1 ? "" : "under "}${bin.to}%: ${count} ${count === 1 ? "region" : "regions"}</li>`;
      });
  return [svg, `<ul class="map-key" aria-label="Key: ${what}">`, ...keys, "</ul>"].join("\n");
}
