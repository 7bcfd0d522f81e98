import fs from "node:fs";
import { Worker } from "node:worker_threads";
import type { TextExamination, TextRequest } from "./sourceText.ts";
import { examineHere } from "./attribution.ts";

/**
 * Reading, normalising and searching archived source texts off the event loop. A text of up to a few
 * hundred kilobytes takes milliseconds and is examined in place; larger ones (up to the 5 MB limit,
 * around a second each) are examined by a worker thread, so that an API loading its seeds at start
 * keeps answering /health. stopTextWork() ends every worker at once (on SIGTERM or SIGINT).
 */

/** From this size on, a text is examined by a worker (a worker's start costs more than a smaller text). */
export const WORKER_FROM_BYTES = 256 * 1024;

const running = new Set<{ worker: Worker; stop: () => void }>();

const sizeOf = (file: string) => {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0; // examined in place, where reading it reports the problem
  }
};

/** Every text of `requests` examined, the large ones in one worker thread. */
export async function examineTexts(requests: TextRequest[]): Promise<Map<string, TextExamination>> {
  const large = requests.filter((request) => sizeOf(request.absolute) >= WORKER_FROM_BYTES);
  const results = examineHere(requests.filter((request) => !large.includes(request)));
  if (large.length > 0) for (const [file, result] of await examineInWorker(large)) results.set(file, result);
  return results;
}

export class TextWorkStopped extends Error {
  constructor() {
    super("the examination of the source texts was stopped");
    this.name = "TextWorkStopped";
  }
}

function examineInWorker(requests: TextRequest[]): Promise<[string, TextExamination][]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./textWorkerEntry.mjs", import.meta.url), { workerData: { requests } });
    let settled = false;
    const entry = {
      worker,
      stop: () => {
        if (settled) return;
        settled = true;
        running.delete(entry);
        void worker.terminate();
        reject(new TextWorkStopped());
      },
    };
    running.add(entry);
    worker.once("message", (results: [string, TextExamination][]) => {
      settled = true;
      running.delete(entry);
      void worker.terminate();
      resolve(results);
    });
    worker.once("error", (error) => {
      if (settled) return;
      settled = true;
      running.delete(entry);
      reject(error);
    });
    worker.once("exit", (code) => {
      if (settled) return;
      settled = true;
      running.delete(entry);
      reject(new Error(`the worker examining the source texts exited (${code}) without an answer`));
    });
  });
}

/** Ends the examination of every text under way: its load fails with TextWorkStopped. */
export function stopTextWork(): void {
  for (const entry of [...running]) entry.stop();
}
