import { createHash } from "node:crypto";
import { access } from "node:fs/promises";
import path from "node:path";
import type { DateTime } from "luxon";
import { articleInputPath, checkArticle, indexArticles, stringifyArticle, type ArticleContext, type ArticleEntry } from "../articles/article-file.ts";
import { readFrontMatter, type Problem } from "../articles/front-matter.ts";
import { ARTICLE_FIELDS, SLUG } from "../articles/schema.ts";
import { slugify, uniqueSlug } from "../articles/slug.ts";
import { didYouMean, listKnown } from "../articles/suggest.ts";
import { isoDateTime, parseDateTime } from "../dates/dates.ts";
import { htmlToMarkdown } from "./markdown.ts";
import { parseNinjs, type WirePicture, type WireStory } from "./ninjs.ts";
import { locatedTerms, mapTopics, normaliseTerm } from "./topics.ts";

/** What `npm run import` was asked for beyond the file. */
export interface ImportRequest {
  /** Section of a new story; `wireSection` in `_data/site.json` when not given. */
  section?: string;
  /** Overrides the agency credit the wire gives. */
  credit?: string;
  /** Overrides the slug made from the headline (new stories only). */
  slug?: string;
  /** Import a new story as published instead of as a draft. */
  publish?: boolean;
  /** Import even when the story already has this version or a newer one. */
  force?: boolean;
}

export type ImportPlan =
  | {
      ok: true;
      action: "create" | "update";
      inputPath: string;
      url: string;
      /** The whole article file to write. */
      text: string;
      topics: string[];
      /** Left out of production builds until an editor removes `draft: true`. */
      draft: boolean;
      /** What the editor should know or check: unmapped subjects and places, a picture left out... */
      notes: string[];
      /** An update over a story an editor changed since its last import: the file as it was, to keep before writing. */
      backup?: { path: string; text: string };
    }
  /** The story already has this version or a newer one: nothing to write. */
  | { ok: true; action: "unchanged"; inputPath: string; notes: string[] }
  | { ok: false; problems: Problem[] };

/** What the wire gives, checked and in our terms, before it meets any existing file. */
interface WireArticle {
  /** Fields every import writes: title, summary, credit, wire_id. */
  fresh: Record<string, unknown>;
  body: string;
  /** First publication on our site: the wire's first version, or its embargo if later. */
  published: DateTime;
  /** This version's time, the new `updated`. */
  versionTime: DateTime;
  topics: string[];
  byline: string[];
  image?: Record<string, string>;
}

/**
 * Turns a ninjs document into a new article, or into an update of the article
 * that already has its `wire_id`. Nothing is written here: the plan is checked
 * by the build's own loader first, and the caller writes it.
 */
export async function planImport(text: string, file: string, request: ImportRequest, context: ArticleContext): Promise<ImportPlan> {
  const parsed = parseNinjs(text);
  if (!parsed.ok) return { ok: false, problems: parsed.errors.map((error) => ({ file, field: error.field, message: error.message })) };
  const notes: string[] = [];
  const wire = await readWire(parsed.story, file, request, context, notes);
  if (!("fresh" in wire)) return { ok: false, problems: wire.problems };

  const entries = indexArticles(context.sources);
  const existing = entries.find((entry) => entry.wireId === parsed.story.id);
  const planned = existing ? updatedFile(existing.inputPath, wire, request, context, notes) : newFile(wire, request, context, entries, file, notes);
  if (!("fields" in planned)) return planned;

  const article = stringifyArticle({ ...planned.fields, wire_hash: wireHash(wire.fresh.title, wire.fresh.summary, wire.body) }, wire.body);
  const checked = await checkArticle({ inputPath: planned.inputPath, text: article }, context);
  if (!checked.record || checked.problems.length > 0) return { ok: false, problems: checked.problems };
  const backup = existing ? editedSinceImport(existing.inputPath, context) : undefined;
  if (backup) notes.push(`This story was edited since its last import, and the update replaces the wire's headline, standfirst and body: the version it replaces is kept in ${backup.path}. Bring the edits that still apply back by hand.`);
  return {
    ok: true,
    action: existing ? "update" : "create",
    inputPath: planned.inputPath,
    url: checked.record.url,
    text: article,
    topics: checked.record.topics,
    draft: checked.record.draft,
    notes,
    ...(backup ? { backup } : {}),
  };
}

/** Where `npm run import` keeps the stories an update replaced (git-ignored). */
export const WIRE_BACKUPS = "wire-backups";

/** A fingerprint of what an import writes and an update replaces: headline, standfirst and body. */
export function wireHash(title: unknown, summary: unknown, body: string): string {
  return createHash("sha256").update(JSON.stringify([title, summary, body.trim()])).digest("hex").slice(0, 16);
}

/**
 * The story file as it is, when an editor changed what an update replaces since
 * the last import (or when no fingerprint says, from before fingerprints).
 */
function editedSinceImport(inputPath: string, context: ArticleContext): { path: string; text: string } | undefined {
  const text = context.sources.find((source) => source.inputPath === inputPath)?.text;
  if (text === undefined) return undefined;
  const { data, body } = readFrontMatter(text);
  if (data.wire_hash === wireHash(data.title, data.summary, body)) return undefined;
  const relative = path.posix.relative(context.articlesDir.replace(/^\.\//, ""), inputPath.replace(/^\.\//, "")).replace(/\.md$/, "");
  const stamp = context.now.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'");
  return { path: `${WIRE_BACKUPS}/${relative}.${stamp}.md`, text };
}

/** The wire story in our terms, or every problem with it at once. */
async function readWire(story: WireStory, file: string, request: ImportRequest, context: ArticleContext, notes: string[]): Promise<WireArticle | { problems: Problem[] }> {
  const { data } = context;
  const zone = data.site.timezone;
  const problems: Problem[] = [];
  const wireProblem = (field: string, message: string) => problems.push({ file, field: story.version === 3 ? (CAMEL_FIELDS[field] ?? field) : field, message });

  const time = (field: string, value: string | undefined): DateTime | undefined => {
    if (value === undefined) return undefined;
    const result = parseDateTime(value, zone);
    if (result.ok) return result.value;
    wireProblem(field, `expected ${result.expected}`);
    return undefined;
  };
  const first = time("firstcreated", story.firstCreated);
  const version = time("versioncreated", story.versionCreated);
  const embargo = time("embargoed", story.embargoedUntil);
  if (!first && !version) notes.push("The wire gives no firstcreated or versioncreated time, so the story is dated now.");
  const created = first ?? version ?? context.now.setZone(zone).startOf("second");
  // Never before the embargo: a story dated later is scheduled, and published when the site is rebuilt after it.
  const published = embargo && embargo > created ? embargo : created;

  const mapping = mapTopics([...story.terms, ...locatedTerms(story.located)], data.topics);
  const subjects = mapping.unmapped.filter((term) => term.kind !== "place").map((term) => `${term.kind} "${term.name}"`);
  const places = mapping.unmapped.filter((term) => term.kind === "place").map((term) => `"${term.name}"`);
  if (subjects.length > 0) notes.push(`Not mapped to a topic: ${subjects.join(", ")}. Add them to "aliases" in _data/topics.json to map them next time.`);
  if (places.length > 0) notes.push(`Places not mapped to a topic: ${places.join(", ")}.`);

  const byline = staffByline(story.byline, data.authors);
  const credit = request.credit ?? story.credit;
  if (story.byline && byline.length === 0) notes.push(`Wire byline "${story.byline}" left out: bylines name our own staff${credit ? `; the story is credited to ${credit}` : ""}.`);
  else if (story.byline) notes.push(`Byline ${byline.join(", ")} from the wire's "${story.byline}"; check it.`);
  if (!credit && byline.length === 0) wireProblem("copyrightholder", "the story names no agency to credit (no copyright holder or info source); pass --credit");

  const body = htmlToMarkdown(story.bodyHtml, (removed) => notes.push(`Removed from the wire's HTML (not allowed in a story): ${[...new Set(removed)].slice(0, 5).join(", ")}${removed.length > 5 ? `, ${removed.length} in all` : ""}.`));
  if (!/[\p{L}\p{N}]/u.test(body)) wireProblem(story.version === 1 ? "body_html" : "bodies", "has no text once converted to Markdown");
  let summary = story.summary;
  if (!summary) {
    summary = firstSentence(body);
    if (summary) notes.push("The wire gives no description, so the summary is the body's first sentence; check it.");
    else wireProblem(story.version === 1 ? "description_text" : "descriptions", "is required: the story has no summary and no first sentence to take one from");
  }

  if (request.section !== undefined && !data.sections[request.section]) {
    const known = Object.keys(data.sections);
    problems.push({ file, field: "--section", message: `unknown section "${request.section}"${didYouMean(request.section, known)}; expected one of: ${listKnown(known)}` });
  }
  const image = story.picture ? await localImage(story.picture, context.publicDir, notes) : undefined;
  if (problems.length > 0) return { problems };

  const title = story.headline.replace(UPDATE_PREFIX, "");
  if (title !== story.headline) notes.push(`"${story.headline.slice(0, story.headline.length - title.length).trim()}" taken off the headline.`);
  return {
    fresh: { title, summary, ...(credit ? { credit } : {}), wire_id: story.id },
    body,
    published,
    versionTime: version ?? published,
    topics: mapping.topics,
    byline,
    ...(image ? { image } : {}),
  };
}

type PlannedFile = { inputPath: string; fields: Record<string, unknown> } | Extract<ImportPlan, { ok: false } | { action: "unchanged" }>;

/**
 * An update rewrites the wire's fields and keeps the editor's: the date, section
 * and slug (so the URL), byline, picks, corrections and draft state.
 */
function updatedFile(inputPath: string, wire: WireArticle, request: ImportRequest, context: ArticleContext, notes: string[]): PlannedFile {
  const zone = context.data.site.timezone;
  const file = inputPath.replace(/^\.\//, "");
  let old: Record<string, unknown>;
  try {
    old = readFrontMatter(context.sources.find((source) => source.inputPath === inputPath)?.text ?? "").data;
  } catch (error) {
    return { ok: false, problems: [{ file, field: "(front matter)", message: `this story's earlier version is here, but its front matter cannot be read (${(error as Error).message}); fix it first` }] };
  }
  const oldDate = typeof old.date === "string" ? parseDateTime(old.date, zone) : undefined;
  const oldUpdated = typeof old.updated === "string" ? parseDateTime(old.updated, zone) : undefined;
  const last = oldUpdated?.ok ? oldUpdated.value : oldDate?.ok ? oldDate.value : undefined;
  if (last && wire.versionTime <= last && !request.force) {
    const times = `last updated ${isoDateTime(last, zone)}; this version ${isoDateTime(wire.versionTime, zone)}`;
    return { ok: true, action: "unchanged", inputPath, notes: [`${file} already has this version or a newer one (${times}). Nothing written; pass --force to import it anyway.`] };
  }
  if (request.section && request.section !== old.section) {
    notes.push(`Section kept as "${String(old.section)}": the story's URL depends on it. Move it by hand (with redirect_from) if you need to.`);
  }
  const oldTopics = Array.isArray(old.topics) ? old.topics.filter((topic): topic is string => typeof topic === "string") : [];
  const topics = [...new Set([...oldTopics, ...wire.topics])];
  const fields: Record<string, unknown> = { ...old, ...wire.fresh, topics: topics.length > 0 ? topics : undefined };
  fields.updated = oldDate?.ok && wire.versionTime > oldDate.value ? isoDateTime(wire.versionTime, zone) : undefined;
  if (wire.image) fields.image = wire.image;
  if (request.publish) fields.draft = false;
  return { inputPath, fields: inFieldOrder(fields) };
}

/** A new story: in the wire section unless told otherwise, a draft unless --publish, with a slug of its own. */
function newFile(wire: WireArticle, request: ImportRequest, context: ArticleContext, entries: ArticleEntry[], file: string, notes: string[]): PlannedFile {
  const { data, articlesDir } = context;
  const zone = data.site.timezone;
  const refuse = (field: string, message: string): PlannedFile => ({ ok: false, problems: [{ file, field, message }] });
  const section = request.section ?? data.site.wireSection;
  if (!section) return refuse("--section", `no section given and no wireSection in _data/site.json; expected one of: ${listKnown(Object.keys(data.sections))}`);

  const taken = new Set(entries.map((entry) => entry.slug));
  const paths = new Set(entries.map((entry) => entry.inputPath));
  if (request.slug !== undefined && !SLUG.test(request.slug)) return refuse("--slug", `"${request.slug}" is not a slug; expected lowercase letters, digits and hyphens`);
  if (request.slug && taken.has(request.slug)) return refuse("--slug", `"${request.slug}" is already the slug of another story; every story needs its own slug`);
  const base = request.slug ?? slugify(String(wire.fresh.title));
  if (!base) return refuse("--slug", "the headline has no letters or digits to make a slug from; give one with --slug");
  const slug = uniqueSlug(base, (candidate) => taken.has(candidate) || paths.has(articleInputPath(articlesDir, wire.published, zone, candidate)));
  if (slug !== base) notes.push(`Another story already has the slug "${base}", so this one is "${slug}".`);

  const fields = {
    ...wire.fresh,
    date: isoDateTime(wire.published, zone),
    updated: wire.versionTime > wire.published ? isoDateTime(wire.versionTime, zone) : undefined,
    section,
    topics: wire.topics.length > 0 ? wire.topics : undefined,
    byline: wire.byline.length > 0 ? wire.byline : undefined,
    image: wire.image,
    draft: !request.publish,
  };
  return { inputPath: articleInputPath(articlesDir, wire.published, zone, slug), fields: inFieldOrder(fields) };
}

/** 3.x's spelling of the fields named in problems. */
const CAMEL_FIELDS: Record<string, string> = { firstcreated: "firstCreated", versioncreated: "versionCreated", embargoed: "embargoedUntil", copyrightholder: "copyrightHolder" };

/** Agencies' version marks on headlines ("UPDATE 2-", "REFILE-", "CORRECTED-"): the `updated` time says it on our pages. */
const UPDATE_PREFIX = /^(?:(?:UPDATE|CORRECTED|REFILE|RPT|URGENT)\s*\d*\s*[-:]\s*)+/;

/** Fields in the order the README documents them; anything else after. */
function inFieldOrder(fields: Record<string, unknown>): Record<string, unknown> {
  const known: readonly string[] = ARTICLE_FIELDS;
  const ordered: Record<string, unknown> = {};
  for (const key of known) if (fields[key] !== undefined) ordered[key] = fields[key];
  for (const [key, value] of Object.entries(fields)) if (!known.includes(key) && value !== undefined) ordered[key] = value;
  return ordered;
}

/** Our authors named in a wire byline ("By Nadia Arkwright in Astana"), by key. */
function staffByline(byline: string | undefined, authors: Record<string, { name: string }>): string[] {
  if (!byline) return [];
  const text = ` ${normaliseTerm(byline)} `;
  return Object.entries(authors)
    .filter(([, author]) => text.includes(` ${normaliseTerm(author.name)} `))
    .map(([key]) => key);
}

/** The first sentence of the first paragraph of a Markdown body, as plain text. */
function firstSentence(markdown: string): string | undefined {
  const paragraph = markdown.split(/\n\s*\n/).find((block) => /^[^#>\-\d]/.test(block.trim()) && /[\p{L}]/u.test(block));
  if (!paragraph) return undefined;
  const plain = paragraph.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/\\([\\`*_{}[\]()#+\-.!<&])/g, "$1").replace(/[*_`]/g, "").replace(/\s+/g, " ").trim();
  const sentence = /^.+?[.!?](?=\s+[A-Z"“‘(]|$)/u.exec(plain)?.[0] ?? plain;
  return sentence.trim() || undefined;
}

/**
 * The lead picture, when one of its files is already in public/ (by its site
 * path, or by its file name in public/images/): our pages need the file to
 * size the image. Otherwise it is left out, with a note saying what to do.
 */
async function localImage(picture: WirePicture, publicDir: string, notes: string[]): Promise<Record<string, string> | undefined> {
  const names = picture.hrefs.map((href) => decodeURIComponent(urlPath(href)));
  const candidates = names.flatMap((name) => [...(name.startsWith("/") ? [name] : []), `/images/${path.posix.basename(name)}`]);
  let src: string | undefined;
  for (const candidate of candidates) {
    if (!/^\/[^\s]+\.(?:svg|png|jpe?g|webp|avif|gif)$/i.test(candidate)) continue;
    if (await access(path.join(publicDir, candidate)).then(() => true, () => false)) {
      src = candidate;
      break;
    }
  }
  const files = [...new Set(names.map((name) => path.posix.basename(name)))].join(", ") || "no file given";
  if (!src) {
    notes.push(`Lead picture "${picture.name}" left out: its file (${files}) is not in public/. Copy it to public/images/ and import again to add it.`);
    return undefined;
  }
  const alt = picture.alt ?? picture.caption;
  if (!alt) {
    notes.push(`Lead picture "${picture.name}" left out: the wire gives no caption or description to use as alt text. Add image: by hand.`);
    return undefined;
  }
  if (!picture.alt) notes.push("The picture's alt text is its caption; describe what the picture shows for people who cannot see it.");
  return { src, alt, ...(picture.caption ? { caption: picture.caption } : {}), ...(picture.credit ? { credit: picture.credit } : {}) };
}

/** The path of a link: `https://wire.example/p/ballot.jpg?x=1` → `/p/ballot.jpg`; a bare name stays as it is. */
function urlPath(href: string): string {
  try {
    return new URL(href).pathname;
  } catch {
    return href.replace(/[?#].*$/, "");
  }
}
