import { readdir, rmdir, unlink } from "node:fs/promises";
import path from "node:path";
import { constants } from "node:os";

/**
 * Stopping a build or a merge on SIGINT/SIGTERM: every child process is
 * ended, the folders of the unfinished work are removed, and the process exits with
 * 128 + the signal's number (130, 143), within a bounded time. A swap that has begun
 * is finished first (it takes a few renames); none begins after the signal.
 * The npm scripts run `node --import tsx`, not the tsx command: tsx's own parent process
 * SIGKILLs a child that does not answer a signal within 60 ms, which a busy build often cannot.
 */

type Action = () => void | Promise<unknown>;

const actions = new Set<Action>();
const folders = new Set<string>();
let swapping: Promise<unknown> | undefined;
let stoppedBy: NodeJS.Signals | undefined;

/**
 * After this long, the process exits with what is left of the unfinished folders: the next
 * build removes them (their pid is dead). Removing a big one can take seconds on a busy machine.
 */
const DEADLINE_MS = 1000;

/**
 * Removes `folder` one entry at a time until `deadline`. Not `rm`: its thousands of parallel
 * calls queue in libuv's thread pool, and exiting waits for all of them (a second and more).
 */
async function removeUntil(folder: string, deadline: number): Promise<void> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (performance.now() > deadline) return;
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) await removeUntil(file, deadline);
    else await unlink(file).catch(() => {});
  }
  await rmdir(folder).catch(() => {});
}

class StoppedError extends Error {
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

/**
 * Removes `folder` if the process is stopped before the returned function is called. Work
 * that fails because it was stopped leaves the folder listed: removing it is the handler's.
 */
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
  const finish = () => {
    report(signal);
    process.exit(128 + constants.signals[signal]);
  };
  const deadline = performance.now() + DEADLINE_MS;
  setTimeout(finish, DEADLINE_MS);
  // Children first: a folder is removed only once nothing writes into it.
  await Promise.allSettled([...actions].map(async (action) => action()));
  // A swap that finished has taken its folder off the list.
  await swapping;
  for (const folder of [...folders]) await removeUntil(folder, deadline);
  finish();
}

/** Installs the handlers; `report` prints the one line the user sees. */
export function stopOnSignals(report: (signal: NodeJS.Signals) => void): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, (received) => void stop(received, report));
}
