/** Helpers shared by the chart renderers: escaping, rounding, labels and the `<svg>` frame. */

import { escapeMarkup as escapeXml } from "../../markup.ts";

/** Safe in text and in quoted attributes alike. */
export { escapeXml };

/** Two decimals at most, so the same input always gives the same bytes. */
export function round2(value: number): number {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? 0 : rounded;
}

export function num(value: number): string {
  return String(round2(value));
}

/** "53.9", "8.59", "54"; "2.0" when published with one decimal; so chart and table agree. */
export function percentFigure(value: number, decimals?: number): string {
  return decimals === undefined ? num(value) : round2(value).toFixed(decimals);
}

export interface FrameOptions {
  titleId: string;
  descId: string;
  title: string;
  description: string;
}

/** Ids end up space-separated in `aria-labelledby`, so they must be single tokens, and distinct. */
function checkIds({ titleId, descId }: FrameOptions): void {
  for (const [name, id] of [["titleId", titleId], ["descId", descId]] as const) {
    if (!/^[A-Za-z][\w:.-]*$/.test(id)) {
      throw new Error(`chart ${name} "${id}" must start with a letter and have no spaces, such as "seats-2023-title"`);
    }
  }
  if (titleId === descId) throw new Error(`chart titleId and descId must differ (both "${titleId}")`);
}

/**
 * The outer `<svg>`: scales through CSS on `class` (no pixel width), named by its own
 * `<title>` and `<desc>`; `fill="currentColor"` gives every text the page's text colour.
 */
export function svgFrame(
  kind: string,
  size: { width: number; height: number },
  align: string,
  options: FrameOptions,
  body: readonly string[],
): string {
  checkIds(options);
  const open =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${num(size.width)} ${num(size.height)}"` +
    ` class="chart chart-${kind}" preserveAspectRatio="${align} meet" role="img"` +
    ` aria-labelledby="${escapeXml(options.titleId)} ${escapeXml(options.descId)}"` +
    ` font-family="system-ui, sans-serif" fill="currentColor">`;
  return [
    open,
    `<title id="${escapeXml(options.titleId)}">${escapeXml(options.title)}</title>`,
    `<desc id="${escapeXml(options.descId)}">${escapeXml(options.description)}</desc>`,
    ...body,
    "</svg>",
  ].join("\n");
}

/** The faint outline every filled shape gets, so a pale or dark party colour still shows against either page background. */
export const OUTLINE = 'stroke="currentColor" stroke-opacity="0.35" stroke-width="1"';
