import { readFile } from "node:fs/promises";
import path from "node:path";
import { PublishInputError } from "../cdn/publish-build.ts";
import { explainFailure } from "../cdn/publish-errors.ts";
import { parsePublishArgs, USAGE, type PublishFlags } from "../cdn/publish-flags.ts";

/**
 * `npm run publish -- --bucket NAME ...` (see USAGE and docs/publishing.md).
 * Exit codes: 0 the bucket equals the build; 1 the publish failed or the bucket
 * still differs; 2 bad flags or build, bucket untouched; 130/143 stopped by SIGINT/SIGTERM.
 */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;
/** How long in-flight requests get to abort before the process leaves anyway. */
const STOP_GRACE_MS = 1500;

const controller = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (controller.signal.aborted) return;
    console.error(`publish: stopped by ${signal}. No new upload starts and the ones in flight are aborted; the bucket's manifest was not rewritten. Run the same command again to finish.`);
    process.exitCode = SIGNAL_EXIT[signal];
    controller.abort(Object.assign(new Error(`stopped by ${signal}`), { name: "AbortError" }));
    setTimeout(() => process.exit(SIGNAL_EXIT[signal]), STOP_GRACE_MS).unref();
  });
}

function readFlags(): PublishFlags {
  try {
    const flags = parsePublishArgs(process.argv.slice(2), process.env);
    if (flags === "help") {
      console.log(USAGE);
      process.exit(0);
    }
    return flags;
  } catch (error) {
    if (!(error instanceof PublishInputError)) throw error;
    console.error(`publish: ${error.message}\nNothing was changed in the bucket.`);
    process.exit(2);
  }
}

async function siteUrl(): Promise<string> {
  const file = path.join("_data", "site.json");
  const text = await readFile(file, "utf8").catch(() => {
    throw new PublishInputError(`${file} cannot be read: run publish from the project's folder`);
  });
  let site: { url?: unknown };
  try {
    site = JSON.parse(text) as { url?: unknown };
  } catch {
    throw new PublishInputError(`${file} is not valid JSON`);
  }
  if (typeof site.url !== "string" || !/^https?:\/\//.test(site.url)) throw new PublishInputError(`${file}: "url" must be the site's address, such as https://news.example`);
  return site.url;
}

const flags = readFlags();
// Loaded after the flags are checked: a bad flag is answered at once, not after a second of SDK loading.
const [{ S3Client }, { publish }] = await Promise.all([import("@aws-sdk/client-s3"), import("../cdn/publish.ts")]);
if (flags.legacyDelete) console.error("publish: --delete is no longer needed: publish always deletes what the build no longer has (old fingerprinted assets only with --delete-assets).");
const client = new S3Client({ region: flags.region, maxAttempts: 5, ...(flags.endpoint ? { endpoint: flags.endpoint, forcePathStyle: true } : {}) });
try {
  const result = await publish({
    dir: flags.dir,
    bucket: flags.bucket,
    prefix: flags.prefix,
    client,
    siteUrl: await siteUrl(),
    dryRun: flags.dryRun,
    deleteAssets: flags.deleteAssets,
    concurrency: flags.concurrency,
    signal: controller.signal,
  });
  if (flags.invalidateCloudfront && !flags.dryRun && result.purge.length) {
    const [{ CloudFrontClient }, { invalidateCloudFront }] = await Promise.all([import("@aws-sdk/client-cloudfront"), import("../cdn/cloudfront.ts")]);
    const cloudfront = new CloudFrontClient({ region: "us-east-1", maxAttempts: 5 });
    try {
      await invalidateCloudFront(cloudfront, flags.invalidateCloudfront, result.purge, { signal: controller.signal });
    } catch (error) {
      if (controller.signal.aborted) throw error;
      const { name, message } = error as Error;
      console.error(
        `publish: the bucket equals the build, but CloudFront did not accept the invalidation (${name}: ${message}). Check --invalidate-cloudfront ${flags.invalidateCloudfront} and that the key may cloudfront:CreateInvalidation, then purge the URLs listed above.`,
      );
      process.exitCode = 1;
    } finally {
      cloudfront.destroy();
    }
  }
} catch (error) {
  if (!controller.signal.aborted) {
    const input = error instanceof PublishInputError;
    console.error(input ? `publish: ${error.message}\nNothing was changed in the bucket.` : explainFailure(error, flags));
    process.exitCode = input ? 2 : 1;
  }
} finally {
  client.destroy();
}
