import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { expandShortcodes, factboxHtml, readMoreHtml, type ShortcodeRenderers } from "./shortcodes.ts";

const renderers: ShortcodeRenderers = {
  readmore: (slug) => readMoreHtml({ url: `/asia/${slug}/`, title: `Story <${slug}>` }),
  figure: (args) => `[${args.join("|")}]`,
  factbox: factboxHtml,
  embed: (url) => `<embed:${url}>`,
};

describe("expandShortcodes", () => {
  it("expands READ MORE lines, figures and fact boxes", () => {
    const body = [
      "Turnout was {% figure \"kz-2023\", 'final', \"turnout\" %}.",
      "",
      '{% readmore "polls" %}',
      "",
      '{% factbox "Key facts" %}',
      "- One {% figure \"kz-2023\", \"final\", \"seats\", \"amanat\" %} fact.",
      "{% endfactbox %}",
    ].join("\n");
    assert.equal(
      expandShortcodes(body, renderers),
      [
        "Turnout was [kz-2023|final|turnout].",
        "",
        '<p class="read-more-link"><strong>READ MORE:</strong> <a href="/asia/polls/">Story &lt;polls&gt;</a></p>',
        "",
        '<aside class="factbox" aria-labelledby="factbox-key-facts">\n<h2 id="factbox-key-facts">Key facts</h2>\n\n- One [kz-2023|final|seats|amanat] fact.\n\n</aside>',
      ].join("\n"),
    );
  });

  it("trims whitespace where the tag asks to, as Nunjucks does", () => {
    assert.equal(expandShortcodes('Turnout was \n {%- figure "a", "b", "c" -%} \n.', renderers), "Turnout was[a|b|c].");
  });

  it("expands embed tags to what the embed renderer gives", () => {
    assert.equal(expandShortcodes('Watch:\n\n{% embed "https://vimeo.com/76979871" %}\n', renderers), "Watch:\n\n<embed:https://vimeo.com/76979871>\n");
  });

  it("leaves other braces as the editor typed them", () => {
    const text = "A set {1, 2} and {{ not a variable }} and {# not a comment #} and {% unknown %}.";
    assert.equal(expandShortcodes(text, renderers), text);
  });
});
