import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import matter from "gray-matter";
import { readJsonFile } from "../sources/json.ts";
import { formatProblems } from "./load.ts";

/**
 * Story pages are rendered here, not as Eleventy templates: Eleventy's per-template
 * bookkeeping (data cascade, dependency graph, content kept until the build ends) cost
 * more than the rendering itself at 10,000 stories. Each page goes through the same
 * Nunjucks environment and layouts Eleventy uses, and is written as soon as it is made.
 */

/** The parts of the Nunjucks library this module uses (Eleventy hands over its own). */
export interface NunjucksLibrary {
  Template: new (source: string, environment: unknown, path: string, eagerCompile: boolean) => NunjucksTemplate;
}
interface NunjucksTemplate {
  render(context: object, callback: (error: Error | null, html?: string) => void): void;
}

interface Layout {
  file: string;
  template: NunjucksTemplate;
  /** The layout's own front matter, without `layout`: template data overrides it. */
  data: Record<string, unknown>;
}

/** A layout and the layouts it sits in, innermost first, compiled once. */
export async function loadLayoutChain(nunjucks: NunjucksLibrary, environment: unknown, includesDir: string, name: string): Promise<Layout[]> {
  const chain: Layout[] = [];
  let next: string | undefined = name;
  while (next) {
    const file = resolveLayout(includesDir, next);
    if (!file) throw new Error(`layout "${next}"${chain.length ? ` (used by ${chain.at(-1)!.file})` : ""}: no such file in ${includesDir}`);
    if (chain.some((layout) => layout.file === file)) throw new Error(`layout ${file}: it includes itself through its \`layout\``);
    const { data, content } = matter(await readFile(file, "utf8"));
    const { layout, ...own } = data as { layout?: unknown } & Record<string, unknown>;
    if (layout !== undefined && typeof layout !== "string") throw new Error(`${file}: layout: expected the name of a layout file`);
    chain.push({ file, template: new nunjucks.Template(content, environment, file, true), data: own });
    next = layout;
  }
  return chain;
}

function resolveLayout(includesDir: string, name: string): string | undefined {
  for (const candidate of [name, `${name}.njk`]) {
    const file = path.join(includesDir, candidate);
    if (existsSync(file)) return file;
  }
  return undefined;
}

/** Renders `content` through the chain, as Eleventy does: each layout gets the one inside it as `content`. */
export async function renderInLayouts(chain: readonly Layout[], data: Record<string, unknown>, content: string): Promise<string> {
  // Outer layouts' data first, so the page's own data wins.
  const layoutData = Object.assign({}, ...chain.map((layout) => layout.data).reverse()) as Record<string, unknown>;
  let html = content;
  for (const layout of chain) {
    const context = { ...layoutData, ...data, content: html };
    html = await new Promise<string>((resolve, reject) =>
      layout.template.render(context, (error, result) => {
        // Nunjucks names the template in most of its errors; the rest get the layout's name here.
        if (error) reject(error.message.includes(layout.file) ? error : new Error(`${layout.file}: ${error.message}`));
        else resolve(result ?? "");
      }),
    );
  }
  return html;
}

/** `_data/` as Eleventy reads it for templates: each JSON file under its path (`elections/kz-2023.json` is `elections["kz-2023"]`). */
export async function readJsonDataFiles(dataDir: string): Promise<Record<string, unknown>> {
  const data: Record<string, unknown> = {};
  const walk = async (dir: string, into: Record<string, unknown>) => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const key = entry.name.replace(/\.json$/, "");
      if (entry.isDirectory()) await walk(path.join(dir, entry.name), (into[entry.name] ??= {}) as Record<string, unknown>);
      else if (entry.name.endsWith(".json")) {
        const read = await readJsonFile(path.join(dir, entry.name));
        if (!read.ok) throw new Error(formatProblems([read.problem]));
        into[key] = read.value;
      }
    }
  };
  await walk(dataDir, data);
  return data;
}

/** The file a page URL is written to, `index.html` in its folder; a URL that leaves the output folder is refused. */
export function outputPathOf(outputDir: string, url: string): string {
  const file = path.join(outputDir, url.endsWith("/") ? `${url}index.html` : url);
  const relative = path.relative(outputDir, file);
  if (relative.startsWith("..") || path.isAbsolute(relative)) throw new Error(`page URL ${url}: it would be written outside ${outputDir}`);
  return file;
}

/**
 * Writes pages as they come, making each folder once. Synchronous on purpose: a
 * build has nothing else to do meanwhile, and on this kind of disk it writes
 * 10,000 pages in half the time of promise-based writes.
 */
export class PageWriter {
  private readonly folders = new Set<string>();

  write(file: string, html: string): void {
    const folder = path.dirname(file);
    try {
      if (!this.folders.has(folder)) {
        mkdirSync(folder, { recursive: true });
        this.folders.add(folder);
      }
      writeFileSync(file, html);
    } catch (error) {
      throw new Error(`${file}: ${(error as Error).message}`);
    }
  }
}
