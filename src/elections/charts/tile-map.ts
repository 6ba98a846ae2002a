import { z } from "zod";
import { contrast } from "./colour.ts";
import { escapeXml, num, svgFrame, type FrameOptions } from "./svg.ts";

/** A HexJSON layout (the Open Data Institute's format): one tile per area, in offset coordinates, r growing upwards. */
export const hexLayoutSchema = z.object({
  layout: z.enum(["odd-r", "even-r", "odd-q", "even-q"], { error: 'expected "odd-r", "even-r", "odd-q" or "even-q"' }),
  hexes: z.record(
    z.string().min(1),
    z.object({ q: z.number().int("expected a whole column number"), r: z.number().int("expected a whole row number"), n: z.string().optional() }),
  ),
});

export type HexLayout = z.output<typeof hexLayoutSchema>;

/** One tile's fill and what it says: its code inside, the full text in its tooltip. */
export interface Tile {
  id: string;
  code: string;
  fill: string;
  title: string;
}

/** Centre to corner, in viewBox units. */
const SIZE = 30;
const ROOT3 = Math.sqrt(3);
/** The narrowest the map is drawn (a 320px phone less the page margins): its codes stay 12px there. */
export const NARROWEST_PX = 288;

/** Tile centres in the viewBox, top row first (HexJSON's r grows upwards); odd and even count from the top row and the first column, as d3-hexjson draws them. */
export function hexCentres(layout: HexLayout): Map<string, { x: number; y: number }> {
  const pointy = layout.layout.endsWith("-r");
  const oddShift = layout.layout.startsWith("odd");
  const entries = Object.entries(layout.hexes);
  const maxR = Math.max(...entries.map(([, h]) => h.r));
  const minQ = Math.min(...entries.map(([, h]) => h.q));
  const centres = new Map<string, { x: number; y: number }>();
  for (const [id, { q, r }] of entries) {
    const [column, row] = [q - minQ, maxR - r];
    const shifted = (n: number) => (n % 2 === 1) === oddShift;
    const x = pointy ? ROOT3 * SIZE * (column + (shifted(row) ? 0.5 : 0)) : 1.5 * SIZE * column;
    const y = pointy ? 1.5 * SIZE * row : ROOT3 * SIZE * (row + (shifted(column) ? 0.5 : 0));
    centres.set(id, { x, y });
  }
  return centres;
}

function corners(pointy: boolean, x: number, y: number): string {
  return Array.from({ length: 6 }, (_, i) => {
    const angle = (Math.PI / 180) * (60 * i + (pointy ? 30 : 0));
    return `${num(x + (SIZE - 1) * Math.cos(angle))},${num(y + (SIZE - 1) * Math.sin(angle))}`;
  }).join(" ");
}

/** Black or white, whichever reads better on the fill. */
export function inkOn(fill: string): string {
  return contrast(fill, "#000000") >= contrast(fill, "#ffffff") ? "#000000" : "#ffffff";
}

/**
 * A tile map drawn at build time: every tile outlined in the text colour (pale fills
 * stay visible), its code inside at a size that is 12px or more on a 320px phone.
 * Tiles of the layout with no figures are drawn empty.
 */
export function tileMapSvg(layout: HexLayout, tiles: readonly Tile[], options: FrameOptions): string {
  const pointy = layout.layout.endsWith("-r");
  const centres = hexCentres(layout);
  const xs = [...centres.values()].map((c) => c.x);
  const ys = [...centres.values()].map((c) => c.y);
  const [halfW, halfH] = pointy ? [(ROOT3 * SIZE) / 2, SIZE] : [SIZE, (ROOT3 * SIZE) / 2];
  const width = Math.max(...xs) + 2 * halfW;
  const height = Math.max(...ys) + 2 * halfH;
  const fontSize = Math.ceil((12 * width) / NARROWEST_PX);
  const byId = new Map(tiles.map((tile) => [tile.id, tile]));
  const body = [...centres].map(([id, centre]) => {
    const [x, y] = [centre.x + halfW, centre.y + halfH];
    const tile = byId.get(id);
    const shape = `<polygon points="${corners(pointy, x, y)}" fill="${tile ? escapeXml(tile.fill) : "none"}" stroke="currentColor" stroke-width="1.5"/>`;
    if (!tile) return `<g data-id="${escapeXml(id)}">${shape}</g>`;
    const label = `<text x="${num(x)}" y="${num(y + fontSize * 0.35)}" text-anchor="middle" font-size="${fontSize}" font-weight="600" fill="${inkOn(tile.fill)}">${escapeXml(tile.code)}</text>`;
    return `<g data-id="${escapeXml(id)}"><title>${escapeXml(tile.title)}</title>${shape}${label}</g>`;
  });
  return svgFrame("tile-map", { width, height }, "xMidYMid", options, body);
}

/** A sequential scale of five bins, pale to dark, over round bounds around the figures. */
export const TURNOUT_COLOURS = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"] as const;

export interface Bin {
  from: number;
  to: number;
  colour: string;
}

/** Five equal bins from the tens below the lowest figure to the tens above the highest. */
export function turnoutBins(values: readonly number[]): Bin[] {
  if (values.length === 0) return [];
  const low = Math.floor(Math.min(...values) / 10) * 10;
  const high = Math.max(Math.ceil(Math.max(...values) / 10) * 10, low + 10);
  const step = (high - low) / TURNOUT_COLOURS.length;
  return TURNOUT_COLOURS.map((colour, i) => ({ from: low + i * step, to: low + (i + 1) * step, colour }));
}

/** The bin a figure falls in: from inclusive, to exclusive, the top bin closed. */
export function binOf(bins: readonly Bin[], value: number): Bin | undefined {
  return bins.find((bin, i) => value >= bin.from && (value < bin.to || i === bins.length - 1));
}
