import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { RenderedPage } from "@11ty/eleventy";
import { inProjectCopy, renderEngine } from "./test-helpers.ts";

const STORY = "articles/2023/engine-test-story.md";

/** The sample site plus virtual articles, rendered by the real engine (a production build unless `preview`). */
const render = (articles: Record<string, string>, { preview = false } = {}): Promise<RenderedPage[]> => renderEngine(articles, { BROADSHEET_PREVIEW: preview ? "1" : "0" });

function article(fields: Record<string, string>, body = "First paragraph.\n\n## Reform agenda\n\nMore.\n"): string {
  const front = {
    title: '"Engine test story"',
    summary: '"What the engine renders."',
    date: '"2023-03-20T00:30:00+06:00"',
    section: "asia",
    topics: "[kazakhstan]",
    credit: "Reuters",
    ...fields,
  };
  return `---\n${Object.entries(front).map(([k, v]) => `${k}: ${v}`).join("\n")}\n---\n${body}`;
}

function pageAt(pages: RenderedPage[], url: string): RenderedPage {
  const page = pages.find((p) => p.url === url);
  assert.ok(page, `no page at ${url}; pages: ${pages.map((p) => p.url).join(", ")}`);
  return page;
}

describe("the article page", () => {
  it("is written at its dated URL with the regions of a news article in order", async () => {
    const pages = await render({
      [STORY]: article(
        { related: "[polling-underway-kazakhstan-snap-legislative-elections]", image: '{ src: /images/ballot-box.jpg, alt: "A ballot box", caption: "Voting", credit: Reuters }' },
        'First paragraph.\n\n{% readmore "kazakh-official-calls-january-protests-coup-attempt" %}\n\n## Reform agenda\n\nMore.\n',
      ),
    });
    const html = pageAt(pages, "/asia/2023/03/20/engine-test-story/").content;
    const order = [
      'class="article-section"',
      "<h1",
      'class="article-standfirst"',
      "<figure",
      "<figcaption>",
      'class="byline"',
      '<time datetime="2023-03-20T00:30:00+06:00" data-pagefind-meta="date">20 March 2023, 00:30 (Astana time)</time>',
      'class="article-body"',
      "READ MORE:</strong> <a href=\"/asia/2022/02/08/kazakh-official-calls-january-protests-coup-attempt/\">",
      "<h2>Reform agenda</h2>",
      'aria-labelledby="read-more-heading"',
      'href="/asia/2023/03/19/polling-underway-kazakhstan-snap-legislative-elections/"',
    ];
    const positions = order.map((needle) => html.indexOf(needle));
    positions.forEach((position, i) => assert.ok(position >= 0, `missing ${order[i]}`));
    assert.deepEqual([...positions].sort((a, b) => a - b), positions, "regions out of order");
    assert.match(html, /<picture><source type="image\/avif" srcset="\/img\/[\w-]+-320\.avif 320w, [^"]*1200\.avif 1200w" sizes="\(min-width: 52rem\) 48rem, calc\(100vw - 2rem\)"><source type="image\/webp"/);
    assert.match(html, /<img src="\/img\/[\w-]+-320\.jpeg" alt="A ballot box" loading="eager" decoding="async" fetchpriority="high" width="1200" height="675"/);
  });

  it("escapes a headline with markup in HTML, attributes and JSON-LD", async () => {
    const title = '"<em>Polls</em> & \\"quotes\\" </script><script>alert(1)</script>"';
    const html = pageAt(await render({ [STORY]: article({ title }) }), "/asia/2023/03/20/engine-test-story/").content;
    assert.ok(!html.includes("<em>Polls</em>"));
    assert.ok(!html.includes("<script>alert(1)"));
    assert.match(html, /<h1 class="article-headline">&lt;em&gt;Polls&lt;\/em&gt; &amp; &quot;quotes&quot; &lt;\/script&gt;/);
    assert.match(html, /<title>&lt;em&gt;Polls/);
    assert.match(html, /<meta property="og:title" content="&lt;em&gt;Polls&lt;\/em&gt; &amp; &quot;quotes&quot;/);
    const ld = html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)?.[1];
    assert.ok(ld);
    assert.equal(JSON.parse(ld).headline, '<em>Polls</em> & "quotes" </script><script>alert(1)</script>');
  });

  it("shows braces in a story body as typed: bodies are Markdown, with only Broadsheet's own tags", async () => {
    const body = "Sets like {1, 2}, and {{ site.name }} and {# this #} stay as typed.\n\n{% readmore \"kazakh-official-calls-january-protests-coup-attempt\" %}\n";
    const html = pageAt(await render({ [STORY]: article({}, body) }), "/asia/2023/03/20/engine-test-story/").content;
    assert.match(html, /Sets like \{1, 2\}, and \{\{ site\.name \}\} and \{# this #\} stay as typed\./);
    assert.match(html, /<p class="read-more-link"><strong>READ MORE:<\/strong> <a href="\/asia\/2022\/02\/08\/kazakh-official-calls-january-protests-coup-attempt\/">/);
  });

  it("leaves drafts and scheduled stories out of production and shows them with a banner in preview", async () => {
    const sources = {
      "articles/2023/draft-story.md": article({ draft: "true" }),
      "articles/2023/future-story.md": article({ date: '"2023-05-01T09:00:00+06:00"' }),
    };
    const production = await render(sources);
    assert.ok(!production.some((p) => /draft-story|future-story/.test(p.url)));
    assert.ok(!production.some((p) => p.content.includes("draft-story")), "a listing links to a draft");

    const preview = await render(sources, { preview: true });
    assert.match(pageAt(preview, "/asia/2023/03/20/draft-story/").content, /class="preview-banner"[^>]*role="status"><strong>Draft\.<\/strong>/);
    assert.match(pageAt(preview, "/asia/2023/05/01/future-story/").content, /<strong>Scheduled<\/strong> for 1 May 2023, 09:00 \(Astana time\)/);
  });

  it("fails the whole build with every content problem listed", async () => {
    await assert.rejects(
      render({
        [STORY]: article({ title: '""', date: "2023-03-20" }),
        "articles/2023/second-bad.md": article({ section: "aisa" }),
      }),
      (error: Error) => {
        const text = `${error.message}\n${String((error as { originalError?: Error }).originalError?.message ?? "")}`;
        assert.match(text, /Broadsheet found 3 problems in the content; no pages were written/);
        assert.match(text, /src\/content\/articles\/2023\/engine-test-story\.md:2: title: must not be empty/);
        assert.match(text, /src\/content\/articles\/2023\/engine-test-story\.md:4: date: expected a time as well as a date/);
        assert.match(text, /src\/content\/articles\/2023\/second-bad\.md:5: section: unknown section "aisa" \(did you mean "asia"\?\)/);
        // Eleventy's own report of the failure, kept off the console by renderEngine.
        assert.match((error as { eleventyLog?: string }).eleventyLog ?? "", /Problem writing Eleventy templates[\s\S]*Broadsheet found 3 problems/);
        return true;
      },
    );
  });
});

describe("story pages beside Eleventy's pages", () => {
  it("fails the build when an Eleventy page claims a story's URL, naming both", async () => {
    await assert.rejects(
      render({ [STORY]: article({}), "about-clash.njk": "---\npermalink: /asia/2023/03/20/engine-test-story/\n---\nAbout us\n" }),
      (error: Error) => {
        const text = `${error.message}\n${String((error as { originalError?: Error }).originalError?.message ?? "")}`;
        assert.match(text, /engine-test-story\.md: its page \/asia\/2023\/03\/20\/engine-test-story\/ is also made by .*about-clash\.njk; change one of their URLs/);
        return true;
      },
    );
  });

  it("are in Eleventy's results once, beside its own pages", async () => {
    const pages = await render({ [STORY]: article({}) });
    assert.equal(pages.filter((page) => page.url === "/asia/2023/03/20/engine-test-story/").length, 1);
    assert.ok(pages.some((page) => page.url === "/asia/"), "and Eleventy's listing pages are there too");
  });
});

describe("listing pages, rendered by Eleventy", () => {
  it("escape a topic's name and description once, not twice", async () => {
    const html = pageAt(await render({}), "/topics/kazakhstan/").content;
    assert.match(html, /<p class="listing-description">News about Kazakhstan, Central Asia&#39;s largest economy\.<\/p>/);
    assert.ok(!html.includes("&amp;#39;"));
  });
});

describe("election figures, rendered by Eleventy", () => {
  const LEAD = "/asia/2023/03/19/ruling-party-sweeps-kazakh-election-exit-polls/";

  it("a changed turnout in the data file changes the number in the story and its results box", async () => {
    const before = pageAt(await render({}), LEAD).content;
    assert.match(before, /Turnout was 54\.2 percent, the Central Election Commission/);

    const pages = await inProjectCopy(
      async (dir) => {
        const file = path.join(dir, "_data", "elections", "kz-mazhilis-2023.json");
        await writeFile(file, (await readFile(file, "utf8")).replace('"turnout": 54.2,', '"turnout": 55.1,'));
      },
      () => render({}),
    );
    const after = pageAt(pages, LEAD).content;
    assert.match(after, /Turnout was 55\.1 percent, the Central Election Commission/);
    assert.match(after, /the CEC put turnout at 55\.1 percent/);
    assert.ok(!after.includes("54.2 percent"));
  });

  it("the story's results box shows the latest stage, its time and source, and links to the results page", async () => {
    const html = pageAt(await render({}), LEAD).content;
    const box = html.slice(html.indexOf('<aside class="results-box"'), html.indexOf("</aside>", html.indexOf('<aside class="results-box"')));
    assert.match(box, /<strong class="status status--final">Final results<\/strong>\s*as of <time datetime="2023-03-27T12:00:00\+06:00">27 March 2023, 12:00 \(Astana time\)<\/time>\.\s*Source: Central Election Commission\./);
    assert.match(box, /<a href="\/elections\/kz-mazhilis-2023\/">/);
  });

  it("a second election file renders its own results page with no code change", async () => {
    const html = pageAt(await render({}), "/elections/kz-mazhilis-2021/").content;
    assert.match(html, /<h1>Kazakhstan parliamentary election 2021<\/h1>/);
    assert.match(html, /Threshold for seats: 7%/);
    assert.match(html, /107 seats; 54 for a majority/);
    assert.match(html, /<p class="results-majority">Nur Otan: majority of 45\.<\/p>/);
    assert.equal((html.match(/ role="img"/g) ?? []).length, 2);
    assert.match(html, /Assembly of People of Kazakhstan \(chosen separately\)/);
  });

  it("an unknown figure in a story fails the build naming the article", async () => {
    await assert.rejects(
      render({ [STORY]: article({ election: "kz-mazhilis-2023" }, 'Turnout was {% figure "kz-mazhilis-2023", "final", "turnuot" %}.\n') }),
      /src\/content\/articles\/2023\/engine-test-story\.md:10: figure: unknown figure "turnuot" \(did you mean "turnout"\?\)/,
    );
  });
});

describe("Read more, rendered by Eleventy", () => {
  const LEAD = "/asia/2023/03/19/ruling-party-sweeps-kazakh-election-exit-polls/";

  it("gives the lead story the editor's picks first, then related stories, never those linked in its body", async () => {
    const pages = await render({});
    const html = pageAt(pages, LEAD).content;
    const region = html.slice(html.indexOf('aria-labelledby="read-more-heading"'));
    const links = [...region.matchAll(/story-card__headline"><a href="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(links, [
      "/asia/2023/03/20/kazakhstan-preliminary-results-six-parties-win-seats/",
      "/asia/2023/03/19/kazakhstan-election-day-live/",
      "/politics/2022/04/26/nur-otan-renamed-amanat-tokayev-steps-back/",
      "/asia/2023/03/27/kazakhstan-final-election-results-amanat-majority/",
      "/asia/2022/11/21/tokayev-wins-kazakhstan-snap-presidential-election/",
    ]);
    const urls = new Set(pages.map((p) => p.url));
    for (const link of links) assert.ok(urls.has(link ?? ""), `${link} is not a page`);

    const feed = JSON.parse(pageAt(pages, "/related.json").content);
    assert.deepEqual(
      feed.stories[`https://broadsheet.example${LEAD}`].map((item: { url: string }) => new URL(item.url).pathname),
      links,
    );
  });
});

describe("results loaded ahead of time", () => {
  /** The sample election with one more stage, due the day after the tests' "now". */
  const withCertifiedStage = (preview: boolean) =>
    inProjectCopy(
      async (dir) => {
        const file = path.join(dir, "_data", "elections", "kz-mazhilis-2023.json");
        const election = JSON.parse(await readFile(file, "utf8")) as { stages: Record<string, unknown>[] };
        election.stages.push({ ...election.stages.at(-1), kind: "certified", label: "Certified results", time: "2023-04-02T12:00:00+06:00" });
        await writeFile(file, JSON.stringify(election));
      },
      () => render({}, { preview }),
    );

  it("a production build publishes only the stages already due", async () => {
    const page = pageAt(await withCertifiedStage(false), "/elections/kz-mazhilis-2023/");
    assert.match(page.content, /Final results<\/strong>\s*as of/);
    assert.doesNotMatch(page.content, /Certified results|Scheduled/);
  });

  it("a preview shows a stage still to come with a banner", async () => {
    const page = pageAt(await withCertifiedStage(true), "/elections/kz-mazhilis-2023/");
    assert.match(page.content, /<p class="preview-banner" role="status"><strong>Scheduled:<\/strong> this stage is released at 2 April 2023, 12:00 \(Astana time\)\./);
    assert.match(page.content, /<strong>Certified results<\/strong>, <time datetime="2023-04-02T12:00:00\+06:00">.*<strong class="preview-flag">Scheduled/);
  });
});
