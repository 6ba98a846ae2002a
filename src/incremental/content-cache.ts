import { readFileSync, writeFileSync } from "node:fs";
import { DateTime } from "luxon";
import type { ContentCache } from "../articles/content.ts";
import { readFrontMatter } from "../articles/front-matter.ts";
import type { CheckedFile } from "../articles/load.ts";
import type { ArticleFrontMatter } from "../articles/schema.ts";

/**
 * Checked story files kept between production builds, so an incremental build parses
 * and validates only the files that changed (at 10,000 stories, reading and checking
 * every file took about 3 s of Eleventy's process). An entry is used only when its
 * file's content hash is the one the build computed now; anything unreadable is no cache.
 */

/** How the build tells Eleventy's process where the cache is: a JSON file named by this variable. */
export const CONTENT_CACHE = "BROADSHEET_CONTENT_CACHE";

export interface ContentCacheControl {
  /** The cache the previous build wrote; only an incremental build reads one. */
  previous?: string;
  /** Where this build writes its cache. */
  output: string;
  /** Story files: project-relative path to content hash, as the build computed them before Eleventy ran. */
  hashes: Record<string, string>;
}

const FORMAT = 1;

/** A checked file as JSON: dates as epoch milliseconds, the body as an offset into the text when it is its end. */
interface StoredEntry {
  hash: string;
  text: string;
  fields: Omit<ArticleFrontMatter, "date" | "updated" | "corrections"> & { date: number; updated?: number; corrections: { date: number; text: string }[] };
  body: string | number;
  tags: Extract<CheckedFile, { fields: unknown }>["tags"];
  dates: Extract<CheckedFile, { fields: unknown }>["dates"];
}

interface StoredCache {
  format: typeof FORMAT;
  siteData: string;
  files: Record<string, StoredEntry>;
}

/** `./src/content/articles/x.md` (Eleventy's input path) to `src/content/articles/x.md` (the build's hash keys). */
const projectPath = (inputPath: string) => inputPath.replace(/^\.\//, "");

export function readContentCacheControl(file: string): ContentCacheControl {
  return JSON.parse(readFileSync(file, "utf8")) as ContentCacheControl;
}

/**
 * Fills `cache` with the stored entries whose files are unchanged. Returns the input
 * paths it restored; an unreadable, other-format or hand-edited cache restores none.
 */
export function restoreContentCache(cache: ContentCache, control: ContentCacheControl): Set<string> {
  const restored = new Set<string>();
  if (!control.previous) return restored;
  let stored: Partial<StoredCache> | null;
  try {
    stored = JSON.parse(readFileSync(control.previous, "utf8")) as Partial<StoredCache> | null;
  } catch {
    return restored;
  }
  if (stored?.format !== FORMAT || typeof stored.siteData !== "string" || typeof stored.files !== "object" || stored.files === null) return restored;
  cache.siteData = stored.siteData;
  for (const [inputPath, entry] of Object.entries(stored.files)) {
    if (!entry || entry.hash !== control.hashes[projectPath(inputPath)] || typeof entry.text !== "string") continue;
    const checked = rehydrate(entry);
    if (!checked) continue;
    cache.files.set(inputPath, { text: entry.text, checked });
    restored.add(inputPath);
  }
  return restored;
}

/** Writes the checked story files of `cache` that have a content hash in `control`. */
export function saveContentCache(cache: ContentCache, control: ContentCacheControl): void {
  const files: Record<string, StoredEntry> = {};
  for (const [inputPath, { text, checked }] of cache.files) {
    const hash = control.hashes[projectPath(inputPath)];
    if (!hash || !("fields" in checked)) continue;
    const { fields, body, tags, dates } = checked;
    const { date, updated, corrections, ...rest } = fields;
    files[inputPath] = {
      hash,
      text,
      fields: { ...rest, date: date.toMillis(), ...(updated ? { updated: updated.toMillis() } : {}), corrections: corrections.map((c) => ({ date: c.date.toMillis(), text: c.text })) },
      body: text.endsWith(body) ? text.length - body.length : body,
      tags,
      dates,
    };
  }
  const stored: StoredCache = { format: FORMAT, siteData: cache.siteData ?? "", files };
  writeFileSync(control.output, JSON.stringify(stored));
}

/** Only instants are compared after checking (the zone's dates are in `dates`), so UTC is enough. */
const instant = (ms: number) => DateTime.fromMillis(ms, { zone: "utc" });

function rehydrate(entry: StoredEntry): CheckedFile | undefined {
  if (typeof entry.fields?.date !== "number" || !Array.isArray(entry.fields.corrections)) return undefined;
  const { date, updated, corrections, ...rest } = entry.fields;
  const body = typeof entry.body === "number" ? entry.text.slice(entry.body) : entry.body;
  if (typeof body !== "string") return undefined;
  const text = entry.text;
  return {
    fields: { ...rest, date: instant(date), ...(updated !== undefined ? { updated: instant(updated) } : {}), corrections: corrections.map((c) => ({ date: instant(c.date), text: c.text })) },
    body,
    // Lines are needed only for a problem between files: the front matter is parsed again then.
    lineOf: (path) => readFrontMatter(text).lineOf(path),
    tags: entry.tags,
    dates: entry.dates,
  };
}
