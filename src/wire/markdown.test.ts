import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { htmlToMarkdown } from "./markdown.ts";

describe("htmlToMarkdown", () => {
  it("keeps paragraphs, subheadings, lists, quotes, emphasis and links as our stories write them", () => {
    const html =
      '<p>ASTANA (Wire) - Amanat <strong>won</strong> the <em>vote</em>.</p><h2>Seats</h2><ul><li>69 from lists</li><li>29 districts</li></ul>' +
      '<ol><li>First</li></ol><blockquote><p>"A clear mandate," he said.</p></blockquote><p>See <a href="https://cec.example/results">the results</a>.</p>';
    assert.equal(
      htmlToMarkdown(html),
      'ASTANA (Wire) - Amanat **won** the *vote*.\n\n## Seats\n\n- 69 from lists\n- 29 districts\n\n1. First\n\n> "A clear mandate," he said.\n\nSee [the results](https://cec.example/results).\n',
    );
  });

  it("drops scripts, embeds and inline images, and links that lead nowhere on our site", () => {
    const html = '<p>Text<script>alert(1)</script><img src="x.jpg" alt="X"></p><iframe src="https://video.example"></iframe><p><a href="/internal">kept text</a> <a href="javascript:alert(1)">js</a></p>';
    assert.equal(htmlToMarkdown(html), "Text\n\nkept text js\n");
  });

  it("sanitizes before converting, and says what it took out that mattered", () => {
    const heard: string[][] = [];
    const html = '<div class="wrap"><p onclick="track()">Text</p><style>p{}</style><a href="vbscript:x" title="t">link</a></div>';
    assert.equal(htmlToMarkdown(html, (what) => heard.push(what)), "Text\n\nlink\n");
    assert.deepEqual(heard, [['onclick="track()" from <p>', "<style> with its content", 'href="vbscript:x" from <a>']]);
  });

  it("keeps wire text that HTML, Markdown or the templates would run as text", () => {
    const markdown = htmlToMarkdown("<p>&lt;script&gt;x&lt;/script&gt; costs 5 * 3 &amp;copy; {{ site.name }} {% readmore \"x\" %} {# c #}</p><p>1998. A year</p>");
    assert.equal(markdown, "\\<script>x\\</script> costs 5 \\* 3 \\&copy; &#123;{ site.name }} &#123;% readmore \"x\" %} &#123;# c #}\n\n1998\\. A year\n");
  });
});
