import { readdirSync } from "node:fs";
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";

import type { CollectionItem, UserConfig } from "@11ty/eleventy";
import type { ImageMetadata } from "@11ty/eleventy-img";
import rssPlugin, { convertHtmlToAbsoluteUrls } from "@11ty/eleventy-plugin-rss";
import type { DateTime } from "luxon";
import markdownIt from "markdown-it";

import { buildTime, loadContent, type ContentCache } from "./articles/content.ts";
import { parseYaml, type Problem } from "./articles/front-matter.ts";
import { formatProblems, toInputPath, type ArticleSource } from "./articles/load.ts";
import { sectionUrl, topicUrl } from "./articles/listing.ts";
import { buildNews, type News } from "./articles/news.ts";
import { expandShortcodes, factboxHtml, readMoreHtml } from "./articles/shortcodes.ts";
import { ListingRenderSet, storyChanges, versionsOf, type ListingOutputs, type StoryChanges } from "./articles/render-set.ts";
import type { SiteData } from "./articles/site-data.ts";
import { assetUrl } from "./cdn/fingerprint.ts";
import { parsePart, type BuildPart } from "./cdn/parts.ts";
import { headersFile } from "./cdn/policy.ts";
import { redirectPage, redirectPagePath, redirectsFile } from "./cdn/redirects.ts";
import { fromIso, memoised, parseDateTime, readableCalendarDate, readableDate, readableDay } from "./dates/dates.ts";
import { shareText } from "./elections/charts/index.ts";
import { figure, formatCount, formatPercent } from "./elections/figures.ts";
import type { ElectionRecord } from "./elections/load.ts";
import { hasSeats, hasVotes, latestWith, leader, seatMethodLabel, seatsChart, sharesChart } from "./elections/view.ts";
import { IMAGE_CACHE, largestJpeg, pictureHtml, processImage, renditionFiles, type PictureContext } from "./images/pictures.ts";
import { backportTemplateLookup, speedUpDependencyEdges } from "./eleventy-patches.ts";
import { escapeMarkup } from "./markup.ts";
import { relatedFeed } from "./related/feed.ts";
import { buildSearchIndex } from "./search/index.ts";
import { authorNames, feedDefinitions, jsonFeed, type FeedDefinition, type FeedEntry } from "./seo/feeds.ts";
import { electionDataset, jsonLd, newsArticle } from "./seo/json-ld.ts";
import { mergeEntries, newsSitemapArticles, newsSitemapXml, siteEntries, sitemapFiles, sitemapXml, type SitemapFile } from "./seo/sitemaps.ts";
import { socialImage } from "./seo/social.ts";

/** Dev server: how long after the last rebuild the search index is rebuilt. */
const SEARCH_REINDEX_DELAY_MS = 10_000;

/** What Broadsheet uses of Eleventy's template dependency graph. */
interface DependencyGraph {
  addDependency(from: string, to: string[]): void;
}

await backportTemplateLookup();
speedUpDependencyEdges();

export interface BroadsheetOptions {
  /** Folder of static files (images are checked there). */
  publicDir?: string;
  /** Pin "now" (ISO 8601) for reproducible builds; BROADSHEET_NOW does the same. */
  now?: string;
  /** Show drafts and scheduled stories; BROADSHEET_PREVIEW=1 does the same; on by default under `--serve` and `--watch`. */
  preview?: boolean;
  /** Build one part of a split build (see `npm run merge`); BROADSHEET_PART ("stories:2022,2023" or "shared") does the same. */
  part?: BuildPart;
}

/** All content problems at once, so editors fix them in one pass. */
export class ContentError extends Error {
  /** Eleventy's error handler: a stack trace says nothing to an editor here. */
  readonly skipOriginalStack = true;

  constructor(readonly problems: readonly Problem[]) {
    super(`Broadsheet found ${problems.length} problem${problems.length === 1 ? "" : "s"} in the content; no pages were written:\n${formatProblems(problems)}`);
    this.name = "ContentError";
  }
}

/** Articles given to Eleventy as virtual templates (tests, generated content). */
function virtualArticles(config: UserConfig, articlesDir: string): ArticleSource[] {
  return Object.values(config.virtualTemplates)
    .map((template) => ({ inputPath: toInputPath(path.join(config.directories.input, template.inputPath)), content: template.content }))
    .filter((t): t is { inputPath: string; content: string } => typeof t.content === "string" && t.inputPath.startsWith(articlesDir) && t.inputPath.endsWith(".md"))
    .map(({ inputPath, content }) => ({ inputPath, text: content }));
}

export default function broadsheet(eleventyConfig: UserConfig, options: BroadsheetOptions = {}): void {
  // Set by the `news` global data each build; filters and shortcodes run after it.
  let current: { news: News; data: SiteData; now: DateTime; pictures: Map<string, ImageMetadata> } | undefined;
  const state = () => {
    if (!current) throw new Error("Broadsheet: the `news` data has not been loaded yet");
    return current;
  };
  const articlesDir = () => toInputPath(path.join(eleventyConfig.directories.input, "articles"));

  eleventyConfig.setFrontMatterParsingOptions({ engines: { yaml: parseYaml } });

  const part = options.part ?? (process.env.BROADSHEET_PART ? parsePart(process.env.BROADSHEET_PART) : undefined);
  if (part) ignoreOtherParts(eleventyConfig, articlesDir(), part);

  eleventyConfig.addPlugin(rssPlugin);

  // Pages that show an election's figures depend on its results file, so that under --incremental an
  // edited results file re-renders those pages and leaves every other one alone. Eleventy keeps such
  // edges in its dependency graph, which it exposes to custom template languages but not to plugins;
  // without it (another Eleventy version) a results file change rebuilds everything, as Eleventy does by default.
  let dependencyGraph: DependencyGraph | undefined;
  eleventyConfig.on("eleventy.extensionmap", (map: { templateConfig?: { usesGraph?: DependencyGraph } }) => {
    dependencyGraph = map.templateConfig?.usesGraph;
  });
  const recordElectionDependencies = () => {
    if (!dependencyGraph || !current) return;
    const file = (id: string) => path.join(eleventyConfig.directories.data, "elections", `${id}.json`);
    for (const article of current.news.articles) {
      if (article.electionsShown.length > 0) dependencyGraph.addDependency(article.inputPath, article.electionsShown.map(file));
    }
    const all = Object.keys(current.news.elections).map(file);
    for (const template of ["elections/election.njk", "elections/index.njk"]) dependencyGraph.addDependency(path.join(eleventyConfig.directories.input, template), all);
  };
  // Eleventy drops an edited page's edges before the next build: they are recorded again after each.
  eleventyConfig.on("eleventy.after", recordElectionDependencies);

  // Under --serve and --watch, files whose text did not change are not parsed again.
  const cache: ContentCache = { files: new Map() };

  // Dev server: the files whose change started this rebuild, to render only the listing pages and feeds they touch.
  let changedFiles: string[] | undefined;
  eleventyConfig.on("eleventy.beforeWatch", (queue: string[]) => {
    changedFiles = queue;
  });
  eleventyConfig.on("eleventy.after", () => {
    changedFiles = undefined;
  });
  const renderSet = new ListingRenderSet();
  let electionVersions = new Map<string, string>();
  const changesSinceLastBuild = (news: News): StoryChanges | undefined => {
    const previous = electionVersions;
    electionVersions = versionsOf(news.elections);
    if (!changedFiles) return undefined;
    return storyChanges(changedFiles, news, { articles: articlesDir(), elections: path.join(eleventyConfig.directories.data, "elections") }, previous, electionVersions);
  };

  eleventyConfig.addGlobalData("news", async (): Promise<News & { feeds: FeedDefinition[]; render: ListingOutputs }> => {
    const content = await loadContent({
      cache,
      inputDir: eleventyConfig.directories.input,
      dataDir: eleventyConfig.directories.data,
      publicDir: options.publicDir ?? "public",
      ...(options.now ? { now: buildTime(options.now) } : {}),
      extraSources: virtualArticles(eleventyConfig, articlesDir()),
    });
    if (!content.ok) throw new ContentError(content.problems);
    const preview = options.preview ?? previewFromEnvironment();
    const news = buildNews(content.articles, content.data, content.elections, preview);
    const pictures = await processPictures(news.articles, options.publicDir ?? "public");
    const feeds = feedDefinitions(news, content.data);
    current = { news, data: content.data, now: content.now, pictures };
    recordElectionDependencies();
    const render = renderSet.select({ sectionPages: news.sectionPages, topicPages: news.topicPages, feeds }, changesSinceLastBuild(news));
    // Frozen, Eleventy hands every template this object as it is instead of deep-copying it: O(1), not O(N), per page.
    return Object.freeze({ ...news, feeds, render });
  });

  // Renditions are made in .cache/ (kept between builds); each build copies the ones it uses.
  eleventyConfig.on("eleventy.after", async ({ directories, outputMode, runMode }: { directories: { output: string }; outputMode: string; runMode: string }) => {
    // Only when files are written (not for toJSON/ndjson runs).
    if (!current || outputMode !== "fs") return;
    const target = path.join(directories.output, "img");
    await mkdir(target, { recursive: true });
    const files = new Set([...current.pictures.values()].flatMap(renditionFiles));
    await Promise.all([...files].map((file) => copyFile(path.join(IMAGE_CACHE, file), path.join(target, file))));
    // Production builds index after Eleventy lets go of its memory (src/cdn/build.ts); the dev
    // server indexes here, in the background, so a page reloads without waiting for search.
    if (runMode === "serve" || runMode === "watch") {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(() => {
        indexing = indexing
          .then(() => buildSearchIndex(directories.output))
          .then(
            ({ pages }) => console.log(`[broadsheet] Search index updated: ${pages} pages`),
            (error: Error) => console.error(`[broadsheet] search index: ${error.message}`),
          );
      }, indexedOnce ? SEARCH_REINDEX_DELAY_MS : 0);
      indexedOnce = true;
    }
  });
  // Indexing a large archive takes both cores for seconds: after an edit it waits until edits pause,
  // so it does not slow the next rebuild, and one index is built at a time.
  let searchTimer: NodeJS.Timeout | undefined;
  let indexing = Promise.resolve();
  let indexedOnce = false;
  eleventyConfig.on("eleventy.before", () => clearTimeout(searchTimer));

  eleventyConfig.addFilter("picture", (image: { src: string; alt: string } | undefined, context: PictureContext, alt?: string, className?: string) => {
    const metadata = image && state().pictures.get(image.src);
    if (!image || !metadata) return "";
    return pictureHtml(metadata, alt ?? image.alt, context, className);
  });

  // Drafts and scheduled stories are not rendered at all in production builds. Stories' own tags
  // are expanded here, as story bodies are Markdown only (articles.11tydata.js).
  eleventyConfig.addPreprocessor("stories", "md", function (_data, content) {
    if (!this.inputPath.startsWith(articlesDir())) return undefined;
    if (!state().news.byInputPath[this.inputPath]) return false;
    return storyMarkdown(content, this.inputPath);
  });
  const storyMarkdown = (body: string, inputPath: string) =>
    expandShortcodes(body, {
      readmore: (slug) => readMore(slug, inputPath),
      figure: (args) => figureText(args, inputPath),
      factbox: factboxHtml,
    });
  // One Markdown library for story pages and feeds (Eleventy's defaults: HTML allowed; it turns off indented code).
  const markdown = markdownIt({ html: true });
  eleventyConfig.setLibrary("md", markdown);

  // page.date in the site's timezone, never a front-matter time read as UTC.
  eleventyConfig.addDateParsing(function (value) {
    if (typeof value !== "string" || !current) return undefined;
    const parsed = parseDateTime(value, current.data.site.timezone);
    return parsed.ok ? parsed.value : undefined;
  });

  // Memoised per build (the zone may change between builds in watch mode).
  let formatters: { date: (iso: string) => string; day: (iso: string) => string; site: unknown } | undefined;
  const format = () => {
    const { site } = state().data;
    if (formatters?.site !== site) {
      formatters = {
        site,
        date: memoised((iso) => readableDate(fromIso(iso), site.timezone, site.timezoneLabel)),
        day: memoised((iso) => readableDay(fromIso(iso), site.timezone)),
      };
    }
    return formatters;
  };
  eleventyConfig.addFilter("readableDate", (iso: string) => format().date(iso));
  eleventyConfig.addFilter("readableDay", (iso: string) => format().day(iso));
  eleventyConfig.addFilter("canonicalUrl", (url: string) => new URL(url, state().data.site.url).href);
  eleventyConfig.addFilter("sectionUrl", sectionUrl);
  eleventyConfig.addFilter("topicUrl", topicUrl);
  eleventyConfig.addFilter("jsonLd", jsonLd);
  eleventyConfig.addFilter("relatedFeed", (articles: News["articles"], related: News["related"]) => relatedFeed(articles, related, state().data.site.url));
  eleventyConfig.addFilter("newsArticle", (article: News["articles"][number]) => {
    const { site, authors, topics, sections } = state().data;
    return newsArticle(article, site, authors, topics, sections[article.section]?.name ?? article.section);
  });
  eleventyConfig.addFilter("electionDataset", (election: ElectionRecord) => electionDataset(election, state().data.site));
  eleventyConfig.addFilter("socialImage", (article?: News["articles"][number]) => socialImage(article, state().data.site));

  // Stories in the order feeds and sitemaps read them; drafts never get here in production.
  eleventyConfig.addCollection("articles", (api) =>
    api.getFilteredByGlob("./src/content/articles/**/*.md").filter((item) => state().news.byInputPath[item.inputPath]),
  );
  // A story is in several feeds (site, section, topics): its feed HTML is made once per build, from
  // its Markdown with the library its page uses, so feeds need no story page rendered in this build.
  let feedHtml = new Map<string, Promise<string>>();
  eleventyConfig.on("eleventy.before", () => {
    feedHtml = new Map();
  });
  eleventyConfig.addAsyncFilter("feedEntries", async (feed: FeedDefinition): Promise<FeedEntry[]> => {
    const { news, data } = state();
    const entries = feed.slugs.flatMap((slug) => {
      const article = news.bySlug[slug];
      if (!article) return [];
      let html = feedHtml.get(slug);
      if (!html) {
        const figure = article.image
          ? `<figure><img src="${article.image.rendition?.url ?? article.image.src}" alt="${escapeMarkup(article.image.alt)}" width="${article.image.width}" height="${article.image.height}">${article.image.caption ? `<figcaption>${escapeMarkup(article.image.caption)}</figcaption>` : ""}</figure>\n`
          : "";
        html = convertHtmlToAbsoluteUrls(figure + markdown.render(storyMarkdown(article.body, article.inputPath)), new URL(article.url, data.site.url).href);
        feedHtml.set(slug, html);
      }
      return [html.then((text) => ({ article, html: text }))];
    });
    return Promise.all(entries);
  });
  eleventyConfig.addFilter("jsonFeed", (entries: FeedEntry[], feed: FeedDefinition) => jsonFeed(feed, entries, state().data));
  eleventyConfig.addFilter("feedAuthors", (article: News["articles"][number]) => authorNames(article, state().data));

  // One sitemap file, or an index and its parts past 50,000 URLs.
  eleventyConfig.addCollection("sitemapFiles", (api) => {
    // Pages the kit makes come from the records; any other page (an About page, say) from Eleventy.
    const others = api
      .getAll()
      .filter((item): item is CollectionItem & { url: string } => typeof item.url === "string" && item.url.endsWith("/"))
      .map((item) => ({ url: item.url }));
    return sitemapFiles(mergeEntries(siteEntries(state().news), others));
  });
  eleventyConfig.addFilter("sitemapXml", (file: SitemapFile) => sitemapXml(file, state().data.site.url));
  eleventyConfig.addFilter("newsSitemapXml", (articles: News["articles"]) => {
    const { now, data } = state();
    return newsSitemapXml(newsSitemapArticles(articles, now), data.site);
  });

  eleventyConfig.addFilter("readableCalendarDate", readableCalendarDate);
  eleventyConfig.addFilter("formatPercent", formatPercent);
  eleventyConfig.addFilter("shareText", shareText);
  eleventyConfig.addFilter("formatCount", formatCount);
  eleventyConfig.addFilter("latestWith", latestWith);
  eleventyConfig.addFilter("hasVotes", hasVotes);
  eleventyConfig.addFilter("hasSeats", hasSeats);
  eleventyConfig.addFilter("leader", leader);
  eleventyConfig.addFilter("seatMethodLabel", seatMethodLabel);
  eleventyConfig.addFilter("sharesChart", sharesChart);
  eleventyConfig.addFilter("seatsChart", seatsChart);

  eleventyConfig.addFilter("asset", (original: string) => assetUrl(original));
  eleventyConfig.addFilter("redirectPagePath", redirectPagePath);
  eleventyConfig.addFilter("redirectPage", (to: string) => redirectPage(to, state().data.site));
  eleventyConfig.addFilter("redirectsFile", redirectsFile);
  eleventyConfig.addFilter("headersFile", headersFile);

  const readMore = (slug: string, inputPath: string) => {
    const target = state().news.bySlug[slug];
    if (!target) throw new Error(`${inputPath}: READ MORE: no published story has the slug "${slug}"`);
    return readMoreHtml(target);
  };
  const figureText = (args: string[], inputPath: string) => {
    const result = figure(state().news.elections, args);
    if (!result.ok) throw new Error(`${inputPath}: figure: ${result.message}`);
    return result.text;
  };
  // The same tags for other pages (an About page, say), which Nunjucks renders.
  eleventyConfig.addShortcode("readmore", function (slug: string) {
    return readMore(slug, this.page.inputPath);
  });
  eleventyConfig.addShortcode("figure", function (...args: string[]) {
    return figureText(args, this.page.inputPath);
  });
  eleventyConfig.addPairedShortcode("factbox", factboxHtml);
}

/** Every lead image in every width and format; a file sharp cannot read fails the build, naming the story. */
async function processPictures(articles: News["articles"], publicDir: string): Promise<Map<string, ImageMetadata>> {
  const pictures = new Map<string, ImageMetadata>();
  const problems: Problem[] = [];
  for (const article of articles) {
    const image = article.image;
    if (!image) continue;
    try {
      const metadata = pictures.get(image.src) ?? (await processImage(image.src, publicDir, image.width));
      pictures.set(image.src, metadata);
      const jpeg = largestJpeg(metadata);
      image.rendition = { url: jpeg.url, width: jpeg.width, height: jpeg.height, bytes: jpeg.size };
    } catch (error) {
      problems.push({ file: article.inputPath.replace(/^\.\//, ""), field: "image.src", message: `cannot make renditions of ${image.src}: ${(error as Error).message}` });
    }
  }
  if (problems.length > 0) throw new ContentError(problems);
  return pictures;
}

/**
 * A story part renders only the stories of its folders; the shared part, every page but
 * the stories in folders. Eleventy does not even read what the part leaves to others.
 */
function ignoreOtherParts(eleventyConfig: UserConfig, articlesDir: string, part: BuildPart): void {
  const folders = readdirSync(articlesDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  if (part.kind === "shared") {
    for (const folder of folders) eleventyConfig.ignores.add(`${articlesDir}/${folder}/**`);
    return;
  }
  const missing = part.folders.filter((folder) => !folders.includes(folder));
  if (missing.length > 0) throw new Error(`--part stories: no folder ${missing.map((m) => `${articlesDir.replace(/^\.\//, "")}/${m}/`).join(", ")}`);
  const input = eleventyConfig.directories.input.replace(/\/+$/, "");
  eleventyConfig.ignores.add(`${input}/**/*.njk`);
  eleventyConfig.ignores.add(`${input}/*.md`);
  eleventyConfig.ignores.add(`${articlesDir}/*.md`);
  for (const folder of folders) if (!part.folders.includes(folder)) eleventyConfig.ignores.add(`${articlesDir}/${folder}/**`);
}

function previewFromEnvironment(): boolean {
  const flag = process.env.BROADSHEET_PREVIEW;
  if (flag !== undefined && flag !== "") return flag === "1" || flag === "true";
  return ["serve", "watch"].includes(process.env.ELEVENTY_RUN_MODE ?? "");
}

