// The parts of Eleventy 3's API that Broadsheet uses; Eleventy ships JSDoc, not declarations.
declare module "@11ty/eleventy" {
  export interface EleventyDirectories {
    input: string;
    data: string;
    includes: string;
    output: string;
  }

  export interface PageContext {
    page: { inputPath: string; url: string | false; outputPath: string | false };
  }

  /** One template in a collection. */
  export interface CollectionItem {
    url: string | false;
    inputPath: string;
    data: Record<string, unknown>;
    templateContent: string;
  }

  export interface CollectionApi {
    getAll(): CollectionItem[];
    getFilteredByGlob(glob: string): CollectionItem[];
  }

  export interface UserConfig {
    directories: EleventyDirectories;
    /** Globs of input files that are not templates. */
    ignores: Set<string>;
    virtualTemplates: Record<string, { inputPath: string; content: unknown; data?: unknown }>;
    addPlugin<T>(plugin: (config: UserConfig, options: T) => void, options?: T): void;
    /** Options of the dev server (`--serve`). */
    setServerOptions(options: {
      headers?: Record<string, string>;
      /** URL patterns to handlers run before files are served; a handler returning undefined lets the file through. */
      onRequest?: Record<string, (request: { url: URL }) => { status: number; headers: Record<string, string>; body: string } | undefined>;
    }): void;
    addGlobalData(name: string, value: unknown): void;
    /** With `read: false` the parser gets the file's path, not its text. */
    addDataExtension(extension: string, options: { read: false; parser: (file: string) => unknown }): void;
    addFilter(name: string, filter: (this: PageContext, ...args: never[]) => unknown): void;
    addAsyncFilter(name: string, filter: (this: PageContext, ...args: never[]) => Promise<unknown>): void;
    addCollection(name: string, build: (api: CollectionApi) => unknown): void;
    addShortcode(name: string, shortcode: (this: PageContext, ...args: never[]) => string): void;
    addPairedShortcode(name: string, shortcode: (this: PageContext, content: string, ...args: never[]) => string): void;
    addPreprocessor(name: string, extensions: string, callback: (this: { inputPath: string }, data: Record<string, unknown>, content: string) => unknown): void;
    addDateParsing(callback: (this: PageContext, value: unknown) => unknown): void;
    setLibrary(name: "md", library: unknown): void;
    addPassthroughCopy(paths: string | Record<string, string>): void;
    addTemplate(path: string, content: string, data?: Record<string, unknown>): void;
    addWatchTarget(path: string): void;
    setFrontMatterParsingOptions(options: { engines: Record<string, (text: string) => unknown> }): void;
    on(event: string, callback: (...args: never[]) => unknown): void;
  }

  export interface EleventyOptions {
    configPath?: string | false;
    quietMode?: boolean;
    config?: (config: UserConfig) => void;
  }

  export interface RenderedPage {
    url: string;
    inputPath: string;
    outputPath: string;
    content: string;
  }

  export class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    toJSON(): Promise<RenderedPage[]>;
    write(): Promise<unknown>;
    /** Eleventy's console logger; `overrideLogger` sends its lines elsewhere (tests keep them). */
    readonly logger: { overrideLogger(logger: Pick<Console, "log" | "info" | "warn" | "error">): void };
  }
}

declare module "@11ty/eleventy-plugin-rss" {
  import type { UserConfig } from "@11ty/eleventy";
  export default function rssPlugin(config: UserConfig, options?: Record<string, unknown>): void;
  /** Rewrites the URLs in a block of HTML against `base`. */
  export function convertHtmlToAbsoluteUrls(html: string, base: string): Promise<string>;
}

declare module "s3rver" {
  interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory: string;
    configureBuckets?: { name: string }[];
  }
  export default class S3rver {
    constructor(options: S3rverOptions);
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
  }
}

declare module "@11ty/eleventy-img" {
  export interface ImageFormatEntry {
    format: string;
    width: number;
    height: number;
    url: string;
    filename: string;
    outputPath: string;
    sourceType: string;
    srcset: string;
    size: number;
  }
  export type ImageMetadata = Record<string, ImageFormatEntry[]>;
  export interface ImageOptions {
    widths: (number | "auto")[];
    formats: string[];
    outputDir: string;
    urlPath: string;
    sharpJpegOptions?: Record<string, unknown>;
    sharpWebpOptions?: Record<string, unknown>;
    sharpAvifOptions?: Record<string, unknown>;
  }
  export default function Image(src: string, options: ImageOptions): Promise<ImageMetadata>;
  export function generateHTML(metadata: ImageMetadata, attributes: Record<string, string | undefined>): string;
  /** The renditions `Image` would make of a source of this size, worked out without encoding. */
  export function statsByDimensionsSync(src: string, width: number, height: number, options: ImageOptions): ImageMetadata;
}
