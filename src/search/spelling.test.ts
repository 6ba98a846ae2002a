import assert from "node:assert/strict";
import { describe, it } from "node:test";

/** The browser module's API (public/js is plain JavaScript, served as written). */
interface Spelling {
  fold(word: string): string;
  distance(a: string, b: string, max: number): number;
  nearestName(word: string, names: [string, number][]): string | undefined;
  correctQuery(query: string, names: [string, number][], found?: (word: string) => boolean): string | undefined;
  queryWords(query: string): string[];
  foundAsTyped(word: string, excerpts: string[]): boolean;
}
// Through a URL, so TypeScript does not look for the plain JavaScript file's types.
const spelling = (await import(new URL("../../public/js/search-spelling.js", import.meta.url).href)) as Spelling;

const NAMES: [string, number][] = [
  ["Jomart", 100_000],
  ["Kassym", 100_000],
  ["Kazakhstan", 100_000],
  ["Tokayev", 100_000],
  ["Senate", 50_000],
  ["Toqaev", 50_000],
  ["Токаев", 50_000],
  ["Almaty", 3],
];

describe("search spelling", () => {
  it("measures edit distance, giving up past the limit", () => {
    assert.equal(spelling.distance("tokaev", "tokayev", 2), 1);
    assert.equal(spelling.distance("kazakstan", "kazakhstan", 2), 1);
    assert.equal(spelling.distance("tokayv", "tokayev", 2), 1);
    assert.equal(spelling.distance("kitten", "sitting", 3), 3);
    assert.equal(spelling.distance("almaty", "kazakhstan", 2), 3);
  });

  it("matches misspelt names to the nearest known one, the weightier on a tie", () => {
    assert.equal(spelling.nearestName("Tokaev", NAMES), "Tokayev", "Toqaev is as near, but only an alias");
    assert.equal(spelling.nearestName("tokayv", NAMES), "Tokayev");
    assert.equal(spelling.nearestName("Kazakstan", NAMES), "Kazakhstan");
    assert.equal(spelling.nearestName("Kazahkstan", NAMES), "Kazakhstan", "two letters off in a long word");
    assert.equal(spelling.nearestName("Тokaev", NAMES), undefined, "a Cyrillic Т is a letter off everywhere");
    assert.equal(spelling.nearestName("Almatu", NAMES), "Almaty");
  });

  it("leaves names, their beginnings, short words, numbers and far-off words alone", () => {
    for (const word of ["Tokayev", "tokayev", "Toka", "Токаев", "Senat", "Qazaq", "Almt", "2023", "Tokv", "economy", "Sections", "senator"]) {
      assert.equal(spelling.nearestName(word, NAMES), undefined, word);
    }
    assert.equal(spelling.nearestName("Almty", NAMES), "Almaty", "a letter left out");
    assert.equal(spelling.nearestName("Almtyy", NAMES), undefined, "two letters off is too many for six");
    assert.equal(spelling.nearestName("Jkassym", NAMES), undefined, "the first letter is taken as typed");
    assert.equal(spelling.nearestName("Senatr", NAMES), "Senate");
    assert.equal(spelling.fold("Qazaqstán"), "qazaqstan");
  });

  it("corrects only the misspelt words of a query, keeping the rest and the separators", () => {
    assert.equal(spelling.correctQuery("Tokaev", NAMES), "Tokayev");
    assert.equal(spelling.correctQuery("tokaev, kazakstan vote", NAMES), "Tokayev, Kazakhstan vote");
    assert.equal(spelling.correctQuery("Tokayev vote", NAMES), undefined);
    assert.equal(spelling.correctQuery("", NAMES), undefined);
  });

  it("never corrects a word the index finds as typed", () => {
    const found = (word: string) => word === "Senator";
    assert.equal(spelling.correctQuery("Senator", NAMES, found), undefined);
    assert.equal(spelling.correctQuery("Senatr Tokaev", NAMES, found), "Senate Tokayev");
    assert.deepEqual(spelling.queryWords("Tokaev tokaev, Tokaev"), ["Tokaev", "tokaev"]);
  });

  it("tells the index's match of a word as typed from its fallback to a short prefix", () => {
    assert.equal(spelling.foundAsTyped("Tokaev", ["did not speak <mark>to</mark> reporters", "intends <mark>to</mark> hold"]), false);
    assert.equal(spelling.foundAsTyped("senator", ["holds <mark>Senate</mark> elections"]), true, "a stem");
    assert.equal(spelling.foundAsTyped("Russian", ["no mark", "the <mark>russians</mark> said"]), true);
    assert.equal(spelling.foundAsTyped("Kazakstan", []), false);
  });
});
