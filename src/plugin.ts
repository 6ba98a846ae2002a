import { constants, readdirSync } from "node:fs";
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";

import type { CollectionItem, RenderedPage, UserConfig } from "@11ty/eleventy";
import type { ImageMetadata } from "@11ty/eleventy-img";
import rssPlugin, { convertHtmlToAbsoluteUrls } from "@11ty/eleventy-plugin-rss";
import type { DateTime } from "luxon";

import { buildTime, loadContent, type ContentCache } from "./articles/content.ts";
import { parseYaml, type Problem } from "./articles/front-matter.ts";
import { formatProblems, toInputPath, type ArticleSource } from "./articles/load.ts";
import { sectionUrl, topicUrl } from "./articles/listing.ts";
import { buildNews, type News } from "./articles/news.ts";
import { factboxHtml, readMoreHtml } from "./articles/shortcodes.ts";
import { ListingRenderSet, feedEntryVersion, siteWideKey, StoryRenderSet, storyChanges, versionsOf, type ListingOutputs, type StoryChanges } from "./articles/render-set.ts";
import { loadLayoutChain, outputPathOf, PageWriter, readJsonDataFiles, renderInLayouts, type NunjucksLibrary } from "./articles/story-pages.ts";
import type { SiteData } from "./articles/site-data.ts";
import { authorFilters } from "./authors/eleventy.ts";
import { DEV_GLOBALS, devErrorPage } from "./dev/eleventy.ts";
import { devDeletions } from "./dev/deletions.ts";
import { assetUrl } from "./cdn/fingerprint.ts";
import { parsePart, type BuildPart } from "./cdn/parts.ts";
import { contentSecurityPolicy, headersFile, SECURITY_HEADERS } from "./cdn/policy.ts";
import { redirectPage, redirectPagePath, redirectsFile } from "./cdn/redirects.ts";
import { fromIso, memoised, parseDateTime, readableCalendarDate, readableDate, readableDay } from "./dates/dates.ts";
import { figure } from "./elections/figures.ts";
import { registerElectionFilters } from "./elections/filters.ts";
import type { ElectionRecord } from "./elections/load.ts";
import { DEFAULT_EMBEDS, framedPages, type Embed } from "./html/embeds.ts";
import { bodyReports, createMarkdown, renderStoryBody, sanitizeTime } from "./html/story-body.ts";
import { IMAGE_CACHE, largestJpeg, pictureHtml, processImage, renditionFiles, withImageCache, type PictureContext } from "./images/pictures.ts";
import { escapeMarkup } from "./markup.ts";
import { relatedFeed } from "./related/feed.ts";
import { RelatedIndexMemo } from "./related/index.ts";
import { buildSearchIndex } from "./search/index.ts";
import { searchFilters } from "./search/eleventy.ts";
import { authorNames, feedDefinitions, jsonFeed, type FeedDefinition, type FeedEntry } from "./seo/feeds.ts";
import { electionDataset, jsonLd, newsArticle } from "./seo/json-ld.ts";
import { mergeEntries, newsSitemapArticles, newsSitemapXml, siteEntries, sitemapFiles, sitemapXml, type SitemapFile } from "./seo/sitemaps.ts";
import { socialImage } from "./seo/social.ts";
import { INCREMENTAL_INPUT, INCREMENTAL_OUTPUT, readIncrementalInput, recordPages, writeIncrementalOutput } from "./incremental/render-state.ts";
import { CONTENT_CACHE, readContentCacheControl, restoreContentCache, saveContentCache } from "./incremental/content-cache.ts";
import { readJsonFileSync } from "./sources/json.ts";
import { LIVE_JSON } from "./live/distribution.ts";
import { registerLiveCoverage } from "./live/register.ts";

/** Dev server: how long after the last rebuild the search index is rebuilt. */
const SEARCH_REINDEX_DELAY_MS = 10_000;

/** What Broadsheet uses of Eleventy's template dependency graph. */
interface DependencyGraph {
  addDependency(from: string, to: string[]): void;
}


export interface BroadsheetOptions {
  /** Folder of static files (images are checked there). */
  publicDir?: string;
  /** Pin "now" (ISO 8601) for reproducible builds; BROADSHEET_NOW does the same. */
  now?: string;
  /** Show drafts and scheduled stories; BROADSHEET_PREVIEW=1 does the same; on by default under `--serve` and `--watch`. */
  preview?: boolean;
  /** Build one part of a split build (see `npm run merge`); BROADSHEET_PART ("stories:2022,2023" or "shared") does the same. */
  part?: BuildPart;
  /** The layout story pages are rendered in, under the includes folder. */
  storyLayout?: string;
  /** Content warnings (HTML removed from a story, a long headline) fail the build; BROADSHEET_STRICT=1 does the same. */
  strict?: boolean;
}

/** The module that loads embeds on click, on the pages that have them. */
const EMBED_SCRIPT = "/js/embed.js";

/** Story front-matter fields story layouts see as variables (as Eleventy's data cascade gave them); site data keeps its names. */
const STORY_VARIABLES = ["title", "summary", "date", "updated", "section", "byline", "credit", "image", "election", "corrections", "draft"] as const;

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
  let current:
    | {
        news: News;
        data: SiteData;
        now: DateTime;
        pictures: Map<string, ImageMetadata>;
        /** What changed since the last dev-server build; undefined: render everything. */
        changes: StoryChanges | undefined;
        /** The listing and site-wide pages this build renders. */
        render: ListingOutputs;
        /** Every feed, rendered in this build or not. */
        feeds: FeedDefinition[];
        /** What templates see: the `news` global data, and every JSON file under `_data/`. */
        globals: Record<string, unknown>;
        /** Frame origins of the embeds on each story page that has any, by URL. */
        framed: Map<string, string[]>;
      }
    | undefined;
  const state = () => {
    if (!current) throw new Error("Broadsheet: the `news` data has not been loaded yet");
    return current;
  };
  const articlesDir = () => toInputPath(path.join(eleventyConfig.directories.input, "articles"));

  eleventyConfig.setFrontMatterParsingOptions({ engines: { yaml: parseYaml } });
  // Data files decoded and parsed as the checks read them (a BOM is fine). A broken file is left empty
  // here: the `news` data reports every broken file at once, with line and column (checkDataFolder).
  eleventyConfig.addDataExtension("json", {
    read: false,
    parser: (file: string) => {
      const read = readJsonFileSync(file);
      return read.ok ? read.value : {};
    },
  });

  const part = options.part ?? (process.env.BROADSHEET_PART ? parsePart(process.env.BROADSHEET_PART) : undefined);
  if (part) ignoreOtherParts(eleventyConfig, articlesDir(), part);
  const inPart = (inputPath: string) => {
    if (!part) return true;
    const folder = path.relative(articlesDir(), path.dirname(inputPath)).split(path.sep)[0] ?? "";
    return part.kind === "shared" ? folder === "" : part.folders.includes(folder);
  };
  // Story pages are rendered by Broadsheet (src/articles/story-pages.ts): Eleventy does not read story files.
  // Its file watcher still reports their edits (config ignores are not watcher ignores).
  const devServer = ["serve", "watch"].includes(process.env.ELEVENTY_RUN_MODE ?? "");
  // `npm start` serves an error page with the problems while the content has any (src/dev/).
  const showProblems = devServer ? devErrorPage(eleventyConfig) : undefined;
  if (devServer) devDeletions(eleventyConfig, articlesDir(), () => recordPages(state().news, state().feeds));
  eleventyConfig.ignores.add(`${articlesDir()}/**`);
  // `npm start` sends the production headers too; each page's <meta> policy narrows frames to its own embeds.
  if (devServer) eleventyConfig.setServerOptions({ headers: { ...SECURITY_HEADERS, "Content-Security-Policy": contentSecurityPolicy(["https:"]) } });

  // Eleventy's own Nunjucks environment, with every filter and shortcode, renders story pages too.
  let nunjucks: { library: NunjucksLibrary; environment: unknown } | undefined;
  eleventyConfig.on("eleventy.engine.njk", ({ nunjucks: library, environment }: { nunjucks: NunjucksLibrary; environment: unknown }) => {
    nunjucks = { library, environment };
  });

  eleventyConfig.addPlugin(rssPlugin);

  // Under --incremental, Eleventy re-renders a template when a file it depends on changes. It keeps those
  // edges in its dependency graph, which it exposes to custom template languages but not to plugins;
  // without it (another Eleventy version), page templates are not re-rendered after a story edit.
  let dependencyGraph: DependencyGraph | undefined;
  eleventyConfig.on("eleventy.extensionmap", (map: { templateConfig?: { usesGraph?: DependencyGraph } }) => {
    dependencyGraph = map.templateConfig?.usesGraph;
  });
  // Page templates depend on the results files and on a story file that changed: a story or results
  // edit re-renders them, and ListingRenderSet narrows which of their pages are made.
  let templatePaths: string[] = [];
  eleventyConfig.on("eleventy.contentMap", ({ inputPathToUrl }: { inputPathToUrl: Record<string, unknown> }) => {
    templatePaths = Object.keys(inputPathToUrl);
  });
  const dependOn = (files: string[]) => {
    if (dependencyGraph && files.length > 0) for (const template of templatePaths) dependencyGraph.addDependency(template, files);
  };
  const recordDependencies = () => {
    if (current) dependOn(Object.keys(current.news.elections).map((id) => path.join(eleventyConfig.directories.data, "elections", `${id}.json`)));
  };
  // Eleventy drops the changed file's edges before the next build: they are recorded again after each.
  eleventyConfig.on("eleventy.after", recordDependencies);

  // Under --serve and --watch, files whose text did not change are not parsed again, and the
  // related index is built again only when what it is made of changed.
  const cache: ContentCache = { files: new Map() };
  // A production build keeps checked story files for the next one (src/incremental/content-cache.ts).
  const contentCache = process.env[CONTENT_CACHE] ? readContentCacheControl(process.env[CONTENT_CACHE]) : undefined;
  const restoredContent = contentCache ? restoreContentCache(cache, contentCache) : undefined;
  const relatedMemo = new RelatedIndexMemo();

  // Dev server: the files changed since the last build that succeeded (a failed build leaves its changes
  // to the next), to render only the pages they touch.
  let changedFiles: string[] | undefined;
  eleventyConfig.on("eleventy.beforeWatch", (queue: string[]) => {
    changedFiles = [...(changedFiles ?? []), ...queue];
    // Recorded before Eleventy decides which templates the change is relevant to.
    dependOn(queue.filter((file) => path.resolve(file).startsWith(path.resolve(articlesDir()) + path.sep)));
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
    const results = ["elections", "regions", "maps"].map((folder) => path.join(eleventyConfig.directories.data, folder));
    return storyChanges(changedFiles, news, { articles: articlesDir(), results }, previous, electionVersions);
  };

  type TemplateNews = News & { feeds: FeedDefinition[]; render: ListingOutputs };
  // Loaded once a build: as global data for Eleventy's templates, or for story pages when a
  // story part of a split build leaves Eleventy no template at all.
  let loading: Promise<TemplateNews> | undefined;
  eleventyConfig.on("eleventy.before", () => {
    loading = undefined;
  });
  const loadNews = () =>
    (loading ??= readNews().catch((error: unknown) => {
      if (error instanceof ContentError) showProblems?.(error.problems);
      throw error;
    }));
  eleventyConfig.addGlobalData("news", loadNews);
  // Texts of stories that are not files, to give warnings their lines.
  let virtualTexts = new Map<string, string>();
  const readNews = async (): Promise<TemplateNews> => {
    const preview = options.preview ?? previewFromEnvironment();
    const virtual = virtualArticles(eleventyConfig, articlesDir());
    virtualTexts = new Map(virtual.map((source) => [source.inputPath, source.text]));
    const content = await loadContent({
      cache,
      inputDir: eleventyConfig.directories.input,
      dataDir: eleventyConfig.directories.data,
      publicDir: options.publicDir ?? "public",
      ...(options.now ? { now: buildTime(options.now) } : {}),
      extraSources: virtual,
      ...(changedFiles ? { changedFiles } : {}),
      preview,
    });
    if (!content.ok) throw new ContentError(content.problems);
    reportWarnings(content.warnings);
    const news = await buildNews(content.articles, content.data, content.elections, preview, devServer ? relatedMemo : undefined, { curation: content.curation, now: content.now.toMillis() });
    const pictures = await withImageCache(() => processPictures(news.articles, options.publicDir ?? "public"));
    const feeds = feedDefinitions(news, content.data);
    const framed = framedPages(news.articles, content.data.site.embeds ?? DEFAULT_EMBEDS);
    const changes = changesSinceLastBuild(news);
    const render = renderSet.select(
      {
        sectionPages: news.sectionPages,
        topicPages: news.topicPages,
        authorPages: news.authorPages,
        feeds,
        electionPages: news.electionList,
        electionStories: news.electionStories,
        redirects: news.redirects,
        leadingTopics: news.leadingTopics,
        breaking: news.breaking,
        versions: new Map(news.articles.map((a) => [a.slug, feedEntryVersion(a, news.bySlug)])),
      },
      siteWideKey(news, { recent: newsSitemapArticles(news.articles, content.now).map((a) => a.slug), framed: [...framed] }),
      changes,
    );
    // Frozen, Eleventy hands every template this object as it is instead of deep-copying it: O(1), not O(N), per page.
    const templateNews = Object.freeze({ ...news, feeds, render });
    const globals = { ...(await readJsonDataFiles(eleventyConfig.directories.data)), news: templateNews, ...(showProblems ? DEV_GLOBALS : {}) };
    current = { news, data: content.data, now: content.now, pictures, changes, render, feeds, globals, framed };
    recordDependencies();
    return templateNews;
  };

  const storyRenderSet = new StoryRenderSet();
  // An incremental production build (src/incremental/): the render sets start from the previous
  // build's memory, and the files changed since stand for the dev server's file watcher.
  const incremental = process.env[INCREMENTAL_INPUT] ? readIncrementalInput(process.env[INCREMENTAL_INPUT]) : undefined;
  if (incremental) {
    changedFiles = incremental.changedFiles;
    renderSet.state = incremental.memory.listing;
    storyRenderSet.state = incremental.memory.story;
    electionVersions = new Map(incremental.memory.elections);
  }
  /**
   * Renders the story pages this build needs and writes them, never over a page of Eleventy's
   * (`eleventyPages`, by output path): a URL both claim is an error. Returns the pages for
   * Eleventy's results (toJSON, and the dev server's reload); a production build keeps none.
   */
  const renderStories = async (outputDir: string, outputMode: string, eleventyPages: ReadonlyMap<string, string>): Promise<RenderedPage[]> => {
    const { news, changes, globals } = state();
    if (!nunjucks) throw new Error("Broadsheet: Eleventy did not create its Nunjucks environment, which story pages are rendered with");
    const layout = options.storyLayout ?? "layouts/article.njk";
    const chain = await loadLayoutChain(nunjucks.library, nunjucks.environment, eleventyConfig.directories.includes, layout);
    const stories = storyRenderSet.select(news, changes).filter((article) => inPart(article.inputPath));
    const keep = outputMode !== "fs" || (devServer && stories.length < news.articles.length);
    const pages: RenderedPage[] = [];
    const writer = new PageWriter();
    const started = performance.now();
    const reports: { warnings: Problem[]; errors: Problem[] } = { warnings: [], errors: [] };
    for (const article of stories) {
      const outputPath = outputPathOf(outputDir, article.url);
      checkClash(article, outputPath, eleventyPages);
      const variables = Object.fromEntries(STORY_VARIABLES.filter((key) => article[key] !== undefined).map((key) => [key, article[key]]));
      const page = { url: article.url, inputPath: article.inputPath, outputPath, fileSlug: article.slug, outputFileExtension: "html", date: new Date(article.timestamp) };
      const livePage = live.page(article);
      const body = storyBody(livePage ? { ...article, body: livePage.intro } : article);
      const { warnings, errors } = bodyReports(article.inputPath, article.body, body, virtualTexts.get(article.inputPath));
      reports.warnings.push(...warnings, ...(livePage?.reports.warnings ?? []));
      reports.errors.push(...errors, ...(livePage?.reports.errors ?? []));
      const embeds = [...body.embeds, ...(livePage?.embeds ?? [])];
      const scripts = [...(embeds.length > 0 ? [EMBED_SCRIPT] : []), ...(livePage?.scripts ?? [])];
      const embedded = { ...(scripts.length > 0 ? { scripts } : {}), ...(embeds.length > 0 ? { frameOrigins: embeds.map((embed: Embed) => embed.origin) } : {}) };
      const html = await renderInLayouts(chain, { ...variables, ...globals, ...embedded, ...livePage?.variables, page }, body.html).catch((error: Error) => {
        throw new Error(`${article.inputPath}: its page could not be rendered: ${error.message}`);
      });
      if (outputMode === "fs") writer.write(outputPath, html);
      if (outputMode === "fs" && livePage) writer.write(path.join(path.dirname(outputPath), LIVE_JSON), livePage.json);
      if (keep) pages.push({ url: article.url, inputPath: article.inputPath, outputPath, content: html });
    }
    if (reports.errors.length > 0) {
      showProblems?.(reports.errors);
      throw new ContentError(reports.errors);
    }
    reportWarnings(reports.warnings);
    // Eleventy's own summary line ("Wrote N files") counts only its pages.
    if (outputMode === "fs") {
      console.log(`[broadsheet] Wrote ${stories.length} story page${stories.length === 1 ? "" : "s"} in ${((performance.now() - started) / 1000).toFixed(2)} seconds`);
      console.log(`[broadsheet] Sanitized ${sanitizeTime.bodies} story bodies (pages and feeds) in ${(sanitizeTime.ms / 1000).toFixed(2)} seconds`);
    }
    return pages;
  };
  /** For the next production build: the render sets' memory, and every page this site has (rendered now or not). */
  const writeRenderMemory = (file: string, outputDir: string, rendered: readonly RenderedPage[]) => {
    const { news, render, feeds } = state();
    const records = recordPages(news, feeds);
    const recorded = new Set(records);
    const siteWide = render.siteWidePages.length
      ? rendered.filter((page) => typeof page.outputPath === "string").map((page) => `/${path.relative(outputDir, page.outputPath).split(path.sep).join("/")}`).filter((sitePath) => !recorded.has(sitePath))
      : (incremental?.memory.siteWide ?? []);
    const memory = { listing: renderSet.state, story: storyRenderSet.state, elections: [...electionVersions], siteWide: siteWide.sort() };
    writeIncrementalOutput(file, { memory, pages: [...records, ...siteWide] });
  };
  const checkClash = (article: { inputPath: string; url: string }, outputPath: string, eleventyPages: ReadonlyMap<string, string>) => {
    const other = eleventyPages.get(path.resolve(outputPath));
    if (other) throw new Error(`${article.inputPath}: its page ${article.url} is also made by ${other}; change one of their URLs`);
  };

  // A dev-server rebuild renders its few story pages before Eleventy's pages, so the edited story is served sooner.
  let renderedEarly: RenderedPage[] | undefined;
  eleventyConfig.on("eleventy.before", async ({ directories, outputMode }: { directories: { output: string }; outputMode: string }) => {
    renderedEarly = undefined;
    if (!devServer || !changedFiles || outputMode !== "fs") return;
    await loadNews();
    renderedEarly = await renderStories(directories.output, outputMode, new Map());
  });

  // Renditions are made in .cache/ (kept between builds); each build copies the ones it uses.
  eleventyConfig.on("eleventy.after", async ({ directories, outputMode, runMode, results }: { directories: { output: string }; outputMode: string; runMode: string; results: RenderedPage[] }) => {
    await loadNews();
    const eleventyPages = new Map(results.filter((page) => typeof page.outputPath === "string").map((page) => [path.resolve(page.outputPath), page.inputPath]));
    if (renderedEarly) for (const page of renderedEarly) checkClash(page, page.outputPath, eleventyPages);
    results.push(...(renderedEarly ?? (await renderStories(directories.output, outputMode, eleventyPages))));
    // After the story pages: their render set remembers what this build rendered.
    const memoryFile = process.env[INCREMENTAL_OUTPUT];
    if (memoryFile && outputMode === "fs") writeRenderMemory(memoryFile, directories.output, results);
    if (contentCache && outputMode === "fs") saveContentCache(cache, contentCache, restoredContent);
    // The rest only when files are written (not for toJSON/ndjson runs).
    if (outputMode !== "fs") return;
    const target = path.join(directories.output, "img");
    await mkdir(target, { recursive: true });
    const files = new Set([...state().pictures.values()].flatMap(renditionFiles));
    // Rendition names carry a hash of their source: one already in the output is the same file.
    const copyNew = (file: string) => copyFile(path.join(IMAGE_CACHE, file), path.join(target, file), constants.COPYFILE_EXCL).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "EEXIST") throw error;
    });
    await Promise.all([...files].map(copyNew));
    // Production builds index after Eleventy lets go of its memory (src/cdn/build.ts); the dev
    // server indexes here, in the background, so a page reloads without waiting for search.
    if (runMode === "serve" || runMode === "watch") {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(() => {
        indexing = indexing
          .then(() => buildSearchIndex(directories.output))
          .then(
            ({ pages, bundles, reused }) => console.log(`[broadsheet] Search index updated: ${pages} pages, ${bundles.length - reused.length} of ${bundles.length} years indexed`),
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

  // Stories given to Eleventy as virtual templates (tests) are rendered by Broadsheet too, not by Eleventy.
  eleventyConfig.addPreprocessor("stories", "md", function () {
    return this.inputPath.startsWith(articlesDir()) ? false : undefined;
  });
  // One Markdown library and one path to HTML (tags, Markdown, sanitizer) for story pages and feeds.
  const markdown = createMarkdown();
  eleventyConfig.setLibrary("md", markdown);
  const storyBody = (article: { body: string; inputPath: string }) =>
    renderStoryBody(
      markdown,
      article.body,
      { readmore: (slug) => readMore(slug, article.inputPath), figure: (args) => figureText(args, article.inputPath), factbox: factboxHtml },
      state().data.site.embeds ?? DEFAULT_EMBEDS,
    );
  const live = registerLiveCoverage(eleventyConfig, { data: () => state().data, render: (article, markdown) => storyBody({ ...article, body: markdown }), readableDate: (iso) => format().date(iso), sourceText: (inputPath) => virtualTexts.get(inputPath) });
  const strict = options.strict ?? process.env.BROADSHEET_STRICT === "1";
  /** Warnings are printed, or under --strict fail the build like errors. */
  const reportWarnings = (warnings: readonly Problem[]) => {
    if (warnings.length === 0) return;
    if (strict) throw new ContentError(warnings);
    console.warn(`[broadsheet] ${warnings.length} warning${warnings.length === 1 ? "" : "s"} (--strict makes them errors):\n${formatProblems(warnings)}`);
  };

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
  authorFilters(eleventyConfig, () => state().data);
  searchFilters(eleventyConfig, () => state().data);
  eleventyConfig.addFilter("electionDataset", (election: ElectionRecord) => electionDataset(election, state().data.site));
  eleventyConfig.addFilter("socialImage", (article?: News["articles"][number]) => socialImage(article, state().data.site));

  // A story is in several feeds (site, section, topics): its feed HTML is made once per build, from
  // its Markdown with the library its page uses, so feeds need no story page rendered in this build.
  let feedHtml = new Map<string, Promise<string>>();
  eleventyConfig.on("eleventy.before", () => {
    feedHtml = new Map();
    Object.assign(sanitizeTime, { ms: 0, bodies: 0 });
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
        const text = article.live ? live.feedHtml(article, storyBody({ ...article, body: article.live.intro }).html) : storyBody(article).html;
        html = convertHtmlToAbsoluteUrls(figure + text, new URL(article.url, data.site.url).href);
        feedHtml.set(slug, html);
      }
      return [html.then((text) => ({ article, html: text }))];
    });
    return Promise.all(entries);
  });
  eleventyConfig.addFilter("jsonFeed", (entries: FeedEntry[], feed: FeedDefinition) => jsonFeed(feed, entries, state().data));
  eleventyConfig.addFilter("feedAuthors", (article: News["articles"][number]) => authorNames(article, state().data));

  // One sitemap file, or an index and its parts past 50,000 URLs.
  eleventyConfig.addCollection("sitemapFiles", async (api) => {
    await loadNews();
    if (state().render.siteWidePages.length === 0) return [];
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
  registerElectionFilters(eleventyConfig, () => state().data.site);

  eleventyConfig.addFilter("asset", (original: string) => assetUrl(original));
  eleventyConfig.addFilter("redirectPagePath", redirectPagePath);
  eleventyConfig.addFilter("redirectPage", (to: string) => redirectPage(to, state().data.site));
  eleventyConfig.addFilter("redirectsFile", redirectsFile);
  eleventyConfig.addFilter("headersFile", () => headersFile([...state().framed].map(([url, origins]) => ({ url, frameOrigins: origins })), state().news.articles.filter((a) => a.live).map((a) => a.url)));
  eleventyConfig.addFilter("metaPolicy", (origins?: string[]) => contentSecurityPolicy(origins ?? [], "meta"));

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
 * A story part renders only the stories of its folders (Eleventy reads none of the other
 * pages); the shared part, every page but the stories in folders.
 */
function ignoreOtherParts(eleventyConfig: UserConfig, articlesDir: string, part: BuildPart): void {
  if (part.kind === "shared") return;
  const folders = readdirSync(articlesDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  const missing = part.folders.filter((folder) => !folders.includes(folder));
  if (missing.length > 0) throw new Error(`--part stories: no folder ${missing.map((m) => `${articlesDir.replace(/^\.\//, "")}/${m}/`).join(", ")}`);
  const input = eleventyConfig.directories.input.replace(/\/+$/, "");
  eleventyConfig.ignores.add(`${input}/**/*.njk`);
  eleventyConfig.ignores.add(`${input}/*.md`);
  // One empty page that writes nothing, so that Eleventy sets up the Nunjucks environment story pages are rendered with.
  eleventyConfig.addTemplate("broadsheet-story-part.njk", "", { permalink: false, eleventyExcludeFromCollections: true });
}

function previewFromEnvironment(): boolean {
  const flag = process.env.BROADSHEET_PREVIEW;
  if (flag !== undefined && flag !== "") return flag === "1" || flag === "true";
  return ["serve", "watch"].includes(process.env.ELEVENTY_RUN_MODE ?? "");
}

