import path from "node:path";
import type { Redirect } from "../cdn/redirects.ts";
import type { ElectionRecord } from "../elections/record.ts";
import type { FeedDefinition } from "../seo/feeds.ts";
import type { ListingPage } from "./listing.ts";
import type { ArticleRecord } from "./load.ts";

/** The paginated outputs that list stories: what a dev-server rebuild may render only in part. */
export interface ListingOutputs {
  sectionPages: ListingPage[];
  topicPages: ListingPage[];
  authorPages: ListingPage[];
  feeds: FeedDefinition[];
  /** Results pages: an election's when its figures or the cards of the stories it lists changed. */
  electionPages: ElectionRecord[];
  /** Results-by-region pages: those of the election pages rendered whose election has results by region (they change together). */
  regionPages: ElectionRecord[];
  /**
   * One entry when the pages that list every story (front page, sitemaps, /related.json,
   * topics index, search, elections index) and the site's other pages (404, _headers,
   * _redirects, robots.txt) are to be rendered; their templates paginate over it.
   */
  siteWidePages: true[];
  /** The pages that send old URLs on (each story's `redirect_from`), rendered with the site-wide pages. */
  redirectPages: Redirect[];
}

/** What ListingRenderSet chooses from: every listing, what each election's page lists, and what every page shows (the footer's topics, the breaking strip). */
export type ListingInputs = Omit<ListingOutputs, "siteWidePages" | "redirectPages" | "regionPages"> & {
  electionStories: Readonly<Record<string, readonly StoryCardFields[]>>;
  redirects: Redirect[];
  leadingTopics: readonly string[];
  breaking?: BreakingStrip | undefined;
  /** Each story's feedEntryVersion, by slug: feeds show more of a story than its card. */
  versions: ReadonlyMap<string, string>;
};

const FOOTER = "\0footer";

/** The breaking strip as pages show it. */
export interface BreakingStrip {
  text: string;
  url: string;
  expires: string;
}

/** What every page shows around its content: when it changes (the clock takes a breaking strip down, say), every page is rendered. */
const everyPageKey = (leadingTopics: readonly string[], breaking: BreakingStrip | undefined) => JSON.stringify([leadingTopics, breaking ?? null]);

/** What changed since the previous build, when it was only stories and results files. */
export interface StoryChanges {
  /** Stories whose files were edited: their cards may have changed wherever they are listed. */
  edited: ReadonlySet<string>;
  /** Stories whose text changed without an edit (they show a results file that did): feeds carry their text. */
  reworded: ReadonlySet<string>;
}

const SITE_WIDE = "\0site-wide pages";

/**
 * What the pages that list every story show of them: their cards, topics and Read more
 * lists, the footer's topics, and of each election its name, date and latest stage (the
 * elections index and the sitemaps show those, never the figures). A story edit that
 * changes none of it (most edits are to the text), or new figures in a results file,
 * leave those pages as they are.
 */
export function siteWideKey(
  news: {
    articles: readonly ArticleRecord[];
    front: { lead?: { slug: string }; secondary: readonly { slug: string }[]; latest: readonly { slug: string }[]; sections: readonly { key: string; stories: readonly { slug: string }[] }[] };
    related: Readonly<Record<string, readonly string[]>>;
    leadingTopics: readonly string[];
    electionList: readonly Pick<ElectionRecord, "id" | "url" | "name" | "date" | "chamber" | "latest">[];
    redirects: readonly Redirect[];
  },
  /** What else they show: the News sitemap's stories (the clock changes them with no edit), and the pages with embeds `_headers` gives a policy of their own. */
  more: { recent: readonly string[]; framed: readonly (readonly [string, readonly string[]])[] },
): string {
  const elections = news.electionList.map((e) => [e.id, e.url, e.name, e.date, e.chamber.name, e.latest.label, e.latest.time]);
  // The front page's slots: the clock expires an editor's pick with no edit to any file.
  const slugs = (stories: readonly { slug: string }[]) => stories.map((story) => story.slug);
  const front = [news.front.lead?.slug, slugs(news.front.secondary), slugs(news.front.latest), news.front.sections.map((block) => [block.key, slugs(block.stories)])];
  return JSON.stringify([news.articles.map((a) => [cardKey(a), a.topics, a.updated]), news.related, news.leadingTopics, elections, news.redirects, more.recent, more.framed, front]);
}

// A live story's card says whether its coverage is live: the clock changes it with no edit.
const itemKey = (item: ListingPage["items"][number]) => (item.live ? `${item.slug}:${item.live.status}` : item.slug);
const pageKey = (page: ListingPage) => `${page.totalPages}|${page.items.map(itemKey).join(",")}|${(page.leading ?? []).map(itemKey).join(",")}`;
const feedKey = (feed: FeedDefinition, versions: ReadonlyMap<string, string>) => `${feed.updated}|${feed.slugs.map((slug) => versions.get(slug)).join(",")}`;

/**
 * Chooses the listing pages and feeds to render in a dev-server rebuild: those
 * whose list of stories changed, and those that show a changed story. The rest
 * are left as they are on disk, so editing one story of 10,000 renders a
 * handful of listing pages, not thousands. Production builds render everything.
 */
export class ListingRenderSet {
  #previous: Map<string, string> | undefined;

  /** What the next build compares with, to keep between processes (incremental production builds). */
  get state(): [string, string][] | undefined {
    return this.#previous && [...this.#previous];
  }

  set state(saved: [string, string][] | undefined) {
    this.#previous = saved && new Map(saved);
  }

  /**
   * `changes` undefined: render everything (the first build, or anything but stories and results files changed).
   * `siteKey`: what the site-wide pages show (siteWideKey); they are rendered again when it changes.
   */
  select({ electionStories, redirects, leadingTopics, breaking, versions, ...all }: ListingInputs, siteKey: string, changes: StoryChanges | undefined): ListingOutputs {
    const previous = this.#previous;
    const electionKey = (e: ElectionRecord) => JSON.stringify([e, (electionStories[e.id] ?? []).map(cardKey)]);
    const footer = everyPageKey(leadingTopics, breaking);
    this.#previous = new Map([
      ...[...all.sectionPages, ...all.topicPages, ...all.authorPages].map((page) => [page.url, pageKey(page)] as const),
      ...all.feeds.map((feed) => [feed.atomUrl, feedKey(feed, versions)] as const),
      ...all.electionPages.map((election) => [election.url, electionKey(election)] as const),
      [SITE_WIDE, siteKey],
      [FOOTER, footer],
    ]);
    const withRegions = (elections: ElectionRecord[]) => elections.filter((election) => election.regions);
    if (!previous || !changes || previous.get(FOOTER) !== footer) return { ...all, regionPages: withRegions(all.electionPages), siteWidePages: [true], redirectPages: redirects };
    const { edited, reworded } = changes;
    const page = (p: ListingPage) => previous.get(p.url) !== pageKey(p) || [...p.items, ...(p.leading ?? [])].some((item) => edited.has(item.slug));
    const feed = (f: FeedDefinition) => previous.get(f.atomUrl) !== feedKey(f, versions) || f.slugs.some((slug) => edited.has(slug) || reworded.has(slug));
    const siteWide = previous.get(SITE_WIDE) !== siteKey;
    const electionPages = all.electionPages.filter((election) => previous.get(election.url) !== electionKey(election));
    return {
      sectionPages: all.sectionPages.filter(page),
      topicPages: all.topicPages.filter(page),
      authorPages: all.authorPages.filter(page),
      feeds: all.feeds.filter(feed),
      electionPages,
      regionPages: withRegions(electionPages),
      siteWidePages: siteWide ? [true] : [],
      redirectPages: siteWide ? redirects : [],
    };
  }
}

type StoryCardFields = Pick<ArticleRecord, "slug" | "url" | "title" | "summary" | "date" | "section" | "image" | "draft" | "scheduled" | "readMore" | "live">;

/**
 * What a story's own page and its feed entries show that can change with no edit to its
 * file: its card, and the update time and corrections that the clock releases.
 */
export function storyVersion(a: StoryCardFields & Pick<ArticleRecord, "updated" | "corrections">): string {
  return JSON.stringify([cardKey(a), a.updated, a.corrections]);
}

/** What a story's feed entry shows: the story, and the headlines its READ MORE lines fill in. */
export function feedEntryVersion(a: StoryCardFields & Pick<ArticleRecord, "updated" | "corrections">, bySlug: Readonly<Record<string, StoryCardFields>>): string {
  return JSON.stringify([storyVersion(a), a.readMore.map((slug) => bySlug[slug] && cardKey(bySlug[slug]))]);
}

/** What a story shows of itself in another's Read more list or READ MORE line. */
const cardKey = (a: StoryCardFields) => JSON.stringify([a.url, a.title, a.summary, a.date, a.section, a.image?.src, a.image?.rendition?.url, a.draft, a.scheduled, a.live?.status]);

/**
 * Chooses the story pages to render in a dev-server rebuild: the stories edited
 * or reworded, those whose Read more list changed, and those whose Read more
 * list or READ MORE lines show a story whose card changed (its headline, say).
 * Everything when the footer's topics or the breaking strip change, as every page shows them.
 * Production builds render every story.
 */
export class StoryRenderSet {
  #previous: { lists: Map<string, string>; cards: Map<string, string>; footer: string } | undefined;

  /** What the next build compares with, to keep between processes (incremental production builds). */
  get state(): StoryRenderState | undefined {
    const previous = this.#previous;
    return previous && { lists: [...previous.lists], cards: [...previous.cards], footer: previous.footer };
  }

  set state(saved: StoryRenderState | undefined) {
    this.#previous = saved && { lists: new Map(saved.lists), cards: new Map(saved.cards), footer: saved.footer };
  }

  select<T extends StoryCardFields & Pick<ArticleRecord, "updated" | "corrections">>(
    news: { articles: readonly T[]; related: Readonly<Record<string, readonly string[]>>; leadingTopics: readonly string[]; breaking?: BreakingStrip | undefined },
    changes: StoryChanges | undefined,
  ): readonly T[] {
    const previous = this.#previous;
    const lists = new Map(news.articles.map((a) => [a.slug, `${storyVersion(a)}|${(news.related[a.slug] ?? []).join(",")}`]));
    const cards = new Map(news.articles.map((a) => [a.slug, cardKey(a)]));
    const footer = everyPageKey(news.leadingTopics, news.breaking);
    this.#previous = { lists, cards, footer };
    if (!previous || !changes || previous.footer !== footer) return news.articles;
    const { edited, reworded } = changes;
    const recarded = new Set([...cards].filter(([slug, card]) => previous.cards.get(slug) !== card).map(([slug]) => slug));
    return news.articles.filter(
      (a) =>
        edited.has(a.slug) ||
        reworded.has(a.slug) ||
        previous.lists.get(a.slug) !== lists.get(a.slug) ||
        (news.related[a.slug] ?? []).some((slug) => recarded.has(slug)) ||
        a.readMore.some((slug) => recarded.has(slug)),
    );
  }
}

export interface StoryRenderState {
  lists: [string, string][];
  cards: [string, string][];
  footer: string;
}

/** Each election's content, to tell which results files a rebuild changed. */
export function versionsOf(elections: Readonly<Record<string, ElectionRecord>>): Map<string, string> {
  return new Map(Object.values(elections).map((election) => [election.id, JSON.stringify(election)]));
}

/**
 * What a dev-server rebuild started by `changedFiles` changed, or undefined when
 * anything but story files and results files changed (templates, site data:
 * any page may show them, so everything is rendered).
 */
export function storyChanges(
  changedFiles: readonly string[],
  news: { articles: readonly Pick<ArticleRecord, "slug" | "inputPath" | "electionsShown">[] },
  dirs: { articles: string; results: readonly string[] },
  previousVersions: ReadonlyMap<string, string>,
  versions: ReadonlyMap<string, string>,
): StoryChanges | undefined {
  const articles = path.normalize(dirs.articles);
  const results = new Set(dirs.results.map((dir) => path.normalize(dir)));
  const changed = new Set(changedFiles.map((file) => path.normalize(file)));
  const isStory = (file: string) => file.startsWith(articles + path.sep) && file.endsWith(".md");
  // Election files, results by region and map layouts: what they change shows in the election records' versions.
  const isResults = (file: string) => results.has(path.dirname(file)) && file.endsWith(".json");
  if (![...changed].every((file) => isStory(file) || isResults(file))) return undefined;
  const changedElections = new Set([...versions].filter(([id, version]) => previousVersions.get(id) !== version).map(([id]) => id));
  return {
    edited: new Set(news.articles.filter((a) => changed.has(path.normalize(a.inputPath))).map((a) => a.slug)),
    reworded: new Set(news.articles.filter((a) => a.electionsShown.some((id) => changedElections.has(id))).map((a) => a.slug)),
  };
}
