import type { UserConfig } from "@11ty/eleventy";
import { authorUrl } from "../articles/listing.ts";
import type { SiteData } from "../articles/site-data.ts";
import { person } from "../seo/json-ld.ts";

/** Author pages' filters: `authorUrl` for bylines, `person` for the page's JSON-LD. */
export function authorFilters(eleventyConfig: UserConfig, data: () => SiteData): void {
  eleventyConfig.addFilter("authorUrl", authorUrl);
  eleventyConfig.addFilter("person", (key: string) => {
    const { authors, site } = data();
    const author = authors[key];
    if (!author) throw new Error(`person: no author "${key}" in _data/authors.json`);
    return person(key, author, site, authorUrl(key));
  });
}
