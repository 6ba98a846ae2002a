import type { ElectionRecord } from "../elections/record.ts";
import { redirectsOf, type Redirect } from "../cdn/redirects.ts";
import { buildRelatedIndexInParallel, type RelatedIndexMemo } from "../related/index.ts";
import { isPublic, type ArticleRecord } from "./load.ts";
import { authorUrl, paginate, sectionUrl, topicUrl, type ListingPage } from "./listing.ts";
import type { SiteData } from "./site-data.ts";
import { frontPage, leadingSlots, liveBreaking, NO_CURATION, SECTION_SLOTS, type Curation, type FrontPage } from "../curation/frontpage.ts";

/** What templates read as `news`: the stories of this build and the listings built from them. */
export interface News {
  /** Stories readers can see in this build, newest first. */
  articles: ArticleRecord[];
  bySlug: Record<string, ArticleRecord>;
  byInputPath: Record<string, ArticleRecord>;
  sectionPages: ListingPage[];
  topicPages: ListingPage[];
  /** Each author's stories, newest first: /authors/<key>/. */
  authorPages: ListingPage[];
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
  /** The front page: lead, secondary stories, latest, sections' top stories (editors' picks live at build time first). */
  front: FrontPage<ArticleRecord>;
  /** The breaking strip on every page, until it expires. */
  breaking?: { text: string; url: string; expires: string };
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
  { site, sections, topics, authors, related }: SiteData,
  elections: Record<string, ElectionRecord>,
  preview: boolean,
  relatedMemo?: RelatedIndexMemo,
  /** What editors picked (`_data/frontpage.json`) and the build's "now" (epoch ms), which expires picks. */
  { curation, now }: { curation: Curation; now: number } = { curation: NO_CURATION, now: Date.now() },
): Promise<News> {
  const articles = preview ? [...all] : all.filter(isPublic);
  const electionList = Object.values(elections).sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
  const relatedInput = articles.map((article) => ({ ...article, listable: isPublic(article) }));
  const breaking = liveBreaking(curation.breaking, now, site.timezone);
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
    sectionPages: curateSections(paginate("section", Object.keys(sections), sectionUrl, articles, (a) => [a.section], site.pageSize), curation, articles, now),
    topicPages: paginate("topic", Object.keys(topics), topicUrl, articles, (a) => a.topics, site.pageSize),
    authorPages: paginate("author", Object.keys(authors), authorUrl, articles, (a) => a.byline, site.pageSize),
    preview,
    front: frontPage(curation, articles, Object.keys(sections), now, site.latestCount),
    ...(breaking ? { breaking } : {}),
  };
}

/** Each section's first page leads with its leading slots (editors' picks, then the newest); the rest of the page follows. */
function curateSections(pages: ListingPage[], curation: Curation, articles: readonly ArticleRecord[], now: number): ListingPage[] {
  return pages.map((page) => {
    if (page.pageNumber !== 1) return page;
    const leading = leadingSlots(curation.sections[page.key] ?? [], articles.filter((a) => a.section === page.key), now, SECTION_SLOTS);
    const led = new Set(leading.map((a) => a.slug));
    return { ...page, leading, others: page.items.filter((a) => !led.has(a.slug)) };
  });
}
