import { readFile } from "node:fs/promises";
import path from "node:path";
import type { S3Client } from "@aws-sdk/client-s3";
import { sha256 } from "./files.ts";
import { deleteObjects, listObjects, putObject, storedSha256, type Store } from "./bucket.ts";
import { runPool } from "./pool.ts";
import { cacheControl, contentType } from "./policy.ts";
import { PublishInputError, readBuild } from "./publish-build.ts";
import { PublishVerificationError } from "./publish-errors.ts";
import { differences, expectedObjects, MAX_CONCURRENCY, pathsToAsk, planPublish, purgeList, type BucketObject, type BuildFile, type PublishPlan } from "./publish-plan.ts";
import { redirectPagePath } from "./redirects.ts";
import { parseRedirects } from "./serve-rules.ts";

export { publicUrl, planPublish } from "./publish-plan.ts";

export interface PublishOptions {
  dir: string;
  bucket: string;
  prefix?: string;
  client: S3Client;
  siteUrl: string;
  dryRun?: boolean;
  /** Also delete old fingerprinted assets (kept by default: cached pages may still use them). */
  deleteAssets?: boolean;
  /** Requests in flight at once, 1-64. */
  concurrency?: number;
  /** Stops the publish: nothing new starts, requests in flight are aborted, the promise rejects with its reason. */
  signal?: AbortSignal;
  log?: (line: string) => void;
}

export interface PublishResult {
  plan: PublishPlan;
  uploaded: string[];
  deleted: string[];
  /** Every URL a CDN may hold an old copy of: what to purge. */
  purge: string[];
}

/** `folder`, `/folder/` -> `folder/`; no prefix -> `""`. */
export function normalizePrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? "").replace(/^\/+|\/+$/g, "");
  return trimmed ? `${trimmed}/` : "";
}

/** For each object whose listing cannot settle equality, whether its stored SHA-256 matches the build. */
async function settle(store: Store, expected: ReadonlyMap<string, BuildFile>, bucket: ReadonlyMap<string, BucketObject>, concurrency: number) {
  const settled = new Map<string, boolean>();
  await runPool(pathsToAsk(expected, bucket), concurrency, store.signal, async (sitePath, signal) => {
    settled.set(sitePath, (await storedSha256({ ...store, signal }, sitePath)) === expected.get(sitePath)!.sha256);
  });
  return settled;
}

async function redirectTargets(dir: string): Promise<Map<string, string>> {
  const text = await readFile(path.join(dir, "_redirects"), "utf8").catch(() => "");
  return new Map([...parseRedirects(text)].map(([from, { to }]) => [redirectPagePath(from), to]));
}

function describe(plan: PublishPlan, log: (line: string) => void): void {
  for (const phase of plan.phases) for (const p of phase.paths) log(`  upload (${phase.name}) ${p}`);
  for (const p of plan.deletions) log(`  delete ${p}`);
  for (const p of plan.kept) log(`  keep (old fingerprinted asset) ${p}`);
}

/**
 * Makes the bucket equal to the build, judged by what the bucket really holds
 * (listed, not remembered): uploads what is missing or differs in an order that
 * never leaves a live page linking to a missing one (assets, new pages, changed
 * stories, listing pages, feeds/sitemaps/search index, manifest), then deletes
 * what the build no longer has, then lists again and fails unless the bucket
 * equals the build.
 */
export async function publish(options: PublishOptions): Promise<PublishResult> {
  const { dir, bucket, client, siteUrl, log = console.log } = options;
  const concurrency = options.concurrency ?? 8;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw new PublishInputError(`concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}, got ${concurrency}`);
  }
  const deleteAssets = options.deleteAssets ?? false;
  const store: Store = { client, bucket, prefix: normalizePrefix(options.prefix), signal: options.signal ?? new AbortController().signal };
  const expected = expectedObjects(await readBuild(dir, store.signal));
  const before = await listObjects(store);
  const plan = planPublish(expected, before, { deleteAssets, settled: await settle(store, expected, before, concurrency) });
  const purge = purgeList(plan, before, siteUrl);
  const uploads = plan.phases.flatMap((phase) => phase.paths);
  log(`${options.dryRun ? "Plan" : "Publishing"} to s3://${bucket}/${store.prefix}: ${uploads.length} to upload, ${plan.deletions.length} to delete, ${plan.unchanged} unchanged`);
  if (options.dryRun) {
    describe(plan, log);
    return { plan, uploaded: [], deleted: [], purge };
  }

  const redirects = await redirectTargets(dir);
  const sitePaths = new Set(expected.keys());
  const uploaded: string[] = [];
  for (const phase of plan.phases) {
    await runPool(phase.paths, concurrency, store.signal, async (sitePath, signal) => {
      const body = await readFile(path.join(dir, sitePath));
      const { sha256: hash } = expected.get(sitePath)!;
      // The stored SHA-256 must describe the body sent: a build swapped in meanwhile is refused, not mislabelled.
      if (sha256(body) !== hash) {
        throw Object.assign(new Error(`${path.join(dir, sitePath)} changed during the publish (a new build?); run publish again when the build is done`), { name: "BuildChanged" });
      }
      const redirect = redirects.get(sitePath);
      const upload = { sitePath, body, sha256: hash, contentType: contentType(sitePath), cacheControl: cacheControl(sitePath, sitePaths) };
      await putObject({ ...store, signal }, redirect ? { ...upload, redirect } : upload);
      uploaded.push(sitePath);
      log(`  [${uploaded.length}/${uploads.length}] ${sitePath}`);
    });
  }
  const deleted: string[] = [];
  for (let start = 0; start < plan.deletions.length; start += 1000) {
    const batch = plan.deletions.slice(start, start + 1000);
    await deleteObjects(store, batch);
    deleted.push(...batch);
    for (const p of batch) log(`  deleted ${p}`);
  }

  const after = await listObjects(store);
  const left = differences(expected, after, { deleteAssets, settled: await settle(store, expected, after, concurrency) });
  if (left.length) throw new PublishVerificationError(left);
  const kept = plan.kept.length ? ` ${plan.kept.length} old fingerprinted assets kept (--delete-assets removes them).` : "";
  log(`Done: ${uploaded.length} uploaded, ${deleted.length} deleted, ${plan.unchanged} unchanged; the bucket now equals the build (${expected.size} objects, listed and compared).${kept}`);
  if (purge.length) log(`Purge from the CDN (${purge.length}):\n${purge.map((u) => `  ${u}`).join("\n")}`);
  return { plan, uploaded, deleted, purge };
}
