import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { imageSize } from "image-size";
import type { DateTime } from "luxon";
import { fromIso, inZone, isoDateTime, urlDatePath } from "../dates/dates.ts";
import { figure, figureUses } from "../elections/figures.ts";
import { electionUrl, type ElectionRecord, type StageRecord } from "../elections/record.ts";
import { sectionUrl, topicUrl } from "./listing.ts";
import { FrontMatterError, readFrontMatter, type Problem } from "./front-matter.ts";
import { ARTICLE_FIELDS, articleSchema, SLUG, type ArticleFrontMatter } from "./schema.ts";
import type { SiteData } from "./site-data.ts";
import { decodeText } from "../sources/text.ts";
import { didYouMean } from "./suggest.ts";
import { findUnfinished, unfinishedPattern } from "./unfinished.ts";
import { zodProblems } from "./zod-problems.ts";
import { coverageAt, newestEntryTime, type CheckedLive, type LiveCoverage } from "../live/coverage.ts";
import type { ArticleImage, ArticleRecord, ArticleSource } from "./record.ts";
import { checkEntries, splitEntries } from "../live/entries.ts";

// The records live in record.ts (listing.ts needs them without load.ts); exported here as before.
export type { ArticleImage, ArticleRecord, ArticleSource } from "./record.ts";

const MIME: Record<string, string> = { jpg: "image/jpeg", png: "image/png", webp: "image/webp", avif: "image/avif", gif: "image/gif", svg: "image/svg+xml" };

export interface LoadOptions {
  /** Folder that holds `public/` files, to check images and read their size. */
  publicDir: string;
  /** Build time: stories dated after it are scheduled. */
  now: DateTime;
  /** Checked election files by id, for `election:` and inline figures. */
  elections?: Readonly<Record<string, ElectionRecord>>;
  /** Drafts and scheduled stories are shown (dev server, staging): unfinished copy is allowed. */
  preview?: boolean;
  /** Files already checked against this site data, by path, with the text they were checked in: a rebuild re-checks only what changed. */
  cache?: Map<string, { text: string; checked: CheckedFile }>;
}

/** One file's own checks: its front matter parsed and validated, or its problems. */
export type CheckedFile =
  | { problems: Problem[] }
  | { fields: ArticleFrontMatter; body: string; lineOf: (path: readonly PropertyKey[]) => number | undefined; tags: BodyTags; dates: StoryDates; live?: CheckedLive };

/** A story's dates as pages show them, in the site's timezone (worked out once per file text: luxon is slow). */
interface StoryDates {
  date: string;
  updated?: string;
  urlPath: string;
  corrections: string[];
}

/** The body's READ MORE lines and figures, found once per file text (and cached with it). */
interface BodyTags {
  links: { slug: string; line: number }[];
  figures: { args: string[]; line: number }[];
}

function checkFile(source: ArticleSource, file: string, schema: ReturnType<typeof articleSchema>, zone: string, authors: readonly string[]): CheckedFile {
  if (source.unreadable) return { problems: [{ file, ...source.unreadable, field: "(file)" }] };
  let frontMatter;
  try {
    frontMatter = readFrontMatter(source.text);
  } catch (error) {
    if (!(error instanceof FrontMatterError)) throw error;
    return { problems: [{ file, line: error.line, field: "(front matter)", message: error.message }] };
  }
  const result = schema.safeParse(frontMatter.data);
  if (!result.success) return { problems: zodProblems(file, result.error, frontMatter.lineOf, ARTICLE_FIELDS) };
  const fields = result.data;
  // Converted once: luxon works out a zone's offset afresh on every conversion.
  const published = inZone(fields.date, zone);
  const dates: StoryDates = {
    date: isoDateTime(published, zone),
    ...(fields.updated ? { updated: isoDateTime(fields.updated, zone) } : {}),
    urlPath: urlDatePath(published, zone),
    corrections: fields.corrections.map((c) => isoDateTime(c.date, zone)),
  };
  let live: CheckedLive | undefined;
  if (fields.live) {
    const at = source.text.lastIndexOf(frontMatter.body);
    const split = splitEntries(frontMatter.body, at === -1 ? 1 : source.text.slice(0, at).split("\n").length);
    const { start, end } = fields.live;
    const checked = checkEntries(split.entries, { date: fields.date, start, end, zone, authors });
    const problems = [...split.problems, ...checked.problems];
    if (problems.length > 0) return { problems: problems.map((p) => ({ file, ...p })).sort((a, b) => a.line - b.line) };
    live = { start: isoDateTime(start, zone), end: isoDateTime(end, zone), startMs: start.toMillis(), endMs: end.toMillis(), intro: split.intro, entries: checked.entries };
  }
  return { fields, body: frontMatter.body, lineOf: frontMatter.lineOf, tags: { links: inlineLinks(source.text), figures: figureUses(source.text) }, dates, ...(live ? { live } : {}) };
}

export interface LoadResult {
  articles: ArticleRecord[];
  problems: Problem[];
}

/**
 * Every `.md` file under `dir`, sorted so that problems and output come in a stable order.
 * With `reuse`, files not named as changed keep the text read before (the dev server knows
 * from its file watcher which files changed), and only new and changed files are read.
 */
export async function readArticleSources(dir: string, reuse?: { texts: ReadonlyMap<string, string>; changed: ReadonlySet<string> }): Promise<ArticleSource[]> {
  let entries: string[];
  try {
    entries = await readdir(dir, { recursive: true });
  } catch {
    return [];
  }
  const files = entries.filter((entry) => entry.endsWith(".md")).sort();
  // A bounded number of reads at a time: opening every file of a large archive at once runs out of file handles.
  const sources: ArticleSource[] = new Array(files.length);
  let next = 0;
  const reader = async () => {
    while (next < files.length) {
      const index = next++;
      const full = path.join(dir, files[index]!);
      const inputPath = toInputPath(full);
      const known = reuse && !reuse.changed.has(inputPath) ? reuse.texts.get(inputPath) : undefined;
      sources[index] = known === undefined ? sourceOf(inputPath, await readFile(full)) : { inputPath, text: known };
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, reader));
  return sources;
}

const READ_CONCURRENCY = 64;

/** A story file's bytes as text (see decodeText: a BOM and CRLF are fine, other encodings are not). */
export function sourceOf(inputPath: string, bytes: Uint8Array): ArticleSource {
  const decoded = decodeText(bytes);
  return decoded.ok ? { inputPath, text: decoded.text } : { inputPath, text: "", unreadable: { line: decoded.line, column: decoded.column, message: decoded.message } };
}

/** `./src/content/x.md` from any relative or absolute path, the form Eleventy uses. */
export function toInputPath(file: string): string {
  const relative = path.isAbsolute(file) ? path.relative(process.cwd(), file) : path.normalize(file);
  return `./${relative.split(path.sep).join("/")}`;
}

/**
 * Validates every article against the schema and against each other (slugs,
 * editor picks), collecting all problems instead of stopping at the first.
 */
export async function loadArticles(sources: readonly ArticleSource[], data: SiteData, options: LoadOptions): Promise<LoadResult> {
  const problems: Problem[] = [];
  const parsed = checkFiles(sources, data, options, problems);
  const { articles, bySlug } = await toRecords(parsed, options, problems);
  crossCheck(articles, bySlug, data, options, problems);
  articles.sort(newestFirst);
  problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
  return { articles, problems };
}

/** A file whose own checks passed. */
type Parsed = { source: ArticleSource; file: string; fields: ArticleFrontMatter; body: string; lineOf: (p: readonly PropertyKey[]) => number | undefined; tags: BodyTags; dates: StoryDates; live?: CheckedLive };

/** Each file's own checks, from the cache when its text is the same; problems go to `problems`. */
function checkFiles(sources: readonly ArticleSource[], data: SiteData, options: LoadOptions, problems: Problem[]): Parsed[] {
  const schema = articleSchema(data);
  const parsed: Parsed[] = [];
  const zone = data.site.timezone;
  const authors = Object.keys(data.authors);

  for (const source of sources) {
    const file = source.inputPath.replace(/^\.\//, "");
    const hit = options.cache?.get(source.inputPath);
    // The same string when the text was not read again, so this is usually a pointer comparison.
    let checked = hit?.text === source.text ? hit.checked : undefined;
    if (!checked) {
      checked = checkFile(source, file, schema, zone, authors);
      options.cache?.set(source.inputPath, { text: source.text, checked });
    }
    if ("problems" in checked) problems.push(...checked.problems);
    else parsed.push({ source, file, fields: checked.fields, body: checked.body, lineOf: checked.lineOf, tags: checked.tags, dates: checked.dates, ...(checked.live ? { live: checked.live } : {}) });
  }
  // Deleted files leave the cache.
  if (options.cache) {
    const current = new Set(sources.map((source) => source.inputPath));
    for (const key of options.cache.keys()) if (!current.has(key)) options.cache.delete(key);
  }
  return parsed;
}

/** Records of the files whose slugs are sound and their own, with images measured and live coverage as of "now". */
async function toRecords(parsed: readonly Parsed[], options: LoadOptions, problems: Problem[]): Promise<{ articles: ArticleRecord[]; bySlug: Map<string, Parsed> }> {
  const bySlug = new Map<string, Parsed>();
  // Many stories share a few images: read each file once.
  const measured = new Map<string, Promise<Measured>>();
  const articles: ArticleRecord[] = [];
  for (const entry of parsed) {
    const { fields, file, source } = entry;
    const slug = fields.slug ?? path.posix.basename(source.inputPath, ".md");
    if (!SLUG.test(slug)) {
      problems.push({ file, field: "slug", message: `the file name gives the slug "${slug}"; rename the file or set slug: to lowercase letters, digits and hyphens` });
      continue;
    }
    const first = bySlug.get(slug);
    if (first) {
      problems.push({ file, line: entry.lineOf(["slug"]), field: "slug", message: `"${slug}" is already the slug of ${first.file}; every story needs its own slug` });
      continue;
    }
    bySlug.set(slug, entry);
    const image = fields.image ? await measureImage(fields.image, options.publicDir, file, entry.lineOf, problems, measured) : undefined;
    // Entries ahead of "now" are held like the story itself: shown by previews, never published.
    const live = entry.live && coverageAt(entry.live, options.now.toMillis(), Boolean(options.preview || fields.draft || fields.date > options.now));
    for (const problem of live?.problems ?? []) problems.push({ file, ...problem });
    articles.push(recordOf(entry, slug, image, live?.coverage, options));
  }
  return { articles, bySlug };
}

function recordOf({ fields, source, tags, dates, body }: Parsed, slug: string, image: ArticleImage | undefined, live: LiveCoverage | undefined, options: LoadOptions): ArticleRecord {
  // A live story was last modified by its newest entry.
  const released = dates.updated && (options.preview || fields.updated! <= options.now) ? dates.updated : undefined;
  const newest = live && newestEntryTime(live);
  const updated = newest && Date.parse(newest) > Date.parse(released ?? dates.date) ? newest : released;
  return {
    inputPath: source.inputPath,
    slug,
    url: `/${fields.section}/${dates.urlPath}/${slug}/`,
    title: fields.title,
    summary: fields.summary,
    date: dates.date,
    ...(updated ? { updated } : {}),
    ...(options.preview && fields.updated && fields.updated > options.now ? { updateScheduled: true } : {}),
    timestamp: fields.date.toMillis(),
    section: fields.section,
    topics: fields.topics,
    byline: fields.byline,
    ...(fields.credit ? { credit: fields.credit } : {}),
    ...(image ? { image } : {}),
    ...(fields.election ? { election: fields.election } : {}),
    related: fields.related,
    readMore: tags.links.map((link) => link.slug),
    body,
    electionsShown: [...new Set([...(fields.election ? [fields.election] : []), ...tags.figures.map((use) => use.args[0] ?? "")])].filter(Boolean),
    // Notes timed after "now" are held back like scheduled stories; a preview shows them marked.
    corrections: fields.corrections.map((c, index) => ({ date: dates.corrections[index]!, text: c.text, scheduled: c.date > options.now })).filter((c) => options.preview || !c.scheduled),
    redirectFrom: fields.redirect_from,
    draft: fields.draft,
    scheduled: fields.date > options.now,
    ...(live ? { live } : {}),
  };
}

/** Checks across stories and data: unfinished copy, links, redirects, elections and figures. */
function crossCheck(articles: readonly ArticleRecord[], bySlug: ReadonlyMap<string, Parsed>, data: SiteData, options: LoadOptions, problems: Problem[]): void {
  const records = new Map(articles.map((article) => [article.slug, article]));
  const elections = options.elections ?? {};
  const taken = reservedUrls(articles, data, elections);
  const redirectOwners = new Map<string, string>();
  const unfinished = unfinishedPattern(data.site.unfinishedMarkers);
  for (const [slug, { file, lineOf, tags, source, body }] of bySlug) {
    const article = records.get(slug);
    if (!article) continue;
    const report = (line: number | undefined, field: string, message: string) => problems.push({ file, line, field, message });
    const left = options.preview || article.draft ? undefined : findUnfinished(source.text, body.split("\n").length, unfinished);
    if (left) report(left.line, left.field, `"${left.found}" marks unfinished copy; finish it, or keep the story a draft (draft: true) until it is ready`);
    article.related.forEach((target, index) => {
      const problem = linkProblem(article, target, records, options.now);
      if (problem) report(lineOf(["related", index]), `related[${index}]`, problem);
    });
    for (const link of tags.links) {
      const problem = linkProblem(article, link.slug, records, options.now);
      if (problem) report(link.line, "READ MORE", problem);
    }
    article.redirectFrom.forEach((from, index) => {
      const owner = taken.get(from) ?? redirectOwners.get(from);
      if (owner) report(lineOf(["redirect_from", index]), `redirect_from[${index}]`, `"${from}" is already ${owner}; an old URL can only redirect to one story and never replace a page`);
      else redirectOwners.set(from, `the old URL of ${file}`);
    });
    if (article.election && !elections[article.election]) {
      const known = Object.keys(elections);
      report(lineOf(["election"]), "election", `no election file has the id "${article.election}"${didYouMean(article.election, known)}; expected one of: ${known.join(", ") || "(none in _data/elections/)"}`);
    }
    for (const use of tags.figures) {
      const result = figure(elections, use.args);
      if (!result.ok) report(use.line, "figure", result.message);
      else if (!options.preview && !article.draft) {
        const early = earlyStage(elections, use.args, Math.max(options.now.toMillis(), article.timestamp));
        if (early) report(use.line, "figure", `${use.args[0]}, ${early.kind} is timed ${early.time}, after this story appears: readers would see the figure before it is released; schedule the story for then or later`);
      }
    }
  }
}

/** URLs the site builds itself, which no `redirect_from` may take over. */
function reservedUrls(articles: readonly ArticleRecord[], { sections, topics }: SiteData, elections: Readonly<Record<string, ElectionRecord>>): Map<string, string> {
  const taken = new Map<string, string>([["/", "the front page"], ["/elections/", "the elections index"], ["/topics/", "the topics index"], ["/search/", "the search page"]]);
  for (const a of articles) taken.set(a.url, `the URL of ${a.inputPath.replace(/^\.\//, "")}`);
  for (const id of Object.keys(sections)) taken.set(sectionUrl(id), `the ${id} section page`);
  for (const id of Object.keys(topics)) taken.set(topicUrl(id), `the ${id} topic page`);
  for (const id of Object.keys(elections)) taken.set(electionUrl(id), `the ${id} results page`);
  return taken;
}

export const READ_MORE = /\{%-?\s*readmore\s+(["'])(.*?)\1\s*-?%\}/g;

/** The `{% readmore "slug" %}` lines of an article, with their line numbers in the file. */
export function inlineLinks(text: string): { slug: string; line: number }[] {
  return [...text.matchAll(READ_MORE)].map((match) => ({
    slug: match[2] ?? "",
    line: text.slice(0, match.index).split("\n").length,
  }));
}

/** The stage a figure quotes when it is not released by `visibleFrom` (ms): `latest` is whatever is released then. */
function earlyStage(elections: Readonly<Record<string, ElectionRecord>>, [id = "", stageKey = ""]: readonly string[], visibleFrom: number): StageRecord | undefined {
  const stage = elections[id]?.stages.find((s) => s.kind === stageKey);
  return stage && fromIso(stage.time).toMillis() > visibleFrom ? stage : undefined;
}

/** Why `from` may not link to the story with slug `target`, or undefined when it may. */
export function linkProblem(from: ArticleRecord, target: string, records: ReadonlyMap<string, ArticleRecord>, now: DateTime): string | undefined {
  if (target === from.slug) return `"${target}" is this story's own slug; link to another story`;
  const to = records.get(target);
  if (!to) return `no story has the slug "${target}"${didYouMean(target, [...records.keys()])}`;
  if (from.draft) return undefined;
  if (to.draft) return `"${target}" is a draft, so readers would get a broken link; publish it or link elsewhere`;
  const visibleFrom = Math.max(now.toMillis(), from.timestamp);
  if (to.timestamp > visibleFrom) return `"${target}" is scheduled for ${to.date}, after this story appears; readers would get a broken link`;
  return undefined;
}

/** Newest first; the slug breaks ties so that order never depends on the file system. */
export function newestFirst(a: ArticleRecord, b: ArticleRecord): number {
  return b.timestamp - a.timestamp || a.slug.localeCompare(b.slug);
}

/** Articles readers may see in this build: all of them in the dev server, none unpublished in production. */
export function isPublic(article: ArticleRecord): boolean {
  return !article.draft && !article.scheduled;
}

type Measured = { width: number; height: number; type: string; bytes: number } | { reason: string };

async function measureFile(full: string): Promise<Measured> {
  try {
    const file = await readFile(full);
    const { width, height, type } = imageSize(file);
    if (!width || !height) throw new Error("no width and height");
    return { width, height, type: MIME[type ?? ""] ?? "application/octet-stream", bytes: file.length };
  } catch (error) {
    return { reason: (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : `cannot read its size (${(error as Error).message})` };
  }
}

async function measureImage(
  image: NonNullable<ArticleFrontMatter["image"]>,
  publicDir: string,
  file: string,
  lineOf: (p: readonly PropertyKey[]) => number | undefined,
  problems: Problem[],
  measured: Map<string, Promise<Measured>>,
): Promise<ArticleImage | undefined> {
  const full = path.join(publicDir, image.src);
  if (!measured.has(full)) measured.set(full, measureFile(full));
  const size = await measured.get(full)!;
  if ("reason" in size) {
    problems.push({ file, line: lineOf(["image", "src"]), field: "image.src", message: `${size.reason}: ${path.relative(process.cwd(), full)}; expected an image in public/` });
    return undefined;
  }
  return { ...image, ...size };
}

/** `file:line: field: message`, one problem a line, the format editors' tools annotate. */
export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((p) => `${p.file}${p.line ? `:${p.line}${p.column ? `:${p.column}` : ""}` : ""}: ${p.field}: ${p.message}`).join("\n");
}
