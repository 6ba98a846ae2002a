import type { ElectionRecord } from "../elections/load.ts";
import { redirectsOf, type Redirect } from "../cdn/redirects.ts";
import { buildRelatedIndex } from "../related/index.ts";
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
  /** Checked election files by id. */
  elections: Record<string, ElectionRecord>;
  /** Elections newest first, for the elections index and one results page each. */
  electionList: ElectionRecord[];
  /** Stories with `election: <id>`, newest first. */
  electionStories: Record<string, ArticleRecord[]>;
  /** Read more: each story's related stories by slug, editor's picks first. */
  related: Record<string, string[]>;
  /** Old URLs of stories (`redirect_from`) and where they moved. */
  redirects: Redirect[];
  /** Dev server: drafts and scheduled stories are shown, with a banner. */
  preview: boolean;
}

/** Topic pages live under `/topics/`; sections at the top level like `/asia/`. */
export const sectionUrl = (id: string) => `/${id}/`;
export const topicUrl = (id: string) => `/topics/${id}/`;

export function buildNews(
  all: readonly ArticleRecord[],
  { site, sections, topics, related }: SiteData,
  elections: Record<string, ElectionRecord>,
  preview: boolean,
): News {
  const articles = preview ? [...all] : all.filter(isPublic);
  const electionList = Object.values(elections).sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
  const relatedIndex = buildRelatedIndex(articles.map((article) => ({ ...article, listable: isPublic(article) })), related);
  return {
    related: Object.fromEntries(relatedIndex),
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
