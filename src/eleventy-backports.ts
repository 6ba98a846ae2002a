import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

interface MapEntry {
  inputPath: string;
}
interface TemplateMapLike {
  map: MapEntry[];
  getMapEntryForInputPath(inputPath: string): MapEntry | undefined;
}

/**
 * Eleventy 3.1 finds a template's entry by scanning every template (TemplateMap
 * getMapEntryForInputPath), several times per template per build: quadratic, about
 * 2.5 s a build at 10,000 stories and a minute at 50,000. Eleventy's next major
 * version looks entries up in a Map (11ty/eleventy pull request 3939); this gives
 * 3.1 the same lookup, falling back to the original scan for anything not found.
 * Remove it when Eleventy 4 is adopted.
 */
export async function backportTemplateLookup(): Promise<boolean> {
  const main = createRequire(import.meta.url).resolve("@11ty/eleventy");
  const file = pathToFileURL(path.join(path.dirname(main), "TemplateMap.js")).href;
  const module: { default?: { prototype: TemplateMapLike } } = await import(file).catch(() => ({}));
  const proto = module.default?.prototype;
  if (!proto || typeof proto.getMapEntryForInputPath !== "function") return false;
  const scan = proto.getMapEntryForInputPath;
  const indexes = new WeakMap<MapEntry[], { size: number; byPath: Map<string, MapEntry> }>();
  proto.getMapEntryForInputPath = function (this: TemplateMapLike, inputPath: string) {
    // Entries are only ever appended to a map; a new build starts a new array.
    let index = indexes.get(this.map);
    if (!index || index.size > this.map.length) indexes.set(this.map, (index = { size: 0, byPath: new Map() }));
    for (; index.size < this.map.length; index.size++) {
      const entry = this.map[index.size]!;
      if (!index.byPath.has(entry.inputPath)) index.byPath.set(entry.inputPath, entry);
    }
    return index.byPath.get(inputPath) ?? scan.call(this, inputPath);
  };
  return true;
}
