import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "../../src/config.ts";

/**
 * The Node flags `npm start` runs the API with (package.json's start script: the one place they are
 * written). The tests and the bench start the API as `npm start` does, with these flags before the
 * script, without npm standing between a signal and the process.
 */
export function startFlags(): string[] {
  const start = (JSON.parse(fs.readFileSync(path.join(projectRoot(), "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.start;
  const match = /^node((?:\s+--\S+)*)\s+src\/bin\/claimgraph\.mjs serve$/.exec(start);
  if (!match) throw new Error(`package.json's start script is not "node [--flags] src/bin/claimgraph.mjs serve": ${start}`);
  return match[1].trim().split(/\s+/).filter(Boolean);
}
