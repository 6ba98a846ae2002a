import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { describe, it } from "node:test";
import { htmlText, parseNinjs, textToHtml, type WireResult, type WireStory } from "./ninjs.ts";

const fixture = (name: string) => readFile(new URL(`fixtures/${name}`, import.meta.url), "utf8");

function storyOf(result: WireResult): WireStory {
  assert.ok(result.ok, result.ok ? "" : JSON.stringify(result.errors));
  return result.story;
}

function errorsOf(text: string): string[] {
  const result = parseNinjs(text);
  assert.equal(result.ok, false);
  return result.ok ? [] : result.errors.map((error) => `${error.field}: ${error.message}`);
}

describe("parseNinjs: the three versions", () => {
  it("1.x: headline, description_text, body_html, byline, copyrightholder, subject/person/place, associations as an object", async () => {
    const story = storyOf(parseNinjs(await fixture("polls-open.ninjs-1.json")));
    assert.equal(story.version, 1);
    assert.equal(story.id, "urn:newsml:steppewire.example:20230319:kz-polls-open");
    assert.equal(story.headline, "Kazakhs vote in early election for parliament's lower house");
    assert.match(story.summary ?? "", /^Polls opened at 7 a\.m\./);
    assert.match(story.bodyHtml, /^<p>ASTANA, March 19/);
    assert.equal(story.byline, "Dana Ospanova");
    assert.equal(story.credit, "Steppe Wire");
    assert.equal(story.located, "Astana, Kazakhstan");
    assert.equal(story.firstCreated, "2023-03-19T03:30:00Z");
    assert.deepEqual(
      story.terms.map((term) => `${term.kind}:${term.name}`),
      ["subject:Elections", "subject:Politics", "person:Kassym-Jomart Tokayev", "organisation:Central Election Commission", "place:Kazakhstan", "place:Karaganda"],
    );
    assert.deepEqual(story.terms[1]?.ids, ["11000000"]);
    assert.deepEqual(story.picture, {
      name: "featureimage",
      caption: "Voters queue at a polling station in Astana on election morning.",
      credit: "Arman Seitkali",
      hrefs: ["https://media.steppewire.example/2023/03/19/polling-station.jpg", "https://media.steppewire.example/2023/03/19/polling-station-thumb.jpg"],
    });
  });

  it("2.x: headlines, descriptions and bodies by role, by, infosources for the credit, associations as a list", async () => {
    const story = storyOf(parseNinjs(await fixture("exit-poll.ninjs-2.json")));
    assert.equal(story.version, 2);
    assert.equal(story.headline, "Exit polls: Amanat wins Kazakh election with about half the vote");
    assert.match(story.summary ?? "", /^Two exit polls/);
    assert.equal(story.byline, "Dana Ospanova and Nadia Arkwright");
    assert.equal(story.credit, "Steppe Wire");
    assert.equal(story.versionCreated, "2023-03-19T15:40:00Z");
    assert.deepEqual(story.picture, {
      name: "featureimage",
      caption: "Counting began as soon as polls closed at 8 p.m.",
      alt: "A ballot paper dropping into the slot of a ballot box",
      credit: "Steppe Wire graphic",
      hrefs: ["ballot-box.svg"],
    });
  });

  it("3.x: camelCase names, a plain-text body made into paragraphs", async () => {
    const story = storyOf(parseNinjs(await fixture("preliminary-results.ninjs-3.json")));
    assert.equal(story.version, 3);
    assert.equal(story.credit, "Steppe Wire");
    assert.equal(story.firstCreated, "2023-03-20T04:15:00Z");
    assert.equal(story.bodyHtml.split("<p>").length - 1, 3);
    assert.equal(story.picture, undefined);
  });

  it("tells 3.x from 2.x by its camelCase names when there is no $schema", async () => {
    const doc = JSON.parse(await fixture("preliminary-results.ninjs-3.json")) as Record<string, unknown>;
    delete doc.$schema;
    assert.equal(storyOf(parseNinjs(JSON.stringify(doc))).version, 3);
  });

  it("prefers the marked-up body to the plain one, and the main headline to the others", () => {
    const story = storyOf(
      parseNinjs(
        JSON.stringify({
          uri: "urn:1",
          headlines: [{ role: "short", value: "Short" }, { role: "main", value: "Main &amp; <em>only</em>", contenttype: "text/html" }],
          bodies: [
            { role: "main", contenttype: "text/plain", value: "Plain." },
            { role: "richtext", contenttype: "application/xhtml+xml", value: "<p>Rich.</p>" },
          ],
        }),
      ),
    );
    assert.equal(story.headline, "Main & only");
    assert.equal(story.bodyHtml, "<p>Rich.</p>");
  });

  it("reads a NITF body's body.content when there is no HTML, and ignores bodies of other types", () => {
    const nitf = '<?xml version="1.0"?><nitf><head><title>T</title></head><body><body.head><hedline><hl1>T</hl1></hedline></body.head><body.content><p>One.</p><hl2>Sub</hl2><p>Two.</p></body.content></body></nitf>';
    const doc = (bodies: unknown[]) => JSON.stringify({ uri: "urn:1", headlines: [{ value: "H" }], bodies });
    const story = storyOf(parseNinjs(doc([{ role: "text", contenttype: "text/plain", value: "Plain." }, { role: "nitf", contenttype: "text/vnd.IPTC.NITF", value: nitf }])));
    assert.equal(story.bodyHtml, "<p>One.</p><h2>Sub</h2><p>Two.</p>");
    assert.deepEqual(errorsOf(doc([{ contenttype: "application/pdf", value: "%PDF" }])), ["bodies: is required: the story has no body text"]);
  });

  it("takes guid when there is no uri", () => {
    assert.equal(storyOf(parseNinjs(JSON.stringify({ guid: "tag:wire,2023:1", headline: "H", body_text: "B" }))).id, "tag:wire,2023:1");
  });
});

describe("parseNinjs: invalid or partial input names the field", () => {
  it("not JSON", () => {
    assert.equal(errorsOf("{ headline: 'x' ")[0], "(file): not valid JSON at line 1, column 3: unexpected character");
  });

  it("a list or a string instead of one object", () => {
    assert.deepEqual(errorsOf("[]"), ["(document): expected one ninjs object, got a list"]);
    assert.deepEqual(errorsOf('"text"'), ["(document): expected one ninjs object, got string"]);
  });

  it("an unknown shape, or a $schema of another version", () => {
    assert.match(errorsOf(JSON.stringify({ uri: "urn:1", title: "T", content: "C" }))[0] ?? "", /^\(document\): not a ninjs news item/);
    assert.deepEqual(errorsOf(JSON.stringify({ $schema: "http://www.iptc.org/std/ninjs/ninjs-schema_4.0.json", uri: "urn:1" })), [
      '$schema: "http://www.iptc.org/std/ninjs/ninjs-schema_4.0.json" is not a ninjs 1.x, 2.x or 3.x schema',
    ]);
  });

  it("no headline, no body and no id, all at once", () => {
    assert.deepEqual(errorsOf(JSON.stringify({ headlines: [], bodies: [{ value: " " }] })), [
      "uri: is required: the story's id, which every version of it shares",
      "headlines: is required: the story has no headline",
      "bodies: is required: the story has no body text",
    ]);
    assert.deepEqual(errorsOf(JSON.stringify({ uri: "urn:1", byline: "A", body_html: "<p>B</p>" })), ["headline: is required: the story has no headline"]);
  });

  it("a picture item, and a date that is not one", () => {
    assert.deepEqual(errorsOf(JSON.stringify({ uri: "urn:1", type: "picture", headline: "H", body_text: "B", versioncreated: "yesterday" })), [
      'type: "picture" items cannot be imported; expected a text story (type "text")',
      'versioncreated: expected an ISO 8601 date-time such as "2023-03-19T15:40:00Z", got "yesterday"',
    ]);
  });
});

describe("text helpers", () => {
  it("textToHtml: blank-line paragraphs, escaped", () => {
    assert.equal(textToHtml("One <b>\nline.\n\n\nTwo & more."), "<p>One &lt;b&gt;<br>line.</p>\n<p>Two &amp; more.</p>");
  });

  it("htmlText: tags dropped, entities decoded, space tidied", () => {
    assert.equal(htmlText("<b>Amanat</b>&nbsp;wins &#8212; &quot;clearly&quot; &#x2014;<br>again &bogus;"), 'Amanat wins — "clearly" — again &bogus;');
  });
});
