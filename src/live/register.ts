import type { UserConfig } from "@11ty/eleventy";
import type { Problem } from "../articles/front-matter.ts";
import type { ArticleRecord } from "../articles/load.ts";
import type { SiteData } from "../articles/site-data.ts";
import type { Embed } from "../html/embeds.ts";
import { bodyReports, type StoryBody } from "../html/story-body.ts";
import { escapeMarkup } from "../markup.ts";
import { newsArticle } from "../seo/json-ld.ts";
import { entryHeadline, liveBlogPosting, liveJson, type RenderedEntry } from "./distribution.ts";
import { clockTime } from "./entries.ts";

/** The module that offers new entries without a reload (public/js/live.js). */
export const LIVE_SCRIPT = "/js/live.js";

/** What a live story page adds to a story page: template variables, the sanitizer's reports, the JSON beside it. */
export interface LivePage {
  /** The Markdown above the entries: the page's `content`. */
  intro: string;
  variables: { liveEntries: (RenderedEntry & { headline: string; byline: string[]; key: boolean })[]; liveJsonLd: Record<string, unknown> };
  scripts: string[];
  embeds: Embed[];
  reports: { warnings: Problem[]; errors: Problem[] };
  json: string;
}

export interface LiveDependencies {
  data: () => SiteData;
  /** A story's Markdown to sanitized HTML, as every story body is made (src/html/story-body.ts). */
  render: (article: ArticleRecord, markdown: string) => StoryBody;
  /** Formats a time for readers in the site's zone. */
  readableDate: (iso: string) => string;
  /** The text of a story that is not a file (a virtual template), to find lines in. */
  sourceText: (inputPath: string) => string | undefined;
}

/** Wires live coverage into Broadsheet's story pages and feeds: see docs/live.md. */
export function registerLiveCoverage(eleventyConfig: UserConfig, deps: LiveDependencies) {
  // "18:15", or "20 March, 12:15" after the coverage's first day.
  eleventyConfig.addFilter("liveTime", (iso: string, start: string) => clockTime(iso, start, deps.data().site.timezone));

  // The front page leads with coverage that is live or about to start.
  eleventyConfig.addFilter("openCoverage", (articles: readonly ArticleRecord[]) => articles.filter((article) => article.live && article.live.status !== "ended"));

  const entries = (article: ArticleRecord) =>
    (article.live?.entries ?? []).map((entry) => {
      const body = deps.render(article, entry.body);
      return { entry, body, reports: bodyReports(article.inputPath, entry.body, body, deps.sourceText(article.inputPath)) };
    });

  return {
    /** The page's entries, JSON-LD and update file; undefined for a story that is not live. */
    page(article: ArticleRecord): LivePage | undefined {
      const live = article.live;
      if (!live) return undefined;
      const { site, authors, topics, sections } = deps.data();
      const rendered = entries(article);
      const liveEntries = rendered.map(({ entry, body }) => ({
        id: entry.id,
        time: entry.time,
        ...(entry.title !== undefined ? { title: entry.title } : {}),
        byline: entry.byline,
        key: entry.key,
        html: body.html,
        headline: entryHeadline({ ...entry, html: body.html }),
        ...(entry.scheduled ? { scheduled: entry.scheduled } : {}),
      }));
      const base = newsArticle(article, site, authors, topics, sections[article.section]?.name ?? article.section);
      return {
        intro: live.intro,
        variables: { liveEntries, liveJsonLd: liveBlogPosting(base, live, liveEntries, new URL(article.url, site.url).href) },
        // The update module only while there is coverage to come.
        scripts: live.status === "ended" ? [] : [LIVE_SCRIPT],
        embeds: rendered.flatMap((r) => r.body.embeds),
        reports: { warnings: rendered.flatMap((r) => r.reports.warnings), errors: rendered.flatMap((r) => r.reports.errors) },
        json: liveJson(live),
      };
    },

    /** A live story in feeds: its introduction and its latest entry. */
    feedHtml(article: ArticleRecord, intro: string): string {
      const latest = article.live?.entries.find((entry) => !entry.scheduled);
      if (!latest) return intro;
      const heading = `Latest update, ${escapeMarkup(deps.readableDate(latest.time))}${latest.title ? `: ${escapeMarkup(latest.title)}` : ""}`;
      const url = `${article.url}#${latest.id}`;
      return `${intro}\n<h2><a href="${url}">${heading}</a></h2>\n${deps.render(article, latest.body).html}`;
    },
  };
}
