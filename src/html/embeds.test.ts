import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { embedsSchema, DEFAULT_EMBEDS, embedHtml, embedUses, frameOrigins, resolveEmbed } from "./embeds.ts";
import { sanitize } from "./sanitize.ts";

describe("resolveEmbed", () => {
  const cases: [string, string][] = [
    ["https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"],
    ["https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"],
    ["https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"],
    ["https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"],
    ["https://datawrapper.dwcdn.net/aBc12/3/", "https://datawrapper.dwcdn.net/aBc12/3/"],
    ["https://public.flourish.studio/visualisation/1234567/", "https://flo.uri.sh/visualisation/1234567/embed"],
  ];
  for (const [url, frame] of cases) {
    it(`frames ${url}`, () => {
      const result = resolveEmbed(url);
      assert.ok(result.ok);
      assert.equal(result.embed.frame, frame);
      assert.equal(result.embed.origin, new URL(frame).origin);
    });
  }

  it("refuses other hosts, naming the allowlist", () => {
    const result = resolveEmbed("https://evil.example/watch?v=x");
    assert.ok(!result.ok);
    assert.match(result.message, /not from a provider this site embeds.*youtube \(https:\/\/www\.youtube\.com\/watch\?v=\{id\}/);
  });

  it("refuses URLs that are not https or carry markup", () => {
    for (const url of ["http://youtu.be/abc", "javascript:alert(1)", 'https://youtu.be/abc"onload="x', "https://youtu.be/a b"]) {
      const result = resolveEmbed(url);
      assert.ok(!result.ok, url);
    }
  });

  it("refuses a lookalike host", () => {
    assert.ok(!resolveEmbed("https://www.youtube.com.evil.example/watch?v=abc").ok);
    assert.ok(!resolveEmbed("https://evil.example/?https://youtu.be/abc").ok);
  });

  it("uses the providers the site configures", () => {
    const providers = embedsSchema.parse({ maps: { name: "Map", urls: ["https://maps.example/m/{id}"], frame: "https://maps.example/embed/{id}" } });
    assert.ok(resolveEmbed("https://maps.example/m/abc", providers).ok);
    assert.ok(!resolveEmbed("https://youtu.be/abc", providers).ok);
    assert.deepEqual(frameOrigins(providers), ["https://maps.example"]);
  });

  it("rejects a provider without https or {id}", () => {
    assert.equal(embedsSchema.safeParse({ x: { name: "X", urls: ["http://x.example/{id}"], frame: "https://x.example/{id}" } }).success, false);
    assert.equal(embedsSchema.safeParse({ x: { name: "X", urls: ["https://x.example/{id}"], frame: "https://x.example/" } }).success, false);
  });
});

describe("embedHtml", () => {
  it("writes a link that works without JavaScript and markup the sanitizer keeps", () => {
    const result = resolveEmbed("https://www.youtube.com/watch?v=abc&t=1");
    assert.ok(result.ok);
    const html = embedHtml(result.embed);
    assert.match(html, /<a href="https:\/\/www\.youtube\.com\/watch\?v=abc&amp;t=1">/);
    assert.match(html, /<button type="button" class="embed-load" hidden>/);
    assert.doesNotMatch(html, /<iframe|<script/);
    assert.deepEqual(sanitize(html, { frameOrigins: frameOrigins(DEFAULT_EMBEDS) }).removals, []);
  });

  it("finds embed tags with their lines", () => {
    assert.deepEqual(embedUses('a\n\n{% embed "https://vimeo.com/1" %}\n'), [{ url: "https://vimeo.com/1", line: 3 }]);
  });
});
