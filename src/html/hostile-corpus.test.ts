import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { htmlToMarkdown } from "../wire/markdown.ts";
import { parseNinjs } from "../wire/ninjs.ts";
import { DEFAULT_EMBEDS } from "./embeds.ts";
import { HOSTILE_CASES, hostileNinjs } from "./hostile-corpus.ts";
import { createMarkdown, PLACEHOLDERS, renderStoryBody } from "./story-body.ts";

const markdown = createMarkdown();
const render = (body: string) => renderStoryBody(markdown, body, PLACEHOLDERS, DEFAULT_EMBEDS);

/** Written independently of the sanitizer: what may appear in a tag of a story's HTML. */
const SAFE_TAGS = new Set("p h2 h3 h4 ul ol li blockquote a em strong i b sub sup code pre br hr table caption thead tbody tr th td figure figcaption img abbr time aside button".split(" "));
const SAFE_ATTRIBUTES = new Set("href title class id alt src width height start scope colspan rowspan datetime aria-labelledby type hidden data-embed-src data-embed-title".split(" "));

/** Fails on any tag, attribute or URL outside what readers may get. */
function assertSafe(html: string, label: string): void {
  assert.doesNotMatch(html, /<!|<\?/, `${label}: a comment or declaration`);
  for (const [tag, name = "", attributes = ""] of html.matchAll(/<\/?([a-zA-Z][^\s/>]*)([^>]*)>/g)) {
    assert.ok(SAFE_TAGS.has(name.toLowerCase()), `${label}: <${name}> in ${tag}`);
    for (const [, attribute = "", value = ""] of attributes.matchAll(/([^\s=/]+)(?:="([^"]*)")?/g)) {
      assert.ok(SAFE_ATTRIBUTES.has(attribute.toLowerCase()), `${label}: ${attribute} in ${tag}`);
      const url = value.replace(/&amp;/g, "&").replace(/[\x00-\x20]/g, "");
      if (attribute === "href") assert.match(url, /^(https?:\/\/[^/]|mailto:|\/(?![/\\])|#)/, `${label}: href in ${tag}`);
      if (attribute === "src") assert.match(url, /^\/(?![/\\])/, `${label}: src in ${tag}`);
    }
  }
  assert.doesNotMatch(html, /evil\.example\/[^"<]*"/, `${label}: a URL of another host in an attribute`);
}

describe("the hostile corpus through story files", () => {
  it("has at least 40 cases, in HTML and in Markdown", () => {
    assert.ok(HOSTILE_CASES.length >= 40, String(HOSTILE_CASES.length));
    assert.ok(HOSTILE_CASES.some((c) => !c.html));
  });

  for (const hostile of HOSTILE_CASES) {
    it(`${hostile.name}: nothing runs, the text around it stays`, () => {
      const { html, removals } = render(hostile.body);
      assertSafe(html, hostile.name);
      assert.match(html, /<p>Before the payload\.<\/p>[\s\S]*After the payload\./);
      // HTML payloads are removed and reported, or are not HTML to Markdown either and stay text;
      // Markdown refuses its own and leaves them as text.
      if (hostile.html && hostile.removed !== false) assert.ok(removals.length > 0 || html.includes("&lt;"), `${hostile.name}: no removal reported`);
    });
  }
});

describe("the hostile corpus through every ninjs version", () => {
  for (const { name, json } of hostileNinjs()) {
    it(`${name}: the imported Markdown renders to safe HTML`, () => {
      const result = parseNinjs(JSON.stringify(json));
      assert.ok(result.ok, name);
      const imported = htmlToMarkdown(result.story.bodyHtml);
      const { html } = render(imported);
      assertSafe(html, name);
      assert.doesNotMatch(imported, /(?<!\\)<[a-z!]/i, `${name}: the Markdown holds raw HTML`);
    });
  }

  it("keeps the wire's paragraphs and safe links", () => {
    const result = parseNinjs(JSON.stringify(hostileNinjs()[0]?.json));
    assert.ok(result.ok);
    const { html } = render(htmlToMarkdown(result.story.bodyHtml));
    assert.match(html, /<p>script:<\/p>/);
    assert.match(html, /<a href="https:\/\/example\.org\/" title="x&quot; onmouseover=&quot;alert\(1\)">Link<\/a>/);
  });
});
