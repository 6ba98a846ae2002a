import type { UserConfig } from "@11ty/eleventy";
import type { BuildState } from "../articles/build-news.ts";
import { assetUrl } from "./fingerprint.ts";
import { contentSecurityPolicy, headersFile } from "./policy.ts";
import { redirectPage, redirectPagePath, redirectsFile } from "./redirects.ts";

/** What the CDN is given: fingerprinted asset URLs, redirect pages and files, security headers. */
export function cdnFilters(eleventyConfig: UserConfig, state: () => BuildState): void {
  eleventyConfig.addFilter("asset", (original: string) => assetUrl(original));
  eleventyConfig.addFilter("redirectPagePath", redirectPagePath);
  eleventyConfig.addFilter("redirectPage", (to: string) => redirectPage(to, state().data.site));
  eleventyConfig.addFilter("redirectsFile", redirectsFile);
  eleventyConfig.addFilter("headersFile", () => headersFile([...state().framed].map(([url, origins]) => ({ url, frameOrigins: origins })), state().news.articles.filter((a) => a.live).map((a) => a.url)));
  eleventyConfig.addFilter("metaPolicy", (origins?: string[]) => contentSecurityPolicy(origins ?? [], "meta"));
}
