import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { S3Client } from "@aws-sdk/client-s3";
import { bodyDifferences, brokenLinks, bucketContents, buildContents, renderSite, s3Client, seeded, SITE_URL, startS3rver, writeBuild, type Story } from "./publish-test-helpers.ts";
import { isDocument } from "./publish-plan.ts";
import { publish } from "./publish.ts";

const PORT = 18102;
const KILL_POINTS = 24;
const STORIES: Story[] = [
  { section: "asia", date: "2023-03-19", slug: "polls-open", title: "Polls open", body: "Voting began at seven." },
  { section: "asia", date: "2023-03-20", slug: "results", title: "Results", body: "Six parties won seats." },
  { section: "asia", date: "2022-11-21", slug: "snap-vote", title: "Snap vote", body: "Tokayev wins." },
  { section: "world", date: "2022-10-12", slug: "ties", title: "Ties", body: "Balancing Moscow and the West." },
  { section: "business", date: "2022-07-19", slug: "trade", title: "Trade", body: "War disrupts trade." },
];
const EMBARGOED: Story = { section: "asia", date: "2023-03-21", slug: "embargoed", title: "Embargoed", body: "Not before Monday." };
const REVERTED = "Six parties won seats.";

/** The build editors published by mistake: an embargoed story, an edited one, and (every third run) a story taken down. */
function mistake(seed: number): Story[] {
  const edited = STORIES.map((s) => (s.slug === "results" ? { ...s, title: "Results: Amanat wins", body: "Six parties won seats; Amanat a majority." } : s));
  return [...edited.filter((s) => seed % 3 !== 0 || s.slug !== "ties"), EMBARGOED];
}

/** A client that, from its `killAt`-th request on, fails every request (a dropped connection) or aborts the publish (a signal). */
function killingClient(endpoint: string, killAt: number, mode: "fail" | "abort", controller: AbortController): S3Client {
  const client = s3Client(endpoint);
  let requests = 0;
  client.middlewareStack.add(
    (next) => async (args) => {
      if (++requests >= killAt) {
        if (mode === "fail") throw Object.assign(new Error("socket hang up"), { name: "NetworkingError", code: "ECONNRESET" });
        controller.abort(new Error("killed"));
      }
      return next(args);
    },
    { step: "initialize", name: "killAfterN" },
  );
  return client;
}

describe("a publish killed part-way, then reverted and published again", () => {
  let server: Awaited<ReturnType<typeof startS3rver>>;
  let client: S3Client;
  let site = "";
  const quiet = () => {};

  before(async () => {
    server = await startS3rver(PORT, 2);
    client = s3Client(server.endpoint);
    site = await mkdtemp(path.join(tmpdir(), "broadsheet-site-"));
  });

  after(async () => {
    client.destroy();
    await server.close();
    await rm(site, { recursive: true, force: true });
  });

  it(`leaves no live link broken at any of ${KILL_POINTS} seeded kill points, and the re-publish makes the bucket equal the build`, async () => {
    const bucket = "site-0";
    const options = { dir: site, bucket, siteUrl: SITE_URL, log: quiet, concurrency: 3 };
    await writeBuild(site, renderSite(STORIES));
    await publish({ ...options, client });
    await publish({ ...options, bucket: "site-1", client });

    // How many requests a whole mistaken publish makes, so kill points cover all of it.
    await writeBuild(site, renderSite(mistake(1)));
    let total = 0;
    const counting = s3Client(server.endpoint);
    counting.middlewareStack.add((next) => async (args) => (total++, next(args)), { step: "initialize", name: "count" });
    await publish({ ...options, bucket: "site-1", client: counting });
    counting.destroy();

    const random = seeded(20260417);
    const points: number[] = [];
    for (let seed = 1; seed <= KILL_POINTS; seed++) {
      const killAt = 1 + Math.floor(random() * total);
      points.push(killAt);
      const live = [...(await bucketContents(client, bucket, () => false)).keys()].filter(isDocument);
      await writeBuild(site, renderSite(mistake(seed)));
      const controller = new AbortController();
      const mode = seed % 2 ? "fail" : "abort";
      const killer = killingClient(server.endpoint, killAt, mode, controller);
      await assert.rejects(publish({ ...options, client: killer, signal: controller.signal }), `seed ${seed}: killed at request ${killAt} (${mode})`);
      killer.destroy();
      assert.deepEqual(brokenLinks(await bucketContents(client, bucket, isDocument), live), [], `seed ${seed}: killed at request ${killAt} (${mode}), a reader finds every page`);

      // Editors revert: the edited story back as it was, the embargoed story removed; build, publish.
      await writeBuild(site, renderSite(STORIES));
      await publish({ ...options, client });
      const inBucket = await bucketContents(client, bucket);
      assert.deepEqual(bodyDifferences(inBucket, await buildContents(site)), [], `seed ${seed}: the bucket equals the build`);
      assert.ok(inBucket.get("/asia/2023/03/20/results/index.html")?.toString().includes(REVERTED));
      assert.ok(![...inBucket.values()].some((body) => body.toString().includes("Not before Monday")), `seed ${seed}: no trace of the embargoed story`);
    }
    assert.ok(new Set(points).size >= KILL_POINTS / 2, `kill points spread over the ${total} requests: ${points.join(", ")}`);
  });
});
