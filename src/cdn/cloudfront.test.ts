import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CreateInvalidationCommand, type CloudFrontClient, type CreateInvalidationCommandInput } from "@aws-sdk/client-cloudfront";
import { invalidateCloudFront, invalidationBatches } from "./cloudfront.ts";

const urls = (n: number) => Array.from({ length: n }, (_, i) => `https://gazette.example/asia/2023/03/19/story-${String(i).padStart(4, "0")}/`);

/** A CloudFront client that records what it was asked and answers like the service. */
function stubClient() {
  const sent: CreateInvalidationCommandInput[] = [];
  const client = {
    send: async (command: unknown) => {
      assert.ok(command instanceof CreateInvalidationCommand);
      sent.push(command.input);
      return { Invalidation: { Id: `I${sent.length}` } };
    },
  } as unknown as Pick<CloudFrontClient, "send">;
  return { client, sent };
}

describe("CloudFront invalidation", () => {
  it("turns URLs into unique paths in batches of at most 1,000", () => {
    assert.deepEqual(invalidationBatches(["https://gazette.example/", "https://gazette.example/feed.xml", "https://gazette.example/"]), [["/", "/feed.xml"]]);
    const batches = invalidationBatches(urls(2500));
    assert.deepEqual(batches.map((b) => b.length), [1000, 1000, 500]);
    assert.equal(new Set(batches.flat()).size, 2500);
    assert.deepEqual(invalidationBatches([]), []);
  });

  it("uses one wildcard when the list exceeds the 3,000 paths CloudFront allows in progress", () => {
    assert.equal(invalidationBatches(urls(3000)).flat().length, 3000);
    assert.deepEqual(invalidationBatches(urls(3001)), [["/*"]]);
  });

  it("sends one CreateInvalidation per batch with a unique caller reference", async () => {
    const { client, sent } = stubClient();
    const log: string[] = [];
    const ids = await invalidateCloudFront(client, "E2QWRUHAPOMQZL", urls(1200), { log: (l) => log.push(l), now: 42 });
    assert.deepEqual(ids, ["I1", "I2"]);
    assert.deepEqual(sent.map((s) => [s.DistributionId, s.InvalidationBatch?.CallerReference, s.InvalidationBatch?.Paths?.Quantity]), [
      ["E2QWRUHAPOMQZL", "broadsheet-42-0", 1000],
      ["E2QWRUHAPOMQZL", "broadsheet-42-1", 200],
    ]);
    assert.equal(sent[0]?.InvalidationBatch?.Paths?.Items?.[0], "/asia/2023/03/19/story-0000/");
    assert.match(log.join("\n"), /invalidation I2 for 200 paths/);
  });

  it("sends the wildcard once for a huge list", async () => {
    const { client, sent } = stubClient();
    await invalidateCloudFront(client, "E1", urls(5000), { log: () => {} });
    assert.deepEqual(sent.map((s) => s.InvalidationBatch?.Paths), [{ Quantity: 1, Items: ["/*"] }]);
  });
});
