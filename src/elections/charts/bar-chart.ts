import { escapeXml, percentFigure, num, OUTLINE, shortLabel, svgFrame, type FrameOptions } from "./svg.ts";

/** One party's share of the vote, in percent: a figure, or [low, high] from an exit poll. */
export interface Bar {
  id: string;
  label: string;
  colour: string;
  share: number | readonly [number, number];
}

export interface BarChartOptions extends FrameOptions {
  /** Percent a list needs to win seats, drawn as a dashed line. */
  threshold?: number;
}

/** Horizontal layout in viewBox units; the height grows with the number of bars. */
export const BAR_FRAME = {
  width: 640,
  /** Labels end here, right-aligned against the bars. */
  labelRight: 172,
  plotLeft: 180,
  /** Room right of the longest bar for "53.9–54.2%". */
  plotWidth: 360,
  rowHeight: 32,
  barHeight: 22,
} as const;

/** Matches body text when the chart fills the 40rem column at 1:1. */
const FONT_SIZE = 16;

/** Vote shares as horizontal bars, in the order given, on a scale from 0 to a round figure. */
export function barChartSvg(bars: readonly Bar[], options: BarChartOptions): string {
  if (bars.length === 0) throw new Error("a bar chart needs at least one bar");
  for (const bar of bars) checkShare(bar);
  const { threshold } = options;
  if (threshold !== undefined) checkPercent("threshold", threshold);

  const max = scaleMax(bars, threshold);
  const x = (share: number) => BAR_FRAME.plotLeft + (share / max) * BAR_FRAME.plotWidth;
  const top = threshold === undefined ? 8 : 32;
  const bottom = top + bars.length * BAR_FRAME.rowHeight;
  const body = [
    `<line x1="${num(BAR_FRAME.plotLeft)}" y1="${num(top)}" x2="${num(BAR_FRAME.plotLeft)}" y2="${num(bottom)}" stroke="currentColor" stroke-opacity="0.5"/>`,
    ...bars.map((bar, index) => barRow(bar, top + index * BAR_FRAME.rowHeight, x)),
    ...(threshold === undefined ? [] : thresholdLine(threshold, x(threshold), top, bottom)),
  ];
  return svgFrame("bars", { width: BAR_FRAME.width, height: bottom + 8 }, "xMinYMin", options, body);
}

/** The highest share rounded up to a multiple of 10, or the threshold if that is higher. */
export function scaleMax(bars: readonly Bar[], threshold = 0): number {
  const highest = Math.max(...bars.map((bar) => range(bar.share)[1]));
  return Math.max(Math.ceil(highest / 10) * 10, threshold) || 10;
}

function range(share: Bar["share"]): readonly [number, number] {
  return typeof share === "number" ? [share, share] : share;
}

function checkPercent(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0 || value > 100) {
    throw new Error(`${name} must be a percentage from 0 to 100, got ${String(value)}`);
  }
}

function checkShare(bar: Bar): void {
  const [low, high] = range(bar.share);
  checkPercent(`share of "${bar.id}"`, low);
  checkPercent(`share of "${bar.id}"`, high);
  if (low > high) throw new Error(`share of "${bar.id}" is a range [low, high], got [${low}, ${high}]`);
}

/** "53.9%", or "53–54%" for a range; with `decimals`, as published ("2.0%"). */
export function shareText(share: Bar["share"], decimals?: number): string {
  const [low, high] = range(share);
  return low === high ? `${percentFigure(low, decimals)}%` : `${percentFigure(low, decimals)}–${percentFigure(high, decimals)}%`;
}

/** Label, solid bar to the low figure, paler dashed extension to the high one, then the figure. */
function barRow(bar: Bar, rowTop: number, x: (share: number) => number): string {
  const [low, high] = range(bar.share);
  const y = rowTop + (BAR_FRAME.rowHeight - BAR_FRAME.barHeight) / 2;
  const baseline = y + BAR_FRAME.barHeight / 2 + FONT_SIZE * 0.35;
  const colour = escapeXml(bar.colour);
  const rect = (from: number, to: number, extra: string) =>
    `<rect x="${num(x(from))}" y="${num(y)}" width="${num(x(to) - x(from))}" height="${BAR_FRAME.barHeight}" fill="${colour}"${extra}/>`;
  return [
    `<g data-id="${escapeXml(bar.id)}">`,
    `<title>${escapeXml(bar.label)}: ${shareText(bar.share)}</title>`,
    `<text x="${num(BAR_FRAME.labelRight)}" y="${num(baseline)}" text-anchor="end" font-size="${FONT_SIZE}">${escapeXml(shortLabel(bar.label))}</text>`,
    rect(0, low, ` ${OUTLINE}`),
    ...(high > low ? [rect(low, high, ` fill-opacity="0.35" stroke="currentColor" stroke-opacity="0.6" stroke-width="1" stroke-dasharray="3 2"`)] : []),
    `<text x="${num(x(high) + 6)}" y="${num(baseline)}" font-size="${FONT_SIZE}">${shareText(bar.share)}</text>`,
    "</g>",
  ].join("\n");
}

function thresholdLine(threshold: number, x: number, top: number, bottom: number): string[] {
  return [
    `<line x1="${num(x)}" y1="${num(top - 6)}" x2="${num(x)}" y2="${num(bottom)}" stroke="currentColor" stroke-width="1.5" stroke-dasharray="4 3"/>`,
    `<text x="${num(x)}" y="${num(top - 11)}" text-anchor="middle" font-size="13">Threshold ${percentFigure(threshold)}%</text>`,
  ];
}
