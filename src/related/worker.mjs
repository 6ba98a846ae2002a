// One share of the Read more lists (see buildRelatedIndexInParallel in index.ts). Plain JavaScript:
// Node does not carry tsx's loader (`--import tsx`) into worker threads, so this file loads it itself.
import { parentPort, workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

const { listsFor } = await tsImport("./lists.ts", import.meta.url);
const lists = listsFor(workerData.prepared, workerData.start, workerData.step);
parentPort.postMessage(lists, [lists.buffer]);
