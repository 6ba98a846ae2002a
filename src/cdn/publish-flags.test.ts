import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PublishInputError } from "./publish-build.ts";
import { explainFailure, PublishVerificationError } from "./publish-errors.ts";
import { parsePublishArgs } from "./publish-flags.ts";

const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) => parsePublishArgs(argv, env);
const refuses = (argv: string[], message: RegExp, env: NodeJS.ProcessEnv = {}) =>
  assert.throws(() => parse(argv, env), (e: unknown) => e instanceof PublishInputError && message.test(e.message), argv.join(" "));

describe("publish flags", () => {
  it("reads flags, falling back on the environment and defaults", () => {
    assert.deepEqual(parse(["--bucket", "news-site"]), {
      bucket: "news-site",
      region: "us-east-1",
      prefix: "",
      dir: "_site",
      concurrency: 8,
      dryRun: false,
      deleteAssets: false,
      legacyDelete: false,
    });
    const flags = parse(["--concurrency", "64", "--delete-assets", "--invalidate-cloudfront", "E2QWRUHAPOMQZL", "--prefix", "/edition/uk/"], {
      BROADSHEET_BUCKET: "news.example.com",
      AWS_ENDPOINT_URL: "https://abc.r2.cloudflarestorage.com",
      AWS_REGION: "auto",
    });
    assert.equal(flags !== "help" && flags.bucket, "news.example.com");
    assert.equal(flags !== "help" && flags.endpoint, "https://abc.r2.cloudflarestorage.com");
    assert.equal(flags !== "help" && flags.region, "auto");
    assert.equal(flags !== "help" && flags.concurrency, 64);
    assert.equal(flags !== "help" && flags.invalidateCloudfront, "E2QWRUHAPOMQZL");
    assert.equal(parse(["--help"]), "help");
    const legacy = parse(["--bucket", "abc", "--delete"]);
    assert.equal(legacy !== "help" && legacy.legacyDelete, true);
  });

  it("refuses every bad value, naming the flag or variable", () => {
    refuses([], /no bucket: pass --bucket NAME or set BROADSHEET_BUCKET/);
    refuses(["--bucket", "News_Site"], /--bucket "News_Site" is not a bucket name/);
    refuses([], /BROADSHEET_BUCKET "x" is not a bucket name/, { BROADSHEET_BUCKET: "x" });
    for (const value of ["0", "65", "abc", "1.5", "-1", " 8", "1e1", "0008"]) refuses(["--bucket", "abc", `--concurrency=${value}`], /--concurrency .* must be a whole number from 1 to 64/);
    refuses(["--bucket", "abc", "--concurrency", "-1"], /Option '--concurrency' argument is ambiguous/);
    for (const flag of ["bucket", "endpoint", "region", "prefix", "dir", "concurrency", "invalidate-cloudfront"]) refuses(["--bucket", "abc", `--${flag}=`], new RegExp(`--${flag} is empty`));
    refuses(["--bucket", "abc", "--endpoint", "localhost:9000"], /--endpoint "localhost:9000" is not a URL with a scheme/);
    refuses(["--bucket", "abc", "--endpoint", "ftp://store"], /--endpoint "ftp:\/\/store" is not a URL with a scheme/);
    refuses(["--bucket", "abc"], /AWS_ENDPOINT_URL "store:9000" is not a URL/, { AWS_ENDPOINT_URL: "store:9000" });
    refuses(["--bucket", "abc", "--endpoint", "https://key:secret@store"], /must not carry a query, fragment or credentials/);
    refuses(["--bucket", "abc", "--region", "EU Central"], /--region "EU Central" is not a region name/);
    refuses(["--bucket", "abc", "--prefix", "a//b"], /--prefix "a\/\/b" is not a folder path/);
    refuses(["--bucket", "abc", "--invalidate-cloudfront", "e2qw"], /is not a CloudFront distribution id/);
    refuses(["--bucket", "abc", "--dry-run=yes"], /--dry-run/);
    refuses(["--bucket", "abc", "--delet"], /Unknown option '--delet'/);
    refuses(["--bucket", "abc", "stray"], /Unexpected argument 'stray'/);
    refuses(["--bucket"], /Option '--bucket <value>' argument missing/);
  });
});

describe("publish failure messages", () => {
  const context = { bucket: "news-site", region: "eu-central-1" };
  const r2 = { ...context, endpoint: "https://abc.r2.cloudflarestorage.com" };
  const error = (fields: Record<string, unknown>) => Object.assign(new Error(String(fields.message ?? "boom")), fields);

  it("says the cause and the fix, and suggests running again only after a network interruption", () => {
    const cases: [unknown, RegExp][] = [
      [error({ name: "InvalidAccessKeyId" }), /AWS S3 in eu-central-1 \(--region\) refused the credentials \(InvalidAccessKeyId\)\. Set AWS_ACCESS_KEY_ID/],
      [error({ name: "SignatureDoesNotMatch" }), /refused the credentials \(SignatureDoesNotMatch\)/],
      [error({ name: "CredentialsProviderError" }), /refused the credentials/],
      [error({ name: "AccessDenied", $metadata: { httpStatusCode: 403 } }), /denied access to s3:\/\/news-site \(AccessDenied\)\. The key needs s3:ListBucket/],
      [error({ name: "NoSuchBucket" }), /bucket "news-site" does not exist at AWS S3 in eu-central-1 \(--region\)/],
      [error({ code: "ECONNREFUSED" }), /cannot reach AWS S3 in eu-central-1 \(--region\): connection refused/],
      [error({ name: "TypeError", cause: { code: "ENOTFOUND" } }), /cannot reach AWS S3 in eu-central-1 \(--region\): no such host/],
    ];
    for (const [failure, message] of cases) {
      const text = explainFailure(failure, context);
      assert.match(text, message);
      assert.doesNotMatch(text, /run the same command again/, text);
    }
    assert.match(explainFailure(error({ code: "ECONNREFUSED" }), r2), /cannot reach https:\/\/abc\.r2\.cloudflarestorage\.com \(--endpoint\)/);
    for (const failure of [error({ code: "ECONNRESET", message: "socket hang up" }), error({ name: "TimeoutError" }), error({ name: "InternalError", $metadata: { httpStatusCode: 500 } })]) {
      assert.match(explainFailure(failure, context), /was interrupted .* run the same command again to finish/);
    }
    const verification = explainFailure(new PublishVerificationError([{ path: "/feed.xml", problem: "missing" }]), context);
    assert.match(verification, /differs from the build in 1 object\(s\):\n {2}missing \/feed\.xml\nSomething else wrote to s3:\/\/news-site/);
  });
});
