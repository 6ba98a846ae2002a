/** What `npm run new` writes until the editor does: a production build refuses a story that still holds either. */
export const SUMMARY_PLACEHOLDER = "TODO: one-sentence standfirst";
export const BODY_PLACEHOLDER = "TODO: write the story here. Remove `draft: true` above when it is ready to publish.\n";

/** What an editor leaves for later: `npm run new`'s placeholders, and the newsroom's own markers ("TK"). */
export interface Unfinished {
  line: number;
  /** The front-matter field the line belongs to, or "body". */
  field: string;
  found: string;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** One pattern for a site's markers, made once a build: each marker as a whole word, case as typed. */
export function unfinishedPattern(markers: readonly string[]): RegExp {
  const words = markers.filter((marker) => marker.trim() !== "").map((marker) => `(?<![\\p{L}\\p{N}_])${escape(marker)}(?![\\p{L}\\p{N}_])`);
  const placeholders = [SUMMARY_PLACEHOLDER, BODY_PLACEHOLDER.split("\n")[0]!].map(escape);
  return new RegExp([...placeholders, ...words].join("|"), "u");
}

/**
 * The first unfinished copy in a story file, or undefined. `bodyLines` is the
 * number of lines of the body, so that a line before it is named by its field.
 */
export function findUnfinished(text: string, bodyLines: number, pattern: RegExp): Unfinished | undefined {
  if (!pattern.test(text)) return undefined;
  const lines = text.split("\n");
  const bodyStart = lines.length - bodyLines;
  let field = "(front matter)";
  for (const [index, line] of lines.entries()) {
    const key = index < bodyStart ? /^([A-Za-z_]+):/.exec(line)?.[1] : undefined;
    if (key) field = key;
    const match = pattern.exec(line);
    if (match) return { line: index + 1, field: index < bodyStart ? field : "body", found: match[0] };
  }
  return undefined;
}
