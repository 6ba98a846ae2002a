import { readFile } from "node:fs/promises";
import path from "node:path";
import { DeleteObjectsCommand, GetObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { MANIFEST_PATH, parseManifest, type Manifest } from "./manifest.ts";
import { ASSET_PREFIX, cacheControl, contentType } from "./policy.ts";
import { parseRedirects } from "./serve-rules.ts";
import { redirectPagePath } from "./redirects.ts";

/** Read by Netlify and Cloudflare Pages; a bucket has no use for them. */
const CDN_CONFIG = new Set(["/_headers", "/_redirects"]);
const PAGE = /\.(?:html|xml|json|txt)$/;

export interface PublishPlan {
  /** Uploads in the order they must happen: assets, then pages, feeds and sitemaps, then the manifest. */
  phases: { name: string; paths: string[] }[];
  deletions: string[];
  /** Files gone from the site but kept: fingerprinted assets that pages still cached by browsers or the CDN may use. */
  kept: string[];
  unchanged: number;
}

/** What to upload and delete to turn the bucket's copy (its manifest) into this build. */
export function planPublish(local: Manifest, remote: Manifest | undefined, options: { delete: boolean; deleteAssets: boolean }): PublishPlan {
  const changed = Object.keys(local.files).filter((p) => !CDN_CONFIG.has(p) && remote?.files[p]?.sha256 !== local.files[p]?.sha256);
  const inBucket = { ...remote?.retained, ...remote?.files };
  const gone = Object.keys(inBucket).filter((p) => !(p in local.files) && !CDN_CONFIG.has(p));
  const isAsset = (p: string) => !PAGE.test(p);
  const deletable = gone.filter((p) => options.deleteAssets || !p.startsWith(ASSET_PREFIX));
  return {
    phases: [
      { name: "assets", paths: changed.filter(isAsset) },
      { name: "pages, feeds and sitemaps", paths: changed.filter((p) => !isAsset(p)) },
      // Last: a publish that stops before this is simply run again.
      { name: "manifest", paths: [MANIFEST_PATH] },
    ],
    deletions: options.delete ? deletable : [],
    kept: options.delete ? gone.filter((p) => !deletable.includes(p)) : [],
    unchanged: Object.keys(local.files).filter((p) => !CDN_CONFIG.has(p)).length - changed.length,
  };
}

/** The URL readers use for a file: `/asia/index.html` -> `https://site/asia/`. */
export function publicUrl(sitePath: string, siteUrl: string): string {
  return new URL(sitePath.replace(/(^|\/)index\.html$/, "$1"), siteUrl).href;
}

export interface PublishOptions {
  dir: string;
  bucket: string;
  prefix?: string;
  client: S3Client;
  siteUrl: string;
  dryRun?: boolean;
  delete?: boolean;
  deleteAssets?: boolean;
  concurrency?: number;
  log?: (line: string) => void;
}

export interface PublishResult {
  plan: PublishPlan;
  uploaded: number;
  deleted: number;
  /** Pages, feeds and sitemaps that changed or went: what to purge from the CDN. */
  purge: string[];
}

const keyOf = (prefix: string, sitePath: string) => `${prefix}${sitePath.slice(1)}`;

async function remoteManifest(client: S3Client, bucket: string, prefix: string): Promise<Manifest | undefined> {
  try {
    const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: keyOf(prefix, MANIFEST_PATH) }));
    return parseManifest(await response.Body!.transformToString(), `s3://${bucket}/${keyOf(prefix, MANIFEST_PATH)}`);
  } catch (error) {
    if ((error as { name?: string }).name === "NoSuchKey") return undefined;
    throw error;
  }
}

async function pool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}

/**
 * Publishes a build to an S3-compatible bucket so that readers never see a page
 * whose assets are missing: changed assets first, then pages, feeds and
 * sitemaps, then the manifest, and deletions (only when asked) after all that.
 * The SDK retries transient errors; an interrupted publish is completed by
 * running it again, because the bucket's manifest only changes at the end.
 */
export async function publish(options: PublishOptions): Promise<PublishResult> {
  const { dir, bucket, client, siteUrl, log = console.log } = options;
  const prefix = options.prefix ? `${options.prefix.replace(/^\/+|\/+$/g, "")}/` : "";
  const local = parseManifest(await readFile(path.join(dir, MANIFEST_PATH), "utf8"), path.join(dir, MANIFEST_PATH));
  const remote = await remoteManifest(client, bucket, prefix);
  const plan = planPublish(local, remote, { delete: options.delete ?? false, deleteAssets: options.deleteAssets ?? false });
  const pages = plan.phases[1]!.paths;
  const purge = [...pages, ...plan.deletions.filter((p) => PAGE.test(p))].map((p) => publicUrl(p, siteUrl));

  const total = plan.phases.reduce((n, phase) => n + phase.paths.length, 0);
  log(`${options.dryRun ? "Plan" : "Publishing"} to s3://${bucket}/${prefix}: ${total} to upload, ${plan.deletions.length} to delete, ${plan.unchanged} unchanged${remote ? "" : " (no manifest in the bucket yet: first publish)"}`);
  if (options.dryRun) {
    for (const phase of plan.phases) for (const p of phase.paths) log(`  upload (${phase.name}) ${p}`);
    for (const p of plan.deletions) log(`  delete ${p}`);
    for (const p of plan.kept) log(`  keep (fingerprinted asset) ${p}`);
    return { plan, uploaded: 0, deleted: 0, purge };
  }

  const redirectTargets = new Map(
    [...parseRedirects(await readFile(path.join(dir, "_redirects"), "utf8").catch(() => ""))].map(([from, { to }]) => [redirectPagePath(from), to]),
  );
  // The bucket's manifest also remembers files left in it, so a later --delete finds them.
  const deleting = new Set(plan.deletions);
  const inBucket = { ...remote?.retained, ...remote?.files };
  const retained = Object.fromEntries(Object.entries(inBucket).filter(([p]) => !(p in local.files) && !deleting.has(p) && !CDN_CONFIG.has(p)));
  const bucketManifest = `${JSON.stringify({ ...local, ...(Object.keys(retained).length ? { retained } : {}) }, null, 2)}\n`;
  let uploaded = 0;
  for (const phase of plan.phases) {
    await pool(phase.paths, options.concurrency ?? 8, async (sitePath) => {
      const redirect = redirectTargets.get(sitePath);
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: keyOf(prefix, sitePath),
          Body: sitePath === MANIFEST_PATH ? bucketManifest : await readFile(path.join(dir, sitePath)),
          ContentType: contentType(sitePath),
          CacheControl: cacheControl(sitePath),
          // S3 website hosting answers this object with a real redirect.
          ...(redirect ? { WebsiteRedirectLocation: redirect } : {}),
        }),
      );
      uploaded++;
      log(`  [${uploaded}/${total}] ${sitePath}`);
    });
  }

  let deleted = 0;
  for (let start = 0; start < plan.deletions.length; start += 1000) {
    const batch = plan.deletions.slice(start, start + 1000);
    await client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((p) => ({ Key: keyOf(prefix, p) })) } }));
    deleted += batch.length;
    for (const p of batch) log(`  deleted ${p}`);
  }

  log(`Done: ${uploaded} uploaded, ${deleted} deleted, ${plan.unchanged} unchanged.${plan.kept.length ? ` ${plan.kept.length} old fingerprinted assets kept (--delete-assets removes them).` : ""}`);
  if (purge.length) log(`Purge from the CDN (${purge.length}):\n${purge.map((u) => `  ${u}`).join("\n")}`);
  return { plan, uploaded, deleted, purge };
}
