import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { sitePaths } from "./files.ts";
import { writeManifest } from "./manifest.ts";
import { CDN_CONFIG, isDocument } from "./publish-plan.ts";

// Keeps test output quiet on Node 20 (the SDK's notice that its future releases need Node 22); spawned commands inherit it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

export const SITE_URL = "https://gazette.example";
export const CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

/** s3rver on 127.0.0.1:`port` with buckets `site-0` … `site-<count-1>`, in a temporary folder. */
export async function startS3rver(port: number, count = 10): Promise<{ endpoint: string; close: () => Promise<void> }> {
  const directory = await mkdtemp(path.join(tmpdir(), "broadsheet-s3-"));
  const server = new S3rver({ address: "127.0.0.1", port, silent: true, directory, configureBuckets: Array.from({ length: count }, (_, i) => ({ name: `site-${i}` })) });
  await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

export function s3Client(endpoint: string, maxAttempts = 1): S3Client {
  return new S3Client({ region: "us-east-1", endpoint, forcePathStyle: true, maxAttempts, credentials: CREDENTIALS });
}

/** Every object in a bucket (or those `wanted`) with its body, by site path. */
export async function bucketContents(client: S3Client, bucket: string, wanted: (sitePath: string) => boolean = () => true): Promise<Map<string, Buffer>> {
  const contents = new Map<string, Buffer>();
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    for (const { Key } of page.Contents ?? []) {
      if (!wanted(`/${Key}`)) {
        contents.set(`/${Key}`, Buffer.alloc(0));
        continue;
      }
      const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key }));
      contents.set(`/${Key}`, Buffer.from(await object.Body!.transformToByteArray()));
    }
    token = page.NextContinuationToken;
  } while (token);
  return contents;
}

/** The build as the bucket should hold it: every file but `_headers`/`_redirects`, by site path. */
export async function buildContents(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const p of sitePaths(dir)) if (!CDN_CONFIG.has(p)) files.set(p, await readFile(path.join(dir, p)));
  return files;
}

/** Paths whose bodies differ between two snapshots, or that only one has. */
export function bodyDifferences(a: ReadonlyMap<string, Buffer>, b: ReadonlyMap<string, Buffer>): string[] {
  const paths = new Set([...a.keys(), ...b.keys()]);
  return [...paths].filter((p) => !a.get(p) || !b.get(p) || !a.get(p)!.equals(b.get(p)!)).sort();
}

/** A site path a URL points at, if it is on this site: `/asia/` -> `/asia/index.html`. */
function sitePathOf(url: string, base: string): string | undefined {
  const resolved = new URL(url.replaceAll("&amp;", "&"), new URL(base, SITE_URL));
  if (resolved.origin !== SITE_URL) return undefined;
  return resolved.pathname.endsWith("/") ? `${resolved.pathname}index.html` : resolved.pathname;
}

/** Every same-site file a document points at: href/src attributes, sitemap `<loc>`s, feed and JSON URLs. */
export function linksOf(sitePath: string, text: string): Set<string> {
  const links = new Set<string>();
  const patterns = [/\s(?:href|src)="([^"#?]+)/g, /<loc>([^<]+)<\/loc>/g, /"(?:url|path|entry)":\s*"([^"]+)"/g];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      const target = sitePathOf(match[1]!, sitePath);
      if (target) links.add(target);
    }
  }
  return links;
}

/**
 * Links a reader can follow and not find: starting from the pages live before
 * a publish, every document reachable by links whose target is not in `bucket`.
 */
export function brokenLinks(bucket: ReadonlyMap<string, Buffer>, entryPoints: Iterable<string>): string[] {
  const broken: string[] = [];
  const seen = new Set<string>();
  const queue = [...entryPoints].filter((p) => bucket.has(p));
  while (queue.length) {
    const page = queue.pop()!;
    if (seen.has(page)) continue;
    seen.add(page);
    if (!isDocument(page)) continue;
    for (const target of linksOf(page, bucket.get(page)!.toString("utf8"))) {
      if (!bucket.has(target)) broken.push(`${page} -> ${target}`);
      else queue.push(target);
    }
  }
  return broken.sort();
}

export interface Story {
  section: string;
  date: string;
  slug: string;
  title: string;
  body: string;
}

const hash = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 10);
export const storyPath = (s: Story) => `/${s.section}/${s.date.replaceAll("-", "/")}/${s.slug}/index.html`;
const url = (sitePath: string) => sitePath.replace(/index\.html$/, "");

/**
 * A small site shaped like a real build: fingerprinted CSS, story pages with
 * Read more lists and renditions, section and front pages, feeds, a sitemap, a
 * search index with one entry file a year, `_headers` and `_redirects`.
 */
export function renderSite(stories: readonly Story[], theme = "body{color:#111}"): Record<string, string> {
  const css = `/assets/site.${hash(theme)}.css`;
  const sections = [...new Set(stories.map((s) => s.section))].sort();
  const head = `<link rel="stylesheet" href="${css}"><link rel="alternate" href="/feed.xml">`;
  const nav = sections.map((s) => `<a href="/${s}/">${s}</a>`).join("");
  const list = (items: readonly Story[]) => items.map((s) => `<li><a href="${url(storyPath(s))}">${s.title}</a></li>`).join("");
  const files: Record<string, string> = { [css]: theme, "/_headers": "/*\n  X-Content-Type-Options: nosniff\n", "/_redirects": "" };
  for (const s of stories) {
    const readMore = stories.filter((o) => o !== s && o.section === s.section);
    const image = `/img/${hash(s.slug)}-800.jpg`;
    files[image] = `jpeg ${s.slug}`;
    files[storyPath(s)] = `<!doctype html>${head}<nav>${nav}</nav><h1>${s.title}</h1><img src="${image}" alt=""><p>${s.body}</p><h2>Read more</h2><ul>${list(readMore)}</ul>`;
    files[`/pagefind/${s.date.slice(0, 4)}/fragment/${hash(s.body)}.pf_fragment`] = s.body;
  }
  files["/index.html"] = `<!doctype html>${head}<nav>${nav}</nav><ul>${list(stories)}</ul><a href="/search/">Search</a>`;
  for (const section of sections) {
    files[`/${section}/index.html`] = `<!doctype html>${head}<link rel="alternate" href="/${section}/feed.xml"><nav>${nav}</nav><ul>${list(stories.filter((s) => s.section === section))}</ul>`;
    files[`/${section}/feed.xml`] = `<feed>${stories.filter((s) => s.section === section).map((s) => `<entry><link href="${SITE_URL}${url(storyPath(s))}"/></entry>`).join("")}</feed>`;
  }
  files["/feed.xml"] = `<feed>${stories.map((s) => `<entry><link href="${SITE_URL}${url(storyPath(s))}"/><title>${s.title}</title></entry>`).join("")}</feed>`;
  const pages = ["/index.html", ...sections.map((s) => `/${s}/index.html`), ...stories.map(storyPath)];
  files["/sitemap.xml"] = `<urlset>${pages.map((p) => `<url><loc>${SITE_URL}${url(p)}</loc></url>`).join("")}</urlset>`;
  const years = [...new Set(stories.map((s) => s.date.slice(0, 4)))].sort();
  for (const year of years) {
    const fragments = stories.filter((s) => s.date.startsWith(year)).map((s) => ({ path: `/pagefind/${year}/fragment/${hash(s.body)}.pf_fragment` }));
    files[`/pagefind/${year}/pagefind-entry.json`] = JSON.stringify({ fragments });
  }
  files["/pagefind/bundles.json"] = JSON.stringify(years.map((year) => ({ entry: `/pagefind/${year}/pagefind-entry.json` })));
  files["/search/index.html"] = `<!doctype html>${head}<script src="/pagefind/bundles.json"></script>`;
  return files;
}

/** Replaces the build in `dir` with `files` and writes its manifest, as `npm run build` would. */
export async function writeBuild(dir: string, files: Record<string, string>): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  for (const [p, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, p)), { recursive: true });
    await writeFile(path.join(dir, p), content);
  }
  await writeManifest(dir);
}

/** A seeded pseudo-random generator (mulberry32), so a failing run can be repeated. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
