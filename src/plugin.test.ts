import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Eleventy, type RenderedPage } from "@11ty/eleventy";

const STORY = "articles/2023/engine-test-story.md";

/** Runs the real engine and config on the sample site plus virtual articles, with no files written. */
async function render(articles: Record<string, string>, { preview = false } = {}): Promise<RenderedPage[]> {
  const saved = { now: process.env.BROADSHEET_NOW, preview: process.env.BROADSHEET_PREVIEW };
  process.env.BROADSHEET_NOW = "2023-04-01T12:00:00+06:00";
  process.env.BROADSHEET_PREVIEW = preview ? "1" : "0";
  try {
    const elev = new Eleventy(undefined, "_site-engine-test", {
      configPath: ".eleventy.ts",
      quietMode: true,
      config(config) {
        for (const [path, text] of Object.entries(articles)) config.addTemplate(path, text);
      },
    });
    return await elev.toJSON();
  } finally {
    restore("BROADSHEET_NOW", saved.now);
    restore("BROADSHEET_PREVIEW", saved.preview);
  }
}

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

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

describe("the article page, rendered by Eleventy", () => {
  it("is written at its dated URL with the regions of a news article in order", async () => {
    const pages = await render({
      [STORY]: article(
        { related: "[polling-underway-kazakhstan-snap-legislative-elections]", image: '{ src: /images/ballot-box.svg, alt: "A ballot box", caption: "Voting", credit: Reuters }' },
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
      '<time datetime="2023-03-20T00:30:00+06:00">20 March 2023, 00:30 (Astana time)</time>',
      'class="article-body"',
      "READ MORE:</strong> <a href=\"/asia/2022/02/08/kazakh-official-calls-january-protests-coup-attempt/\">",
      "<h2>Reform agenda</h2>",
      'aria-labelledby="read-more-heading"',
      'href="/asia/2023/03/19/polling-underway-kazakhstan-snap-legislative-elections/"',
    ];
    const positions = order.map((needle) => html.indexOf(needle));
    positions.forEach((position, i) => assert.ok(position >= 0, `missing ${order[i]}`));
    assert.deepEqual([...positions].sort((a, b) => a - b), positions, "regions out of order");
    assert.match(html, /<img src="\/images\/ballot-box.svg" alt="A ballot box" width="1200" height="675"/);
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

  it("leaves drafts and scheduled stories out of production and shows them with a banner in preview", async () => {
    const sources = {
      "articles/2023/draft-story.md": article({ draft: "true" }),
      "articles/2023/future-story.md": article({ date: '"2023-05-01T09:00:00+06:00"' }),
    };
    const production = await render(sources);
    assert.ok(!production.some((p) => /draft-story|future-story/.test(p.url)));
    assert.ok(!production.some((p) => p.content.includes("draft-story")), "a listing links to a draft");

    const preview = await render(sources, { preview: true });
    assert.match(pageAt(preview, "/asia/2023/03/20/draft-story/").content, /class="preview-banner" role="status"><strong>Draft\.<\/strong>/);
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
        return true;
      },
    );
  });
});

describe("listing pages, rendered by Eleventy", () => {
  it("escape a topic's name and description once, not twice", async () => {
    const html = pageAt(await render({}), "/topics/kazakhstan/").content;
    assert.match(html, /<p class="listing-description">News about Kazakhstan, Central Asia&#39;s largest economy\.<\/p>/);
    assert.ok(!html.includes("&amp;#39;"));
  });
});
