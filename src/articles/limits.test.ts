import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BODY_LIMIT, storyLimits } from "./limits.ts";

const file = (title: string, body: string) => `---\nsummary: "S."\ntitle: "${title}"\n---\n${body}`;

describe("storyLimits", () => {
  it("passes a headline of 110 characters", () => {
    const title = "h".repeat(110);
    assert.deepEqual(storyLimits("a.md", file(title, "Body.\n"), title, "Body.\n"), { warnings: [], errors: [] });
  });

  it("warns about a headline over 110 characters, at its line", () => {
    const title = "h".repeat(111);
    const report = storyLimits("a.md", file(title, "Body.\n"), title, "Body.\n");
    assert.deepEqual(report.errors, []);
    assert.equal(report.warnings[0]?.line, 3);
    assert.match(report.warnings[0]?.message ?? "", /111 characters/);
  });

  it("refuses a headline over 300 characters, and counts characters, not UTF-16 units", () => {
    const title = "ё".repeat(301);
    const report = storyLimits("a.md", file(title, "Body.\n"), title, "Body.\n");
    assert.equal(report.errors[0]?.field, "title");
    assert.match(report.errors[0]?.message ?? "", /301 characters; the limit is 300/);
    assert.equal(storyLimits("a.md", "", "😀".repeat(300), "").errors.length, 0);
  });

  it("refuses a body over 1 MB, at the body's first line", () => {
    const body = "x".repeat(BODY_LIMIT + 1);
    const report = storyLimits("a.md", file("T", body), "T", body);
    assert.equal(report.errors[0]?.line, 5);
    assert.match(report.errors[0]?.message ?? "", /1,000,001 bytes; the limit is 1,000,000/);
  });
});
