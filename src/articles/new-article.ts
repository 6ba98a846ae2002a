import type { DateTime } from "luxon";
import { isoDateTime, parseDateTime } from "../dates/dates.ts";
import { articleInputPath, checkArticle, indexArticles, stringifyArticle, type ArticleContext } from "./article-file.ts";
import { SLUG } from "./schema.ts";
import { BODY_PLACEHOLDER, SUMMARY_PLACEHOLDER } from "./unfinished.ts";
import { listKnown } from "./suggest.ts";
import { slugify } from "./slug.ts";

/** What `npm run new` was asked for. */
export interface NewArticleRequest {
  headline: string;
  section?: string;
  topics?: readonly string[];
  byline?: readonly string[];
  credit?: string;
  summary?: string;
  /** Overrides the slug made from the headline. */
  slug?: string;
  /** Publication time; now when not given. */
  date?: string;
}

/** A problem with what was asked, named by the flag to change. */
export interface RequestError {
  flag: string;
  message: string;
}

export type NewArticlePlan =
  | { ok: true; inputPath: string; slug: string; url: string; text: string }
  | { ok: false; errors: RequestError[] };

/** The command-line flag behind each front-matter field, so that errors name what the editor typed. */
const FLAGS: Record<string, string> = {
  title: "headline",
  summary: "--summary",
  date: "--date",
  section: "--section",
  topics: "--topics",
  byline: "--byline",
  credit: "--credit",
  slug: "--slug",
};

/**
 * Plans a new draft article: its path, front matter and URL, checked by the
 * build's own loader. Refuses a slug any article already has.
 */
export async function planNewArticle(request: NewArticleRequest, context: ArticleContext): Promise<NewArticlePlan> {
  const { data } = context;
  const zone = data.site.timezone;
  const errors: RequestError[] = [];
  const fail = (flag: string, message: string) => errors.push({ flag, message });

  if (!request.section) fail("--section", `is required; expected one of: ${listKnown(Object.keys(data.sections))}`);
  // Named here too: the schema checks it only once the other fields are right.
  const unsigned = !request.byline?.length && request.credit === undefined;
  if (unsigned) fail("--byline or --credit", "expected a byline (author ids) or a credit (agency), or both");

  // Whole minutes, as editors write times; never after now, so never scheduled by accident.
  let date: DateTime = context.now.setZone(zone).startOf("minute");
  if (request.date !== undefined) {
    const parsed = parseDateTime(request.date, zone);
    if (parsed.ok) date = parsed.value;
    else fail("--date", `expected ${parsed.expected}`);
  }

  const slug = request.slug ?? slugify(request.headline);
  let inputPath = articleInputPath(context.articlesDir, date, zone, slug || "untitled");
  if (!slug) {
    fail("--slug", "the headline has no letters or digits to make a slug from; give one with --slug");
  } else if (!SLUG.test(slug)) {
    fail("--slug", `"${slug}" is not a slug; expected lowercase letters, digits and hyphens, such as "polls-open"`);
    inputPath = articleInputPath(context.articlesDir, date, zone, "untitled");
  } else {
    const taken = indexArticles(context.sources).find((entry) => entry.slug === slug);
    if (taken) {
      fail("--slug", `"${slug}" is already the slug of ${taken.inputPath.replace(/^\.\//, "")}; every story needs its own slug, so change the headline or pass --slug`);
    } else if (context.sources.some((source) => source.inputPath === inputPath)) {
      fail("--slug", `${inputPath.replace(/^\.\//, "")} already exists; pass --slug to choose another file name`);
    }
  }

  const fields: Record<string, unknown> = {
    title: request.headline,
    summary: request.summary ?? SUMMARY_PLACEHOLDER,
    date: isoDateTime(date, zone),
    ...(request.section ? { section: request.section } : {}),
    ...(request.topics?.length ? { topics: [...request.topics] } : {}),
    ...(request.byline?.length ? { byline: [...request.byline] } : {}),
    ...(request.credit !== undefined ? { credit: request.credit } : {}),
    draft: true,
  };
  const text = stringifyArticle(fields, BODY_PLACEHOLDER);
  const { record, problems } = await checkArticle({ inputPath, text }, context);
  for (const problem of problems) {
    // The slug, the missing section and the missing byline are already explained in the flags' own terms.
    if (problem.field === "slug" || (problem.field === "section" && !request.section) || (problem.field === "byline" && unsigned)) continue;
    fail(flagOf(problem.field), problem.message);
  }
  if (errors.length > 0 || !record) return { ok: false, errors };
  return { ok: true, inputPath, slug, url: record.url, text };
}

/** `topics[1]` → `--topics`; the byline-or-credit rule → `--byline or --credit`. */
function flagOf(field: string): string {
  if (field === "byline") return "--byline or --credit";
  const base = field.replace(/[[.].*$/, "");
  return FLAGS[base] ?? field;
}
