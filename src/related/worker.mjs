// Works through Read more lists beside buildRelatedIndexInParallel (index.ts), writing them into the
// shared `out`. Plain JavaScript: Node does not carry tsx's loader (`--import tsx`) into worker
// threads, so this file loads it itself.
import { parentPort, workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

const { chunks, listsFor } = await tsImport("./lists.ts", import.meta.url);
const { prepared, out, counter } = workerData;
listsFor(prepared, out, chunks(counter, prepared.n));
parentPort.postMessage("done");
