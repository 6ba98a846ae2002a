import type { UserConfig } from "@11ty/eleventy";
import type { SiteData } from "../articles/site-data.ts";
import { searchNames } from "./names.ts";
import { topicTerms } from "./terms.ts";

/** Search's filters: `topicTerms` for the story layout's indexed attribute, `searchNames` for /search/names.json. */
export function searchFilters(eleventyConfig: UserConfig, data: () => SiteData): void {
  eleventyConfig.addFilter("topicTerms", (topicIds: readonly string[]) => topicTerms(topicIds, data().topics));
  eleventyConfig.addFilter("searchNames", (articles: readonly { title: string }[]) => JSON.stringify(searchNames(articles.map((article) => article.title), data())));
}
