import path from "node:path";
import type { RenderedPage, UserConfig } from "@11ty/eleventy";
import type { BuildState } from "./build-news.ts";
import { ContentError } from "./content-error.ts";
import type { Problem } from "./front-matter.ts";
import type { ArticleRecord } from "./load.ts";
import { StoryRenderSet } from "./render-set.ts";
import { loadLayoutChain, outputPathOf, PageWriter, renderInLayouts, type NunjucksLibrary } from "./story-pages.ts";
import type { Embed } from "../html/embeds.ts";
import { bodyReports, sanitizeTime, type StoryBody } from "../html/story-body.ts";
import { LIVE_JSON } from "../live/distribution.ts";
import type { LivePage } from "../live/register.ts";

/** The module that loads embeds on click, on the pages that have them. */
const EMBED_SCRIPT = "/js/embed.js";

/** Story front-matter fields story layouts see as variables (as Eleventy's data cascade gave them); site data keeps its names. */
const STORY_VARIABLES = ["title", "summary", "date", "updated", "section", "byline", "credit", "image", "election", "corrections", "draft"] as const;

export interface StoryRenderOptions {
  /** The layout story pages are rendered in, under the includes folder. */
  layout: string;
  /** Under `npm start`: a rebuild renders its few story pages before Eleventy's, and keeps them for the reload. */
  devServer: boolean;
  state: () => BuildState;
  load: () => Promise<unknown>;
  /** Files changed since the last build; undefined: render everything. */
  changedFiles: () => readonly string[] | undefined;
  /** Whether a story belongs to the part of a split build this is. */
  inPart: (inputPath: string) => boolean;
  storyBody: (article: ArticleRecord) => StoryBody;
  livePage: (article: ArticleRecord) => LivePage | undefined;
  sourceText: (inputPath: string) => string | undefined;
  reportWarnings: (warnings: readonly Problem[]) => void;
  showProblems: ((problems: readonly Problem[]) => void) | undefined;
}

type Layout = Awaited<ReturnType<typeof loadLayoutChain>>[number];
type Reports = { warnings: Problem[]; errors: Problem[] };

/**
 * Story pages, rendered by Broadsheet rather than by Eleventy (src/articles/story-pages.ts says why),
 * in Eleventy's own Nunjucks environment, with every filter and shortcode.
 */
export class StoryPageRenderer {
  /** Which stories a build renders, kept between builds. */
  readonly renderSet = new StoryRenderSet();
  private nunjucks: { library: NunjucksLibrary; environment: unknown } | undefined;
  /** A dev-server rebuild's story pages, rendered before Eleventy's. */
  private renderedEarly: RenderedPage[] | undefined;

  constructor(
    private readonly eleventyConfig: UserConfig,
    private readonly options: StoryRenderOptions,
  ) {
    eleventyConfig.on("eleventy.engine.njk", ({ nunjucks: library, environment }: { nunjucks: NunjucksLibrary; environment: unknown }) => {
      this.nunjucks = { library, environment };
    });
  }

  /** A dev-server rebuild renders its few story pages before Eleventy's pages, so the edited story is served sooner. */
  renderEarly(): void {
    this.eleventyConfig.on("eleventy.before", async ({ directories, outputMode }: { directories: { output: string }; outputMode: string }) => {
      this.renderedEarly = undefined;
      if (!this.options.devServer || !this.options.changedFiles() || outputMode !== "fs") return;
      await this.options.load();
      this.renderedEarly = await this.render(directories.output, outputMode, new Map());
    });
  }

  /** After Eleventy's pages: the story pages (rendered now, or early), added to Eleventy's results. */
  async addToResults(outputDir: string, outputMode: string, results: RenderedPage[]): Promise<void> {
    const eleventyPages = new Map(results.filter((page) => typeof page.outputPath === "string").map((page) => [path.resolve(page.outputPath), page.inputPath]));
    if (this.renderedEarly) for (const page of this.renderedEarly) checkClash(page, page.outputPath, eleventyPages);
    results.push(...(this.renderedEarly ?? (await this.render(outputDir, outputMode, eleventyPages))));
  }

  /**
   * Renders the story pages this build needs and writes them, never over a page of Eleventy's
   * (`eleventyPages`, by output path): a URL both claim is an error. Returns the pages for
   * Eleventy's results (toJSON, and the dev server's reload); a production build keeps none.
   */
  private async render(outputDir: string, outputMode: string, eleventyPages: ReadonlyMap<string, string>): Promise<RenderedPage[]> {
    const { news, changes, globals } = this.options.state();
    if (!this.nunjucks) throw new Error("Broadsheet: Eleventy did not create its Nunjucks environment, which story pages are rendered with");
    const chain = await loadLayoutChain(this.nunjucks.library, this.nunjucks.environment, this.eleventyConfig.directories.includes, this.options.layout);
    const stories = this.renderSet.select(news, changes).filter((article) => this.options.inPart(article.inputPath));
    const keep = outputMode !== "fs" || (this.options.devServer && stories.length < news.articles.length);
    const pages: RenderedPage[] = [];
    const writer = new PageWriter();
    const started = performance.now();
    const reports: Reports = { warnings: [], errors: [] };
    for (const article of stories) {
      const outputPath = outputPathOf(outputDir, article.url);
      checkClash(article, outputPath, eleventyPages);
      const { html, livePage } = await this.page(article, outputPath, { chain, globals }, reports);
      if (outputMode === "fs") writer.write(outputPath, html);
      if (outputMode === "fs" && livePage) writer.write(path.join(path.dirname(outputPath), LIVE_JSON), livePage.json);
      if (keep) pages.push({ url: article.url, inputPath: article.inputPath, outputPath, content: html });
    }
    if (reports.errors.length > 0) {
      this.options.showProblems?.(reports.errors);
      throw new ContentError(reports.errors);
    }
    this.options.reportWarnings(reports.warnings);
    // Eleventy's own summary line ("Wrote N files") counts only its pages.
    if (outputMode === "fs") {
      console.log(`[broadsheet] Wrote ${stories.length} story page${stories.length === 1 ? "" : "s"} in ${((performance.now() - started) / 1000).toFixed(2)} seconds`);
      console.log(`[broadsheet] Sanitized ${sanitizeTime.bodies} story bodies (pages and feeds) in ${(sanitizeTime.ms / 1000).toFixed(2)} seconds`);
    }
    return pages;
  }

  /** One story's page in its layouts; its body's problems go to `reports`. */
  private async page(article: ArticleRecord, outputPath: string, { chain, globals }: { chain: Layout[]; globals: Record<string, unknown> }, reports: Reports): Promise<{ html: string; livePage: LivePage | undefined }> {
    const { storyBody, livePage: liveOf, sourceText } = this.options;
    const variables = Object.fromEntries(STORY_VARIABLES.filter((key) => article[key] !== undefined).map((key) => [key, article[key]]));
    const page = { url: article.url, inputPath: article.inputPath, outputPath, fileSlug: article.slug, outputFileExtension: "html", date: new Date(article.timestamp) };
    const livePage = liveOf(article);
    const body = storyBody(livePage ? { ...article, body: livePage.intro } : article);
    const { warnings, errors } = bodyReports(article.inputPath, article.body, body, sourceText(article.inputPath));
    reports.warnings.push(...warnings, ...(livePage?.reports.warnings ?? []));
    reports.errors.push(...errors, ...(livePage?.reports.errors ?? []));
    const embeds = [...body.embeds, ...(livePage?.embeds ?? [])];
    const scripts = [...(embeds.length > 0 ? [EMBED_SCRIPT] : []), ...(livePage?.scripts ?? [])];
    const embedded = { ...(scripts.length > 0 ? { scripts } : {}), ...(embeds.length > 0 ? { frameOrigins: embeds.map((embed: Embed) => embed.origin) } : {}) };
    const html = await renderInLayouts(chain, { ...variables, ...globals, ...embedded, ...livePage?.variables, page }, body.html).catch((error: Error) => {
      throw new Error(`${article.inputPath}: its page could not be rendered: ${error.message}`);
    });
    return { html, livePage };
  }
}

/** A URL that a story and one of Eleventy's pages both claim is an error. */
function checkClash(article: { inputPath: string; url: string }, outputPath: string, eleventyPages: ReadonlyMap<string, string>): void {
  const other = eleventyPages.get(path.resolve(outputPath));
  if (other) throw new Error(`${article.inputPath}: its page ${article.url} is also made by ${other}; change one of their URLs`);
}
