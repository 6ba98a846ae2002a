import assert from "node:assert/strict";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, it } from "node:test";
import { backportTemplateLookup, speedUpDependencyEdges } from "./eleventy-patches.ts";

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

describe("speedUpDependencyEdges", () => {
  it("keeps the dependency graph's edges as they were: no duplicates, removals seen", async () => {
    assert.equal(speedUpDependencyEdges(), true);
    const eleventy = createRequire(import.meta.url).resolve("@11ty/eleventy");
    const { DepGraph } = createRequire(eleventy)("dependency-graph") as {
      DepGraph: new () => { addNode(n: string): void; addDependency(a: string, b: string): void; removeDependency(a: string, b: string): void; removeNode(n: string): void; dependenciesOf(n: string): string[]; dependantsOf(n: string): string[]; overallOrder(): string[] };
    };
    const graph = new DepGraph();
    for (const node of ["collection", "a", "b", "c"]) graph.addNode(node);
    graph.addDependency("collection", "a");
    graph.addDependency("collection", "a");
    graph.addDependency("collection", "b");
    assert.deepEqual(graph.dependenciesOf("collection"), ["a", "b"]);
    graph.removeDependency("collection", "a");
    graph.addDependency("collection", "a");
    assert.deepEqual(graph.dependenciesOf("collection"), ["b", "a"]);
    graph.removeNode("b");
    graph.addNode("b");
    graph.addDependency("collection", "b");
    graph.addDependency("c", "collection");
    assert.deepEqual(graph.dependenciesOf("collection"), ["a", "b"]);
    assert.deepEqual(graph.dependantsOf("a").sort(), ["c", "collection"]);
    assert.throws(() => graph.addDependency("collection", "missing"), /Node does not exist: missing/);
  });
});
