import type { ArticleRecord } from "../articles/load.ts";

/** One entry of a story's list in `/related.json`. */
export interface RelatedFeedItem {
  url: string;
  title: string;
  date: string;
}

/**
 * `/related.json`: each story's absolute URL mapped to its Read more list, so
 * apps and widgets show the same lists as the site. Newest story first.
 */
export function relatedFeed(articles: readonly ArticleRecord[], related: Readonly<Record<string, readonly string[]>>, siteUrl: string): string {
  const bySlug = new Map(articles.map((article) => [article.slug, article]));
  const absolute = (url: string) => new URL(url, siteUrl).href;
  const stories: Record<string, RelatedFeedItem[]> = {};
  for (const article of articles) {
    stories[absolute(article.url)] = (related[article.slug] ?? []).flatMap((slug) => {
      const item = bySlug.get(slug);
      return item ? [{ url: absolute(item.url), title: item.title, date: item.date }] : [];
    });
  }
  return `${JSON.stringify({ version: 1, site: siteUrl, stories }, null, 2)}\n`;
}
