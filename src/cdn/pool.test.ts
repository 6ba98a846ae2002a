import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { runPool } from "./pool.ts";

describe("runPool", () => {
  it("runs every item, at most `size` at once", async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await runPool([1, 2, 3, 4, 5, 6, 7], 3, new AbortController().signal, async (item) => {
      most = Math.max(most, ++running);
      await sleep(5);
      running--;
      done.push(item);
    });
    assert.deepEqual(done.sort(), [1, 2, 3, 4, 5, 6, 7]);
    assert.equal(most, 3);
  });

  it("after the first failure starts nothing new, aborts the rest in flight and returns only when they settled", async () => {
    const started: number[] = [];
    let settled = 0;
    await assert.rejects(
      runPool([1, 2, 3, 4, 5, 6], 2, new AbortController().signal, async (item, signal) => {
        started.push(item);
        if (item === 1) throw new Error("item 1 failed");
        await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
        settled++;
      }),
      /item 1 failed/,
    );
    assert.deepEqual(started, [1, 2]);
    assert.equal(settled, 1, "the item in flight was aborted and awaited");
  });

  it("stops on the caller's signal with its reason, and starts nothing once it has fired", async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const running = runPool([1, 2, 3, 4], 1, controller.signal, async (item, signal) => {
      started.push(item);
      controller.abort(new Error("SIGTERM"));
      signal.throwIfAborted();
    });
    await assert.rejects(running, /SIGTERM/);
    assert.deepEqual(started, [1]);
    await assert.rejects(runPool([1], 1, controller.signal, async () => assert.fail("must not start")), /SIGTERM/);
  });
});
