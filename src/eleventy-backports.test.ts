import assert from "node:assert/strict";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, it } from "node:test";
import { backportTemplateLookup } from "./eleventy-backports.ts";

describe("backportTemplateLookup", () => {
  it("finds Eleventy's template entries by input path, including ones added later", async () => {
    assert.equal(await backportTemplateLookup(), true);
    const main = createRequire(import.meta.url).resolve("@11ty/eleventy");
    const { default: TemplateMap } = (await import(pathToFileURL(path.join(path.dirname(main), "TemplateMap.js")).href)) as {
      default: { prototype: { getMapEntryForInputPath(inputPath: string): unknown } };
    };
    const entries = [{ inputPath: "./src/content/a.md" }, { inputPath: "./src/content/b.md" }];
    const templateMap = Object.assign(Object.create(TemplateMap.prototype) as typeof TemplateMap.prototype, { map: [...entries] });
    assert.equal(templateMap.getMapEntryForInputPath("./src/content/b.md"), entries[1]);
    const later = { inputPath: "./src/content/c.md" };
    (templateMap as unknown as { map: object[] }).map.push(later);
    assert.equal(templateMap.getMapEntryForInputPath("./src/content/c.md"), later);
    assert.equal(templateMap.getMapEntryForInputPath("./src/content/missing.md"), undefined);
  });
});
