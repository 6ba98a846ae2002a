import type { Difference } from "./publish-plan.ts";

/** The bucket did not match the build after a publish: never reported as success. */
export class PublishVerificationError extends Error {
  override name = "PublishVerificationError";
  constructor(readonly differences: readonly Difference[]) {
    super(`the bucket still differs from the build in ${differences.length} object(s)`);
  }
}

/** Where publish was talking to, for messages. */
export interface StoreContext {
  bucket: string;
  region: string;
  endpoint?: string;
}

interface ErrorShape {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
}

const RETRY = "Nothing already published was removed and the bucket's manifest was not rewritten; run the same command again to finish.";
const NETWORK_CODES = new Set(["ECONNRESET", "ETIMEDOUT", "EPIPE", "ECONNABORTED", "EAI_AGAIN", "TimeoutError", "RequestTimeout", "NetworkingError"]);

/** The first error code found on the error or its causes (Node puts the socket's code on `cause`). */
function codeOf(error: ErrorShape | undefined): string | undefined {
  for (let e = error, depth = 0; e && depth < 5; e = e.cause as ErrorShape | undefined, depth++) {
    if (e.code) return e.code;
  }
  return undefined;
}

/** One message for a failed publish: what went wrong, and what fixes it. */
export function explainFailure(error: unknown, context: StoreContext): string {
  const e = (typeof error === "object" && error !== null ? error : { message: String(error) }) as ErrorShape;
  const where = context.endpoint ? `${context.endpoint} (--endpoint)` : `AWS S3 in ${context.region} (--region)`;
  const name = e.name ?? "";
  const status = e.$metadata?.httpStatusCode;
  const code = codeOf(e);
  if (error instanceof PublishVerificationError) {
    const list = error.differences.map((d) => `  ${d.problem} ${d.path}`).join("\n");
    return `publish: ${error.message}:\n${list}\nSomething else wrote to s3://${context.bucket} during this publish (another publish, a lifecycle rule, a sync job?). Stop it, then run the same command again.`;
  }
  if (name === "InvalidAccessKeyId" || name === "SignatureDoesNotMatch" || name === "CredentialsProviderError") {
    return `publish: ${where} refused the credentials (${name}). Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) to a key for this store; running again with the same key cannot help.`;
  }
  if (name === "AccessDenied" || name === "Forbidden" || status === 403) {
    return `publish: ${where} denied access to s3://${context.bucket} (${name || "403"}). The key needs s3:ListBucket, s3:GetObject, s3:PutObject and s3:DeleteObject on this bucket and prefix.`;
  }
  if (name === "NoSuchBucket") {
    return `publish: bucket "${context.bucket}" does not exist at ${where}. Check --bucket (or BROADSHEET_BUCKET), --region and --endpoint, or create the bucket.`;
  }
  if (code === "ECONNREFUSED" || code === "ENOTFOUND") {
    return `publish: cannot reach ${where}: ${code === "ENOTFOUND" ? "no such host" : "connection refused"}. Check --endpoint (or AWS_ENDPOINT_URL) and --region, and that the store is running.`;
  }
  if ((code && NETWORK_CODES.has(code)) || NETWORK_CODES.has(name) || (status !== undefined && status >= 500)) {
    return `publish: the connection to ${where} was interrupted (${code ?? (name || status)}: ${e.message ?? ""}). ${RETRY}`;
  }
  return `publish failed: ${name ? `${name}: ` : ""}${e.message ?? String(error)}`;
}
