import { needsOutline } from "./colour.ts";
import { escapeXml, num, OUTLINE, round2, svgFrame, type FrameOptions } from "./svg.ts";

/** One party (or bloc) in the chamber, in the order it is drawn from the left. */
export interface SeatGroup {
  id: string;
  label: string;
  colour: string;
  seats: number;
}

export interface Seat {
  x: number;
  y: number;
  radius: number;
  /** 0 is the innermost row. */
  row: number;
}

export interface HemicycleOptions extends FrameOptions {
  majority: number;
}

/** Where the arc sits in the viewBox; `hemicycleLayout` returns coordinates in this frame. */
export const HEMICYCLE_FRAME = { width: 480, centreX: 240, centreY: 260, outerRadius: 220 } as const;

/** Rows fill the band from this fraction of the outer radius outwards, leaving room for the seat count. */
const INNER = 0.4;
/** Seat diameter as a share of the spacing between rows, so neighbours never touch. */
const FILL = 0.8;

interface Row {
  radius: number;
  seats: number;
}

/** Seat centres for `total` seats in a half-circle, ordered by angle from left to right (so consecutive seats of a party form a wedge). */
export function hemicycleLayout(total: number): Seat[] {
  checkCount("total", total, 1);
  const { rows, spacing } = fitRows(total);
  const seatRadius = (FILL * spacing) / 2;
  const placed = rows.flatMap((row, index) =>
    rowAngles(row, seatRadius).map((angle) => ({ angle, row: index, radius: row.radius })),
  );
  // Rounded keys make seats on the same ray tie exactly, whatever the float noise.
  const key = (angle: number) => Math.round(angle * 1e9);
  placed.sort((a, b) => key(b.angle) - key(a.angle) || a.row - b.row);
  const { centreX, centreY, outerRadius } = HEMICYCLE_FRAME;
  return placed.map(({ angle, row, radius }) => ({
    x: round2(centreX + radius * outerRadius * Math.cos(angle)),
    y: round2(centreY - radius * outerRadius * Math.sin(angle)),
    radius: round2(seatRadius * outerRadius),
    row,
  }));
}

/** The fewest rows whose seats, shared out in proportion to each row's radius, all fit. */
function fitRows(total: number): { rows: Row[]; spacing: number } {
  for (let count = 1; ; count++) {
    const spacing = (1 - INNER) / count;
    const radii = Array.from({ length: count }, (_, index) => INNER + spacing * (index + 0.5));
    const seats = shareByRadius(total, radii);
    const rows = radii.map((radius, index) => ({ radius, seats: seats[index] ?? 0 }));
    if (rows.every((row) => row.seats <= rowCapacity(row.radius, spacing))) return { rows, spacing };
  }
}

/** Largest remainder; ties go to the outer row, so the result never depends on sort stability. */
function shareByRadius(total: number, radii: readonly number[]): number[] {
  const sum = radii.reduce((a, b) => a + b, 0);
  const exact = radii.map((radius) => (total * radius) / sum);
  const seats = exact.map(Math.floor);
  const left = total - seats.reduce((a, b) => a + b, 0);
  const order = exact.map((value, index) => ({ index, rest: value - Math.floor(value) }));
  order.sort((a, b) => b.rest - a.rest || b.index - a.index);
  for (const { index } of order.slice(0, left)) seats[index] = (seats[index] ?? 0) + 1;
  return seats;
}

/** Seats that fit on a row with centres at least one row spacing apart, none dipping below the baseline. */
function rowCapacity(radius: number, spacing: number): number {
  const margin = Math.asin((FILL * spacing) / 2 / radius);
  const step = 2 * Math.asin(spacing / (2 * radius));
  return Math.floor((Math.PI - 2 * margin) / step + 1e-9) + 1;
}

/** Angles (radians, 0 on the right) spread evenly across the row; the end seats rest on the baseline. */
function rowAngles(row: Row, seatRadius: number): number[] {
  if (row.seats === 1) return [Math.PI / 2];
  const margin = Math.asin(seatRadius / row.radius);
  const step = (Math.PI - 2 * margin) / (row.seats - 1);
  return Array.from({ length: row.seats }, (_, index) => margin + index * step);
}

/** Parliament chart: groups fill seats from the left; seats not yet declared are drawn empty. */
export function hemicycleSvg(groups: readonly SeatGroup[], total: number, options: HemicycleOptions): string {
  checkCount("total", total, 1);
  for (const group of groups) checkCount(`seats of "${group.id}"`, group.seats, 0);
  const declared = groups.reduce((sum, group) => sum + group.seats, 0);
  if (declared > total) throw new Error(`seat groups add up to ${declared}, more than the ${total} seats in the chamber`);
  checkCount("majority", options.majority, 1);
  if (options.majority > total) throw new Error(`majority ${options.majority} is more than the ${total} seats in the chamber`);

  const seats = hemicycleLayout(total);
  // No text in the drawing: a phone would shrink it with the picture. The page writes the key, the seat count and the majority.
  const body = [majorityMarker(), `<g ${OUTLINE}>`, ...seatGroups(groups, seats), ...undeclaredSeats(seats.slice(declared)), "</g>"];
  return svgFrame("hemicycle", { width: HEMICYCLE_FRAME.width, height: HEMICYCLE_FRAME.centreY + 8 }, "xMidYMid", options, body);
}

function checkCount(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be a whole number of at least ${min}, got ${String(value)}`);
  }
}

function seatCount(seats: number): string {
  return seats === 1 ? "1 seat" : `${seats} seats`;
}

/** A tick above the middle seat: the side holding it holds half the chamber. */
function majorityMarker(): string {
  const { centreX, centreY, outerRadius } = HEMICYCLE_FRAME;
  const top = centreY - outerRadius;
  return `<line x1="${num(centreX)}" y1="${num(top - 14)}" x2="${num(centreX)}" y2="${num(top - 2)}" stroke="currentColor" stroke-width="2"/>`;
}

function circle(seat: Seat): string {
  return `<circle cx="${num(seat.x)}" cy="${num(seat.y)}" r="${num(seat.radius)}"/>`;
}

/** One `<g>` per group: its seats are consecutive in angle order, so they form a wedge. */
function seatGroups(groups: readonly SeatGroup[], seats: readonly Seat[]): string[] {
  const out: string[] = [];
  let next = 0;
  for (const group of groups) {
    const own = seats.slice(next, next + group.seats);
    next += group.seats;
    if (own.length === 0) continue;
    out.push(
      `<g fill="${escapeXml(group.colour)}" data-id="${escapeXml(group.id)}"${needsOutline(group.colour) ? ' stroke-opacity="1"' : ""}>`,
      `<title>${escapeXml(group.label)}: ${seatCount(group.seats)}</title>`,
      ...own.map(circle),
      "</g>",
    );
  }
  return out;
}

function undeclaredSeats(seats: readonly Seat[]): string[] {
  if (seats.length === 0) return [];
  return [
    `<g fill="none" stroke-opacity="0.7" data-id="undeclared">`,
    `<title>Not yet declared: ${seatCount(seats.length)}</title>`,
    ...seats.map(circle),
    "</g>",
  ];
}
