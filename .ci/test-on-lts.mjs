#!/usr/bin/env node
// The last part of `npm run test:full` (what CI runs): the same suite on a current Node.js LTS line,
// fetched as the npm registry's `node` package (its binaries, cached by npx), so CI tests the
// machine's Node and a maintained LTS with one command. Skipped when the machine's Node is that
// line already, or when CLAIMGRAPH_TEST_LTS=off. Arguments are passed on to vitest.
import { spawnSync } from "node:child_process";

const LTS = process.env.CLAIMGRAPH_TEST_LTS ?? "26";
const machine = process.versions.node.split(".")[0];

if (LTS === "off") {
  console.log("test:lts: skipped (CLAIMGRAPH_TEST_LTS=off).");
  process.exit(0);
}
if (machine === LTS) {
  console.log(`test:lts: this machine runs Node ${process.versions.node}, the LTS line ${LTS}; the suite already ran on it.`);
  process.exit(0);
}
console.log(`test:lts: the suite again on Node ${LTS} (LTS) from the npm registry's node package; it ran on this machine's Node ${process.versions.node} first.`);
const run = spawnSync("npx", ["--yes", `node@${LTS}`, "node_modules/vitest/vitest.mjs", "run", ...process.argv.slice(2)], { stdio: "inherit" });
if (run.error) {
  console.error(`test:lts: could not run Node ${LTS} through npx: ${run.error.message}`);
  process.exit(1);
}
process.exit(run.status ?? 1);
