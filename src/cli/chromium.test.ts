import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { describe, it } from "node:test";
import { chromiumPath, testBrowserPath } from "./chromium.ts";

describe("the browser the tests and the audit use", () => {
  it("is the one the variable names, or Playwright's own when it is empty", () => {
    assert.equal(testBrowserPath("/opt/chrome/chrome"), "/opt/chrome/chrome");
    assert.equal(testBrowserPath(""), undefined);
    assert.equal(chromiumPath("/opt/chrome/chrome"), "/opt/chrome/chrome");
    assert.equal(chromiumPath(""), undefined);
  });

  it("is otherwise Debian's headless shell for tests, then its chromium; the full chromium for the audit", () => {
    const shell = existsSync("/usr/bin/chromium-headless-shell");
    const full = existsSync("/usr/bin/chromium");
    assert.equal(testBrowserPath(undefined), shell ? "/usr/bin/chromium-headless-shell" : full ? "/usr/bin/chromium" : undefined);
    assert.equal(chromiumPath(undefined), full ? "/usr/bin/chromium" : undefined);
  });
});
