import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { describe, it } from "node:test";
import { ALIAS_WEIGHT, NAME_WEIGHT, searchNames } from "./names.ts";

const data = {
  topics: {
    tokayev: { name: "Kassym-Jomart Tokayev", description: "", aliases: ["Toqaev", "Токаев", "Kazakhstan"] },
  },
  sections: { asia: { name: "Asia", description: "" } },
  authors: { nadia: { name: "Nadia Arkwright", role: "", bio: "" } },
};

describe("searchNames", () => {
  it("lists the words of names first, then aliases, then headline words capitalized after the first, by how many headlines have them", () => {
    const headlines = ["Voters in Almaty queue", "Almaty and Shymkent vote", "Polls close in Almaty", "Shymkent counts", "Amanat wins"];
    assert.deepEqual(searchNames(headlines, data), [
      ["Arkwright", NAME_WEIGHT],
      ["Asia", NAME_WEIGHT],
      ["Jomart", NAME_WEIGHT],
      ["Kassym", NAME_WEIGHT],
      ["Nadia", NAME_WEIGHT],
      ["Tokayev", NAME_WEIGHT],
      ["Kazakhstan", ALIAS_WEIGHT],
      ["Toqaev", ALIAS_WEIGHT],
      ["Токаев", ALIAS_WEIGHT],
      ["Almaty", 2],
      ["Shymkent", 1],
    ]);
  });

  it("leaves out short words and numbers, and keeps a name's weight when a headline has it too", () => {
    const names = searchNames(["Asia votes as Tokayev wins 2023 race in Ust Kamenogorsk", "Why Tokayev won"], data);
    assert.equal(names.find(([term]) => term === "Tokayev")?.[1], NAME_WEIGHT);
    assert.deepEqual(names.filter(([, weight]) => weight < ALIAS_WEIGHT), [["Kamenogorsk", 1]]);
  });

  it("gives the sample site's misspelt names somewhere to land", async () => {
    const topics = JSON.parse(await readFile("_data/topics.json", "utf8")) as typeof data.topics;
    const terms = searchNames([], { ...data, topics }).map(([term]) => term);
    for (const name of ["Tokayev", "Kazakhstan", "Nazarbayev"]) assert.ok(terms.includes(name), name);
  });
});
