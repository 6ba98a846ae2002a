import type { ElectionRecord } from "../elections/load.ts";
import { redirectsOf, type Redirect } from "../cdn/redirects.ts";
import { buildRelatedIndexInParallel, type RelatedIndexMemo } from "../related/index.ts";
import { isPublic, type ArticleRecord } from "./load.ts";
import { paginate, sectionUrl, topicUrl, type ListingPage } from "./listing.ts";
import type { SiteData } from "./site-data.ts";

/** What templates read as `news`: the stories of this build and the listings built from them. */
export interface News {
  /** Stories readers can see in this build, newest first. */
  articles: ArticleRecord[];
  bySlug: Record<string, ArticleRecord>;
  byInputPath: Record<string, ArticleRecord>;
  sectionPages: ListingPage[];
  topicPages: ListingPage[];
  /** Checked election files by id. */
  elections: Record<string, ElectionRecord>;
  /** Elections newest first, for the elections index and one results page each. */
  electionList: ElectionRecord[];
  /** Stories with `election: <id>`, newest first. */
  electionStories: Record<string, ArticleRecord[]>;
  /** Read more: each story's related stories by slug, editor's picks first. */
  related: Record<string, string[]>;
  /** The most used topics, most used first: the footer lists these, /topics/ lists all. */
  leadingTopics: string[];
  /** Old URLs of stories (`redirect_from`) and where they moved. */
  redirects: Redirect[];
  /** Dev server: drafts and scheduled stories are shown, with a banner. */
  preview: boolean;
}

/** Topics in the footer of every page: enough to browse by, few enough to keep pages light. */
export const FOOTER_TOPICS = 12;

/** The `count` topics with the most stories; ties keep the order of topics.json. */
export function leadingTopics(articles: readonly ArticleRecord[], keys: readonly string[], count: number): string[] {
  const uses = new Map(keys.map((key) => [key, 0]));
  for (const article of articles) for (const topic of article.topics) uses.set(topic, (uses.get(topic) ?? 0) + 1);
  return [...keys].sort((a, b) => uses.get(b)! - uses.get(a)!).slice(0, count);
}


export async function buildNews(
  all: readonly ArticleRecord[],
  { site, sections, topics, related }: SiteData,
  elections: Record<string, ElectionRecord>,
  preview: boolean,
  relatedMemo?: RelatedIndexMemo,
): Promise<News> {
  const articles = preview ? [...all] : all.filter(isPublic);
  const electionList = Object.values(elections).sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
  const relatedInput = articles.map((article) => ({ ...article, listable: isPublic(article) }));
  const relatedIndex = await (relatedMemo ? relatedMemo.get(relatedInput, related) : buildRelatedIndexInParallel(relatedInput, related));
  return {
    related: Object.fromEntries(relatedIndex),
    leadingTopics: leadingTopics(articles, Object.keys(topics), FOOTER_TOPICS),
    redirects: redirectsOf(articles),
    elections,
    electionList,
    electionStories: Object.fromEntries(electionList.map((e) => [e.id, articles.filter((a) => a.election === e.id)])),
    articles,
    bySlug: Object.fromEntries(articles.map((article) => [article.slug, article])),
    byInputPath: Object.fromEntries(articles.map((article) => [article.inputPath, article])),
    sectionPages: paginate("section", Object.keys(sections), sectionUrl, articles, (a) => [a.section], site.pageSize),
    topicPages: paginate("topic", Object.keys(topics), topicUrl, articles, (a) => a.topics, site.pageSize),
    preview,
  };
}
