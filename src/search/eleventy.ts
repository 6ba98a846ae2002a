import type { UserConfig } from "@11ty/eleventy";
import type { SiteData } from "../articles/site-data.ts";
import { topicTerms } from "./terms.ts";

/** Search's filter: `topicTerms` for the story layout's indexed attribute. */
export function searchFilters(eleventyConfig: UserConfig, data: () => SiteData): void {
  eleventyConfig.addFilter("topicTerms", (topicIds: readonly string[]) => topicTerms(topicIds, data().topics));
}
