import { readdirSync } from "node:fs";
import path from "node:path";

import type { UserConfig } from "@11ty/eleventy";
import rssPlugin from "@11ty/eleventy-plugin-rss";

import { NewsLoader } from "./articles/build-news.ts";
import type { ContentCache } from "./articles/content.ts";
import { warningReporter } from "./articles/content-error.ts";
import { storyFilters } from "./articles/eleventy.ts";
import { parseYaml, type Problem } from "./articles/front-matter.ts";
import { toInputPath } from "./articles/load.ts";
import { StoryPageRenderer } from "./articles/story-render.ts";
import { authorFilters } from "./authors/eleventy.ts";
import { registerAfterBuild, renderMemory } from "./cdn/after-build.ts";
import { cdnFilters } from "./cdn/eleventy.ts";
import { parsePart, type BuildPart } from "./cdn/parts.ts";
import { contentSecurityPolicy, SECURITY_HEADERS } from "./cdn/policy.ts";
import { dateFilters } from "./dates/eleventy.ts";
import { ChangeTracker } from "./dev/changes.ts";
import { devDeletions } from "./dev/deletions.ts";
import { DEV_GLOBALS, devErrorPage } from "./dev/eleventy.ts";
import { registerElectionFilters } from "./elections/filters.ts";
import { CONTENT_CACHE, readContentCacheControl, restoreContentCache, saveContentCache } from "./incremental/content-cache.ts";
import { INCREMENTAL_INPUT, readIncrementalInput, recordPages, type IncrementalInput } from "./incremental/render-state.ts";
import { registerLiveCoverage } from "./live/register.ts";
import { RelatedIndexMemo } from "./related/index.ts";
import { DevSearchIndexer } from "./search/dev-index.ts";
import { searchFilters } from "./search/eleventy.ts";
import { seoFilters } from "./seo/eleventy.ts";
import { readJsonFileSync } from "./sources/json.ts";

export { ContentError } from "./articles/content-error.ts";

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

/**
 * What Broadsheet adds to Eleventy. Each step is a module of its capability; docs/architecture.md
 * walks through a build. Event listeners run in the order they are added here.
 */
export default function broadsheet(eleventyConfig: UserConfig, options: BroadsheetOptions = {}): void {
  const articlesDir = toInputPath(path.join(eleventyConfig.directories.input, "articles"));
  readFilesAsChecked(eleventyConfig);

  const part = options.part ?? (process.env.BROADSHEET_PART ? parsePart(process.env.BROADSHEET_PART) : undefined);
  if (part) ignoreOtherParts(eleventyConfig, articlesDir, part);
  // Story pages are rendered by Broadsheet (src/articles/story-render.ts): Eleventy does not read story files.
  // Its file watcher still reports their edits (config ignores are not watcher ignores).
  const devServer = ["serve", "watch"].includes(process.env.ELEVENTY_RUN_MODE ?? "");
  const showProblems: ((problems: readonly Problem[]) => void) | undefined = devServer ? devServerExtras(eleventyConfig, articlesDir, () => recordPages(news.state.news, news.state.feeds)) : undefined;
  eleventyConfig.ignores.add(`${articlesDir}/**`);

  const reportWarnings = warningReporter(options.strict ?? process.env.BROADSHEET_STRICT === "1");
  const stories = new StoryPageRenderer(eleventyConfig, {
    layout: options.storyLayout ?? "layouts/article.njk",
    devServer,
    state: () => news.state,
    load: () => news.load(),
    changedFiles: () => changes.changedFiles,
    inPart: (inputPath) => inPart(part, articlesDir, inputPath),
    storyBody: (article) => storyBody(article),
    livePage: (article) => live.page(article),
    sourceText: (inputPath) => news.virtualTexts.get(inputPath),
    reportWarnings,
    showProblems,
  });
  eleventyConfig.addPlugin(rssPlugin);

  // What changed since the last build, for the dev server and incremental builds (src/dev/changes.ts).
  const changes = new ChangeTracker(eleventyConfig, articlesDir);
  changes.register(() => (news.loaded ? Object.keys(news.loaded.news.elections) : undefined));

  // Checked story files: a dev-server rebuild parses only changed ones; a production build may keep them for the next (src/incremental/content-cache.ts).
  const cache: ContentCache = { files: new Map() };
  const contentCache = process.env[CONTENT_CACHE] ? readContentCacheControl(process.env[CONTENT_CACHE]) : undefined;
  const restoredContent = contentCache ? restoreContentCache(cache, contentCache) : undefined;

  const news: NewsLoader = new NewsLoader(eleventyConfig, {
    articlesDir,
    publicDir: options.publicDir ?? "public",
    now: options.now,
    preview: () => options.preview ?? previewFromEnvironment(),
    cache,
    // The dev server builds the related index again only when what it is made of changed.
    relatedMemo: devServer ? new RelatedIndexMemo() : undefined,
    renderImagesApart: devServer,
    changes,
    extraGlobals: showProblems ? DEV_GLOBALS : {},
    reportWarnings,
    showProblems,
  });
  eleventyConfig.on("eleventy.before", () => news.reset());
  eleventyConfig.addGlobalData("news", () => news.load());

  // An incremental production build (src/incremental/).
  const incremental = process.env[INCREMENTAL_INPUT] ? readIncrementalInput(process.env[INCREMENTAL_INPUT]) : undefined;
  if (incremental) resume(incremental, changes, news, stories);

  stories.renderEarly();
  registerAfterBuild(eleventyConfig, {
    load: () => news.load(),
    stories,
    memory: (outputDir, rendered) => renderMemory(news.state, { listing: news.listings, story: stories.renderSet, elections: changes.electionVersions, previousSiteWide: incremental?.memory.siteWide }, outputDir, rendered),
    saveContentCache: contentCache ? () => saveContentCache(cache, contentCache, restoredContent) : undefined,
    pictures: () => news.state.pictures,
    search: new DevSearchIndexer(eleventyConfig),
  });

  const { storyBody, live } = registerFilters(eleventyConfig, news, articlesDir);
}

/** Each capability's filters and shortcodes, reading the current build's state; returns what renders story bodies and live pages. */
function registerFilters(eleventyConfig: UserConfig, news: NewsLoader, articlesDir: string) {
  const state = () => news.state;
  const storyBody = storyFilters(eleventyConfig, state, articlesDir);
  const live = registerLiveCoverage(eleventyConfig, { data: () => state().data, render: (article, markdown) => storyBody({ ...article, body: markdown }), readableDate: (iso) => dates.readableDate(iso), sourceText: (inputPath) => news.virtualTexts.get(inputPath) });
  const dates = dateFilters(eleventyConfig, { current: () => state().data.site, loaded: () => news.loaded?.data.site });
  authorFilters(eleventyConfig, () => state().data);
  searchFilters(eleventyConfig, () => state().data);
  seoFilters(eleventyConfig, {
    state,
    load: () => news.load(),
    feedText: (article) => (article.live ? live.feedHtml(article, storyBody({ ...article, body: article.live.intro }).html) : storyBody(article).html),
  });
  registerElectionFilters(eleventyConfig, () => state().data.site);
  cdnFilters(eleventyConfig, state);
  return { storyBody, live };
}

/** `npm start`: an error page with the problems while the content has any, deleted stories leave the site, production headers. Returns what shows the problems. */
function devServerExtras(eleventyConfig: UserConfig, articlesDir: string, recordPages: () => readonly string[]): (problems: readonly Problem[]) => void {
  const showProblems = devErrorPage(eleventyConfig);
  devDeletions(eleventyConfig, articlesDir, recordPages);
  // Each page's <meta> policy narrows frames to its own embeds.
  eleventyConfig.setServerOptions({ headers: { ...SECURITY_HEADERS, "Content-Security-Policy": contentSecurityPolicy(["https:"]) } });
  return showProblems;
}

/** The render sets start from the previous build's memory, and the files changed since stand for the dev server's file watcher. */
function resume(incremental: IncrementalInput, changes: ChangeTracker, news: NewsLoader, stories: StoryPageRenderer): void {
  changes.changedFiles = incremental.changedFiles;
  news.listings.state = incremental.memory.listing;
  stories.renderSet.state = incremental.memory.story;
  changes.electionVersions = new Map(incremental.memory.elections);
}

/**
 * Front matter and data files are parsed as the checks read them (a BOM is fine). A broken data file
 * is left empty here: the `news` data reports every broken file at once, with line and column.
 */
function readFilesAsChecked(eleventyConfig: UserConfig): void {
  eleventyConfig.setFrontMatterParsingOptions({ engines: { yaml: parseYaml } });
  eleventyConfig.addDataExtension("json", {
    read: false,
    parser: (file: string) => {
      const read = readJsonFileSync(file);
      return read.ok ? read.value : {};
    },
  });
}

/** Whether a story belongs to the part of a split build this is (every story without one). */
function inPart(part: BuildPart | undefined, articlesDir: string, inputPath: string): boolean {
  if (!part) return true;
  const folder = path.relative(articlesDir, path.dirname(inputPath)).split(path.sep)[0] ?? "";
  return part.kind === "shared" ? folder === "" : part.folders.includes(folder);
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
