import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { describe, it } from "node:test";
import { loadArticles } from "../articles/load.ts";
import { articleSource, NOW, siteData } from "../articles/test-fixtures.ts";
import { parseElection } from "../elections/load.ts";
import { electionDataset, jsonLd, newsArticle, person } from "./json-ld.ts";
import { socialImage } from "./social.ts";

describe("jsonLd", () => {
  it("cannot be closed by text from front matter", () => {
    const out = jsonLd({ headline: "</script><script>alert(1)</script> & more" });
    assert.doesNotMatch(out, /<|>/);
    assert.deepEqual(JSON.parse(out), { headline: "</script><script>alert(1)</script> & more" });
  });

  it("escapes line separators that end a script line in old parsers", () => {
    const out = jsonLd({ text: "a\u2028b" });
    assert.ok(!out.includes("\u2028"));
    assert.equal(JSON.parse(out).text, "a\u2028b");
  });
});

async function story(fields: Record<string, string | undefined>) {
  const { articles, problems } = await loadArticles([articleSource("story", fields)], siteData, { publicDir: "public", now: NOW });
  assert.deepEqual(problems, []);
  return articles[0]!;
}

describe("newsArticle", () => {
  it("holds what Google News reads, with offsets, the agency as an Organization and corrections", async () => {
    const article = await story({
      updated: '"2023-03-20T09:00:00+06:00"',
      image: '{ src: /images/ballot-box.jpg, alt: "A ballot box", caption: "Voting", credit: Reuters }',
      corrections: '[{ date: "2023-03-21T10:00:00+06:00", text: "An earlier version misstated the turnout." }]',
    });
    const ld = newsArticle(article, siteData.site, siteData.authors, siteData.topics, "Asia");
    assert.equal(ld["@type"], "NewsArticle");
    assert.equal(ld["datePublished"], "2023-03-19T21:40:00+06:00");
    assert.equal(ld["dateModified"], "2023-03-20T09:00:00+06:00");
    assert.deepEqual(ld["author"], [{ "@type": "Organization", name: "Reuters" }]);
    assert.deepEqual(ld["mainEntityOfPage"], { "@type": "WebPage", "@id": "https://gazette.example/asia/2023/03/19/story/" });
    assert.equal(ld["articleSection"], "Asia");
    assert.deepEqual(ld["keywords"], ["Kazakhstan", "Elections"]);
    assert.deepEqual(ld["image"], { "@type": "ImageObject", url: "https://gazette.example/images/ballot-box.jpg", width: 1200, height: 675, caption: "Voting", creditText: "Reuters" });
    assert.deepEqual((ld["publisher"] as Record<string, unknown>)["logo"], { "@type": "ImageObject", url: "https://gazette.example/images/logo.png", width: 600, height: 60 });
    assert.deepEqual(ld["correction"], [{ "@type": "CorrectionComment", text: "An earlier version misstated the turnout.", datePublished: "2023-03-21T10:00:00+06:00" }]);
  });

  it("makes staff bylines Persons, with their author pages", async () => {
    const ld = newsArticle(await story({ byline: "[aigerim-sadykova]", credit: undefined }), siteData.site, siteData.authors, siteData.topics, "Asia");
    assert.deepEqual(ld["author"], [{ "@type": "Person", name: "Aigerim Sadykova", url: "https://gazette.example/authors/aigerim-sadykova/" }]);
  });
});

describe("person", () => {
  it("describes an author's page: name, role, bio, photo and publisher", () => {
    const author = { ...siteData.authors["aigerim-sadykova"]!, photo: { src: "/images/aigerim.jpg", width: 400, height: 400 } };
    const ld = person("aigerim-sadykova", author, siteData.site, "/authors/aigerim-sadykova/");
    assert.equal(ld["@type"], "Person");
    assert.equal(ld["name"], "Aigerim Sadykova");
    assert.equal(ld["jobTitle"], "Correspondent");
    assert.equal(ld["description"], "Bio.");
    assert.equal(ld["url"], "https://gazette.example/authors/aigerim-sadykova/");
    assert.deepEqual(ld["image"], { "@type": "ImageObject", url: "https://gazette.example/images/aigerim.jpg", width: 400, height: 400 });
    assert.equal((ld["worksFor"] as { name: string }).name, "Test Gazette");
  });
});

describe("electionDataset", () => {
  it("describes a results page as a Dataset with its sources and latest change", async () => {
    const { election } = parseElection("kz-mazhilis-2023", "x", await readFile("_data/elections/kz-mazhilis-2023.json", "utf8"));
    const ld = electionDataset(election!, siteData.site);
    assert.equal(ld["@type"], "Dataset");
    assert.equal(ld["url"], "https://gazette.example/elections/kz-mazhilis-2023/");
    assert.equal(ld["dateModified"], "2023-03-27T12:00:00+06:00");
    assert.deepEqual(ld["creator"], [
      { "@type": "Organization", name: "Institute of Eurasian Integration" },
      { "@type": "Organization", name: "Sotsis-A Institute for Social Research" },
      { "@type": "Organization", name: "Democracy Institute Research Association" },
      { "@type": "Organization", name: "Central Election Commission" },
    ]);
    assert.deepEqual(ld["variableMeasured"], ["turnout", "share of the vote", "votes", "seats"]);
  });

  it("lists only the variables the file has, and a source's web address when given", async () => {
    const data = JSON.parse(await readFile("_data/elections/kz-mazhilis-2023.json", "utf8")) as { stages: { source: unknown; turnout?: number; results: { votes?: number; seats?: unknown }[] }[] };
    data.stages = data.stages.slice(0, 2);
    data.stages[0]!.source = { name: "Central Election Commission", url: "https://cec.example/results" };
    delete data.stages[0]!.turnout;
    const { election, problems } = parseElection("kz-mazhilis-2023", "x", JSON.stringify(data));
    assert.deepEqual(problems, []);
    const ld = electionDataset(election!, siteData.site);
    assert.deepEqual(ld["variableMeasured"], ["share of the vote"]);
    assert.deepEqual(ld["creator"], [{ "@type": "Organization", name: "Central Election Commission", url: "https://cec.example/results" }]);
  });
});

describe("socialImage", () => {
  it("uses a raster lead image, else the site's default card", async () => {
    const withImage = await story({ image: '{ src: /images/ballot-box.jpg, alt: "A ballot box" }' });
    assert.deepEqual(socialImage(withImage, siteData.site), { src: "/images/ballot-box.jpg", width: 1200, height: 675, alt: "A ballot box" });
    assert.deepEqual(socialImage(await story({}), siteData.site), siteData.site.defaultImage);
    assert.deepEqual(socialImage(undefined, siteData.site), siteData.site.defaultImage);
  });
});
