import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { RenderedPage } from "@11ty/eleventy";
import { renderEngine } from "./test-helpers.ts";

/** Engine tests for what the sanitizer, embeds and the page's policy do to real pages. */

const HOSTILE = "articles/2023/hostile-engine-story.md";
const EMBEDDED = "articles/2023/embed-engine-story.md";

function article(title: string, body: string): string {
  return `---\ntitle: "${title}"\nsummary: "What the engine renders."\ndate: "2023-03-20T00:30:00+06:00"\nsection: asia\ntopics: [kazakhstan]\ncredit: Reuters\n---\n${body}`;
}

const HOSTILE_BODY = [
  "First paragraph.",
  "",
  '<p onclick="alert(1)">Clicked</p>',
  "",
  "<script>window.__pwned = 1</script>",
  "",
  '<a href="javascript:alert(1)">link</a> and [md](javascript:alert(2))',
  "",
].join("\n");
const EMBED_BODY = 'Watch:\n\n{% embed "https://www.youtube.com/watch?v=dQw4w9WgXcQ" %}\n\nAfter.\n';

/** Renders with the real engine, collecting what the build warns about. */
async function render(articles: Record<string, string>, strict = false): Promise<{ pages: RenderedPage[]; warnings: string }> {
  const warn = console.warn;
  let warnings = "";
  console.warn = (...args: unknown[]) => {
    warnings += `${args.join(" ")}\n`;
  };
  try {
    return { pages: await renderEngine(articles, { BROADSHEET_STRICT: strict ? "1" : "0" }), warnings };
  } finally {
    console.warn = warn;
  }
}

function pageAt(pages: RenderedPage[], url: string): string {
  const page = pages.find((p) => p.url === url);
  assert.ok(page, `no page at ${url}`);
  return page.content;
}

describe("sanitized story pages and feeds", () => {
  let built: { pages: RenderedPage[]; warnings: string };
  before(async () => {
    built = await render({ [HOSTILE]: article("Hostile engine story", HOSTILE_BODY), [EMBEDDED]: article("Embed engine story", EMBED_BODY) });
  });

  it("removes what is not allowed from the page and warns with file:line", () => {
    const html = pageAt(built.pages, "/asia/2023/03/20/hostile-engine-story/");
    const body = html.slice(html.indexOf('class="article-body"'), html.indexOf("</main>"));
    assert.match(body, /<p>Clicked<\/p>/);
    assert.doesNotMatch(body, /onclick|__pwned|javascript:alert\(1\)|<script/);
    assert.match(body, /\[md\]\(javascript:alert\(2\)\)/, "Markdown refuses the link; it stays text");
    const file = "src/content/articles/2023/hostile-engine-story.md";
    assert.match(built.warnings, new RegExp(`${file}:11: html: removed onclick="alert\\(1\\)" from <p>`));
    assert.match(built.warnings, new RegExp(`${file}:13: html: removed <script> with its content`));
    assert.match(built.warnings, new RegExp(`${file}:15: html: removed href="javascript:alert\\(1\\)" from <a>`));
  });

  it("gives feeds the same sanitized HTML", () => {
    for (const url of ["/feed.xml", "/feed.json"]) {
      const feed = pageAt(built.pages, url);
      assert.ok(feed.includes("Clicked"), url);
      assert.doesNotMatch(feed, /onclick|__pwned|javascript:alert\(1\)/, url);
    }
  });

  it("puts the policy in every page, widened for an embed's frame on that page only", () => {
    const meta = (html: string) => /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1]?.replace(/&#39;/g, "'") ?? "";
    const embedPage = pageAt(built.pages, "/asia/2023/03/20/embed-engine-story/");
    assert.match(meta(embedPage), /frame-src 'self' https:\/\/www\.youtube-nocookie\.com;/);
    assert.doesNotMatch(meta(embedPage), /frame-ancestors/);
    assert.match(embedPage, /<script type="module" src="\/js\/embed\.js"><\/script>/);
    assert.match(embedPage, /<a href="https:\/\/www\.youtube\.com\/watch\?v=dQw4w9WgXcQ">/);
    assert.doesNotMatch(embedPage, /<iframe/);
    for (const url of ["/", "/asia/2023/03/20/hostile-engine-story/", "/search/"]) {
      const html = pageAt(built.pages, url);
      assert.match(meta(html), /^default-src 'self'; script-src 'self' 'wasm-unsafe-eval';.* frame-src 'self';/, url);
      assert.doesNotMatch(html, /embed\.js/, url);
    }
    const headers = pageAt(built.pages, "/_headers");
    assert.match(headers, /\n\/asia\/2023\/03\/20\/embed-engine-story\/\n {2}! Content-Security-Policy\n {2}Content-Security-Policy: .*frame-src 'self' https:\/\/www\.youtube-nocookie\.com;.*frame-ancestors 'none'/);
  });
});

describe("--strict and refused embeds", () => {

  it("--strict turns the warnings into a failed build", async () => {
    await assert.rejects(render({ [HOSTILE]: article("Hostile engine story", HOSTILE_BODY) }, true), (error: Error) => {
      const text = `${error.message}\n${String((error as { originalError?: Error }).originalError?.message ?? "")}`;
      assert.match(text, /Broadsheet found 3 problems/);
      assert.match(text, /hostile-engine-story\.md:13: html: removed <script> with its content/);
      return true;
    });
  });

  it("an embed from a provider not allowed fails the build with file:line and the allowlist", async () => {
    await assert.rejects(render({ [EMBEDDED]: article("Embed engine story", '\n{% embed "https://evil.example/v/1" %}\n') }), (error: Error) => {
      const text = `${error.message}\n${String((error as { originalError?: Error }).originalError?.message ?? "")}`;
      assert.match(text, /embed-engine-story\.md:10: embed: "https:\/\/evil\.example\/v\/1" is not from a provider this site embeds; the allowlist/);
      return true;
    });
  });
});
