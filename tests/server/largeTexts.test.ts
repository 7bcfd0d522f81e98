import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { testNeo4j } from "../support/neo4j.ts";
import { projectRoot } from "../../src/config.ts";
import { cleanGraph, resetGraph } from "../support/graph.ts";
import { writeLargeTextExtract } from "../support/largeText.ts";

/**
 * Issue 24, point 2: a start that loads large source texts keeps the API answering, and a stop
 * signal ends it at once. The real `claimgraph serve`, on the run's Neo4j (NEO4J_URI: no Neo4j of
 * its own, so the figures are the API's), with a seeds folder of three texts of nearly 5 MB each.
 * Latencies are printed; the assertions are generous (the goal, 100 ms for /health and 1 s for the
 * stop, is read off the printed figures; a busy machine must not fail the suite).
 */
const TEXT_BYTES = 4_900_000;

function seedsFolder(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-large-seeds-"));
  for (const n of [1, 2, 3]) writeLargeTextExtract(dir, `${prefix}${n}`, TEXT_BYTES, n);
  return dir;
}

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
});

function serve(seeds: string) {
  const neo4j = testNeo4j();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: "0",
    CLAIMGRAPH_SEEDS: seeds,
    CLAIMGRAPH_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-large-data-")),
    NEO4J_URI: neo4j.uri,
    NEO4J_USER: neo4j.user ?? "neo4j",
    NEO4J_PASSWORD: neo4j.password ?? "",
  };
  if (neo4j.database) env.NEO4J_DATABASE = neo4j.database;
  const child = spawn(process.execPath, ["src/bin/claimgraph.mjs", "serve"], { cwd: projectRoot(), env, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  /** Resolves with the first match of `pattern` in the output (fails if the process exits first). */
  const waitFor = async (pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(output);
      if (match) return match;
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`no ${pattern} (exit ${child.exitCode}):\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  return { child, exited, output: () => output, waitFor };
}

describe("a start that loads large source texts", () => {
  it("answers /health quickly throughout the load (the texts are examined in a worker thread)", async () => {
    const graph = await cleanGraph();
    await graph.close();
    const api = serve(seedsFolder("health"));
    const [, base] = await api.waitFor(/Listening on (http:\/\/[\d.:]+);/, 120_000);
    const latencies: { ms: number; phase: "seeds" | "after"; at: number }[] = [];
    const listening = performance.now();
    while (!/claimgraph API at /.test(api.output())) {
      if (api.child.exitCode !== null) throw new Error(`the API exited:\n${api.output()}`);
      const phase = /Seeds from /.test(api.output()) ? "after" : "seeds";
      const started = performance.now();
      const response = await fetch(`${base}/health`);
      latencies.push({ ms: performance.now() - started, phase, at: started - listening });
      expect(response.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(api.output()).toMatch(/Seeds from .*: loaded 3 extract file\(s\)/);
    const during = latencies.filter((l) => l.phase === "seeds").map((l) => l.ms);
    const max = (values: number[]) => Math.max(...values).toFixed(0);
    const seedsPhase = /, (seeds [\d.]+ s)/.exec(api.output())?.[1];
    const sorted = [...during].sort((a, b) => a - b);
    const p99 = sorted[Math.floor(sorted.length * 0.99)].toFixed(0);
    console.log(
      `/health during the load of 3 texts of ${(TEXT_BYTES / 1e6).toFixed(1)} MB: ${during.length} requests, max ${max(during)} ms, 99th percentile ${p99} ms, median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms (${seedsPhase}); ` +
        `during the warm-up after it: max ${max(latencies.filter((l) => l.phase === "after").map((l) => l.ms))} ms; ` +
        `slowest during the load: ${[...latencies].filter((l) => l.phase === "seeds").sort((a, b) => b.ms - a.ms).slice(0, 5).map((l) => `${l.ms.toFixed(0)} ms at +${(l.at / 1000).toFixed(1)} s`).join(", ")}`,
    );
    // the load lasted a while and /health was asked throughout
    expect(during.length).toBeGreaterThan(20);
    expect(Math.max(...during)).toBeLessThan(1000);
    api.child.kill("SIGTERM");
    expect(await api.exited).toBe(0);
  }, 300_000);

  it("SIGTERM during the load ends it within a second or so, and nothing of it is written", async () => {
    const graph = await cleanGraph();
    try {
      const api = serve(seedsFolder("stop"));
      await api.waitFor(/Listening on /, 120_000);
      // into the texts' examination (parsing three small extracts and one read of the graph come first)
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(api.output()).not.toMatch(/Seeds from /);
      const signalled = performance.now();
      api.child.kill("SIGTERM");
      const code = await api.exited;
      const ms = performance.now() - signalled;
      console.log(`SIGTERM during the load of large texts: the process ended in ${ms.toFixed(0)} ms (exit ${code})`);
      expect(code).toBe(0);
      expect(api.output()).toContain("SIGTERM: stopping.");
      expect(api.output()).not.toMatch(/Seeds from /);
      expect(ms).toBeLessThan(5000);
      const [row] = await graph.read<{ n: number }>("MATCH (n) WHERE n.id STARTS WITH 'large-' RETURN count(n) AS n");
      expect(Number(row.n)).toBe(0);
    } finally {
      await resetGraph(graph);
      await graph.close();
    }
  }, 300_000);
});
