import path from "node:path";
import type { UserConfig } from "@11ty/eleventy";
import type { News } from "../articles/news.ts";
import { storyChanges, versionsOf, type StoryChanges } from "../articles/render-set.ts";

/** What Broadsheet uses of Eleventy's template dependency graph. */
interface DependencyGraph {
  addDependency(from: string, to: string[]): void;
}

/**
 * What changed since the last build, so that a rebuild renders only the pages it touches: the
 * files the dev server's watcher reported (or an incremental build was given), and each
 * election's version at the last build.
 */
export class ChangeTracker {
  /** Files changed since the last build that succeeded (a failed build leaves its changes to the next); undefined: render everything. */
  changedFiles: string[] | undefined;
  /** Each election's version at the last build. */
  electionVersions = new Map<string, string>();
  private dependencyGraph: DependencyGraph | undefined;
  private templatePaths: string[] = [];

  constructor(
    private readonly eleventyConfig: UserConfig,
    private readonly articlesDir: string,
  ) {}

  /** Listens to Eleventy's events; `electionIds` names the elections of the build loaded last, if any. */
  register(electionIds: () => readonly string[] | undefined): void {
    const config = this.eleventyConfig;
    // Under --incremental, Eleventy re-renders a template when a file it depends on changes. It keeps those
    // edges in its dependency graph, which it exposes to custom template languages but not to plugins;
    // without it (another Eleventy version), page templates are not re-rendered after a story edit.
    config.on("eleventy.extensionmap", (map: { templateConfig?: { usesGraph?: DependencyGraph } }) => {
      this.dependencyGraph = map.templateConfig?.usesGraph;
    });
    // Page templates depend on the results files and on a story file that changed: a story or results
    // edit re-renders them, and ListingRenderSet narrows which of their pages are made.
    config.on("eleventy.contentMap", ({ inputPathToUrl }: { inputPathToUrl: Record<string, unknown> }) => {
      this.templatePaths = Object.keys(inputPathToUrl);
    });
    // Eleventy drops the changed file's edges before the next build: they are recorded again after each.
    config.on("eleventy.after", () => {
      const ids = electionIds();
      if (ids) this.recordElections(ids);
    });
    config.on("eleventy.beforeWatch", (queue: string[]) => {
      this.changedFiles = [...(this.changedFiles ?? []), ...queue];
      // Recorded before Eleventy decides which templates the change is relevant to.
      this.dependOn(queue.filter((file) => path.resolve(file).startsWith(path.resolve(this.articlesDir) + path.sep)));
    });
    config.on("eleventy.after", () => {
      this.changedFiles = undefined;
    });
  }

  /** Page templates depend on these elections' results files. */
  recordElections(ids: readonly string[]): void {
    this.dependOn(ids.map((id) => path.join(this.eleventyConfig.directories.data, "elections", `${id}.json`)));
  }

  /** What changed in this build's news since the last build; undefined: render everything. Remembers the elections' versions. */
  changesSince(news: News): StoryChanges | undefined {
    const previous = this.electionVersions;
    this.electionVersions = versionsOf(news.elections);
    if (!this.changedFiles) return undefined;
    const results = ["elections", "regions", "maps"].map((folder) => path.join(this.eleventyConfig.directories.data, folder));
    return storyChanges(this.changedFiles, news, { articles: this.articlesDir, results }, previous, this.electionVersions);
  }

  private dependOn(files: string[]): void {
    if (this.dependencyGraph && files.length > 0) for (const template of this.templatePaths) this.dependencyGraph.addDependency(template, files);
  }
}
