import path from "node:path";
import type { UserConfig } from "@11ty/eleventy";
import type { ImageMetadata } from "@11ty/eleventy-img";
import type { DateTime } from "luxon";
import { buildTime, loadContent, type ContentCache } from "./content.ts";
import { ContentError } from "./content-error.ts";
import type { Problem } from "./front-matter.ts";
import { toInputPath, type ArticleSource } from "./load.ts";
import { buildNews, type News } from "./news.ts";
import { feedEntryVersion, ListingRenderSet, siteWideKey, type ListingOutputs, type StoryChanges } from "./render-set.ts";
import type { SiteData } from "./site-data.ts";
import { readJsonDataFiles } from "./story-pages.ts";
import { DEFAULT_EMBEDS, framedPages } from "../html/embeds.ts";
import { imagesToRender, largestJpeg, processImage, renderInChild, withImageCache, type SourceImage } from "../images/pictures.ts";
import type { RelatedIndexMemo } from "../related/index.ts";
import { feedDefinitions, type FeedDefinition } from "../seo/feeds.ts";
import { newsSitemapArticles } from "../seo/sitemaps.ts";

/** What one build knows once its `news` data is loaded; filters, shortcodes and story pages read it. */
export interface BuildState {
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

/** The `news` global data templates see. */
export type TemplateNews = News & { feeds: FeedDefinition[]; render: ListingOutputs };

export interface NewsLoaderOptions {
  articlesDir: string;
  publicDir: string;
  /** Pinned "now" (ISO 8601). */
  now: string | undefined;
  preview: () => boolean;
  /** Checked story files kept between builds. */
  cache: ContentCache;
  /** The dev server's related index, built again only when what it is made of changed. */
  relatedMemo: RelatedIndexMemo | undefined;
  /** New image renditions are encoded in a child process (the dev server, which lives on; see renderInChild). */
  renderImagesApart: boolean;
  /** Files changed since the last build, and what that changed in the news. */
  changes: { readonly changedFiles: readonly string[] | undefined; changesSince(news: News): StoryChanges | undefined; recordElections(ids: readonly string[]): void };
  /** Globals added for every page (the dev server's error script). */
  extraGlobals: Record<string, unknown>;
  reportWarnings: (warnings: readonly Problem[]) => void;
  /** The dev server's error page, given a failed build's problems. */
  showProblems: ((problems: readonly Problem[]) => void) | undefined;
}

/** Loads and checks the content once a build: as global data for Eleventy's templates, or for story pages when a story part of a split build leaves Eleventy no template. */
export class NewsLoader {
  /** The listing and site-wide pages' render set, kept between builds. */
  readonly listings = new ListingRenderSet();
  /** Texts of stories that are not files, to give warnings their lines. */
  virtualTexts = new Map<string, string>();
  private current: BuildState | undefined;
  private loading: Promise<TemplateNews> | undefined;

  constructor(
    private readonly eleventyConfig: UserConfig,
    private readonly options: NewsLoaderOptions,
  ) {}

  /** This build's state; an error before the `news` data is loaded. */
  get state(): BuildState {
    if (!this.current) throw new Error("Broadsheet: the `news` data has not been loaded yet");
    return this.current;
  }

  /** The last build's state, if one was loaded. */
  get loaded(): BuildState | undefined {
    return this.current;
  }

  /** A new build starts: its news is read again. */
  reset(): void {
    this.loading = undefined;
  }

  load(): Promise<TemplateNews> {
    return (this.loading ??= this.read().catch((error: unknown) => {
      if (error instanceof ContentError) this.options.showProblems?.(error.problems);
      throw error;
    }));
  }

  private async read(): Promise<TemplateNews> {
    const { options, eleventyConfig } = this;
    const preview = options.preview();
    const virtual = virtualArticles(eleventyConfig, options.articlesDir);
    this.virtualTexts = new Map(virtual.map((source) => [source.inputPath, source.text]));
    const changedFiles = options.changes.changedFiles;
    const content = await loadContent({
      cache: options.cache,
      inputDir: eleventyConfig.directories.input,
      dataDir: eleventyConfig.directories.data,
      publicDir: options.publicDir,
      ...(options.now ? { now: buildTime(options.now) } : {}),
      extraSources: virtual,
      ...(changedFiles ? { changedFiles } : {}),
      preview,
    });
    if (!content.ok) throw new ContentError(content.problems);
    options.reportWarnings(content.warnings);
    const news = await buildNews(content.articles, content.data, content.elections, preview, options.relatedMemo, { curation: content.curation, now: content.now.toMillis() });
    const pictures = await withImageCache(async () => {
      if (options.renderImagesApart) await renderInChild(imagesToRender(leadImages(news.articles), options.publicDir), options.publicDir);
      return processPictures(news.articles, options.publicDir);
    });
    const feeds = feedDefinitions(news, content.data);
    const framed = framedPages(news.articles, content.data.site.embeds ?? DEFAULT_EMBEDS);
    const changes = options.changes.changesSince(news);
    const render = this.listings.select(
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
    const globals = { ...(await readJsonDataFiles(eleventyConfig.directories.data)), news: templateNews, ...options.extraGlobals };
    this.current = { news, data: content.data, now: content.now, pictures, changes, render, feeds, globals, framed };
    options.changes.recordElections(Object.keys(news.elections));
    return templateNews;
  }
}

/** Articles given to Eleventy as virtual templates (tests, generated content). */
function virtualArticles(config: UserConfig, articlesDir: string): ArticleSource[] {
  return Object.values(config.virtualTemplates)
    .map((template) => ({ inputPath: toInputPath(path.join(config.directories.input, template.inputPath)), content: template.content }))
    .filter((t): t is { inputPath: string; content: string } => typeof t.content === "string" && t.inputPath.startsWith(articlesDir) && t.inputPath.endsWith(".md"))
    .map(({ inputPath, content }) => ({ inputPath, text: content }));
}

/** Each lead image once, with its size. */
function leadImages(articles: News["articles"]): SourceImage[] {
  const bySrc = new Map<string, SourceImage>();
  for (const { image } of articles) if (image && !bySrc.has(image.src)) bySrc.set(image.src, { src: image.src, width: image.width, height: image.height });
  return [...bySrc.values()];
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
