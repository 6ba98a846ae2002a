import { CreateInvalidationCommand, type CloudFrontClient } from "@aws-sdk/client-cloudfront";

/** CloudFront allows 3,000 file paths in invalidations in progress per distribution at once. */
export const MAX_PATHS_IN_PROGRESS = 3000;
/** Paths per invalidation request: three requests fill the allowance. */
export const PATHS_PER_REQUEST = 1000;

/**
 * The invalidation requests for a purge list: URL paths (`/asia/`), in batches
 * CloudFront accepts; above its in-progress allowance, one wildcard for the
 * whole distribution (counted as a single path).
 */
export function invalidationBatches(urls: readonly string[]): string[][] {
  const paths = [...new Set(urls.map((url) => new URL(url).pathname))].sort();
  if (paths.length > MAX_PATHS_IN_PROGRESS) return [["/*"]];
  const batches: string[][] = [];
  for (let start = 0; start < paths.length; start += PATHS_PER_REQUEST) batches.push(paths.slice(start, start + PATHS_PER_REQUEST));
  return batches;
}

/** Asks CloudFront to drop its copies of `urls`; returns the invalidation ids. */
export async function invalidateCloudFront(
  client: Pick<CloudFrontClient, "send">,
  distributionId: string,
  urls: readonly string[],
  options: { signal?: AbortSignal; log?: (line: string) => void; now?: number } = {},
): Promise<string[]> {
  const { log = console.log, now = Date.now() } = options;
  const ids: string[] = [];
  const batches = invalidationBatches(urls);
  for (const [index, paths] of batches.entries()) {
    const result = await client.send(
      new CreateInvalidationCommand({
        DistributionId: distributionId,
        InvalidationBatch: { CallerReference: `broadsheet-${now}-${index}`, Paths: { Quantity: paths.length, Items: paths } },
      }),
      { abortSignal: options.signal },
    );
    const id = result.Invalidation?.Id ?? "(no id returned)";
    ids.push(id);
    log(`CloudFront ${distributionId}: invalidation ${id} for ${paths.length === 1 && paths[0] === "/*" ? `everything (${urls.length} URLs is over CloudFront's ${MAX_PATHS_IN_PROGRESS})` : `${paths.length} paths`}`);
  }
  return ids;
}
