import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { alreadyClean, lineOfRemoval, sanitize } from "./sanitize.ts";

const FRAMES = { frameOrigins: ["https://www.youtube-nocookie.com"] };

/** Sanitized HTML, asserting that nothing was reported removed. */
function kept(html: string): string {
  const result = sanitize(html, FRAMES);
  assert.deepEqual(result.removals, [], `nothing removed from ${html}`);
  return result.html;
}

function removed(html: string): { html: string; what: string[] } {
  const result = sanitize(html, FRAMES);
  assert.ok(result.removals.length > 0, `something removed from ${html}`);
  return { html: result.html, what: result.removals.map((r) => r.what) };
}

describe("sanitize: what news copy needs is kept", () => {
  const allowed: [string, string][] = [
    ["paragraph", "<p>Text</p>"],
    ["subheadings", "<h2>A</h2><h3>B</h3><h4>C</h4>"],
    ["lists", '<ul><li>a</li></ul><ol start="3"><li>b</li></ol>'],
    ["quote", "<blockquote><p>Quoted</p></blockquote>"],
    ["https link with title", '<p><a href="https://example.org/a?b=1&amp;c=2" title="Example">x</a></p>'],
    ["http link", '<a href="http://example.org/">x</a>'],
    ["mailto link", '<a href="mailto:desk@example.org">x</a>'],
    ["site-relative link", '<a href="/asia/2023/03/19/polls/">x</a>'],
    ["fragment link", '<a href="#notes">x</a>'],
    ["emphasis", "<em>a</em><strong>b</strong><i>c</i><b>d</b>"],
    ["sub and sup", "H<sub>2</sub>O, 10<sup>3</sup>"],
    ["code", '<pre><code class="language-js">let a = 1;</code></pre><code>b</code>'],
    ["breaks and rules", "<p>a<br>b</p><hr>"],
    ["table", '<table><caption>Seats</caption><thead><tr><th scope="col">Party</th><th colspan="2">Seats</th></tr></thead><tbody><tr><td rowspan="2">A</td><td>1</td></tr></tbody></table>'],
    ["figure with a site image", '<figure><img src="/images/ballot-box.jpg" alt="A ballot box" width="800" height="450"><figcaption>Voting</figcaption></figure>'],
    ["abbr", '<abbr title="Central Election Commission">CEC</abbr>'],
    ["time", '<time datetime="2023-03-19T21:40:00+06:00">19 March</time>'],
    ["READ MORE line", '<p class="read-more-link"><strong>READ MORE:</strong> <a href="/asia/polls/">Polls</a></p>'],
    ["fact box", '<aside class="factbox" aria-labelledby="factbox-key-facts">\n<h2 id="factbox-key-facts">Key facts</h2>\n<ul><li>One</li></ul>\n</aside>'],
    [
      "embed",
      '<figure class="embed" data-embed-src="https://www.youtube-nocookie.com/embed/abc" data-embed-title="YouTube video">\n<p class="embed-fallback"><a href="https://www.youtube.com/watch?v=abc">YouTube video</a></p>\n<button type="button" class="embed-load" hidden>Load</button>\n</figure>',
    ],
  ];
  for (const [name, html] of allowed) {
    it(`keeps ${name}`, () => {
      const out = kept(html);
      // The same elements and attribute names come out (sanitize-html may re-serialise void elements).
      const shape = (s: string) => [...s.matchAll(/<\/?([a-z0-9]+)((?:\s+[a-z-]+)(?==|\s|>|\/))*/g)].map((m) => m[0]).join(" ");
      assert.equal(shape(out), shape(html));
    });
  }

  it("passes Markdown's own output through untouched, without a full parse", () => {
    const html = '<h2>Results</h2>\n<p>Turnout was <strong>54 %</strong>, see <a href="https://example.org/?a=1&amp;b=2" title="&quot;CEC&quot;">the CEC</a>.</p>\n';
    assert.ok(alreadyClean(html));
    assert.equal(sanitize(html).html, html);
  });
});

describe("sanitize: everything else is removed and reported", () => {
  const cases: [string, string, RegExp, RegExp?][] = [
    ["script with its content", "<p>a</p><script>alert(1)</script><p>b</p>", /<script> with its content/, /alert/],
    ["style with its content", "<style>body{display:none}</style><p>b</p>", /<style> with its content/, /display/],
    ["quoted handler", '<p onclick="alert(1)">a</p>', /onclick=/, /onclick/],
    ["unquoted handler", "<img src=/images/a.jpg onerror=alert(1)>", /onerror=/, /onerror/],
    ["javascript: link", '<a href="javascript:alert(1)">a</a>', /href="javascript:alert\(1\)"/, /javascript/],
    ["javascript: with entities", '<a href="jav&#x09;ascript&#58;alert(1)">a</a>', /href=/, /href/],
    ["JavaScript: in capitals with spaces", '<a href="  JaVaScRiPt:alert(1)">a</a>', /href=/, /href/],
    ["data: link", '<a href="data:text/html,<script>alert(1)</script>">a</a>', /href=/, /href/],
    ["vbscript: link", '<a href="vbscript:msgbox(1)">a</a>', /href=/, /href/],
    ["file: link", '<a href="file:///etc/passwd">a</a>', /href=/, /href/],
    ["protocol-relative link", '<a href="//evil.example/">a</a>', /href=/, /href/],
    ["backslash host", '<a href="/\\evil.example/">a</a>', /href=/, /href/],
    ["image from another host", '<img src="https://evil.example/x.png" alt="x">', /<img> \(it needs a valid src\)/, /<img/],
    ["protocol-relative image", '<img src="//evil.example/x.png" alt="x">', /<img>/, /<img/],
    ["svg", '<svg onload="alert(1)"><circle r="1"/></svg>', /<svg>/, /svg|onload/],
    ["mathml", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", /<math>/, /onerror|alert/],
    ["iframe", '<iframe src="https://evil.example/"></iframe>', /<iframe> with its content/, /iframe/],
    ["object", '<object data="x.swf"></object>', /<object>/, /object/],
    ["embed element", '<embed src="x.swf">', /<embed>/, /<embed/],
    ["form", '<form action="https://evil.example/"><input name="a"></form>', /<form>/, /form|input/],
    ["base", '<base href="https://evil.example/">', /<base>/, /base/],
    ["meta refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example/">', /<meta>/, /meta|refresh/],
    ["comment", "<!-- editor's note --><p>a</p>", /an HTML comment/, /note/],
    ["style attribute", '<p style="position:fixed">a</p>', /style=/, /position/],
    ["class not ours", '<p class="lead">a</p>', /class="lead"/, /lead/],
    ["target", '<a href="/a/" target="_blank">a</a>', /target=/, /_blank/],
    ["button that is not the embed's", "<button>Go</button>", /<button>/, /button/],
    ["names on every object's prototype", '<constructor>a</constructor><p constructor="x" tostring="y">b</p>', /<constructor>/, /constructor|tostring/],
    ["frame from an origin not allowed", '<figure class="embed" data-embed-src="https://evil.example/x"><p>a</p></figure>', /data-embed-src=/, /evil/],
  ];
  for (const [name, html, what, gone] of cases) {
    it(`removes ${name}`, () => {
      const result = removed(html);
      assert.ok(result.what.some((w) => what.test(w)), `${result.what.join("; ")} names ${what}`);
      if (gone) assert.doesNotMatch(result.html, gone);
    });
  }

  it("keeps the text of removed elements that are not code", () => {
    assert.equal(removed("<p><font>Kept</font> text</p>").html, "<p>Kept text</p>");
  });

  it("never takes the quick path for HTML it would change", () => {
    for (const html of ['<a href="jav&#97;script:x">a</a>', "<p/onclick=x>a</p>", '<a href="javascript:x">', "<p>a<!-- b --></p>", "<br/ onload=x>"]) {
      assert.equal(alreadyClean(html, FRAMES), false, html);
    }
  });
});

describe("lineOfRemoval", () => {
  const text = "---\ntitle: x\n---\nFirst.\n\n<p onclick=\"x\">a</p>\n";
  it("finds the first line holding what was removed, from the body on", () => {
    assert.equal(lineOfRemoval(text, { what: "", needles: ["onclick="] }, 4), 6);
  });
  it("falls back to the body's first line", () => {
    assert.equal(lineOfRemoval(text, { what: "", needles: ["nowhere"] }, 4), 4);
  });
});
