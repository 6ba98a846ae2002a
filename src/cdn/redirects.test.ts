import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadArticles } from "../articles/load.ts";
import { articleSource, NOW, siteData } from "../articles/test-fixtures.ts";
import { redirectPage, redirectPagePath, redirectsFile, redirectsOf } from "./redirects.ts";
import { parseRedirects } from "./serve-rules.ts";

describe("redirects", () => {
  const redirects = redirectsOf([
    { url: "/asia/2023/03/19/new/", redirectFrom: ["/2023/old/", "/old.html"] },
    { url: "/world/2022/01/01/other/", redirectFrom: [] },
  ]);

  it("writes one permanent _redirects line per old URL, sorted", () => {
    assert.equal(redirectsFile(redirects), "/2023/old/ /asia/2023/03/19/new/ 301\n/old.html /asia/2023/03/19/new/ 301\n");
    assert.deepEqual([...parseRedirects(redirectsFile(redirects))], [
      ["/2023/old/", { to: "/asia/2023/03/19/new/", status: 301 }],
      ["/old.html", { to: "/asia/2023/03/19/new/", status: 301 }],
    ]);
  });

  it("puts an HTML redirect page at the old path, with a canonical link and a refresh", () => {
    assert.equal(redirectPagePath("/2023/old/"), "/2023/old/index.html");
    assert.equal(redirectPagePath("/old.html"), "/old.html");
    assert.equal(redirectPagePath("/2023/old"), "/2023/old/index.html");
    const html = redirectPage("/asia/2023/03/19/new/", { url: "https://gazette.example", language: "en-GB" });
    assert.match(html, /<link rel="canonical" href="https:\/\/gazette\.example\/asia\/2023\/03\/19\/new\/">/);
    assert.match(html, /<meta http-equiv="refresh" content="0; url=\/asia\/2023\/03\/19\/new\/">/);
    assert.match(html, /<html lang="en-GB">/);
  });

  it("refuses an old URL that is a real page or another story's old URL", async () => {
    const { problems } = await loadArticles(
      [
        articleSource("first", { redirect_from: "[/asia/, /2023/shared/]" }),
        articleSource("second", { redirect_from: "[/asia/2023/03/19/first/, /2023/shared/]" }),
      ],
      siteData,
      { publicDir: "public", now: NOW },
    );
    assert.deepEqual(
      problems.map((p) => `${p.file}:${p.line}: ${p.field}: ${p.message.split(";")[0]}`),
      [
        'src/content/articles/first.md:8: redirect_from[0]: "/asia/" is already the asia section page',
        'src/content/articles/second.md:8: redirect_from[0]: "/asia/2023/03/19/first/" is already the URL of src/content/articles/first.md',
        'src/content/articles/second.md:8: redirect_from[1]: "/2023/shared/" is already the old URL of src/content/articles/first.md',
      ],
    );
  });
});
