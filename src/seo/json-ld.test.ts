import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { jsonLd } from "./json-ld.ts";

describe("jsonLd", () => {
  it("cannot be closed by text from front matter", () => {
    const out = jsonLd({ headline: "</script><script>alert(1)</script> & more" });
    assert.doesNotMatch(out, /<|>/);
    assert.deepEqual(JSON.parse(out), { headline: "</script><script>alert(1)</script> & more" });
  });

  it("escapes line separators that end a script line in old parsers", () => {
    const out = jsonLd({ text: "a\u2028b" });
    assert.ok(!out.includes("\u2028"));
    assert.equal(JSON.parse(out).text, "a\u2028b");
  });
});
