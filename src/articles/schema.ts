import type { DateTime } from "luxon";
import { z } from "zod";
import { parseDateTime } from "../dates/dates.ts";
import type { SiteData } from "./site-data.ts";
import { didYouMean, listKnown } from "./suggest.ts";

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Fields an article's front matter may hold; anything else is reported as a likely typo. */
export const ARTICLE_FIELDS = [
  "title",
  "summary",
  "date",
  "updated",
  "section",
  "topics",
  "byline",
  "credit",
  "image",
  "election",
  "related",
  "corrections",
  "draft",
  "slug",
  "redirect_from",
  "wire_id",
  "wire_hash",
  "live",
] as const;

const text = (what: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `is required (${what})` : `expected ${what} as text`) })
    .trim()
    .min(1, `must not be empty (${what})`);

const slug = z.string().regex(SLUG, 'expected a lowercase slug of letters, digits and hyphens, such as "polls-open"');

function dateTime(zone: string) {
  return z.unknown().transform((input, ctx): DateTime => {
    const parsed = parseDateTime(input, zone);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: "custom", message: input === undefined ? `is required (${parsed.expected})` : `expected ${parsed.expected}` });
    return z.NEVER;
  });
}

function oneOf(kind: string, known: readonly string[]) {
  return z.string().superRefine((value, ctx) => {
    if (!known.includes(value)) {
      ctx.addIssue({
        code: "custom",
        message: `unknown ${kind} "${value}"${didYouMean(value, known)}; expected one of: ${listKnown(known)}`,
      });
    }
  });
}

const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.union([item, z.array(item)]).transform((value) => (Array.isArray(value) ? value : [value]) as z.output<T>[]);

/** The front-matter schema, checked against the site's sections, topics, authors and timezone. */
export function articleSchema({ site, sections, topics, authors }: SiteData) {
  const zone = site.timezone;
  return z
    .strictObject({
      title: text("the headline"),
      summary: text("the standfirst, one sentence under the headline"),
      date: dateTime(zone),
      updated: dateTime(zone).optional(),
      section: oneOf("section", Object.keys(sections)),
      topics: z.array(oneOf("topic", Object.keys(topics))).default([]),
      byline: oneOrMany(oneOf("author", Object.keys(authors))).default([]),
      credit: text("the agency credit, such as Reuters").optional(),
      image: z
        .strictObject({
          src: z.string().regex(/^\/[^\s]+\.(?:svg|png|jpe?g|webp|avif|gif)$/i, 'expected a path under public/, such as "/images/polls.jpg"'),
          alt: text("alt text describing the image for people who cannot see it"),
          caption: text("a caption").optional(),
          credit: text("the photographer or agency").optional(),
        })
        .optional(),
      election: slug.optional(),
      related: z.array(slug).default([]),
      corrections: z
        .array(z.strictObject({ date: dateTime(zone), text: text("what was corrected") }))
        .default([]),
      draft: z.boolean({ error: "expected true or false" }).default(false),
      slug: slug.optional(),
      redirect_from: oneOrMany(z.string().regex(/^\/\S*$/, 'expected a site path starting with "/", such as "/2023/old-url/"')).default([]),
      wire_id: text("the wire story's id, kept by npm run import to match updates").optional(),
      wire_hash: z
        .string()
        .regex(/^[0-9a-f]{16}$/, "expected the 16 hexadecimal digits npm run import writes; leave it as it is")
        .optional(),
      // Live coverage (docs/live.md): the body is a series of timed entries.
      live: z.strictObject({ start: dateTime(zone), end: dateTime(zone) }).optional(),
    })
    .superRefine((article, ctx) => {
      if (article.updated && article.updated < article.date) {
        ctx.addIssue({ code: "custom", path: ["updated"], message: "must not be before date (first publication)" });
      }
      if (article.byline.length === 0 && !article.credit) {
        ctx.addIssue({ code: "custom", path: ["byline"], message: "expected a byline (author ids) or a credit (agency), or both" });
      }
      if (article.live && article.live.end <= article.live.start) {
        ctx.addIssue({ code: "custom", path: ["live", "end"], message: "must be after live.start (the coverage ends after it starts)" });
      }
      article.corrections.forEach((correction, index) => {
        if (correction.date < article.date) {
          ctx.addIssue({ code: "custom", path: ["corrections", index, "date"], message: "must not be before date (first publication)" });
        }
      });
    });
}

export type ArticleFrontMatter = z.output<ReturnType<typeof articleSchema>>;
