import { access } from "node:fs/promises";
import path from "node:path";
import { DateTime } from "luxon";
import { withChanges } from "../elections/change.ts";
import { releaseStages } from "../elections/release.ts";
import type { ElectionRecord } from "../elections/record.ts";
import { loadResults } from "../elections/results.ts";
import type { Problem } from "./front-matter.ts";
import { storyLimits } from "./limits.ts";
import { loadArticles, readArticleSources, toInputPath, type ArticleRecord, type ArticleSource, type CheckedFile } from "./load.ts";
import { normaliseText } from "../sources/text.ts";
import { checkDataFolder } from "../sources/data-folder.ts";
import { FILES as SITE_DATA_FILES, loadSiteData, type SiteData } from "./site-data.ts";
import { NO_CURATION, type Curation } from "../curation/frontpage.ts";
import { FRONTPAGE_FILE, loadCuration } from "../curation/load.ts";

export interface ContentOptions {
  /** Eleventy's input folder; articles are in its `articles/`. */
  inputDir: string;
  dataDir: string;
  publicDir: string;
  /** "Now" for scheduling; BROADSHEET_NOW pins it when not given. */
  now?: DateTime;
  /** Articles that are not files (Eleventy's virtual templates). */
  extraSources?: readonly ArticleSource[];
  /** Drafts and scheduled stories are shown: unfinished copy and stages not yet due are allowed. */
  preview?: boolean;
  /** Kept between rebuilds (the dev server): files whose text did not change are not parsed again. */
  cache?: ContentCache;
  /** With `cache`: the files changed since the last load (from a file watcher); other story files are not read again. */
  changedFiles?: readonly string[];
}

/** Checked files, valid while the site data they were checked against stays the same. */
export interface ContentCache {
  siteData?: string;
  files: Map<string, { text: string; checked: CheckedFile }>;
}

export type Content =
  | { ok: true; data: SiteData; elections: Record<string, ElectionRecord>; articles: ArticleRecord[]; curation: Curation; now: DateTime; warnings: Problem[] }
  | { ok: false; problems: Problem[] };

/** "Now" for this run: BROADSHEET_NOW when set (reproducible builds and tests), else the clock. */
export function buildTime(pinned = process.env.BROADSHEET_NOW): DateTime {
  if (!pinned) return DateTime.now();
  const now = DateTime.fromISO(pinned, { setZone: true });
  if (!now.isValid) throw new Error(`BROADSHEET_NOW: expected an ISO 8601 date-time such as "2023-03-19T22:00:00+06:00", got "${pinned}"`);
  return now;
}

/**
 * Reads and checks everything editors touch (site data, election files,
 * articles): the one validation path for the build and for `npm run check`.
 */
export async function loadContent(options: ContentOptions): Promise<Content> {
  const [site, results, others] = await Promise.all([
    loadSiteData(options.dataDir),
    loadResults(options.dataDir),
    checkDataFolder(options.dataDir, new Set([...Object.keys(SITE_DATA_FILES).map((name) => `${name}.json`), FRONTPAGE_FILE])),
  ]);
  if (!site.data || results.problems.length > 0 || others.length > 0) return { ok: false, problems: [...site.problems, ...results.problems, ...others] };
  const texts = options.changedFiles && options.cache ? new Map([...options.cache.files].map(([inputPath, { text }]) => [inputPath, text])) : undefined;
  const reuse = texts && options.changedFiles ? { texts, changed: new Set(options.changedFiles.map(toInputPath)) } : undefined;
  const sources = [...(await readArticleSources(path.join(options.inputDir, "articles"), reuse)), ...(options.extraSources ?? []).map((source) => ({ ...source, text: normaliseText(source.text) }))];
  const now = options.now ?? buildTime();
  const cache = options.cache;
  if (cache) {
    const siteData = JSON.stringify(site.data);
    if (cache.siteData !== siteData) cache.files.clear();
    cache.siteData = siteData;
  }
  const loaded = await loadArticles(sources, site.data, {
    publicDir: options.publicDir,
    now,
    ...(options.preview ? { preview: true } : {}),
    elections: results.elections,
    ...(cache ? { cache: cache.files } : {}),
  });
  const sourceTexts = new Map(sources.map((source) => [source.inputPath, source.text]));
  const limits = loaded.articles.map((a) => storyLimits(a.inputPath.replace(/^\.\//, ""), sourceTexts.get(a.inputPath) ?? a.body, a.title, a.body));
  const picks = await loadCuration(options.dataDir, { stories: loaded.articles, sections: Object.keys(site.data.sections), zone: site.data.site.timezone, now: now.toMillis() });
  const problems = [...loaded.problems, ...limits.flatMap((report) => report.errors), ...picks.problems, ...(await missingPhotos(site.data, options.dataDir, options.publicDir))];
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0)) };
  return { ok: true, data: site.data, elections: withChanges(releaseStages(results.elections, now, options.preview ?? false)), articles: loaded.articles, curation: picks.curation ?? NO_CURATION, now, warnings: limits.flatMap((report) => report.warnings) };
}

/** Authors' portraits must be files under public/, or their pages would show a broken image. */
async function missingPhotos({ authors }: SiteData, dataDir: string, publicDir: string): Promise<Problem[]> {
  const checks = Object.entries(authors).map(async ([key, author]): Promise<Problem[]> => {
    if (!author.photo) return [];
    const found = await access(path.join(publicDir, author.photo.src)).then(() => true, () => false);
    return found ? [] : [{ file: path.join(dataDir, "authors.json"), field: `${key}.photo.src`, message: `no such file: ${path.join(publicDir, author.photo.src)}; expected an image in public/` }];
  });
  return (await Promise.all(checks)).flat();
}
