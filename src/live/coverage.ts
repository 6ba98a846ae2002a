import { liveStatus, type LiveEntry, type LiveProblem, type LiveStatus } from "./entries.ts";

/** A live story's body, checked against its own dates and the site's authors (cached with the file's text). */
export interface CheckedLive {
  /** ISO 8601 in the site's zone. */
  start: string;
  end: string;
  startMs: number;
  endMs: number;
  /** The Markdown before the first entry. */
  intro: string;
  /** In file order: oldest first. */
  entries: LiveEntry[];
}

/** A live story as pages, feeds and structured data see it. */
export interface LiveCoverage {
  start: string;
  end: string;
  status: LiveStatus;
  intro: string;
  /** Newest first: the entries readers may see in this build. */
  entries: (LiveEntry & { scheduled?: true })[];
}

/**
 * The coverage at `now`: its status, and the entries readers see. An entry timed after
 * `now` is an error in a production build (it would be published early); a preview
 * shows it marked as scheduled.
 */
export function coverageAt(checked: CheckedLive, now: number, preview: boolean): { coverage: LiveCoverage; problems: LiveProblem[] } {
  const problems: LiveProblem[] = [];
  const entries: LiveCoverage["entries"] = [];
  for (const entry of checked.entries) {
    if (entry.timestamp <= now) entries.push(entry);
    else if (preview) entries.push({ ...entry, scheduled: true });
    else problems.push({ line: entry.line, field: "live entry time", message: `${entry.time} is after now: an entry is published when it is written, so give it the time it goes out (a preview or a draft may show it early)` });
  }
  return { coverage: { start: checked.start, end: checked.end, status: liveStatus(checked.startMs, checked.endMs, now), intro: checked.intro, entries: entries.reverse() }, problems };
}

/** The newest entry readers see, not one scheduled: the story's `dateModified`. */
export function newestEntryTime(coverage: LiveCoverage): string | undefined {
  return coverage.entries.find((entry) => !entry.scheduled)?.time;
}
