import path from "node:path";
import type { RenderedPage, UserConfig } from "@11ty/eleventy";
import type { ImageMetadata } from "@11ty/eleventy-img";
import type { BuildState } from "../articles/build-news.ts";
import type { ListingRenderSet, StoryRenderSet } from "../articles/render-set.ts";
import { copyRenditions } from "../images/copy.ts";
import { INCREMENTAL_OUTPUT, recordPages, writeIncrementalOutput, type IncrementalOutput } from "../incremental/render-state.ts";

export interface AfterBuildSteps {
  load: () => Promise<unknown>;
  /** Adds the story pages to Eleventy's results. */
  stories: { addToResults(outputDir: string, outputMode: string, results: RenderedPage[]): Promise<void> };
  /** An incremental production build's memory for the next one. */
  memory: (outputDir: string, rendered: readonly RenderedPage[]) => IncrementalOutput;
  /** Keeps checked story files for the next production build, when asked to. */
  saveContentCache: (() => void) | undefined;
  pictures: () => ReadonlyMap<string, ImageMetadata>;
  /** The dev server's search index. */
  search: { schedule(outputDir: string): void };
}

/** What follows Eleventy's pages in every build: story pages, the incremental build's memory, image renditions, the dev server's search index. */
export function registerAfterBuild(eleventyConfig: UserConfig, steps: AfterBuildSteps): void {
  type After = { directories: { output: string }; outputMode: string; runMode: string; results: RenderedPage[] };
  eleventyConfig.on("eleventy.after", async ({ directories, outputMode, runMode, results }: After) => {
    await steps.load();
    await steps.stories.addToResults(directories.output, outputMode, results);
    // After the story pages: their render set remembers what this build rendered.
    const memoryFile = process.env[INCREMENTAL_OUTPUT];
    if (memoryFile && outputMode === "fs") writeIncrementalOutput(memoryFile, steps.memory(directories.output, results));
    if (outputMode === "fs") steps.saveContentCache?.();
    // The rest only when files are written (not for toJSON/ndjson runs).
    if (outputMode !== "fs") return;
    await copyRenditions(steps.pictures(), directories.output);
    if (runMode === "serve" || runMode === "watch") steps.search.schedule(directories.output);
  });
}

/** For the next production build: the render sets' memory, and every page this site has (rendered now or not). */
export function renderMemory(
  { news, render, feeds }: Pick<BuildState, "news" | "render" | "feeds">,
  sets: { listing: ListingRenderSet; story: StoryRenderSet; elections: ReadonlyMap<string, string>; previousSiteWide: readonly string[] | undefined },
  outputDir: string,
  rendered: readonly RenderedPage[],
): IncrementalOutput {
  const records = recordPages(news, feeds);
  const recorded = new Set(records);
  const siteWide = render.siteWidePages.length
    ? rendered.filter((page) => typeof page.outputPath === "string").map((page) => `/${path.relative(outputDir, page.outputPath).split(path.sep).join("/")}`).filter((sitePath) => !recorded.has(sitePath))
    : [...(sets.previousSiteWide ?? [])];
  const memory = { listing: sets.listing.state, story: sets.story.state, elections: [...sets.elections], siteWide: siteWide.sort() };
  return { memory, pages: [...records, ...siteWide] };
}
