import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { before, describe, it } from "node:test";
import type { ArticleContext } from "../articles/article-file.ts";
import { readFrontMatter } from "../articles/front-matter.ts";
import { loadArticles, type ArticleSource } from "../articles/load.ts";
import type { SiteData } from "../articles/site-data.ts";
import { articleSource, NOW, siteData } from "../articles/test-fixtures.ts";
import { planImport, wireHash, type ImportPlan, type ImportRequest } from "./import-story.ts";

const fixture = (name: string) => readFile(new URL(`fixtures/${name}`, import.meta.url), "utf8");

/** The test site, with aliases for the wire's words, a wire section and a second author. */
const data: SiteData = {
  ...siteData,
  site: { ...siteData.site, wireSection: "world" },
  topics: {
    ...siteData.topics,
    elections: { name: "Elections", description: "E.", aliases: ["Parliamentary elections", "Election results"] },
    kazakhstan: { name: "Kazakhstan", description: "K.", aliases: ["Astana"] },
    amanat: { name: "Amanat", description: "A.", aliases: ["AMANAT party"] },
  },
  authors: { ...siteData.authors, "nadia-arkwright": { name: "Nadia Arkwright", role: "Correspondent", bio: "Bio." } },
};

let publicDir: string;
before(async () => {
  publicDir = await mkdtemp(path.join(tmpdir(), "broadsheet-public-"));
  await mkdir(path.join(publicDir, "images"));
  await writeFile(path.join(publicDir, "images", "ballot-box.svg"), '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675"></svg>');
});

const contextWith = (sources: ArticleSource[] = []): ArticleContext => ({ data, sources, elections: {}, publicDir, articlesDir: "src/content/articles", now: NOW });

async function importFixture(name: string, request: ImportRequest = {}, sources: ArticleSource[] = []): Promise<ImportPlan> {
  return planImport(await fixture(name), `fixtures/${name}`, request, contextWith(sources));
}

type Written = Extract<ImportPlan, { action: "create" | "update" }>;

function written(plan: ImportPlan): Written {
  assert.ok(plan.ok, plan.ok ? "" : JSON.stringify(plan.problems, null, 1));
  assert.notEqual(plan.action, "unchanged");
  return plan as Written;
}

function problemsOf(plan: ImportPlan): string[] {
  assert.equal(plan.ok, false, "expected the import to be refused");
  return plan.ok ? [] : plan.problems.map((problem) => `${problem.file}: ${problem.field}: ${problem.message}`);
}

describe("planImport: a new wire story", () => {
  it("ninjs 1.x: front matter in the site's timezone, wire section, mapped topics, agency credit, wire id, a draft", async () => {
    const plan = written(await importFixture("polls-open.ninjs-1.json"));
    assert.equal(plan.action, "create");
    assert.equal(plan.inputPath, "./src/content/articles/2023/kazakhs-vote-in-early-election-for-parliaments-lower-house.md");
    assert.equal(plan.url, "/world/2023/03/19/kazakhs-vote-in-early-election-for-parliaments-lower-house/");
    const { data, body } = readFrontMatter(plan.text);
    const { wire_hash: hash, ...fields } = data;
    assert.equal(hash, wireHash(fields.title, fields.summary, body), "the fingerprint of what the import wrote");
    assert.deepEqual(fields, {
      title: "Kazakhs vote in early election for parliament's lower house",
      summary: "Polls opened at 7 a.m. in an early vote that President Tokayev says will finish his overhaul of the political system.",
      date: "2023-03-19T09:30:00+06:00",
      section: "world",
      topics: ["elections", "kazakhstan"],
      credit: "Steppe Wire",
      draft: true,
      wire_id: "urn:newsml:steppewire.example:20230319:kz-polls-open",
    });
    assert.match(body, /^ASTANA, March 19 \(Steppe Wire\) - Kazakhstan began voting/);
    assert.match(body, /\n## New rules\n\nFor the first time.*\n\n- 69 seats are filled from party lists;\n- 29 seats go to district winners\.\n/);
  });

  it("reports unmapped subjects and places, the wire byline and the picture it left out", async () => {
    const plan = written(await importFixture("polls-open.ninjs-1.json"));
    assert.deepEqual(plan.notes, [
      'Not mapped to a topic: subject "Politics", person "Kassym-Jomart Tokayev", organisation "Central Election Commission". Add them to "aliases" in _data/topics.json to map them next time.',
      'Places not mapped to a topic: "Karaganda".',
      'Wire byline "Dana Ospanova" left out: bylines name our own staff; the story is credited to Steppe Wire.',
      'Lead picture "featureimage" left out: its file (polling-station.jpg, polling-station-thumb.jpg) is not in public/. Copy it to public/images/ and import again to add it.',
    ]);
  });

  it("ninjs 2.x: the lead picture when its file is in public/, our own author from the wire byline, --section and --publish", async () => {
    const plan = written(await importFixture("exit-poll.ninjs-2.json", { section: "asia", publish: true }));
    assert.equal(plan.url, "/asia/2023/03/19/exit-polls-amanat-wins-kazakh-election-with-about-half-the-vote/");
    assert.equal(plan.draft, false);
    const { data: fields, body } = readFrontMatter(plan.text);
    assert.deepEqual(fields.byline, ["nadia-arkwright"]);
    assert.equal(fields.credit, "Steppe Wire");
    assert.equal(fields.draft, false);
    assert.deepEqual(fields.image, {
      src: "/images/ballot-box.svg",
      alt: "A ballot paper dropping into the slot of a ballot box",
      caption: "Counting began as soon as polls closed at 8 p.m.",
      credit: "Steppe Wire graphic",
    });
    assert.match(body, /\n> The results are preliminary and may change as ballots are counted\.\n/);
    assert.ok(plan.notes.includes('Byline nadia-arkwright from the wire\'s "Dana Ospanova and Nadia Arkwright"; check it.'));
  });

  it("ninjs 3.x: plain-text body as paragraphs, the generated file passing the build's checks", async () => {
    const plan = written(await importFixture("preliminary-results.ninjs-3.json"));
    const { articles, problems } = await loadArticles([{ inputPath: plan.inputPath, text: plan.text }], data, { publicDir, now: NOW });
    assert.deepEqual(problems, []);
    assert.equal(articles[0]?.date, "2023-03-20T10:15:00+06:00");
    assert.deepEqual(articles[0]?.topics, ["elections", "amanat", "kazakhstan"]);
    assert.equal(readFrontMatter(plan.text).body.split("\n\n").length, 3);
  });

  it("takes -2 when another story has the slug", async () => {
    const plan = written(await importFixture("preliminary-results.ninjs-3.json", {}, [articleSource("six-parties-clear-threshold-in-kazakh-vote-preliminary-count")]));
    assert.equal(plan.inputPath, "./src/content/articles/2023/six-parties-clear-threshold-in-kazakh-vote-preliminary-count-2.md");
    assert.ok(plan.notes.some((note) => note.startsWith('Another story already has the slug "six-parties')));
  });

  it("takes the summary from the first sentence when the wire gives none, and dates an embargoed story at its embargo", async () => {
    const doc = {
      uri: "urn:embargoed",
      firstcreated: "2023-03-19T10:00:00Z",
      embargoed: "2023-03-19T14:00:00Z",
      headline: "Results at 8 p.m.",
      body_html: "<p>The C.E.C. will publish results at 8 p.m. on Sunday. Observers will watch.</p>",
      copyrightholder: "Steppe Wire",
    };
    const plan = written(await planImport(JSON.stringify(doc), "embargoed.json", {}, contextWith()));
    const fields = readFrontMatter(plan.text).data;
    assert.equal(fields.summary, "The C.E.C. will publish results at 8 p.m. on Sunday.");
    assert.equal(fields.date, "2023-03-19T20:00:00+06:00");
    assert.equal(fields.updated, undefined);
    assert.ok(plan.notes.some((note) => note.includes("the summary is the body's first sentence")));
  });
});

describe("planImport: a re-import of an update", () => {
  async function firstVersion(): Promise<ArticleSource> {
    const plan = written(await importFixture("preliminary-results.ninjs-3.json"));
    // What an editor does after the first import: publish it, add a pick and a topic.
    const edited = plan.text.replace("draft: true\n", "draft: false\nrelated: [polls-open]\n").replace("topics: [", "topics: [central-asia, ");
    return { inputPath: plan.inputPath, text: edited };
  }

  it("updates the same file: new headline, summary and body, updated time, the editor's fields kept", async () => {
    const first = await firstVersion();
    const plan = written(await importFixture("preliminary-results-update.ninjs-3.json", { section: "asia" }, [first, articleSource("polls-open")]));
    assert.equal(plan.action, "update");
    assert.equal(plan.inputPath, first.inputPath);
    assert.equal(plan.url, "/world/2023/03/20/six-parties-clear-threshold-in-kazakh-vote-preliminary-count/");
    const { data, body } = readFrontMatter(plan.text);
    const { wire_hash: hash, ...fields } = data;
    assert.equal(hash, wireHash(fields.title, fields.summary, body));
    assert.equal(plan.backup, undefined, "nobody edited the first version");
    assert.deepEqual(fields, {
      title: "Six parties clear threshold in Kazakh vote; turnout 54%",
      summary: "Amanat leads the preliminary count with 53.9 percent; the commission puts turnout at 54.2 percent.",
      date: "2023-03-20T10:15:00+06:00",
      updated: "2023-03-20T13:05:00+06:00",
      section: "world",
      topics: ["central-asia", "elections", "amanat", "kazakhstan"],
      credit: "Steppe Wire",
      related: ["polls-open"],
      draft: false,
      wire_id: "urn:newsml:steppewire.example:20230320:kz-preliminary-results",
    });
    assert.match(body, /\(Adds turnout\) Turnout was 54\.2 percent/);
    assert.ok(plan.notes.includes('"UPDATE 1-" taken off the headline.'));
    assert.ok(plan.notes.some((note) => note.startsWith('Section kept as "world"')));
  });

  it("writes nothing when the story already has this version or a newer one, unless forced", async () => {
    const first = await firstVersion();
    const other = articleSource("polls-open");
    const update = written(await importFixture("preliminary-results-update.ninjs-3.json", {}, [first, other]));
    const updated = { inputPath: first.inputPath, text: update.text };

    const again = await importFixture("preliminary-results-update.ninjs-3.json", {}, [updated, other]);
    assert.ok(again.ok && again.action === "unchanged");
    assert.match(again.notes[0] ?? "", /already has this version or a newer one \(last updated 2023-03-20T13:05:00\+06:00; this version 2023-03-20T13:05:00\+06:00\)/);

    const older = await importFixture("preliminary-results.ninjs-3.json", {}, [updated, other]);
    assert.ok(older.ok && older.action === "unchanged");

    const forced = written(await importFixture("preliminary-results.ninjs-3.json", { force: true }, [updated, other]));
    assert.equal(forced.inputPath, first.inputPath);
    assert.equal(readFrontMatter(forced.text).data.updated, undefined);
  });
});

describe("planImport: invalid or partial input is refused, naming the file and field", () => {
  const refuse = async (doc: unknown, request: ImportRequest = {}) => problemsOf(await planImport(typeof doc === "string" ? doc : JSON.stringify(doc), "wire/story.json", request, contextWith()));

  it("not JSON, no headline, no body, an unknown shape", async () => {
    assert.match((await refuse("not json"))[0] ?? "", /^wire\/story\.json: \(file\): not valid JSON/);
    assert.deepEqual(await refuse({ uri: "urn:1", headlines: [], bodies: [{ value: "<p>B</p>" }] }), ["wire/story.json: headlines: is required: the story has no headline"]);
    assert.deepEqual(await refuse({ uri: "urn:1", headline: "H" }), ["wire/story.json: body_html: is required: the story has no body text"]);
    assert.match((await refuse({ uri: "urn:1", content: "x" }))[0] ?? "", /^wire\/story\.json: \(document\): not a ninjs news item/);
  });

  it("a body with no text once converted", async () => {
    assert.deepEqual(await refuse({ uri: "urn:1", headline: "H", body_html: '<p><img src="x.jpg"></p>', copyrightholder: "W" }), [
      "wire/story.json: body_html: has no text once converted to Markdown",
      "wire/story.json: description_text: is required: the story has no summary and no first sentence to take one from",
    ]);
  });

  it("no agency to credit, unless --credit gives one", async () => {
    const doc = { uri: "urn:1", headline: "Polls close", body_html: "<p>Polls closed.</p>", firstcreated: "2023-03-19T14:00:00Z" };
    assert.deepEqual(await refuse(doc), ["wire/story.json: copyrightholder: the story names no agency to credit (no copyright holder or info source); pass --credit"]);
    const plan = written(await planImport(JSON.stringify(doc), "wire/story.json", { credit: "Steppe Wire" }, contextWith()));
    assert.equal(readFrontMatter(plan.text).data.credit, "Steppe Wire");
  });

  it("an unknown --section, or none at all", async () => {
    const doc = JSON.parse(await fixture("exit-poll.ninjs-2.json")) as unknown;
    assert.deepEqual(await refuse(doc, { section: "aisa" }), ['wire/story.json: --section: unknown section "aisa" (did you mean "asia"?); expected one of: asia, world']);
    const noDefault = await planImport(JSON.stringify(doc), "wire/story.json", {}, { ...contextWith(), data: { ...data, site: siteData.site } });
    assert.deepEqual(problemsOf(noDefault), ["wire/story.json: --section: no section given and no wireSection in _data/site.json; expected one of: asia, world"]);
  });

  it("a --slug that is not one, or that another story has", async () => {
    const doc = JSON.parse(await fixture("exit-poll.ninjs-2.json")) as unknown;
    assert.deepEqual(await refuse(doc, { slug: "Bad Slug" }), ['wire/story.json: --slug: "Bad Slug" is not a slug; expected lowercase letters, digits and hyphens']);
    const taken = await planImport(JSON.stringify(doc), "wire/story.json", { slug: "polls-open" }, contextWith([articleSource("polls-open")]));
    assert.deepEqual(problemsOf(taken), ['wire/story.json: --slug: "polls-open" is already the slug of another story; every story needs its own slug']);
  });

  it("a story the build would reject, reported against the file it would have written", async () => {
    const doc = { uri: "urn:1", headline: "UPDATE 2-", body_html: "<p>Polls closed.</p>", firstcreated: "2023-03-19T14:00:00Z", copyrightholder: "W" };
    assert.deepEqual(await refuse(doc, { slug: "polls-close" }), ["src/content/articles/2023/polls-close.md: title: must not be empty (the headline)"]);
  });
});
