import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseDocument } from "yaml";
import { FrontMatterError, parseYaml, readFrontMatter } from "./front-matter.ts";

const file = (yaml: string) => `---\n${yaml}\n---\nBody.\n`;

describe("readFrontMatter", () => {
  it("reads the core schema as the yaml package does: dates stay strings, numbers and booleans typed", () => {
    const yaml = [
      'title: "Kazakhstan\'s ruling party sweeps the vote"',
      "summary: >-",
      "  Folded over",
      "  two lines.",
      "date: 2023-03-19T21:40:00+06:00",
      "updated: '2023-03-20T09:15:00+06:00'",
      "topics: [kazakhstan, elections]",
      "byline:",
      "  - nadia-arkwright",
      "draft: false",
      "seats: 62",
      "share: 53.9",
      "hex: 0x1F",
      "nothing: ~",
      "image: { src: /images/ballot-box.jpg, alt: 'A ballot box' }",
      "title_kk: Қазақстан сайлауы",
    ].join("\n");
    const { data } = readFrontMatter(file(yaml));
    assert.deepEqual(data, parseDocument(yaml, { schema: "core" }).toJS());
    assert.equal(data.date, "2023-03-19T21:40:00+06:00");
    assert.equal(data.hex, 31);
    assert.equal(data.nothing, null);
  });

  it("gives the line of a field in the whole file, counting the opening fence", () => {
    const { lineOf } = readFrontMatter(file("title: A\nsummary: B\ntopics:\n  - one\n  - two"));
    assert.equal(lineOf(["summary"]), 3);
    assert.equal(lineOf(["topics", 1]), 6);
    // A missing field points at its parent's key.
    assert.equal(lineOf(["topics", 7]), 4);
  });

  it("reports malformed YAML with its line", () => {
    assert.throws(
      () => readFrontMatter(file("title: A\nsummary: [unclosed\ndate: x")),
      (error: unknown) => error instanceof FrontMatterError && /^malformed YAML/.test(error.message) && error.line !== undefined && error.line >= 3,
    );
  });

  it("rejects a field given twice", () => {
    assert.throws(() => readFrontMatter(file("title: A\ntitle: B")), (error: unknown) => error instanceof FrontMatterError && /malformed YAML/.test(error.message) && error.line === 3);
  });

  it("rejects front matter that is not a set of fields", () => {
    assert.throws(() => readFrontMatter(file("- a\n- b")), /must be a set of 'field: value' lines/);
    assert.throws(() => readFrontMatter("No fence.\n"), /must start with front matter/);
  });
});

describe("parseYaml (Eleventy's front-matter engine)", () => {
  it("parses like readFrontMatter, and gives {} for an empty block", () => {
    assert.deepEqual(parseYaml("layout: layouts/base.njk\npermalink: /\n"), { layout: "layouts/base.njk", permalink: "/" });
    assert.deepEqual(parseYaml(""), {});
    assert.throws(() => parseYaml("a: [1"), /malformed YAML/);
  });
});
