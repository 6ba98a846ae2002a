import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { FeedDefinition } from "../seo/feeds.ts";
import { paginate, sectionUrl } from "./listing.ts";
import type { ArticleRecord } from "./load.ts";
import type { ElectionRecord } from "../elections/record.ts";
import { ListingRenderSet, siteWideKey, StoryRenderSet, storyChanges, type ListingInputs, type ListingOutputs } from "./render-set.ts";

const story = (slug: string, section = "asia") => ({ slug, section }) as ArticleRecord;
const feed = (key: string, slugs: string[]): FeedDefinition => ({
  key,
  title: key,
  description: "",
  htmlUrl: `/${key}/`,
  atomUrl: `/${key}/feed.xml`,
  jsonUrl: `/${key}/feed.json`,
  slugs,
  updated: "2023-03-19T12:00:00+06:00",
});
function outputs(stories: ArticleRecord[], more: Partial<ListingInputs> = {}): ListingInputs {
  return {
    sectionPages: paginate("section", ["asia", "world"], sectionUrl, stories, (a) => [a.section], 2),
    topicPages: [],
    authorPages: [],
    feeds: [feed("asia", stories.filter((s) => s.section === "asia").slice(0, 2).map((s) => s.slug)), feed("world", stories.filter((s) => s.section === "world").map((s) => s.slug))],
    electionPages: [],
    electionStories: {},
    redirects: [],
    leadingTopics: ["kz"],
    versions: new Map(stories.map((s) => [s.slug, s.slug])),
    ...more,
  };
}
const urls = (o: Pick<ListingOutputs, "sectionPages" | "feeds" | "electionPages">) => [...o.sectionPages.map((p) => p.url), ...o.feeds.map((f) => f.atomUrl), ...o.electionPages.map((e) => e.url)];
const none = { edited: new Set<string>(), reworded: new Set<string>() };

describe("ListingRenderSet", () => {
  const archive = [story("e"), story("d"), story("w1", "world"), story("c"), story("b"), story("a")];

  it("renders everything on the first build and whenever changes are not known", () => {
    const set = new ListingRenderSet();
    assert.deepEqual(urls(set.select(outputs(archive), "site", none)), urls(outputs(archive)));
    assert.deepEqual(urls(set.select(outputs(archive), "site", undefined)), urls(outputs(archive)));
  });

  it("renders only the pages and feeds that show an edited story", () => {
    const set = new ListingRenderSet();
    set.select(outputs(archive), "site", undefined);
    assert.deepEqual(urls(set.select(outputs(archive), "site", { edited: new Set(["c"]), reworded: new Set() })), ["/asia/page/2/"]);
    assert.deepEqual(urls(set.select(outputs(archive), "site", { edited: new Set(["e"]), reworded: new Set() })), ["/asia/", "/asia/feed.xml"]);
    assert.deepEqual(urls(set.select(outputs(archive), "site", none)), []);
  });

  it("renders the listing that shows a live story when the clock ends its coverage, with no edit", () => {
    const live = (status: "live" | "ended") => ({ ...story("d"), live: { status } }) as ArticleRecord;
    const set = new ListingRenderSet();
    set.select(outputs(archive.map((s) => (s.slug === "d" ? live("live") : s))), "site", undefined);
    assert.deepEqual(urls(set.select(outputs(archive.map((s) => (s.slug === "d" ? live("ended") : s))), "site", none)), ["/asia/"]);
  });

  it("renders feeds, not listing pages, for stories whose results changed", () => {
    const set = new ListingRenderSet();
    set.select(outputs(archive), "site", undefined);
    assert.deepEqual(urls(set.select(outputs(archive), "site", { edited: new Set(), reworded: new Set(["w1"]) })), ["/world/feed.xml"]);
  });

  it("renders an election's page when its figures or the cards of its stories changed, and everything when the footer did", () => {
    const set = new ListingRenderSet();
    const cardOf = (slug: string, title = slug) => ({ ...story(slug), url: `/asia/${slug}/`, title }) as ArticleRecord;
    const election = (turnout: number) => ({ id: "kz-2023", url: "/elections/kz-2023/", latest: { turnout } }) as unknown as ElectionRecord;
    const withElection = (turnout: number, title = "a") => outputs(archive, { electionPages: [election(turnout)], electionStories: { "kz-2023": [cardOf("a", title)] } });
    set.select(withElection(54.21), "site", undefined);
    assert.deepEqual(urls(set.select(withElection(54.21), "site", { edited: new Set(["d"]), reworded: new Set() })), ["/asia/", "/asia/feed.xml"], "a story it does not list");
    assert.deepEqual(urls(set.select(withElection(54.23), "site", { edited: new Set(), reworded: new Set(["a"]) })), ["/elections/kz-2023/"], "new figures");
    assert.deepEqual(urls(set.select(withElection(54.23, "New headline"), "site", { edited: new Set(["a"]), reworded: new Set() })), ["/asia/page/3/", "/elections/kz-2023/"], "a story it lists has a new headline");
    const footer = set.select({ ...withElection(54.23, "New headline"), leadingTopics: ["kz", "oil"] }, "site", none);
    assert.deepEqual(urls(footer), urls({ ...withElection(54.23), electionPages: [election(54.23)] }), "every page shows the footer's topics");
    assert.deepEqual(footer.siteWidePages, [true]);
  });

  it("renders an election's page by region with its results page: when its figures by region changed, and only then", () => {
    const set = new ListingRenderSet();
    const election = (turnout: number, regions: boolean) => ({ id: "kz-2023", url: "/elections/kz-2023/", latest: {}, ...(regions ? { regions: { url: "/elections/kz-2023/regions/", stages: [{ turnout }] } } : {}) }) as unknown as ElectionRecord;
    const regionUrls = (o: ListingOutputs) => o.regionPages.map((e) => e.regions?.url);
    assert.deepEqual(regionUrls(set.select(outputs(archive, { electionPages: [election(42.91, true)] }), "site", undefined)), ["/elections/kz-2023/regions/"]);
    assert.deepEqual(regionUrls(set.select(outputs(archive, { electionPages: [election(42.91, true)] }), "site", none)), []);
    const changed = set.select(outputs(archive, { electionPages: [election(43.5, true)] }), "site", none);
    assert.deepEqual([urls(changed), regionUrls(changed)], [["/elections/kz-2023/"], ["/elections/kz-2023/regions/"]]);
    assert.deepEqual(regionUrls(set.select(outputs(archive, { electionPages: [election(43.5, false)] }), "site", none)), [], "no results by region, no page");
  });

  it("renders a section's first page when its leading stories change, though its list did not", () => {
    const set = new ListingRenderSet();
    const led = (lead: string) => {
      const inputs = outputs(archive);
      return { ...inputs, sectionPages: inputs.sectionPages.map((p) => (p.url === "/asia/" ? { ...p, leading: [story(lead)] } : p)) };
    };
    set.select(led("e"), "site", undefined);
    assert.deepEqual(urls(set.select(led("e"), "site", none)), []);
    assert.deepEqual(urls(set.select(led("a"), "site", none)), ["/asia/"]);
    assert.deepEqual(urls(set.select(led("a"), "site", { edited: new Set(["a"]), reworded: new Set() })), ["/asia/", "/asia/page/3/"], "an edit to a leading story");
  });

  it("renders every page whose stories moved when a story is added", () => {
    const set = new ListingRenderSet();
    set.select(outputs(archive), "site", undefined);
    const added = [story("f"), ...archive];
    // Each Asia page's stories shift by one; the world pages and feed are as they were.
    assert.deepEqual(urls(set.select(outputs(added), "site", { edited: new Set(["f"]), reworded: new Set() })), ["/asia/", "/asia/page/2/", "/asia/page/3/", "/asia/feed.xml"]);
  });
});

describe("ListingRenderSet across processes, and what a story shows beyond its card", () => {
  const archive = [story("e"), story("d"), story("w1", "world"), story("c"), story("b"), story("a")];

  it("a set restored from state selects as the first would", () => {
    const first = new ListingRenderSet();
    first.select(outputs(archive), "site", undefined);
    const restored = new ListingRenderSet();
    restored.state = JSON.parse(JSON.stringify(first.state));
    assert.deepEqual(urls(restored.select(outputs(archive), "site", none)), []);
    assert.deepEqual(urls(restored.select(outputs([story("f"), ...archive]), "site", none)), ["/asia/", "/asia/page/2/", "/asia/page/3/", "/asia/feed.xml"]);
  });

  it("a feed is rendered again when one of its stories changed in a way its card does not show (an update time)", () => {
    const set = new ListingRenderSet();
    set.select(outputs(archive), "site", undefined);
    const versions = new Map(archive.map((s) => [s.slug, s.slug === "e" ? "e, updated" : s.slug]));
    assert.deepEqual(urls(set.select(outputs(archive, { versions }), "site", none)), ["/asia/feed.xml"]);
  });
});

describe("site-wide pages", () => {
  const card = (slug: string, title = slug) =>
    ({ slug, url: `/asia/${slug}/`, title, summary: "", date: "2023-03-19T12:00:00+06:00", section: "asia", topics: ["kz"], draft: false, scheduled: false, readMore: [] }) as unknown as ArticleRecord;
  const election = (latest: { label: string; time: string; turnout: number }) => ({ id: "kz-2023", url: "/elections/kz-2023/", name: "Mazhilis election", date: "2023-03-19", chamber: { name: "Mazhilis" }, latest }) as unknown as ElectionRecord;
  const exitPoll = { label: "Exit poll", time: "2023-03-19T20:00:00+06:00", turnout: 54.21 };
  const redirect = { from: "/2023/03/19/old/", to: "/asia/a/" };
  const front = (lead = "a") => ({ lead: { slug: lead }, secondary: [], latest: [], sections: [] });
  const key = (articles: ArticleRecord[], latest = exitPoll, redirects = [redirect], lead = "a") =>
    siteWideKey({ articles, front: front(lead), related: { a: ["b"] }, leadingTopics: ["kz"], electionList: [election(latest)], redirects }, { recent: [], framed: [] });
  const empty: ListingInputs = { sectionPages: [], topicPages: [], authorPages: [], feeds: [], electionPages: [], electionStories: {}, redirects: [redirect], leadingTopics: ["kz"], versions: new Map() };
  const edit = { edited: new Set(["a"]), reworded: new Set<string>() };

  it("are rendered on the first build, and again only when what they show changed", () => {
    const set = new ListingRenderSet();
    assert.deepEqual(set.select(empty, key([card("a"), card("b")]), undefined).siteWidePages, [true]);
    assert.deepEqual(set.select(empty, key([card("a"), card("b")]), edit).siteWidePages, [], "a text edit leaves them alone");
    assert.deepEqual(set.select(empty, key([card("a", "New headline"), card("b")]), edit).siteWidePages, [true], "a new headline");
    assert.deepEqual(set.select(empty, key([card("a", "New headline"), card("b")], { ...exitPoll, turnout: 54.23 }), edit).siteWidePages, [], "new figures: no page that lists every story shows them");
    const preliminary = { label: "Preliminary results", time: "2023-03-20T10:00:00+06:00", turnout: 54.19 };
    assert.deepEqual(set.select(empty, key([card("a", "New headline"), card("b")], preliminary), edit).siteWidePages, [true], "a new stage: the elections index and sitemaps show it");
    assert.deepEqual(set.select(empty, key([card("a", "New headline"), card("b")], preliminary), undefined).siteWidePages, [true], "changes not known");
    assert.deepEqual(set.select(empty, key([card("a", "New headline"), card("b")], preliminary), none).siteWidePages, [], "nothing changed");
    const aged = siteWideKey({ articles: [card("a", "New headline"), card("b")], front: front(), related: { a: ["b"] }, leadingTopics: ["kz"], electionList: [election(preliminary)], redirects: [redirect] }, { recent: ["b"], framed: [] });
    assert.deepEqual(set.select(empty, aged, none).siteWidePages, [true], "the News sitemap's stories changed as the clock moved");
  });

  it("are rendered when the clock expires an editor's pick for the front page, with no file edited", () => {
    const set = new ListingRenderSet();
    const stories = [card("a"), card("b")];
    set.select(empty, key(stories, exitPoll, [redirect], "b"), undefined);
    assert.deepEqual(set.select(empty, key(stories, exitPoll, [redirect], "b"), none).siteWidePages, [], "the pick still leads");
    assert.deepEqual(set.select(empty, key(stories, exitPoll, [redirect], "a"), none).siteWidePages, [true], "the pick expired: the newest leads");
  });

  it("render every page when the breaking strip goes up or comes down", () => {
    const set = new ListingRenderSet();
    const strip = { text: "Polls close", url: "/elections/", expires: "2023-03-19T20:00:00+06:00" };
    set.select(outputs([story("a")]), "site", undefined);
    const up = set.select({ ...outputs([story("a")]), breaking: strip }, "site", none);
    assert.deepEqual(up.siteWidePages, [true]);
    assert.deepEqual(urls(up), urls(outputs([story("a")])));
    assert.deepEqual(set.select({ ...outputs([story("a")]), breaking: strip }, "site", none).siteWidePages, [], "the same strip");
    assert.deepEqual(set.select(outputs([story("a")]), "site", none).siteWidePages, [true], "it expired");
  });

  it("bring the redirect pages with them, and are rendered when a story gains an old URL", () => {
    const set = new ListingRenderSet();
    assert.deepEqual(set.select(empty, key([card("a")]), undefined).redirectPages, [redirect]);
    assert.deepEqual(set.select(empty, key([card("a")]), edit).redirectPages, []);
    const moved = set.select({ ...empty, redirects: [redirect, { from: "/old-b/", to: "/asia/b/" }] }, key([card("a")], exitPoll, [redirect, { from: "/old-b/", to: "/asia/b/" }]), edit);
    assert.deepEqual(moved.siteWidePages, [true]);
    assert.equal(moved.redirectPages.length, 2);
  });
});

describe("storyChanges", () => {
  const news = {
    articles: [
      { slug: "polls", inputPath: "./src/content/articles/2023/polls.md", electionsShown: ["kz-2023"] },
      { slug: "oil", inputPath: "./src/content/articles/2023/oil.md", electionsShown: [] },
    ],
  };
  const dirs = { articles: "./src/content/articles", results: ["_data/elections", "_data/regions", "_data/maps"] };
  const versions = new Map([["kz-2023", "v1"]]);

  it("names the edited stories, and the stories showing a changed results file", () => {
    const edit = storyChanges(["./src/content/articles/2023/oil.md"], news, dirs, versions, versions);
    assert.deepEqual(edit, { edited: new Set(["oil"]), reworded: new Set() });
    const results = storyChanges(["./_data/elections/kz-2023.json"], news, dirs, versions, new Map([["kz-2023", "v2"]]));
    assert.deepEqual(results, { edited: new Set(), reworded: new Set(["polls"]) });
    const byRegion = storyChanges(["./_data/regions/kz-2023.json", "_data/maps/kz.json"], news, dirs, versions, new Map([["kz-2023", "v2"]]));
    assert.deepEqual(byRegion, { edited: new Set(), reworded: new Set(["polls"]) }, "results by region and map layouts are results files too");
  });

  it("gives up (everything renders) when anything else changed", () => {
    assert.equal(storyChanges(["./_includes/layouts/listing.njk"], news, dirs, versions, versions), undefined);
    assert.equal(storyChanges(["./src/content/articles/2023/oil.md", "./_data/site.json"], news, dirs, versions, versions), undefined);
    assert.equal(storyChanges(["./src/content/articles/articles.11tydata.js"], news, dirs, versions, versions), undefined);
  });
});

describe("StoryRenderSet", () => {
  const card = (slug: string, fields: Partial<ArticleRecord> = {}) =>
    ({ slug, url: `/asia/${slug}/`, title: slug, summary: "", date: "2023-03-19T12:00:00+06:00", section: "asia", draft: false, scheduled: false, readMore: [], ...fields }) as ArticleRecord;
  const news = (articles: ArticleRecord[], related: Record<string, string[]>, leadingTopics = ["kz"], breaking?: { text: string; url: string; expires: string }) => ({ articles, related, leadingTopics, breaking });
  const slugs = (stories: readonly ArticleRecord[]) => stories.map((s) => s.slug);
  const archive = [card("a"), card("b", { readMore: ["c"] }), card("c"), card("d")];
  const related = { a: ["c"], b: [], c: ["a"], d: [] };

  it("renders every story on the first build and whenever changes are not known", () => {
    const set = new StoryRenderSet();
    assert.deepEqual(slugs(set.select(news(archive, related), none)), ["a", "b", "c", "d"]);
    assert.deepEqual(slugs(set.select(news(archive, related), undefined)), ["a", "b", "c", "d"]);
  });

  it("renders an edited story alone when what others show of it is unchanged", () => {
    const set = new StoryRenderSet();
    set.select(news(archive, related), undefined);
    assert.deepEqual(slugs(set.select(news(archive, related), { edited: new Set(["c"]), reworded: new Set() })), ["c"]);
  });

  it("renders the stories whose Read more list or READ MORE line shows a story with a new headline", () => {
    const set = new StoryRenderSet();
    set.select(news(archive, related), undefined);
    const retitled = archive.map((s) => (s.slug === "c" ? { ...s, title: "New headline" } : s));
    assert.deepEqual(slugs(set.select(news(retitled, related), { edited: new Set(["c"]), reworded: new Set() })), ["a", "b", "c"]);
  });

  it("renders a story whose correction or update time the clock released, with no edit to its file", () => {
    const set = new StoryRenderSet();
    const noted = archive.map((s) => ({ ...s, corrections: [] as ArticleRecord["corrections"] }));
    set.select(news(noted, related), undefined);
    const released = noted.map((s) => (s.slug === "d" ? { ...s, updated: "2023-03-20T09:00:00+06:00", corrections: [{ date: "2023-03-20T09:00:00+06:00", text: "Fixed.", scheduled: false }] } : s));
    assert.deepEqual(slugs(set.select(news(released, related), none)), ["d"]);
  });

  it("carries its memory to another process: a set restored from state selects as the first would", () => {
    const first = new StoryRenderSet();
    first.select(news(archive, related), undefined);
    const restored = new StoryRenderSet();
    restored.state = JSON.parse(JSON.stringify(first.state));
    const retitled = archive.map((s) => (s.slug === "c" ? { ...s, title: "New headline" } : s));
    assert.deepEqual(slugs(restored.select(news(retitled, related), { edited: new Set(["c"]), reworded: new Set() })), ["a", "b", "c"]);
    assert.equal(new StoryRenderSet().state, undefined, "nothing to carry before a first build");
  });

  it("renders stories whose Read more list changed, and those an election change rewords", () => {
    const set = new StoryRenderSet();
    set.select(news(archive, related), undefined);
    assert.deepEqual(slugs(set.select(news(archive, { ...related, d: ["a"] }), { edited: new Set(), reworded: new Set(["b"]) })), ["b", "d"]);
  });

  it("renders every story when the footer's topics change", () => {
    const set = new StoryRenderSet();
    set.select(news(archive, related), undefined);
    assert.equal(set.select(news(archive, related, ["kz", "oil"]), { edited: new Set(["a"]), reworded: new Set() }).length, 4);
  });

  it("renders every story when the breaking strip changes, and none when it stays", () => {
    const set = new StoryRenderSet();
    const strip = { text: "Polls close", url: "/elections/", expires: "2023-03-19T20:00:00+06:00" };
    set.select(news(archive, related), undefined);
    assert.equal(set.select(news(archive, related, ["kz"], strip), none).length, 4);
    assert.equal(set.select(news(archive, related, ["kz"], strip), none).length, 0);
    assert.equal(set.select(news(archive, related, ["kz"]), none).length, 4, "the clock took it down");
  });
});
