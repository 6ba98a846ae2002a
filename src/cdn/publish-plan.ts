import { MANIFEST_PATH } from "./manifest.ts";
import { ASSET_PREFIX, CACHE_CONTROL, cacheControl } from "./policy.ts";

/** Read by Netlify and Cloudflare Pages; a bucket has no use for them, so they are never uploaded. */
export const CDN_CONFIG: ReadonlySet<string> = new Set(["/_headers", "/_redirects"]);
/** Documents: pages, feeds, sitemaps, search-index entry files. Everything else is an asset a document uses. */
const DOCUMENT = /\.(?:html|xml|json|txt)$/;
/** A story (`/<section>/<yyyy>/<mm>/<dd>/<slug>/`, or a section-less old path) or a results page: listings link to these. */
const LEAF_PAGE = /^\/(?:[^/]+\/)?\d{4}\/\d{2}\/\d{2}\/[^/]+\/index\.html$|^\/elections\/[^/]+\/index\.html$/;

/** A file of the build as publish sees it. */
export interface BuildFile {
  sha256: string;
  md5: string;
  size: number;
}

/** An object under the prefix as the bucket listing gives it. */
export interface BucketObject {
  size: number;
  etag: string;
}

/** Requests publish may have in flight at once. */
export const MAX_CONCURRENCY = 64;

export const PHASES = ["assets", "new pages", "changed stories", "listing pages", "feeds, sitemaps and search index", "manifest"] as const;
export type PhaseName = (typeof PHASES)[number];

export interface PublishPlan {
  /** Uploads in the order they must happen; each phase starts when the one before has finished. */
  phases: { name: PhaseName; paths: string[] }[];
  /** Objects the build no longer has, pages before the files they used; after every upload. */
  deletions: string[];
  /** Old fingerprinted assets left in the bucket: pages cached by browsers or the CDN may still use them. */
  kept: string[];
  /** Files the bucket already holds with the same bytes. */
  unchanged: number;
}

/** What `compareObject` cannot settle from the listing alone. */
export type Comparison = "same" | "differs" | "ask";

const PLAIN_MD5 = /^"?([0-9a-f]{32})"?$/i;

/**
 * Same bytes? A single-part upload's ETag is the MD5 of its body (S3, R2, s3rver);
 * a different size settles it; anything else (multipart ETag `…-3`, SSE-KMS, an MD5
 * that does not match but might be encrypted) needs the SHA-256 publish stores as metadata.
 */
export function compareObject(local: BuildFile, remote: BucketObject): Comparison {
  if (remote.size !== local.size) return "differs";
  const md5 = PLAIN_MD5.exec(remote.etag)?.[1]?.toLowerCase();
  return md5 === local.md5 ? "same" : "ask";
}

export function isDocument(sitePath: string): boolean {
  return DOCUMENT.test(sitePath);
}

/** Which phase a file that is missing from the bucket, or differs, goes up in. */
export function phaseOf(sitePath: string, inBucket: boolean): PhaseName {
  if (sitePath === MANIFEST_PATH) return "manifest";
  if (!isDocument(sitePath)) return "assets";
  // Nothing live links to a file the bucket does not have yet, so it can go up before anything that will.
  if (!inBucket) return "new pages";
  if (LEAF_PAGE.test(sitePath)) return "changed stories";
  if (sitePath.endsWith(".html")) return "listing pages";
  return "feeds, sitemaps and search index";
}

/** The bucket as it should be: every file of the build (its manifest included) but the CDN's own configuration. */
export function expectedObjects(build: ReadonlyMap<string, BuildFile>): Map<string, BuildFile> {
  return new Map([...build].filter(([p]) => !CDN_CONFIG.has(p)));
}

/**
 * What to upload and delete to turn the bucket (as listed) into the build.
 * `settled` answers the "ask" cases: true when the stored SHA-256 matched.
 */
export function planPublish(
  expected: ReadonlyMap<string, BuildFile>,
  bucket: ReadonlyMap<string, BucketObject>,
  options: { deleteAssets: boolean; settled?: ReadonlyMap<string, boolean> },
): PublishPlan {
  const phases = PHASES.map((name) => ({ name, paths: [] as string[] }));
  let unchanged = 0;
  for (const [sitePath, local] of [...expected].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const remote = bucket.get(sitePath);
    const comparison = remote ? compareObject(local, remote) : "differs";
    const same = comparison === "same" || (comparison === "ask" && options.settled?.get(sitePath) === true);
    if (same) unchanged++;
    else phases[PHASES.indexOf(phaseOf(sitePath, remote !== undefined))]!.paths.push(sitePath);
  }
  const gone = [...bucket.keys()].filter((p) => !expected.has(p)).sort();
  const isKept = (p: string) => !options.deleteAssets && p.startsWith(ASSET_PREFIX);
  return {
    phases,
    // Pages first: a page must never outlive the images and scripts it uses.
    deletions: [...gone.filter((p) => !isKept(p) && isDocument(p)), ...gone.filter((p) => !isKept(p) && !isDocument(p))],
    kept: gone.filter(isKept),
    unchanged,
  };
}

/** Paths whose listing entry needs a HeadObject to compare (see `compareObject`). */
export function pathsToAsk(expected: ReadonlyMap<string, BuildFile>, bucket: ReadonlyMap<string, BucketObject>): string[] {
  return [...expected].filter(([p, local]) => bucket.has(p) && compareObject(local, bucket.get(p)!) === "ask").map(([p]) => p);
}

/** The URL readers use for a file: `/asia/index.html` -> `https://site/asia/`. */
export function publicUrl(sitePath: string, siteUrl: string): string {
  return new URL(sitePath.replace(/(^|\/)index\.html$/, "$1"), siteUrl).href;
}

/**
 * Every URL a CDN may hold an old copy of: everything uploaded or deleted, but the
 * manifest (never cached) and newly uploaded immutable files (a new name, so nothing cached).
 */
export function purgeList(plan: PublishPlan, bucket: ReadonlyMap<string, BucketObject>, siteUrl: string): string[] {
  const uploaded = plan.phases.flatMap((phase) => phase.paths);
  const touched = [...uploaded.filter((p) => bucket.has(p) || cacheControl(p) !== CACHE_CONTROL.immutable), ...plan.deletions];
  return [...new Set(touched.filter((p) => p !== MANIFEST_PATH).map((p) => publicUrl(p, siteUrl)))].sort();
}

export interface Difference {
  path: string;
  problem: "missing" | "differs" | "unexpected";
}

/** What still differs between the build and the bucket after a publish (with `settled` for the "ask" cases). */
export function differences(
  expected: ReadonlyMap<string, BuildFile>,
  bucket: ReadonlyMap<string, BucketObject>,
  options: { deleteAssets: boolean; settled?: ReadonlyMap<string, boolean> },
): Difference[] {
  const plan = planPublish(expected, bucket, options);
  return [
    ...plan.phases.flatMap((phase) => phase.paths).map((p): Difference => ({ path: p, problem: bucket.has(p) ? "differs" : "missing" })),
    ...plan.deletions.map((p): Difference => ({ path: p, problem: "unexpected" })),
  ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
