import { parseArgs } from "node:util";
import { PublishInputError } from "./publish-build.ts";
import { MAX_CONCURRENCY } from "./publish-plan.ts";

export const USAGE = `npm run publish -- --bucket NAME [--endpoint URL] [--region R] [--prefix P] [--dir _site]
  [--concurrency 1-${MAX_CONCURRENCY}] [--delete-assets] [--dry-run] [--invalidate-cloudfront DISTRIBUTION_ID] [--help]
Environment: BROADSHEET_BUCKET, AWS_ENDPOINT_URL, AWS_REGION stand in for the flags; credentials as for any AWS tool.`;

export interface PublishFlags {
  bucket: string;
  endpoint?: string;
  region: string;
  prefix: string;
  dir: string;
  concurrency: number;
  dryRun: boolean;
  deleteAssets: boolean;
  invalidateCloudfront?: string;
  /** `--delete` was given: deleting is what publish always does now, so it only earns a note. */
  legacyDelete: boolean;
}

const OPTIONS = {
  bucket: { type: "string" },
  endpoint: { type: "string" },
  region: { type: "string" },
  prefix: { type: "string" },
  dir: { type: "string" },
  concurrency: { type: "string" },
  "dry-run": { type: "boolean" },
  delete: { type: "boolean" },
  "delete-assets": { type: "boolean" },
  "invalidate-cloudfront": { type: "string" },
  help: { type: "boolean" },
} as const;

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const REGION = /^[a-z0-9-]{1,40}$/;
const DISTRIBUTION = /^[A-Z0-9]{1,40}$/;
const fail = (message: string): never => {
  throw new PublishInputError(message);
};

/** `--name` from the flag, else from an environment variable; an empty value is an error, never a default. */
function pick(values: Record<string, string | undefined>, flag: string, env: NodeJS.ProcessEnv, variable?: string): { value?: string; source: string } {
  if (values[flag] !== undefined) {
    if (values[flag]!.trim() === "") fail(`--${flag} is empty; give it a value or leave the flag out`);
    return { value: values[flag], source: `--${flag}` };
  }
  const fromEnv = variable ? env[variable] : undefined;
  return fromEnv ? { value: fromEnv, source: variable! } : { source: `--${flag}` };
}

function checkEndpoint(endpoint: string, source: string): string {
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || !url.hostname) {
    fail(`${source} "${endpoint}" is not a URL with a scheme; expected e.g. https://ACCOUNT.r2.cloudflarestorage.com or http://127.0.0.1:9000`);
  }
  if (url!.search || url!.hash || url!.username) fail(`${source} "${endpoint}" must not carry a query, fragment or credentials`);
  return endpoint;
}

function checkPrefix(prefix: string): string {
  const segments = prefix.replace(/^\/+|\/+$/g, "").split("/");
  if (/[\\\u0000-\u001f\u007f]/.test(prefix) || segments.some((s) => s === "" || s === "." || s === "..")) {
    fail(`--prefix "${prefix}" is not a folder path; expected segments such as edition/uk, without "..", "." or empty parts`);
  }
  return prefix;
}

/** Reads and checks every flag; any problem is a PublishInputError naming the flag, before anything touches the bucket. */
export function parsePublishArgs(argv: readonly string[], env: NodeJS.ProcessEnv): PublishFlags | "help" {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    const message = error instanceof Error ? error.message.split(". To specify")[0]!.replace(/\.$/, "") : String(error);
    return fail(`${message}. Usage:\n${USAGE}`);
  }
  if (values.help === true) return "help";
  const strings = Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => typeof e[1] === "string"));
  const bucket = pick(strings, "bucket", env, "BROADSHEET_BUCKET");
  if (!bucket.value) fail("no bucket: pass --bucket NAME or set BROADSHEET_BUCKET");
  if (!BUCKET.test(bucket.value!)) fail(`${bucket.source} "${bucket.value}" is not a bucket name (3-63 lower-case letters, digits, dots and hyphens)`);
  const endpoint = pick(strings, "endpoint", env, "AWS_ENDPOINT_URL");
  const region = pick(strings, "region", env, env.AWS_REGION ? "AWS_REGION" : "AWS_DEFAULT_REGION");
  if (region.value !== undefined && !REGION.test(region.value)) fail(`${region.source} "${region.value}" is not a region name (such as eu-central-1, or auto for R2)`);
  const concurrency = pick(strings, "concurrency", env).value ?? "8";
  if (!/^\d{1,3}$/.test(concurrency) || Number(concurrency) < 1 || Number(concurrency) > MAX_CONCURRENCY) {
    fail(`--concurrency "${concurrency}" must be a whole number from 1 to ${MAX_CONCURRENCY}`);
  }
  const distribution = pick(strings, "invalidate-cloudfront", env).value;
  if (distribution !== undefined && !DISTRIBUTION.test(distribution)) fail(`--invalidate-cloudfront "${distribution}" is not a CloudFront distribution id (such as E2QWRUHAPOMQZL)`);
  const prefix = pick(strings, "prefix", env).value;
  return {
    bucket: bucket.value!,
    ...(endpoint.value ? { endpoint: checkEndpoint(endpoint.value, endpoint.source) } : {}),
    region: region.value ?? "us-east-1",
    prefix: prefix === undefined ? "" : checkPrefix(prefix),
    dir: pick(strings, "dir", env).value ?? "_site",
    concurrency: Number(concurrency),
    dryRun: values["dry-run"] === true,
    deleteAssets: values["delete-assets"] === true,
    ...(distribution ? { invalidateCloudfront: distribution } : {}),
    legacyDelete: values.delete === true,
  };
}
