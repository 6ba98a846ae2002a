import type { CollectionItem, UserConfig } from "@11ty/eleventy";
import { convertHtmlToAbsoluteUrls } from "@11ty/eleventy-plugin-rss";
import type { BuildState } from "../articles/build-news.ts";
import type { ArticleRecord } from "../articles/load.ts";
import type { News } from "../articles/news.ts";
import type { ElectionRecord } from "../elections/record.ts";
import { sanitizeTime } from "../html/story-body.ts";
import { escapeMarkup } from "../markup.ts";
import { relatedFeed } from "../related/feed.ts";
import { authorNames, jsonFeed, type FeedDefinition, type FeedEntry } from "./feeds.ts";
import { electionDataset, jsonLd, newsArticle } from "./json-ld.ts";
import { mergeEntries, newsSitemapArticles, newsSitemapXml, siteEntries, sitemapFiles, sitemapXml, type SitemapFile } from "./sitemaps.ts";
import { socialImage } from "./social.ts";

export interface SeoDependencies {
  state: () => BuildState;
  load: () => Promise<unknown>;
  /** A story's body as its feed entry shows it (relative links), made from its Markdown. */
  feedText: (article: ArticleRecord) => string;
}

/** Structured data, feeds and sitemaps: the filters and the collection their templates use. */
export function seoFilters(eleventyConfig: UserConfig, deps: SeoDependencies): void {
  const { state } = deps;
  eleventyConfig.addFilter("canonicalUrl", (url: string) => new URL(url, state().data.site.url).href);
  eleventyConfig.addFilter("jsonLd", jsonLd);
  eleventyConfig.addFilter("relatedFeed", (articles: News["articles"], related: News["related"]) => relatedFeed(articles, related, state().data.site.url));
  eleventyConfig.addFilter("newsArticle", (article: ArticleRecord) => {
    const { site, authors, topics, sections } = state().data;
    return newsArticle(article, site, authors, topics, sections[article.section]?.name ?? article.section);
  });
  eleventyConfig.addFilter("electionDataset", (election: ElectionRecord) => electionDataset(election, state().data.site));
  eleventyConfig.addFilter("socialImage", (article?: ArticleRecord) => socialImage(article, state().data.site));
  feedFilters(eleventyConfig, deps);
  sitemapFilters(eleventyConfig, deps);
}

/**
 * A story is in several feeds (site, section, topics): its feed HTML is made once per build, from
 * its Markdown with the library its page uses, so feeds need no story page rendered in this build.
 */
function feedFilters(eleventyConfig: UserConfig, { state, feedText }: SeoDependencies): void {
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
        html = convertHtmlToAbsoluteUrls(figure + feedText(article), new URL(article.url, data.site.url).href);
        feedHtml.set(slug, html);
      }
      return [html.then((text) => ({ article, html: text }))];
    });
    return Promise.all(entries);
  });
  eleventyConfig.addFilter("jsonFeed", (entries: FeedEntry[], feed: FeedDefinition) => jsonFeed(feed, entries, state().data));
  eleventyConfig.addFilter("feedAuthors", (article: ArticleRecord) => authorNames(article, state().data));
}

/** One sitemap file, or an index and its parts past 50,000 URLs. */
function sitemapFilters(eleventyConfig: UserConfig, { state, load }: SeoDependencies): void {
  eleventyConfig.addCollection("sitemapFiles", async (api) => {
    await load();
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
}
