import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { S3Client } from "@aws-sdk/client-s3";
import { publish } from "../cdn/publish.ts";

/**
 * `npm run publish -- --bucket NAME [--endpoint URL] [--region R] [--prefix P]
 * [--dry-run] [--delete] [--delete-assets] [--dir _site]`. Credentials come from
 * the usual AWS environment variables or profile; BROADSHEET_BUCKET and
 * AWS_ENDPOINT_URL may stand in for the flags.
 */
const { values } = parseArgs({
  options: {
    bucket: { type: "string", default: process.env.BROADSHEET_BUCKET },
    endpoint: { type: "string", default: process.env.AWS_ENDPOINT_URL },
    region: { type: "string", default: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1" },
    prefix: { type: "string", default: "" },
    dir: { type: "string", default: "_site" },
    "dry-run": { type: "boolean", default: false },
    delete: { type: "boolean", default: false },
    "delete-assets": { type: "boolean", default: false },
    concurrency: { type: "string", default: "8" },
  },
});

if (!values.bucket) {
  console.error("publish: no bucket; pass --bucket NAME or set BROADSHEET_BUCKET");
  process.exit(2);
}

try {
  const site = JSON.parse(await readFile(path.join("_data", "site.json"), "utf8")) as { url: string };
  const client = new S3Client({
    region: values.region,
    maxAttempts: 5,
    ...(values.endpoint ? { endpoint: values.endpoint, forcePathStyle: true } : {}),
  });
  await publish({
    dir: values.dir,
    bucket: values.bucket,
    prefix: values.prefix,
    client,
    siteUrl: site.url,
    dryRun: values["dry-run"],
    delete: values.delete || values["delete-assets"],
    deleteAssets: values["delete-assets"],
    concurrency: Number(values.concurrency),
  });
} catch (error) {
  const { code } = error as NodeJS.ErrnoException;
  console.error(
    code === "ENOENT"
      ? `publish: ${values.dir}/manifest.json is missing; run npm run build first`
      : `publish failed: ${error instanceof Error ? error.message : String(error)}\nNothing already published was removed; run the same command again to finish.`,
  );
  process.exitCode = 1;
}
