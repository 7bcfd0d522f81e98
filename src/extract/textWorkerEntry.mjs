// A worker thread examining archived source texts (src/extract/textWorker.ts). Plain JavaScript that
// registers tsx, as src/bin/claimgraph.mjs does: a worker does not inherit the main thread's loader.
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { examineText } = await import("./sourceText.ts");
parentPort.postMessage(workerData.requests.map((request) => [request.file, examineText(request)]));
