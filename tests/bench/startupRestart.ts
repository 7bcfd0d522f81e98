import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { projectRoot } from "../../src/config.ts";
import { pageQueries, variablesFor } from "../../src/warmUp.ts";
import { startFlags } from "../support/startFlags.ts";

/**
 * Issue 25 point 5, the restart figures: `claimgraph neo4j start` on a fresh data folder, `npm start`
 * once (loads the seed, warms the running Neo4j's plans), stopped, then `npm start` again against the
 * same running Neo4j: its time to /ready (goal ≤ 3 s), then the first answer of each page's query
 * (the playground's example tabs and the explorer's, goal ≤ 2 s) and of queries no page sends, as a
 * playground user types them (never warmed: what one costs the first time after a restart, and
 * again). Run: `node --import tsx tests/bench/startupRestart.ts` (it starts one Neo4j).
 */

/** Queries a user might type that no page sends (so no warm-up ever planned them). */
const TYPED = [
  { name: "statements (typed)", query: "{ statements(first: 5) { totalCount edges { node { id speaker form channel account } } } }" },
  { name: "reports (typed)", query: "{ reports(first: 5) { edges { node { id title } } } }" },
];

const root = projectRoot();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-bench-restart-"));
// the bundle cache of a clone of its own (a shared node_modules serves several clones, which evict each other's)
const env: NodeJS.ProcessEnv = { ...process.env, CLAIMGRAPH_DATA_DIR: dataDir, CLAIMGRAPH_WEB_CACHE: path.join(dataDir, "web-cache"), PORT: "0", NODE_ENV: "production" };
delete env.NEO4J_URI;
const cli = (...args: string[]) => execFileSync(process.execPath, ["src/bin/claimgraph.mjs", ...args], { cwd: root, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

async function post(base: string, query: string, variables: Record<string, unknown> = {}): Promise<{ ms: number; errors?: unknown; data?: any }> {
  const started = performance.now();
  const response = await fetch(`${base}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
  const json = (await response.json()) as { errors?: unknown; data?: any };
  return { ms: performance.now() - started, ...json };
}

/** `npm start` until /ready; then `body`; then SIGTERM (the Neo4j, started by the CLI, runs on). */
async function serve(label: string, body: (base: string) => Promise<void>): Promise<void> {
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [...startFlags(), "src/bin/claimgraph.mjs", "serve"], { cwd: root, env, stdio: ["ignore", "ignore", "pipe"] });
  let base: string | undefined;
  const lines: string[] = [];
  child.stderr!.on("data", (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n").filter(Boolean)) {
      lines.push(line);
      base ??= /Listening on (http:\/\/[\d.:]+)/.exec(line)?.[1];
    }
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited:\n${lines.join("\n")}`);
      if (base && (await fetch(`${base}/ready`).catch(() => undefined))?.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    console.log(`${label}: /ready ${((performance.now() - started) / 1000).toFixed(2)} s — ${lines.find((line) => line.startsWith("Ready in")) ?? ""}`);
    await body(base!);
  } finally {
    child.kill("SIGTERM");
    await exited;
  }
}

try {
  const neo4jStarted = performance.now();
  cli("neo4j", "start");
  console.log(`claimgraph neo4j start: ${((performance.now() - neo4jStarted) / 1000).toFixed(1)} s`);
  let ids: { organization?: string; contradiction?: string } = {};
  await serve("first npm start (loads the seed, warms the plans)", async (base) => {
    const sample = await post(base, "{ contradictions(first: 1) { edges { node { id grant { grantee { id } } } } } }");
    const node = sample.data?.contradictions.edges[0]?.node;
    ids = { organization: node?.grant.grantee?.id, contradiction: node?.id };
  });
  await serve("npm start again against the running Neo4j", async (base) => {
    const rows: string[] = [];
    for (const page of pageQueries()) {
      const variables = variablesFor(page, ids);
      const first = await post(base, page.query, variables);
      const second = await post(base, page.query, variables);
      rows.push(`  ${page.name.padEnd(28)} first ${first.ms.toFixed(0).padStart(5)} ms, again ${second.ms.toFixed(0).padStart(4)} ms${first.errors ? `  ERRORS ${JSON.stringify(first.errors).slice(0, 200)}` : ""}`);
    }
    for (const typed of TYPED) {
      const first = await post(base, typed.query);
      const second = await post(base, typed.query);
      rows.push(`  ${typed.name.padEnd(28)} first ${first.ms.toFixed(0).padStart(5)} ms, again ${second.ms.toFixed(0).padStart(4)} ms${first.errors ? `  ERRORS ${JSON.stringify(first.errors).slice(0, 200)}` : ""}`);
    }
    console.log(`first answers after /ready (each query once, in turn; then once more):\n${rows.join("\n")}`);
  });
} finally {
  try {
    cli("neo4j", "stop");
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
