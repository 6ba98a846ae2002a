import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { errorPageHtml, isPageRequest } from "./error-page.ts";
import { stalePages } from "./deletions.ts";

describe("the dev server's error page", () => {
  it("lists every problem with its file, line, field and message, escaped", () => {
    const html = errorPageHtml(
      [
        { file: "./src/content/articles/2023/polls.md", line: 2, field: "title", message: "must not be empty (the headline)" },
        { file: "_data/frontpage.json", line: 3, column: 7, field: "front[0]", message: 'no story has the slug "<b>"' },
      ],
      "/css/site.css",
    );
    assert.match(html, /<h1>Broadsheet found 2 problems in the content<\/h1>/);
    assert.match(html, /<code>src\/content\/articles\/2023\/polls\.md:2<\/code> <strong>title<\/strong><\/p><p>must not be empty \(the headline\)<\/p>/);
    assert.match(html, /<code>_data\/frontpage\.json:3:7<\/code>/);
    assert.match(html, /no story has the slug &quot;&lt;b&gt;&quot;/);
  });

  it("replaces pages only, never stylesheets, feeds or the reload scripts", () => {
    assert.deepEqual(
      ["/", "/asia/", "/asia/2023/03/19/polls", "/404.html", "/css/site.css", "/feed.xml", "/.11ty/reload-client.js", "/.broadsheet/live-errors.js"].map(isPageRequest),
      [true, true, true, true, false, false, false, false],
    );
  });
});

describe("stalePages", () => {
  it("names the pages a rebuild no longer makes", () => {
    assert.deepEqual(stalePages(new Set(["/a/index.html", "/b/index.html", "/feed.xml"]), new Set(["/b/index.html", "/feed.xml", "/c/index.html"])), ["/a/index.html"]);
  });
});
