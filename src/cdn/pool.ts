/**
 * Runs `work` over `items`, `size` at a time. The first failure, or `signal`,
 * stops it: no new item starts, the ones in flight are aborted, and it returns
 * only when all of them have settled, so nothing goes on behind the caller's back.
 */
export async function runPool<T>(items: readonly T[], size: number, signal: AbortSignal, work: (item: T, signal: AbortSignal) => Promise<void>): Promise<void> {
  signal.throwIfAborted();
  const controller = new AbortController();
  const stop = () => controller.abort(signal.reason);
  signal.addEventListener("abort", stop, { once: true });
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!controller.signal.aborted && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item, controller.signal);
      } catch (error) {
        failure ??= { error };
        controller.abort(error);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  } finally {
    signal.removeEventListener("abort", stop);
  }
  signal.throwIfAborted();
  if (failure) throw failure.error;
}
