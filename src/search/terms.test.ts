import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { topicTerms } from "./terms.ts";

describe("topicTerms", () => {
  it("gives each topic's name and aliases once, Cyrillic spellings included", () => {
    const topics = {
      tokayev: { name: "Kassym-Jomart Tokayev", description: "", aliases: ["Tokayev", "Токаев"] },
      kazakhstan: { name: "Kazakhstan", description: "", aliases: ["Tokayev"] },
    };
    assert.equal(topicTerms(["tokayev", "kazakhstan", "gone"], topics), "Kassym-Jomart Tokayev · Tokayev · Токаев · Kazakhstan");
  });
});
