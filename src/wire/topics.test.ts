import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Topics } from "../articles/site-data.ts";
import type { WireTerm } from "./ninjs.ts";
import { locatedTerms, mapTopics, normaliseTerm } from "./topics.ts";

const topics: Topics = {
  kazakhstan: { name: "Kazakhstan", description: "K.", aliases: ["Qazaqstan", "Астана"] },
  "oil-and-gas": { name: "Oil and gas", description: "O.", aliases: ["Energy", "medtop:20000578"] },
  elections: { name: "Elections", description: "E.", aliases: ["Parliamentary elections"] },
};
const term = (kind: WireTerm["kind"], name: string, ids: string[] = []): WireTerm => ({ kind, name, ids });

describe("mapTopics", () => {
  it("matches a topic's key, name or alias, ignoring case, accents and punctuation", () => {
    const { topics: found, unmapped } = mapTopics(
      [term("subject", "PARLIAMENTARY ELECTIONS"), term("keyword", "oil-and-gas"), term("place", "QAZAQSTAN"), term("subject", "Énergy"), term("place", "астана")],
      topics,
    );
    assert.deepEqual(found, ["elections", "oil-and-gas", "kazakhstan"]);
    assert.deepEqual(unmapped, []);
  });

  it("matches a subject by its code or URI when an alias holds it", () => {
    assert.deepEqual(mapTopics([term("subject", "Crude oil", ["medtop:20000578"])], topics).topics, ["oil-and-gas"]);
  });

  it("reports each unmatched term once, keeping its kind", () => {
    const { unmapped } = mapTopics([term("subject", "Politics"), term("subject", "politics"), term("place", "Shymkent"), term("person", "Politics")], topics);
    assert.deepEqual(unmapped.map((t) => `${t.kind}:${t.name}`), ["subject:Politics", "place:Shymkent", "person:Politics"]);
  });
});

describe("locatedTerms and normaliseTerm", () => {
  it("splits a dateline into places", () => {
    assert.deepEqual(locatedTerms("Astana, Kazakhstan").map((t) => t.name), ["Astana", "Kazakhstan"]);
    assert.deepEqual(locatedTerms(undefined), []);
  });

  it("folds case, accents and punctuation but keeps other scripts", () => {
    assert.equal(normaliseTerm("  Kassym-Jomart  TOKAYEV "), "kassym jomart tokayev");
    assert.equal(normaliseTerm("Қазақстан"), "қазақстан");
    assert.equal(normaliseTerm("Ёлка"), "елка");
  });
});
