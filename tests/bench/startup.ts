import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { projectRoot } from "../../src/config.ts";
import { entitiesOf } from "../../src/extract/entities.ts";
import { parseExtractFile } from "../../src/extract/parse.ts";
import { EXAMPLE_TABS } from "../../src/web/playground/exampleTabs.ts";
import { startFlags } from "../support/startFlags.ts";

/**
 * What a user meets first, measured as a user runs it: `npm start` (`node src/bin/claimgraph.mjs
 * serve`) with a fresh data folder and the seed, then the same folder again (a warm restart).
 */

export interface StartupFigures {
  /** The local Neo4j's own start, as the server logs it. */
  neo4jMs: number;
  /** From spawning `npm start`'s command to /ready answering 200. */
  readyMs: number;
  /** The playground's first tab (contradictions of an organisation), right after /ready, then its tenth. */
  firstAnswerMs: number;
  tenthAnswerMs: number;
  /** The same data folder started again: to /ready, and its Neo4j's own start. */
  warmRestartReadyMs: number;
  warmRestartNeo4jMs: number;
  warmRestartFirstAnswerMs: number;
  /** What the server logged about its start (phases), for the details. */
  log: string[];
}

interface Run {
  neo4jMs: number;
  readyMs: number;
  answersMs: number[];
  log: string[];
}

/** One `npm start` of `dataDir`: until /ready, then `answers` requests of the first tab, then SIGTERM. */
async function startOnce(dataDir: string, answers: number, log: (line: string) => void): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, CLAIMGRAPH_DATA_DIR: dataDir, PORT: "0", NODE_ENV: "production" };
  delete env.NEO4J_URI;
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [...startFlags(), "src/bin/claimgraph.mjs", "serve"], { cwd: projectRoot(), env, stdio: ["ignore", "ignore", "pipe"] });
  const lines: string[] = [];
  let neo4jMs = NaN;
  let base: string | undefined;
  child.stderr!.on("data", (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n").filter(Boolean)) {
      lines.push(`${Math.round(performance.now() - started)} ms: ${line}`);
      const neo4j = /Neo4j (?:ready|already running) on \S+ in ([\d.]+) s/.exec(line);
      if (neo4j) neo4jMs = Number(neo4j[1]) * 1000;
      const listening = /Listening on (http:\/\/[\d.:]+)/.exec(line);
      if (listening) base = listening[1];
    }
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    const deadline = Date.now() + 900_000;
    let readyMs = NaN;
    while (Date.now() < deadline && child.exitCode === null) {
      if (base) {
        const response = await fetch(`${base}/ready`).catch(() => undefined);
        if (response?.status === 200) {
          readyMs = performance.now() - started;
          break;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    if (Number.isNaN(readyMs)) throw new Error(`npm start did not become ready:\n${lines.join("\n")}`);
    const tab = EXAMPLE_TABS[0];
    const body = JSON.stringify({ query: tab.query, variables: JSON.parse(tab.variables ?? "{}") });
    const answersMs: number[] = [];
    for (let i = 0; i < answers; i++) {
      const t = performance.now();
      const response = await fetch(`${base}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body });
      const json = await response.json();
      if (response.status !== 200 || json.errors || !(json.data.contradictions.totalCount > 0)) throw new Error(`the playground's first tab answered ${response.status} ${JSON.stringify(json).slice(0, 300)}`);
      answersMs.push(performance.now() - t);
    }
    log(`npm start: Neo4j ${Math.round(neo4jMs)} ms, /ready ${Math.round(readyMs)} ms, answers ${answersMs.map(Math.round).join(", ")} ms`);
    return { neo4jMs, readyMs, answersMs, log: lines };
  } finally {
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    await exited;
    clearTimeout(timer);
  }
}

/** `npm start` on a fresh data folder, then again on the same folder; the folder is removed. */
export async function measureStartup(log: (line: string) => void): Promise<StartupFigures> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-bench-start-"));
  try {
    const cold = await startOnce(dataDir, 10, log);
    const warm = await startOnce(dataDir, 1, log);
    const round = (n: number) => Math.round(n);
    return {
      neo4jMs: round(cold.neo4jMs),
      readyMs: round(cold.readyMs),
      firstAnswerMs: round(cold.answersMs[0]),
      tenthAnswerMs: round(cold.answersMs[9]),
      warmRestartReadyMs: round(warm.readyMs),
      warmRestartNeo4jMs: round(warm.neo4jMs),
      warmRestartFirstAnswerMs: round(warm.answersMs[0]),
      log: [...cold.log, "(restart)", ...warm.log].filter((line) => /Neo4j ready|Seeds|Ready in/.test(line)),
    };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * `count` article-sized extracts, different from each other and from the synthetic corpus: the seed
 * article with every id it defines prefixed (`a07-netflix`), written as JSON files in `dir`.
 * Returns the files with the organisation whose contradictions to ask for, and how many it has.
 */
export function articleExtracts(dir: string, count: number): { file: string; organization: string }[] {
  const seedFile = path.join(projectRoot(), "seeds", "2018-12-20-facebook-partners.yaml");
  const { extract } = parseExtractFile(seedFile);
  if (!extract) throw new Error(`${seedFile} does not parse`);
  const ids = new Set(entitiesOf(extract).entities.map((e) => e.id));
  fs.mkdirSync(dir, { recursive: true });
  // The archived source texts the extract points to, at the same place relative to it.
  fs.cpSync(path.join(path.dirname(seedFile), "sources"), path.join(dir, "sources"), { recursive: true });
  const out: { file: string; organization: string }[] = [];
  for (let i = 0; i < count; i++) {
    const prefix = `a${String(i).padStart(2, "0")}-`;
    const rename = (value: unknown): unknown => {
      if (typeof value === "string") return ids.has(value) ? `${prefix}${value}` : value;
      if (Array.isArray(value)) return value.map(rename);
      if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rename(v)]));
      return value;
    };
    const file = path.join(dir, `${prefix}article.json`);
    fs.writeFileSync(file, JSON.stringify(rename(extract)));
    out.push({ file, organization: `${prefix}netflix` });
  }
  return out;
}
