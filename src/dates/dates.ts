import { DateTime } from "luxon";

/** A front-matter date-time, or why it is not one. */
export type ParsedDate = { ok: true; value: DateTime } | { ok: false; expected: string };

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const HAS_OFFSET = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;
const EXAMPLE = "2023-03-19T21:40:00+06:00";

/**
 * Reads an ISO 8601 date-time from front matter. A stated offset is kept as
 * written; without one the time is read in the site's timezone, never as UTC.
 */
export function parseDateTime(input: unknown, zone: string): ParsedDate {
  if (input instanceof Date || typeof input !== "string") {
    return { ok: false, expected: `an ISO 8601 date-time in quotes, such as "${EXAMPLE}"` };
  }
  const text = input.trim();
  if (DATE_ONLY.test(text)) {
    return { ok: false, expected: `a time as well as a date, such as "${text}T09:00:00" or "${EXAMPLE}"` };
  }
  if (!text.includes("T")) {
    return { ok: false, expected: `an ISO 8601 date-time with a "T" between date and time, such as "${EXAMPLE}"` };
  }
  const value = HAS_OFFSET.test(text)
    ? DateTime.fromISO(text, { setZone: true })
    : DateTime.fromISO(text, { zone });
  if (!value.isValid) {
    return {
      ok: false,
      expected: `a real date-time (${value.invalidExplanation ?? value.invalidReason ?? "unreadable"}), such as "${EXAMPLE}"`,
    };
  }
  return { ok: true, value };
}

/** The instant in the publication's timezone. */
export function inZone(date: DateTime, zone: string): DateTime {
  return date.setZone(zone);
}

/** "19 March 2023, 21:40 (Astana time)": what readers see. */
export function readableDate(date: DateTime, zone: string, zoneLabel: string): string {
  return `${inZone(date, zone).setLocale("en-GB").toFormat("d MMMM yyyy, HH:mm")} (${zoneLabel})`;
}

/** "19 March 2023": for lists where the time adds nothing. */
export function readableDay(date: DateTime, zone: string): string {
  return inZone(date, zone).setLocale("en-GB").toFormat("d MMMM yyyy");
}

/** Memoises a formatter of ISO strings: lists show the same dates on many pages. */
export function memoised(format: (iso: string) => string): (iso: string) => string {
  const cache = new Map<string, string>();
  return (iso) => {
    let text = cache.get(iso);
    if (text === undefined) cache.set(iso, (text = format(iso)));
    return text;
  };
}

/** "2023-03-19T21:40:00+06:00": for `<time datetime>`, feeds and JSON-LD, offset kept. */
export function isoDateTime(date: DateTime, zone: string): string {
  return inZone(date, zone).toISO({ suppressMilliseconds: true }) ?? "";
}

/** "2023/03/19": the date part of a story's URL, in the publication's timezone. */
export function urlDatePath(date: DateTime, zone: string): string {
  return inZone(date, zone).toFormat("yyyy/MM/dd");
}

/** Reads back an ISO string this module wrote. */
export function fromIso(iso: string): DateTime {
  return DateTime.fromISO(iso, { setZone: true });
}

/** "19 March 2023" for a calendar date such as polling day, with no time or zone to convert. */
export function readableCalendarDate(isoDate: string): string {
  return DateTime.fromISO(isoDate, { zone: "utc" }).setLocale("en-GB").toFormat("d MMMM yyyy");
}
