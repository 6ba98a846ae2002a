import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { it } from "node:test";
import { inlineLinks } from "./load.ts";

const LEAD = "src/content/articles/2023/ruling-party-sweeps-kazakh-election-exit-polls.md";

// The seed page has one inline READ MORE link before the "Reform agenda" subheading and one after it.
it("the lead sample story has one READ MORE link before its Reform agenda subheading and one after it", () => {
  const text = readFileSync(LEAD, "utf8");
  const heading = text.split("\n").indexOf("## Reform agenda") + 1;
  assert.ok(heading > 0, `${LEAD} has no "## Reform agenda" line`);
  const lines = inlineLinks(text).map((link) => link.line);
  assert.deepEqual(
    lines.map((line) => (line < heading ? "before" : "after")),
    ["before", "after"],
  );
});
