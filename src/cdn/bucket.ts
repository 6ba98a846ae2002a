import { DeleteObjectsCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { BucketObject } from "./publish-plan.ts";

/** Where publish writes, and the signal that stops every request it makes. */
export interface Store {
  client: S3Client;
  bucket: string;
  /** `""` or `folder/`. */
  prefix: string;
  signal: AbortSignal;
}

/** The metadata key (`x-amz-meta-sha256`) holding each object's SHA-256, for when its ETag is not an MD5. */
export const SHA256_METADATA = "sha256";

export const keyOf = (store: Store, sitePath: string): string => `${store.prefix}${sitePath.slice(1)}`;

/** Every object under the prefix, by site path, following continuation tokens. */
export async function listObjects(store: Store): Promise<Map<string, BucketObject>> {
  const objects = new Map<string, BucketObject>();
  let token: string | undefined;
  do {
    const page = await store.client.send(
      new ListObjectsV2Command({ Bucket: store.bucket, Prefix: store.prefix || undefined, ContinuationToken: token }),
      { abortSignal: store.signal },
    );
    for (const object of page.Contents ?? []) {
      if (object.Key === undefined || !object.Key.startsWith(store.prefix)) continue;
      objects.set(`/${object.Key.slice(store.prefix.length)}`, { size: object.Size ?? -1, etag: object.ETag ?? "" });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
    if (page.IsTruncated && !token) throw new Error(`s3://${store.bucket}: the listing was cut short without a continuation token`);
  } while (token);
  return objects;
}

/** The SHA-256 publish stored with an object, or undefined if it has none (uploaded by something else). */
export async function storedSha256(store: Store, sitePath: string): Promise<string | undefined> {
  const head = await store.client.send(new HeadObjectCommand({ Bucket: store.bucket, Key: keyOf(store, sitePath) }), { abortSignal: store.signal });
  return head.Metadata?.[SHA256_METADATA];
}

export interface Upload {
  sitePath: string;
  body: Uint8Array;
  sha256: string;
  contentType: string;
  cacheControl: string;
  redirect?: string;
}

export async function putObject(store: Store, upload: Upload): Promise<void> {
  await store.client.send(
    new PutObjectCommand({
      Bucket: store.bucket,
      Key: keyOf(store, upload.sitePath),
      Body: upload.body,
      ContentType: upload.contentType,
      CacheControl: upload.cacheControl,
      Metadata: { [SHA256_METADATA]: upload.sha256 },
      // S3 website hosting answers this object with a real redirect.
      ...(upload.redirect ? { WebsiteRedirectLocation: upload.redirect } : {}),
    }),
    { abortSignal: store.signal },
  );
}

/** Deletes up to 1,000 objects; a key the store refused to delete is an error, not a silent leftover. */
export async function deleteObjects(store: Store, sitePaths: readonly string[]): Promise<void> {
  const result = await store.client.send(
    new DeleteObjectsCommand({ Bucket: store.bucket, Delete: { Objects: sitePaths.map((p) => ({ Key: keyOf(store, p) })), Quiet: true } }),
    { abortSignal: store.signal },
  );
  const failed = result.Errors ?? [];
  if (failed.length) {
    const error = new Error(`could not delete ${failed.map((e) => `${e.Key} (${e.Code}: ${e.Message})`).join(", ")}`);
    throw Object.assign(error, { name: failed[0]?.Code ?? "DeleteFailed" });
  }
}
