import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CACHE_CONTROL, cacheControl, contentSecurityPolicy, contentType, headersFile } from "./policy.ts";
import { headersFor, parseHeaders, parseRedirects } from "./serve-rules.ts";

describe("cache policy", () => {
  it("caches fingerprinted assets for a year, pages briefly, images for a day", () => {
    assert.equal(cacheControl("/assets/site.1a2b3c4d5e.css"), "public, max-age=31536000, immutable");
    assert.equal(cacheControl("/asia/index.html"), CACHE_CONTROL.page);
    assert.match(cacheControl("/feed.xml"), /s-maxage=300, stale-while-revalidate=/);
    assert.equal(cacheControl("/sitemap.xml"), CACHE_CONTROL.page);
    assert.equal(cacheControl("/images/ballot-box.jpg"), CACHE_CONTROL.media);
    assert.equal(cacheControl("/img/AC6_mjO9GT-800.avif"), CACHE_CONTROL.immutable);
    assert.equal(cacheControl("/manifest.json"), "no-cache");
  });

  it("has the CDN recheck a live coverage page, told by the live.json beside it, and that file every 10 s", () => {
    const files = new Set(["/asia/2023/03/19/live/index.html", "/asia/2023/03/19/live/live.json", "/asia/index.html"]);
    assert.equal(cacheControl("/asia/2023/03/19/live/index.html", files), CACHE_CONTROL.live);
    assert.equal(cacheControl("/asia/2023/03/19/live/live.json", files), CACHE_CONTROL.live);
    assert.equal(cacheControl("/asia/index.html", files), CACHE_CONTROL.page);
    assert.match(CACHE_CONTROL.live, /s-maxage=10,/);
  });

  it("names content types, feeds by their own", () => {
    assert.equal(contentType("/index.html"), "text/html; charset=utf-8");
    assert.equal(contentType("/feed.xml"), "application/atom+xml; charset=utf-8");
    assert.equal(contentType("/topics/elections/feed.json"), "application/feed+json; charset=utf-8");
    assert.equal(contentType("/sitemap.xml"), "application/xml; charset=utf-8");
    assert.equal(contentType("/assets/site.1a2b.css"), "text/css; charset=utf-8");
    assert.equal(contentType("/images/a.jpg"), "image/jpeg");
    assert.equal(contentType("/robots.txt"), "text/plain; charset=utf-8");
    assert.equal(contentType("/_redirects"), "text/plain; charset=utf-8");
  });
});

describe("_headers", () => {
  const rules = parseHeaders(headersFile());

  it("gives every path the security headers and one Cache-Control, as Cloudflare Pages merges rules", () => {
    const page = headersFor(rules, "/asia/");
    assert.match(page["Content-Security-Policy"] ?? "", /default-src 'self'/);
    assert.equal(page["X-Content-Type-Options"], "nosniff");
    assert.equal(page["Referrer-Policy"], "strict-origin-when-cross-origin");
    assert.equal(page["Cache-Control"], CACHE_CONTROL.page);
    const asset = headersFor(rules, "/assets/site.1a2b3c4d5e.css");
    assert.equal(asset["Cache-Control"], CACHE_CONTROL.immutable);
    assert.equal(asset["X-Content-Type-Options"], "nosniff");
    assert.equal(headersFor(rules, "/images/a.jpg")["Cache-Control"], CACHE_CONTROL.media);
  });

  it("gives live coverage pages and their live.json the short cache policy, replacing the pages' one", () => {
    const live = parseHeaders(headersFile([], ["/asia/2023/03/19/live/"]));
    assert.equal(headersFor(live, "/asia/2023/03/19/live/")["Cache-Control"], CACHE_CONTROL.live);
    assert.equal(headersFor(live, "/asia/2023/03/19/live/live.json")["Cache-Control"], CACHE_CONTROL.live);
    assert.equal(headersFor(live, "/asia/2023/03/19/live/")["X-Content-Type-Options"], "nosniff");
    assert.equal(headersFor(live, "/asia/")["Cache-Control"], CACHE_CONTROL.page);
  });

  it("joins a header set by two rules with a comma when nothing detaches it", () => {
    const joined = headersFor(parseHeaders("/*\n  X-A: one\n/b/*\n  X-A: two\n"), "/b/c");
    assert.equal(joined["X-A"], "one, two");
  });

  it("rejects a header line before any path, and a redirect without a target", () => {
    assert.throws(() => parseHeaders("  X-A: one\n"), /before any path/);
    assert.throws(() => parseRedirects("/old\n"), /expected "\/from \/to 301"/);
  });
});

describe("the content security policy", () => {
  it("leaves out of the <meta> form the directives browsers ignore there", () => {
    const meta = contentSecurityPolicy([], "meta");
    assert.doesNotMatch(meta, /frame-ancestors|report-uri|sandbox/);
    assert.match(meta, /^default-src 'self'; script-src 'self' 'wasm-unsafe-eval';/);
    assert.match(contentSecurityPolicy(), /frame-ancestors 'none'/);
  });

  it("allows frames from the given origins only", () => {
    assert.match(contentSecurityPolicy(["https://player.vimeo.com", "https://player.vimeo.com"]), /frame-src 'self' https:\/\/player\.vimeo\.com;/);
    assert.match(contentSecurityPolicy(), /frame-src 'self';/);
  });

  it("replaces the policy on a page with embeds in _headers, since two policies would both apply", () => {
    const rules = parseHeaders(headersFile([{ url: "/asia/2023/03/20/video/", frameOrigins: ["https://www.youtube-nocookie.com"] }]));
    assert.match(headersFor(rules, "/asia/2023/03/20/video/")["Content-Security-Policy"] ?? "", /^default-src 'self';.*frame-src 'self' https:\/\/www\.youtube-nocookie\.com;.*frame-ancestors 'none'$/);
    assert.match(headersFor(rules, "/asia/")["Content-Security-Policy"] ?? "", /frame-src 'self';/);
  });
});
