import { DateTime } from "luxon";
import { inZone, isoDateTime, parseDateTime } from "../dates/dates.ts";
import { didYouMean, listKnown } from "../articles/suggest.ts";

/**
 * Live coverage (docs/live.md): a story with `live: { start, end }` whose body is an
 * introduction followed by entries, each opened by a line such as
 *
 *     ::: 18:15 | Turnout passes 53 % | by tomas-pell | key
 *
 * and written oldest first, so a new entry is added at the end of the file.
 */

/** An entry's opening line starts with this. */
export const ENTRY_MARKER = ":::";
const MARKER_LINE = /^:::(?:\s(.*))?$/;
const TIME_ONLY = /^(\d{1,2}):(\d{2})$/;
const BY = /^by\s+(.+)$/i;

/** A problem in a live story's body, at a line of the file. */
export interface LiveProblem {
  line: number;
  field: string;
  message: string;
}

/** One entry as written: its opening line read, nothing checked against dates or authors yet. */
export interface EntrySource {
  /** The line of its `:::` in the file. */
  line: number;
  time: string;
  title?: string;
  byline: string[];
  key: boolean;
  /** Its Markdown, up to the next entry. */
  body: string;
}

/** A checked entry. */
export interface LiveEntry {
  /** Its permalink anchor, from its time: `update-20230319-1815` (`-2`, `-3` for entries in the same minute). */
  id: string;
  /** ISO 8601 in the site's zone. */
  time: string;
  timestamp: number;
  title?: string;
  byline: string[];
  key: boolean;
  body: string;
  line: number;
}

/**
 * Splits a live story's body into its introduction and entries. `firstLine` is the
 * file line the body starts on, so problems name lines of the file.
 */
export function splitEntries(body: string, firstLine: number): { intro: string; entries: EntrySource[]; problems: LiveProblem[] } {
  const lines = body.split("\n");
  const intro: string[] = [];
  const entries: EntrySource[] = [];
  const problems: LiveProblem[] = [];
  let current: { source: EntrySource; lines: string[] } | undefined;
  const close = () => {
    if (!current) return;
    current.source.body = current.lines.join("\n").trim();
    if (!current.source.body) problems.push({ line: current.source.line, field: "live entry", message: "has no text: write the update on the lines under its ::: line" });
    entries.push(current.source);
  };
  lines.forEach((text, index) => {
    const marker = MARKER_LINE.exec(text.trimEnd());
    if (!marker) {
      (current ? current.lines : intro).push(text);
      return;
    }
    close();
    const line = firstLine + index;
    const read = readMarker(marker[1] ?? "");
    for (const message of read.problems) problems.push({ line, field: "live entry", message });
    current = { source: { line, time: read.time, ...(read.title ? { title: read.title } : {}), byline: read.byline, key: read.key, body: "" }, lines: [] };
  });
  close();
  return { intro: intro.join("\n").trim(), entries, problems };
}

/** `18:15 | Title | by a, b | key`: the time first, then a title, a byline and the key-event flag in any order. */
function readMarker(text: string): { time: string; title?: string; byline: string[]; key: boolean; problems: string[] } {
  const [time = "", ...parts] = text.split("|").map((part) => part.trim());
  const problems: string[] = [];
  if (!time) problems.push('expected a time after ":::", such as "::: 18:15 | Turnout passes 53 %" or "::: 2023-03-20T09:00"');
  let title: string | undefined;
  let byline: string[] = [];
  let key = false;
  for (const part of parts) {
    const by = BY.exec(part);
    if (part.toLowerCase() === "key") key = true;
    else if (by) byline = by[1]!.split(",").map((id) => id.trim()).filter(Boolean);
    else if (!part) problems.push('an empty part between "|": expected a title, "by <author key>" or "key"');
    else if (title !== undefined) problems.push(`two titles ("${title}" and "${part}"): an entry has one; "|" separates the time, the title, "by <author key>" and "key"`);
    else title = part;
  }
  return { time, ...(title !== undefined ? { title } : {}), byline, key, problems };
}

export interface EntryRules {
  /** The story's `date`: a bare time ("18:15") is on its day, in the site's zone. */
  date: DateTime;
  start: DateTime;
  end: DateTime;
  zone: string;
  authors: readonly string[];
}

/** Checks entries' times (readable, oldest first, inside the coverage window) and bylines; gives each its anchor. */
export function checkEntries(sources: readonly EntrySource[], rules: EntryRules): { entries: LiveEntry[]; problems: LiveProblem[] } {
  const problems: LiveProblem[] = [];
  const entries: LiveEntry[] = [];
  const ids = new Map<string, number>();
  let previous: { time: DateTime; source: EntrySource } | undefined;
  const window = `${isoDateTime(rules.start, rules.zone)} to ${isoDateTime(rules.end, rules.zone)}`;
  for (const source of sources) {
    const report = (field: string, message: string) => problems.push({ line: source.line, field, message });
    for (const id of source.byline) {
      if (!rules.authors.includes(id)) report("live entry byline", `unknown author "${id}"${didYouMean(id, rules.authors)}; expected one of: ${listKnown(rules.authors)}`);
    }
    const time = entryTime(source.time, rules);
    if (!time.ok) {
      if (source.time) report("live entry time", time.expected);
      continue;
    }
    const at = time.value;
    const shown = isoDateTime(at, rules.zone);
    if (at < rules.start || at > rules.end) report("live entry time", `${shown} is outside the coverage (live.start to live.end: ${window}); move the entry or widen the coverage`);
    if (previous && at < previous.time) {
      report("live entry time", `${shown} is before the entry above it (${isoDateTime(previous.time, rules.zone)}, line ${previous.source.line}); entries go oldest first, so add new ones at the end`);
    }
    previous = { time: at, source };
    const base = `update-${inZone(at, rules.zone).toFormat("yyyyMMdd-HHmm")}`;
    const seen = (ids.get(base) ?? 0) + 1;
    ids.set(base, seen);
    entries.push({
      id: seen === 1 ? base : `${base}-${seen}`,
      time: shown,
      timestamp: at.toMillis(),
      ...(source.title !== undefined ? { title: source.title } : {}),
      byline: source.byline,
      key: source.key,
      body: source.body,
      line: source.line,
    });
  }
  return { entries, problems };
}

/** "18:15" on the story's day in the site's zone, or a full ISO 8601 date-time. */
function entryTime(text: string, { date, zone }: EntryRules): { ok: true; value: DateTime } | { ok: false; expected: string } {
  const clock = TIME_ONLY.exec(text);
  if (clock) {
    const hour = Number(clock[1]);
    const minute = Number(clock[2]);
    if (hour > 23 || minute > 59) return { ok: false, expected: `"${text}" is not a time of day: expected 00:00 to 23:59` };
    return { ok: true, value: inZone(date, zone).set({ hour, minute, second: 0, millisecond: 0 }) };
  }
  const parsed = parseDateTime(text, zone);
  return parsed.ok ? parsed : { ok: false, expected: `"${text}": expected a time on the story's day such as "18:15", or ${parsed.expected}` };
}

/** Where the coverage stands at `now`. */
export type LiveStatus = "upcoming" | "live" | "ended";

export function liveStatus(start: number, end: number, now: number): LiveStatus {
  return now < start ? "upcoming" : now < end ? "live" : "ended";
}

/** An entry's time as its page shows it: "18:15" on the coverage's first day, "20 March, 12:15" after it. */
export function clockTime(iso: string, start: string, zone: string): string {
  const time = DateTime.fromISO(iso, { zone }).setLocale("en-GB");
  const sameDay = time.hasSame(DateTime.fromISO(start, { zone }), "day");
  return time.toFormat(sameDay ? "HH:mm" : "d MMMM, HH:mm");
}
