// The part of Nunjucks Broadsheet's tests use (Eleventy hands the plugin its own instance).
declare module "nunjucks" {
  import type { NunjucksLibrary } from "../articles/story-pages.ts";
  export class FileSystemLoader {
    constructor(paths: string[]);
  }
  export class Environment {
    constructor(loader: FileSystemLoader);
    addFilter(name: string, filter: (...args: never[]) => unknown): void;
  }
  const nunjucks: NunjucksLibrary & { Environment: typeof Environment; FileSystemLoader: typeof FileSystemLoader };
  export default nunjucks;
}
