import { needsOutline } from "./colour.ts";
import { escapeXml, num, percentFigure } from "./svg.ts";

/** "53.9%", or "53–54%" for a range; with `decimals`, as published ("2.0%"). */
export function shareText(share: number | readonly [number, number], decimals?: number): string {
  const [low, high] = typeof share === "number" ? [share, share] : share;
  return low === high ? `${percentFigure(low, decimals)}%` : `${percentFigure(low, decimals)}–${percentFigure(high, decimals)}%`;
}

/** One party's bar: the share, its published decimals and a note such as its swing. */
export interface ListBar {
  id: string;
  label: string;
  colour: string;
  share: number | readonly [number, number];
  decimals?: number;
  /** Beside the figure, such as "−17.2" or "new". */
  note?: string;
}

export interface BarListOptions {
  /** What a screen reader hears for the whole chart. */
  label: string;
  threshold?: number;
  /** Scale maximum; the highest share rounded up to ten by default. */
  max?: number;
}

/** Every bar is at least this many CSS pixels long, so a 0.1 % bar still shows on a phone. */
export const MIN_BAR_PX = 3;

/**
 * Shares as rows of HTML text and one small SVG bar each. The text is page text, so it
 * keeps its CSS size on a phone (an SVG drawing scales its text down with it); each bar's
 * SVG has no viewBox, so lengths are CSS pixels or percent of the track: the bar is its share
 * in percent, over a bar of MIN_BAR_PX. The threshold is drawn inside each track, never across a label.
 */
export function barListHtml(bars: readonly ListBar[], options: BarListOptions): string {
  if (bars.length === 0) throw new Error("a bar chart needs at least one bar");
  for (const bar of bars) {
    const [low, high] = typeof bar.share === "number" ? [bar.share, bar.share] : bar.share;
    if (!(low >= 0 && high <= 100 && low <= high)) throw new Error(`share of "${bar.id}" must be a percentage from 0 to 100, or a range [low, high], got ${JSON.stringify(bar.share)}`);
  }
  const highest = Math.max(...bars.map((bar) => (typeof bar.share === "number" ? bar.share : bar.share[1])));
  const max = options.max ?? (Math.max(Math.ceil(highest / 10) * 10, options.threshold ?? 0) || 10);
  const x = (share: number) => `${num((100 * share) / max)}%`;
  const rows = bars.map((bar) => {
    const [low, high] = typeof bar.share === "number" ? [bar.share, bar.share] : bar.share;
    const outline = needsOutline(bar.colour) ? ` stroke="currentColor" stroke-width="1.5"` : ` stroke="currentColor" stroke-opacity="0.35" stroke-width="1"`;
    const fill = escapeXml(bar.colour);
    const solid = low > 0 ? `<rect x="0" y="3" width="${MIN_BAR_PX}" height="14" fill="${fill}"${outline}/><rect x="0" y="3" width="${x(low)}" height="14" fill="${fill}"${outline}/>` : "";
    const pale = high > low ? `<rect x="${x(low)}" y="3" width="${x(high - low)}" height="14" fill="${fill}" fill-opacity="0.35" stroke="currentColor" stroke-dasharray="3 2"/>` : "";
    const threshold = options.threshold === undefined ? "" : `<line x1="${x(options.threshold)}" y1="0" x2="${x(options.threshold)}" y2="20" stroke="currentColor" stroke-width="1.5" stroke-dasharray="3 2"/>`;
    return [
      `<div class="bar-list__row" data-id="${escapeXml(bar.id)}">`,
      `<span class="bar-list__label">${escapeXml(bar.label)}</span>`,
      `<svg class="bar-list__track" aria-hidden="true" focusable="false">${solid}${pale}${threshold}</svg>`,
      `<span class="bar-list__value">${shareText(bar.share, bar.decimals)}${bar.note ? ` <span class="bar-list__note">${escapeXml(bar.note)}</span>` : ""}</span>`,
      "</div>",
    ].join("");
  });
  const key = options.threshold === undefined ? [] : [`<p class="bar-list__key"><svg class="bar-list__key-line" viewBox="0 0 10 20" aria-hidden="true" focusable="false"><line x1="5" y1="0" x2="5" y2="20" stroke="currentColor" stroke-width="1.5" stroke-dasharray="3 2"/></svg>Threshold for seats: ${shareText(options.threshold)}</p>`];
  return [`<div class="bar-list" role="img" aria-label="${escapeXml(options.label)}">`, ...key, ...rows, "</div>"].join("\n");
}
