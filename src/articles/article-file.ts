import path from "node:path";
import matter from "gray-matter";
import type { DateTime } from "luxon";
import { Document, isScalar, Scalar, visit } from "yaml";
import { inZone } from "../dates/dates.ts";
import type { ElectionRecord } from "../elections/record.ts";
import { readFrontMatter, type Problem } from "./front-matter.ts";
import { loadArticles, type ArticleRecord, type ArticleSource } from "./load.ts";
import { SLUG } from "./schema.ts";
import type { SiteData } from "./site-data.ts";

/** What the editor tools need to know about the project to write a valid article. */
export interface ArticleContext {
  data: SiteData;
  /** Every article file as it is now. */
  sources: readonly ArticleSource[];
  elections: Readonly<Record<string, ElectionRecord>>;
  publicDir: string;
  /** Where new files go, as Eleventy names paths: `src/content/articles`. */
  articlesDir: string;
  now: DateTime;
}

/** One existing article as the tools see it, read leniently so that a broken file never hides its slug. */
export interface ArticleEntry {
  inputPath: string;
  slug: string;
  wireId?: string;
}

/** The slug and wire id of every article, even of files the checker would reject. */
export function indexArticles(sources: readonly ArticleSource[]): ArticleEntry[] {
  return sources.map((source) => {
    let data: Record<string, unknown> = {};
    try {
      data = readFrontMatter(source.text).data;
    } catch {
      // A broken file still holds its file-name slug; `npm run check` reports the rest.
    }
    const slug = typeof data.slug === "string" ? data.slug : path.posix.basename(source.inputPath, ".md");
    return { inputPath: source.inputPath, slug, ...(typeof data.wire_id === "string" ? { wireId: data.wire_id } : {}) };
  });
}

/** `./src/content/articles/2023/<slug>.md`: folders by year, in the publication's timezone. */
export function articleInputPath(articlesDir: string, date: DateTime, zone: string, slug: string): string {
  const dir = articlesDir.replace(/^\.\//, "").replace(/\/+$/, "");
  return `./${dir}/${inZone(date, zone).toFormat("yyyy")}/${slug}.md`;
}

/**
 * YAML for front matter with gray-matter and the `yaml` package (the parser the
 * checker uses): text and dates double-quoted so colons, quotes and offsets
 * round-trip; keys and slugs plain; lists of slugs on one line.
 */
function stringifyYaml(data: object): string {
  const doc = new Document(data);
  visit(doc, {
    Scalar(key, node) {
      if (key !== "key" && typeof node.value === "string" && !SLUG.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
    Seq(_key, node) {
      if (node.items.every((item) => isScalar(item) && typeof item.value === "string" && SLUG.test(item.value))) node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** A whole article file: front matter (fields in the order given) and Markdown body. */
export function stringifyArticle(fields: Record<string, unknown>, body: string): string {
  const content = body.endsWith("\n") ? body : `${body}\n`;
  return matter.stringify(content, fields, { engines: { yaml: { parse: () => ({}), stringify: stringifyYaml } } });
}

/**
 * Checks one article file that is not written yet through the build's own
 * loader, alongside every other article (for slugs and links). Only this
 * file's problems are returned; other files are `npm run check`'s business.
 */
export async function checkArticle(source: ArticleSource, context: ArticleContext): Promise<{ record?: ArticleRecord; problems: Problem[] }> {
  // Last, so that a clash of slugs is reported against the new file.
  const sources = [...context.sources.filter((other) => other.inputPath !== source.inputPath), source];
  const { articles, problems } = await loadArticles(sources, context.data, {
    publicDir: context.publicDir,
    now: context.now,
    elections: context.elections,
  });
  const file = source.inputPath.replace(/^\.\//, "");
  const record = articles.find((article) => article.inputPath === source.inputPath);
  return { ...(record ? { record } : {}), problems: problems.filter((problem) => problem.file === file) };
}
