import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
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
 * One file per folder of stories (a year, usually): a build rewrites only the folders it changed.
 */

/** How the build tells Eleventy's process where the cache is: a JSON file named by this variable. */
export const CONTENT_CACHE = "BROADSHEET_CONTENT_CACHE";

export interface ContentCacheControl {
  /** The cache folder earlier builds wrote; only an incremental build reads it. */
  previous?: string;
  /** The folder this build writes the files of the changed folders into. */
  output: string;
  /** Story files: project-relative path to content hash, as the build computed them before Eleventy ran. */
  hashes: Record<string, string>;
}

const FORMAT = 2;

/** A checked file as JSON: dates as epoch milliseconds, the body as an offset into the text when it is its end. */
interface StoredEntry {
  hash: string;
  text: string;
  /** The front matter as checked, each date-time as `{ "instant": ms }`. */
  fields: Record<string, unknown>;
  body: string | number;
  tags: Extract<CheckedFile, { fields: unknown }>["tags"];
  dates: Extract<CheckedFile, { fields: unknown }>["dates"];
  live?: Extract<CheckedFile, { fields: unknown }>["live"];
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

/** What was restored, by folder: a folder whose entries are all still these need not be written again. */
export type Restored = Map<string, Map<string, CheckedFile>>;

/** The folder of stories a file is in (`2023`), or "" for one at the top. */
function folderOf(inputPath: string): string {
  const parts = projectPath(inputPath).split("/");
  const top = parts.indexOf("articles");
  return top >= 0 && parts.length > top + 2 ? parts[top + 1]! : "";
}

const shardFile = (folder: string) => `stories-${folder || "top"}.json`;

/**
 * Fills `cache` with the stored entries whose files are unchanged. An unreadable,
 * other-format or hand-edited file restores nothing; files written for different
 * site data (a build stopped while saving) restore nothing at all.
 */
export function restoreContentCache(cache: ContentCache, control: ContentCacheControl): Restored {
  const restored: Restored = new Map();
  if (!control.previous) return restored;
  const shards: StoredCache[] = [];
  let names;
  try {
    names = readdirSync(control.previous, { withFileTypes: true });
  } catch {
    return restored;
  }
  for (const name of names.filter((entry) => entry.isFile() && entry.name.endsWith(".json"))) {
    try {
      const stored = JSON.parse(readFileSync(path.join(control.previous, name.name), "utf8")) as Partial<StoredCache> | null;
      if (stored?.format === FORMAT && typeof stored.siteData === "string" && typeof stored.files === "object" && stored.files !== null) shards.push(stored as StoredCache);
    } catch {
      // Unreadable: its stories are checked again.
    }
  }
  if (shards.length === 0 || shards.some((shard) => shard.siteData !== shards[0]!.siteData)) return restored;
  cache.siteData = shards[0]!.siteData;
  for (const shard of shards) {
    for (const [inputPath, entry] of Object.entries(shard.files)) {
      if (!entry || entry.hash !== control.hashes[projectPath(inputPath)] || typeof entry.text !== "string") continue;
      const checked = rehydrate(entry);
      if (!checked) continue;
      cache.files.set(inputPath, { text: entry.text, checked });
      const folder = folderOf(inputPath);
      (restored.get(folder) ?? restored.set(folder, new Map()).get(folder)!).set(inputPath, checked);
    }
  }
  return restored;
}

/** Writes the folders of `cache` whose checked story files differ from those `restored` (with a content hash in `control`). */
export function saveContentCache(cache: ContentCache, control: ContentCacheControl, restored: Restored = new Map()): void {
  const byFolder = new Map<string, Record<string, StoredEntry>>();
  const unchanged = new Set(restored.keys());
  for (const [inputPath, { text, checked }] of cache.files) {
    const folder = folderOf(inputPath);
    const hash = control.hashes[projectPath(inputPath)];
    if (!hash || !("fields" in checked)) continue;
    if (restored.get(folder)?.get(inputPath) !== checked) unchanged.delete(folder);
    const { fields, body, tags, dates, live } = checked;
    const files = byFolder.get(folder) ?? byFolder.set(folder, {}).get(folder)!;
    files[inputPath] = {
      hash,
      text,
      fields: stored(fields) as Record<string, unknown>,
      body: text.endsWith(body) ? text.length - body.length : body,
      tags,
      dates,
      ...(live ? { live } : {}),
    };
  }
  mkdirSync(control.output, { recursive: true });
  // A folder now empty (its stories removed) is written empty.
  for (const folder of restored.keys()) if (!byFolder.has(folder)) byFolder.set(folder, {});
  for (const [folder, files] of byFolder) {
    if (unchanged.has(folder) && Object.keys(files).length === restored.get(folder)!.size) continue;
    const stored: StoredCache = { format: FORMAT, siteData: cache.siteData ?? "", files };
    writeFileSync(path.join(control.output, shardFile(folder)), JSON.stringify(stored));
  }
}

/** Only instants are compared after checking (the zone's dates are in `dates`), so UTC is enough. */
const instant = (ms: number) => DateTime.fromMillis(ms, { zone: "utc" });

const isInstant = (value: unknown): value is { instant: number } => typeof value === "object" && value !== null && typeof (value as { instant?: unknown }).instant === "number";

/** Front matter as JSON: every date-time (date, updated, corrections, live coverage...) as its instant. */
function stored(value: unknown): unknown {
  if (DateTime.isDateTime(value)) return { instant: value.toMillis() };
  if (Array.isArray(value)) return value.map(stored);
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, stored(inner)]));
  return value;
}

function restored(value: unknown): unknown {
  if (isInstant(value)) return instant(value.instant);
  if (Array.isArray(value)) return value.map(restored);
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, restored(inner)]));
  return value;
}

function rehydrate(entry: StoredEntry): CheckedFile | undefined {
  if (typeof entry.fields !== "object" || entry.fields === null || !isInstant(entry.fields["date"])) return undefined;
  const body = typeof entry.body === "number" ? entry.text.slice(entry.body) : entry.body;
  if (typeof body !== "string") return undefined;
  const text = entry.text;
  return {
    fields: restored(entry.fields) as ArticleFrontMatter,
    body,
    // Lines are needed only for a problem between files: the front matter is parsed again then.
    lineOf: (path) => readFrontMatter(text).lineOf(path),
    tags: entry.tags,
    dates: entry.dates,
    ...(entry.live ? { live: entry.live } : {}),
  };
}
