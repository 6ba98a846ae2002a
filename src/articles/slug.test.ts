import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SLUG } from "./schema.ts";
import { MAX_SLUG_LENGTH, slugify, uniqueSlug } from "./slug.ts";

describe("slugify", () => {
  it("transliterates a Kazakh headline, including the letters Russian lacks", () => {
    assert.equal(slugify("Қазақстан сайлауы"), "qazaqstan-saylauy");
    assert.equal(slugify("Мәжіліс сайлауы: Ақорда үні"), "mazhilis-saylauy-aqorda-uni");
    assert.equal(slugify("Ұлы Дала, Өңір, Ғылым, Һ"), "uly-dala-ongir-ghylym-h");
  });

  it("transliterates a Russian headline", () => {
    assert.equal(slugify("Выборы в Казахстане"), "vybory-v-kazakhstane");
  });

  it("keeps Latin headlines readable: apostrophes dropped, punctuation and quotes gone, accents folded", () => {
    assert.equal(slugify("Kazakhstan’s ruling party: \"sweeps\" the vote"), "kazakhstans-ruling-party-sweeps-the-vote");
    assert.equal(slugify("Café owners in Almaty & Astana"), "cafe-owners-in-almaty-and-astana");
    assert.equal(slugify("KazMunayGas profits"), "kazmunaygas-profits");
  });

  it("always gives a valid slug, or nothing when no letter can be written in Latin", () => {
    for (const headline of ["  Polls open!  ", "2023: the year in 10 votes", "«Аманат» лидирует"]) assert.match(slugify(headline), SLUG);
    assert.equal(slugify("!!!"), "");
  });

  it("cuts a long headline at a word boundary", () => {
    const slug = slugify("word ".repeat(40));
    assert.ok(slug.length <= MAX_SLUG_LENGTH);
    assert.match(slug, /^word(-word)+$/);
    assert.equal(slugify("a".repeat(100)).length, MAX_SLUG_LENGTH);
  });
});

describe("uniqueSlug", () => {
  it("adds -2, -3... until the slug is free", () => {
    const taken = new Set(["polls", "polls-2"]);
    assert.equal(uniqueSlug("polls", (slug) => taken.has(slug)), "polls-3");
    assert.equal(uniqueSlug("votes", (slug) => taken.has(slug)), "votes");
  });
});
