import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { resolveKey, typedArguments } from "./forgive.ts";

const FLAGS = { section: "string", byline: "string", json: "boolean", help: "boolean" } as const;

describe("typedArguments", () => {
  it("reads back flags npm took: switches, and values written with =", () => {
    const typed = typedArguments(FLAGS, ["Polls open"], { npm_lifecycle_event: "new", npm_config_section: "asia", npm_config_byline: "Nadia Arkwright", npm_config_json: "true" });
    assert.deepEqual(typed, { ok: true, args: ["Polls open", "--section=asia", "--byline=Nadia Arkwright", "--json"] });
  });

  it("leaves the arguments alone when npm took no flag of the tool's, or outside npm", () => {
    const argv = ["Polls open", "--section", "asia"];
    assert.deepEqual(typedArguments(FLAGS, argv, { npm_lifecycle_event: "new" }), { ok: true, args: argv });
    assert.deepEqual(typedArguments(FLAGS, argv, { npm_config_section: "true" }), { ok: true, args: argv });
  });

  it("says exactly what to type when npm separated flags from their values", () => {
    const typed = typedArguments(FLAGS, ["Polls open", "asia"], { npm_lifecycle_event: "new", npm_config_section: "true" });
    assert.equal(typed.ok, false);
    assert.match(typed.ok ? "" : typed.message, /npm kept --section for itself[\s\S]*npm run new -- "Polls open" asia \(each value after its flag\)\nor write --section=\.\.\., or run npx broadsheet new/);
  });
});

describe("resolveKey", () => {
  const authors = { "nadia-arkwright": { name: "Nadia Arkwright" }, "tomas-pell": { name: "Tomas Pell" } };
  const topics = { "kassym-jomart-tokayev": { name: "Kassym-Jomart Tokayev", aliases: ["Токаев", "Tokayev"] }, tokayev: { name: "Other", aliases: [] } };

  it("takes a key, a name or an alias, whatever the case", () => {
    assert.equal(resolveKey("nadia-arkwright", authors), "nadia-arkwright");
    assert.equal(resolveKey("Nadia Arkwright", authors), "nadia-arkwright");
    assert.equal(resolveKey("tomas pell", authors), "tomas-pell");
    assert.equal(resolveKey("токаев", topics), "kassym-jomart-tokayev");
  });

  it("keeps what was typed when nothing or more than one entry matches, for the checks to explain", () => {
    assert.equal(resolveKey("Nadia", authors), "Nadia");
    assert.equal(resolveKey("Tokayev", topics), "tokayev", "a key wins over another entry's alias");
    assert.equal(resolveKey("Other Tokayev", topics), "Other Tokayev");
  });
});
