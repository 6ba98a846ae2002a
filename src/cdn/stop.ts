import { rm } from "node:fs/promises";
import { constants } from "node:os";

/**
 * Stopping a build, a merge or the preview on SIGINT/SIGTERM: every child process is
 * ended, the folders of the unfinished work are removed, and the process exits with
 * 128 + the signal's number (130, 143), within a bounded time. A swap that has begun
 * is finished first (it takes a few renames); none begins after the signal.
 */

type Action = () => void | Promise<unknown>;

const actions = new Set<Action>();
const folders = new Set<string>();
let swapping: Promise<unknown> | undefined;
let stoppedBy: NodeJS.Signals | undefined;

/** After this long, the process exits whatever is left: the next build removes the rest. */
const DEADLINE_MS = 1500;

export class StoppedError extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(`stopped by ${signal}`);
  }
}

export const stopSignal = (): NodeJS.Signals | undefined => stoppedBy;

/** Runs `action` (ending a child process, say) if the process is stopped before the returned function is called. */
export function onStop(action: Action): () => void {
  actions.add(action);
  return () => actions.delete(action);
}

/** Removes `folder` if the process is stopped before the returned function is called. */
export function removeOnStop(folder: string): () => void {
  folders.add(folder);
  return () => folders.delete(folder);
}

/** Runs `swap` to its end even if a signal comes meanwhile; refuses to start once one has come. */
export async function uninterrupted<T>(swap: () => Promise<T>): Promise<T> {
  if (stoppedBy) throw new StoppedError(stoppedBy);
  const running = swap();
  swapping = running.catch(() => {});
  try {
    return await running;
  } finally {
    swapping = undefined;
  }
}

async function stop(signal: NodeJS.Signals, report: (signal: NodeJS.Signals) => void): Promise<void> {
  if (stoppedBy) return;
  stoppedBy = signal;
  const code = 128 + constants.signals[signal];
  setTimeout(() => process.exit(code), DEADLINE_MS);
  // Children first: a folder is removed only once nothing writes into it.
  await Promise.allSettled([...actions].map(async (action) => action()));
  await swapping;
  await Promise.allSettled([...folders].map((folder) => rm(folder, { recursive: true, force: true })));
  report(signal);
  process.exit(code);
}

/** Installs the handlers; `report` prints the one line the user sees. */
export function stopOnSignals(report: (signal: NodeJS.Signals) => void): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, (received) => void stop(received, report));
}
