import path from "node:path";
import { DateTime } from "luxon";
import { z } from "zod";
import { readJsonFile } from "../sources/json.ts";
import { embedsSchema } from "../html/embeds.ts";
import { relatedConfigSchema, type RelatedConfig } from "../related/index.ts";
import type { Problem } from "./front-matter.ts";
import { didYouMean, listKnown } from "./suggest.ts";
import { zodProblems } from "./zod-problems.ts";

const slugKey = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "expected a lowercase slug such as \"central-asia\"");

export const siteSchema = z.strictObject({
  name: z.string().min(1),
  url: z.url({ protocol: /^https?$/, error: "expected the site's absolute URL, such as \"https://news.example\"" }),
  language: z.string().min(2),
  description: z.string().min(1),
  timezone: z.string().refine((zone) => DateTime.now().setZone(zone).isValid, {
    error: "expected an IANA timezone such as \"Asia/Almaty\"",
  }),
  timezoneLabel: z.string().min(1),
  pageSize: z.number().int().min(1).max(200),
  latestCount: z.number().int().min(1).max(100),
  /** Section for stories brought in by `npm run import` when no --section is given. */
  wireSection: slugKey.optional(),
  logo: z
    .strictObject({ src: z.string().regex(/^\/\S+$/), width: z.number().int().min(1), height: z.number().int().min(1) })
    .describe("Publisher logo for structured data: a raster image under public/"),
  defaultImage: z
    .strictObject({ src: z.string().regex(/^\/\S+$/), width: z.number().int().min(1), height: z.number().int().min(1), alt: z.string().min(1) })
    .describe("Social card image for pages without a lead image"),
  twitter: z.string().regex(/^@\w+$/).optional().describe("The site's account, for twitter:site"),
  unfinishedMarkers: z
    .array(z.string().trim().min(1))
    .default(["TODO", "TK"])
    .describe("Words that mark unfinished copy: a production build refuses a story that holds one (whole word, case as written)"),
  embeds: embedsSchema.optional().describe("Providers `{% embed %}` accepts; see docs/stories.md (default: YouTube, Vimeo, Datawrapper, Flourish)"),
});

export const sectionsSchema = z.record(slugKey, z.strictObject({ name: z.string().min(1), description: z.string().min(1) }));

export const topicsSchema = z.record(
  slugKey,
  z.strictObject({ name: z.string().min(1), description: z.string().min(1), aliases: z.array(z.string()).default([]) }),
);

export const authorsSchema = z.record(
  slugKey,
  z.strictObject({
    name: z.string().min(1),
    role: z.string().min(1),
    bio: z.string().min(1),
    photo: z
      .strictObject({ src: z.string().regex(/^\/\S+$/), width: z.number().int().min(1), height: z.number().int().min(1) })
      .optional()
      .describe("A portrait under public/, shown on the author's page; its alt text is the author's name"),
  }),
);

export type Site = z.infer<typeof siteSchema>;
export type Sections = z.infer<typeof sectionsSchema>;
export type Topics = z.infer<typeof topicsSchema>;
export type Authors = z.infer<typeof authorsSchema>;

export interface SiteData {
  site: Site;
  sections: Sections;
  topics: Topics;
  authors: Authors;
  related: RelatedConfig;
}

export const FILES = { site: siteSchema, sections: sectionsSchema, topics: topicsSchema, authors: authorsSchema, related: relatedConfigSchema } as const;
/** Files that may be left out: their schema's defaults apply. */
const OPTIONAL: ReadonlySet<string> = new Set(["related"]);

/** Reads and checks `_data/{site,sections,topics,authors}.json`; the articles are checked against them. */
export async function loadSiteData(dataDir: string): Promise<{ data?: SiteData; problems: Problem[] }> {
  const problems: Problem[] = [];
  const loaded: Partial<Record<keyof typeof FILES, unknown>> = {};
  for (const [name, schema] of Object.entries(FILES) as [keyof typeof FILES, z.ZodType][]) {
    const file = path.join(dataDir, `${name}.json`);
    const read = await readJsonFile(file).catch((error: NodeJS.ErrnoException) => {
      if (OPTIONAL.has(name) && error.code === "ENOENT") return { ok: true as const, value: {} };
      return { ok: false as const, problem: { file, field: "(file)", message: error.code === "ENOENT" ? "missing; every site needs it" : `cannot read it (${error.code ?? error.message})` } };
    });
    if (!read.ok) {
      problems.push(read.problem);
      continue;
    }
    const result = schema.safeParse(read.value);
    if (result.success) loaded[name] = result.data;
    else problems.push(...zodProblems(file, result.error));
  }
  if (problems.length > 0) return { problems };
  const data = loaded as SiteData;
  const wireSection = data.site.wireSection;
  if (wireSection && !data.sections[wireSection]) {
    const known = Object.keys(data.sections);
    problems.push({
      file: path.join(dataDir, "site.json"),
      field: "wireSection",
      message: `unknown section "${wireSection}"${didYouMean(wireSection, known)}; expected one of: ${listKnown(known)}`,
    });
    return { problems };
  }
  return { data, problems };
}
