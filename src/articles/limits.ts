import type { Problem } from "./front-matter.ts";

/** Past this, search engines cut the headline short: a warning. */
export const HEADLINE_WARNING = 110;
/** Past this, a headline is a mistake (a paragraph pasted in): an error. */
export const HEADLINE_LIMIT = 300;
/** A body this large is a pasted file, not a story: an error (bytes of UTF-8). */
export const BODY_LIMIT = 1_000_000;

export interface LimitReport {
  warnings: Problem[];
  errors: Problem[];
}

/** 1-based line of the first line starting with `prefix`, else 1. */
function lineStarting(text: string, prefix: RegExp): number {
  const match = prefix.exec(text);
  return match ? text.slice(0, match.index).split("\n").length : 1;
}

/** The headline and body of one story file against the limits above. */
export function storyLimits(file: string, text: string, title: string, body: string): LimitReport {
  const report: LimitReport = { warnings: [], errors: [] };
  const length = [...title].length;
  if (length > HEADLINE_WARNING) {
    const line = lineStarting(text, /^title\s*:/m);
    if (length > HEADLINE_LIMIT) report.errors.push({ file, line, field: "title", message: `the headline is ${length} characters; the limit is ${HEADLINE_LIMIT}` });
    else report.warnings.push({ file, line, field: "title", message: `the headline is ${length} characters; search engines show about ${HEADLINE_WARNING}, so keep it under that` });
  }
  const bytes = Buffer.byteLength(body);
  if (bytes > BODY_LIMIT) {
    const at = text.lastIndexOf(body);
    const line = at === -1 ? 1 : text.slice(0, at).split("\n").length;
    report.errors.push({ file, line, field: "(body)", message: `the body is ${bytes.toLocaleString("en")} bytes; the limit is ${BODY_LIMIT.toLocaleString("en")} (1 MB)` });
  }
  return report;
}
