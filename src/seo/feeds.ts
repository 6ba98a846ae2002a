import type { ArticleRecord } from "../articles/load.ts";
import { authorUrl, sectionUrl, topicUrl } from "../articles/listing.ts";
import type { News } from "../articles/news.ts";
import type { SiteData } from "../articles/site-data.ts";

/** Items in each feed: aggregators poll often, so recent stories are enough. */
export const FEED_LENGTH = 20;

/** One feed: the whole site, a section, a topic or an author, in Atom and in JSON Feed. */
export interface FeedDefinition {
  key: string;
  title: string;
  description: string;
  /** The HTML page the feed follows. */
  htmlUrl: string;
  atomUrl: string;
  jsonUrl: string;
  /** Newest first, at most FEED_LENGTH. */
  slugs: string[];
  /** Newest `updated` or `date` of its items, or the site's newest story. */
  updated: string;
}

const latestChange = (articles: readonly ArticleRecord[]) =>
  articles.reduce((latest, a) => {
    const changed = a.updated ?? a.date;
    return Date.parse(changed) > Date.parse(latest) ? changed : latest;
  }, articles[0]?.updated ?? articles[0]?.date ?? "1970-01-01T00:00:00Z");

/** The site feed first, then one per section, per topic and per author. */
export function feedDefinitions(news: Pick<News, "articles">, { site, sections, topics, authors }: SiteData): FeedDefinition[] {
  // One pass over the stories (newest first), keeping each feed's newest FEED_LENGTH.
  const bySection = new Map<string, ArticleRecord[]>(Object.keys(sections).map((id) => [id, []]));
  const byTopic = new Map<string, ArticleRecord[]>(Object.keys(topics).map((id) => [id, []]));
  const byAuthor = new Map<string, ArticleRecord[]>(Object.keys(authors).map((id) => [id, []]));
  const keep = (list: ArticleRecord[] | undefined, article: ArticleRecord) => {
    if (list && list.length < FEED_LENGTH) list.push(article);
  };
  for (const article of news.articles) {
    keep(bySection.get(article.section), article);
    for (const topic of article.topics) keep(byTopic.get(topic), article);
    for (const author of article.byline) keep(byAuthor.get(author), article);
  }
  const define = (key: string, title: string, description: string, htmlUrl: string, items: readonly ArticleRecord[]): FeedDefinition => ({
    key,
    title,
    description,
    htmlUrl,
    atomUrl: `${htmlUrl}feed.xml`,
    jsonUrl: `${htmlUrl}feed.json`,
    slugs: items.map((a) => a.slug),
    updated: latestChange(items.length ? items : news.articles.slice(0, FEED_LENGTH)),
  });
  return [
    define("site", site.name, site.description, "/", news.articles.slice(0, FEED_LENGTH)),
    ...Object.entries(sections).map(([id, section]) => define(`section:${id}`, `${section.name} | ${site.name}`, section.description, sectionUrl(id), bySection.get(id) ?? [])),
    ...Object.entries(topics).map(([id, topic]) => define(`topic:${id}`, `${topic.name} | ${site.name}`, topic.description, topicUrl(id), byTopic.get(id) ?? [])),
    ...Object.entries(authors).map(([id, author]) => define(`author:${id}`, `${author.name} | ${site.name}`, `${author.role}. ${author.bio}`, authorUrl(id), byAuthor.get(id) ?? [])),
  ];
}

/** A story as a feed shows it: the record and its rendered body with absolute URLs. */
export interface FeedEntry {
  article: ArticleRecord;
  html: string;
}

/** Names for a feed's author field: the byline, or the agency. */
export function authorNames(article: ArticleRecord, { authors }: Pick<SiteData, "authors">): string[] {
  const people = article.byline.map((id) => authors[id]?.name ?? id);
  return people.length ? people : article.credit ? [article.credit] : [];
}

/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1). */
export function jsonFeed(feed: FeedDefinition, entries: readonly FeedEntry[], data: SiteData): string {
  const absolute = (url: string) => new URL(url, data.site.url).href;
  const document = {
    version: "https://jsonfeed.org/version/1.1",
    title: feed.title,
    description: feed.description,
    home_page_url: absolute(feed.htmlUrl),
    feed_url: absolute(feed.jsonUrl),
    language: data.site.language,
    icon: absolute(data.site.logo.src),
    items: entries.map(({ article, html }) => ({
      id: absolute(article.url),
      url: absolute(article.url),
      title: article.title,
      summary: article.summary,
      content_html: html,
      date_published: article.date,
      date_modified: article.updated ?? article.date,
      authors: authorNames(article, data).map((name) => ({ name })),
      tags: article.topics.map((id) => data.topics[id]?.name ?? id),
      ...(article.image ? { image: absolute(article.image.rendition?.url ?? article.image.src) } : {}),
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
