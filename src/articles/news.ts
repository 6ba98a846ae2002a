import { isPublic, type ArticleRecord } from "./load.ts";
import { paginate, type ListingPage } from "./listing.ts";
import type { SiteData } from "./site-data.ts";

/** What templates read as `news`: the stories of this build and the listings built from them. */
export interface News {
  /** Stories readers can see in this build, newest first. */
  articles: ArticleRecord[];
  bySlug: Record<string, ArticleRecord>;
  byInputPath: Record<string, ArticleRecord>;
  sectionPages: ListingPage[];
  topicPages: ListingPage[];
  /** Dev server: drafts and scheduled stories are shown, with a banner. */
  preview: boolean;
}

/** Topic pages live under `/topics/`; sections at the top level like `/asia/`. */
export const sectionUrl = (id: string) => `/${id}/`;
export const topicUrl = (id: string) => `/topics/${id}/`;

export function buildNews(all: readonly ArticleRecord[], { site, sections, topics }: SiteData, preview: boolean): News {
  const articles = preview ? [...all] : all.filter(isPublic);
  return {
    articles,
    bySlug: Object.fromEntries(articles.map((article) => [article.slug, article])),
    byInputPath: Object.fromEntries(articles.map((article) => [article.inputPath, article])),
    sectionPages: paginate("section", Object.keys(sections), sectionUrl, articles, (a) => [a.section], site.pageSize),
    topicPages: paginate("topic", Object.keys(topics), topicUrl, articles, (a) => a.topics, site.pageSize),
    preview,
  };
}
