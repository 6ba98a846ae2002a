/**
 * Two quadratic spots in Eleventy 3.1's bookkeeping over templates, each made
 * linear without changing a result. Both are guarded: if the code they patch is
 * not where they expect (another version), they change nothing and say so.
 */
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

interface EdgeGraph {
  outgoingEdges: Map<string, string[]>;
  incomingEdges: Map<string, string[]>;
  hasNode(node: string): boolean;
  addDependency(from: string, to: string): boolean;
  removeDependency(from: string, to: string): void;
  removeNode(node: string): void;
}

/**
 * The `dependency-graph` package (1.0.0, the latest), which Eleventy keeps every
 * template's relations in, checks each new edge against the node's list of edges
 * with indexOf: the `articles` collection has one edge a story, so adding them
 * all is quadratic (about 1 s a build at 10,000 stories, 25 times that at 50,000).
 * This keeps a Set beside each list for that check; the lists stay as they are.
 */
export function speedUpDependencyEdges(): boolean {
  const eleventy = createRequire(import.meta.url).resolve("@11ty/eleventy");
  let graph: { DepGraph?: { prototype: EdgeGraph } };
  try {
    graph = createRequire(eleventy)("dependency-graph") as typeof graph;
  } catch {
    return false;
  }
  const proto = graph.DepGraph?.prototype;
  if (!proto || typeof proto.addDependency !== "function" || typeof proto.removeDependency !== "function" || typeof proto.removeNode !== "function") return false;
  let sets = new WeakMap<string[], Set<string>>();
  const setOf = (list: string[]) => {
    let set = sets.get(list);
    if (!set) sets.set(list, (set = new Set(list)));
    return set;
  };
  proto.addDependency = function (this: EdgeGraph, from: string, to: string) {
    if (!this.hasNode(from)) throw new Error(`Node does not exist: ${from}`);
    if (!this.hasNode(to)) throw new Error(`Node does not exist: ${to}`);
    for (const [list, node] of [[this.outgoingEdges.get(from)!, to], [this.incomingEdges.get(to)!, from]] as const) {
      const set = setOf(list);
      if (!set.has(node)) {
        list.push(node);
        set.add(node);
      }
    }
    return true;
  };
  const removeDependency = proto.removeDependency;
  proto.removeDependency = function (this: EdgeGraph, from: string, to: string) {
    removeDependency.call(this, from, to);
    if (this.hasNode(from)) sets.get(this.outgoingEdges.get(from)!)?.delete(to);
    if (this.hasNode(to)) sets.get(this.incomingEdges.get(to)!)?.delete(from);
  };
  const removeNode = proto.removeNode;
  proto.removeNode = function (this: EdgeGraph, node: string) {
    removeNode.call(this, node);
    // It edits many lists: their sets are made again when next needed.
    sets = new WeakMap();
  };
  return true;
}
