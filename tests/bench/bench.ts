import "reflect-metadata";
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs as parseCommandLine } from "node:util";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import neo4j from "neo4j-driver";
import { loadConfig } from "../../src/config.ts";
import { contradictionsQuery } from "../../src/contradictions/contradictionCypher.ts";
import { findContradictions } from "../../src/contradictions/contradictionService.ts";
import { readAndValidate, seed, writeExtracts } from "../../src/extract/load.ts";
import { listExtractFiles, parseExtractFile } from "../../src/extract/parse.ts";
import { Graph } from "../../src/graph/graph.ts";
import { startLocalNeo4j, stopLocalNeo4j } from "../../src/graph/localNeo4j.ts";
import { applyMigrations } from "../../src/graph/migrations.ts";
import { type Manifest, readManifest, writeCorpus } from "../../src/synth/generateCorpus.ts";
import { Random } from "../../src/synth/random.ts";
import { formatPlan, type PlanSummary, summarizePlan } from "./plan.ts";
import { rawSteps, writeRaw } from "./rawUnwind.ts";
import { startFlags } from "../support/startFlags.ts";
import { type StartupFigures, articleExtracts, measureStartup } from "./startup.ts";
import { CONTRADICTIONS_WITH_STATUS, FIRST_PAGE_WITH_STATUS, QUEUE_FIRST_PAGE, reloadKeepsReviews, reviewMany, timedReviewWrites } from "./reviews.ts";
import {
  BARE_CYPHER,
  CLAIMGRAPH_CONTRADICTIONS,
  CLAIMGRAPH_FIRST_PAGE_OF_ALL,
  CLAIMGRAPH_EVIDENCE,
  CLAIMGRAPH_NESTED,
  CLAIMGRAPH_SEARCH,
  NEO4J_GRAPHQL_EVIDENCE,
  NEO4J_GRAPHQL_NESTED,
  NEO4J_GRAPHQL_SEARCH,
  contradictionParams,
  neo4jGraphqlAsClaimgraph,
  normalizeEvidence,
  normalizeNested,
  normalizeSearch,
} from "./workloads.ts";
import { luceneQuery } from "../../src/schema/search/lucene.ts";

/**
 * `npm run bench -- [--scale N[,N...]] [--json] [--profile] [options]`: claimgraph at N
 * organisations of the synthetic corpus (src/synth), on a throwaway local Neo4j, beside the
 * baselines a user would otherwise have. For each scale:
 *
 *  1. writes the corpus (deterministic, with its manifest of planted contradictions and near-misses);
 *  2. seeds it twice into fresh servers (one at a time): the same rows by a plain `UNWIND … MERGE`
 *     through the driver, then by claimgraph's loader (validation timed apart from writing);
 *  3. checks correctness: every contradiction found equals the planted set, no near-miss reported;
 *  4. times contradictions(organization) and the first page of all through the HTTP API;
 *  5. load-tests three servers in their own processes with the same autocannon settings: claimgraph,
 *     a bare node:http handler sending claimgraph's Cypher through the driver, and @neo4j/graphql;
 *  6. with --profile, PROFILEs the contradiction Cypher and summarises the plans.
 *
 * Every loop is bounded in count and in time. The servers listen on 127.0.0.1 only; the Neo4j and
 * its data folder are removed at the end, also on failure.
 */

const HERE = path.dirname(fileURLToPath(import.meta.url));

interface Options {
  scales: number[];
  json: boolean;
  profile: boolean;
  seed: number;
  connections: number;
  duration: number;
  latencySamples: number;
  latencySeconds: number;
  firstPageSamples: number;
  firstPageSeconds: number;
  filesPerTransaction: number;
  heap: string;
  pageCache: string;
  keep: boolean;
  /** Stop after seeding and the correctness check (the other figures are null). */
  seedingOnly: boolean;
  /** Measure `npm start` (fresh, then a warm restart) before the scales. */
  startup: boolean;
  /** Article-sized extracts loaded one at a time into the scale's graph, each timed. */
  articles: number;
  /** Findings reviewed before the review figures (issue 23: 10,000 at a million statements). */
  reviews: number;
  corpus?: string;
}

function parseArgs(argv: string[]): Options {
  const text = { type: "string" } as const;
  const flag = { type: "boolean" } as const;
  // Unknown options are refused (strict); `--name value` and `--name=value` both work.
  const { values } = parseCommandLine({
    args: argv,
    options: {
      scale: { type: "string", multiple: true },
      json: flag,
      profile: flag,
      seed: text,
      connections: text,
      duration: text,
      "latency-samples": text,
      "latency-seconds": text,
      "first-page-samples": text,
      "first-page-seconds": text,
      "files-per-transaction": text,
      heap: text,
      "page-cache": text,
      keep: flag,
      "seeding-only": flag,
      "skip-startup": flag,
      articles: text,
      reviews: text,
      corpus: text,
    },
  });
  const number = (name: keyof typeof values, fallback: number) => {
    const given = values[name];
    if (given === undefined) return fallback;
    const n = Number(given);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} needs a number`);
    return n;
  };
  const options: Options = {
    scales: (values.scale ?? []).flatMap((list) => list.split(",").map((s) => Number(s.replace(/_/g, "")))),
    json: values.json ?? false,
    profile: values.profile ?? false,
    seed: number("seed", 1),
    connections: number("connections", 10),
    duration: number("duration", 10),
    latencySamples: number("latency-samples", 300),
    latencySeconds: number("latency-seconds", 90),
    firstPageSamples: number("first-page-samples", 20),
    firstPageSeconds: number("first-page-seconds", 120),
    filesPerTransaction: Math.max(1, number("files-per-transaction", 1)),
    heap: values.heap ?? "2g",
    pageCache: values["page-cache"] ?? "2g",
    keep: values.keep ?? false,
    seedingOnly: values["seeding-only"] ?? false,
    startup: !(values["skip-startup"] ?? false),
    articles: number("articles", 20),
    reviews: number("reviews", 10_000),
    corpus: values.corpus === undefined ? undefined : path.resolve(values.corpus),
  };
  if (options.scales.length === 0) options.scales = [100];
  for (const scale of options.scales) if (!Number.isInteger(scale) || scale < 10) throw new Error(`--scale must be a whole number of at least 10; got ${scale}`);
  return options;
}

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function summarize(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50Ms: round(percentile(sorted, 0.5)),
    p95Ms: round(percentile(sorted, 0.95)),
    p99Ms: round(percentile(sorted, 0.99)),
    maxMs: round(sorted.at(-1) ?? NaN),
  };
}

// ------------------------------------------------------------------------------------------------
// Neo4j and the servers

interface LocalServer {
  uri: string;
  dataDir: string;
  /** The store's size on disk, measured after a clean shutdown (Neo4j checkpoints then). */
  storeMb?: number;
  /** The database every client names (the servers alike): Community's only one. */
  database: string;
  /** The local server's password (authentication is on). */
  password?: string;
  pid: number;
  stop(): Promise<void>;
}

async function freshNeo4j(options: Options, name: string, cleanups: (() => Promise<void>)[]): Promise<LocalServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `claimgraph-bench-${name}-`));
  const config = { ...loadConfig({ ...process.env, NEO4J_URI: "" }), dataDir, neo4jHeap: options.heap, neo4jPageCache: options.pageCache };
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await stopLocalNeo4j(config, log).catch((error) => log(`stopping Neo4j: ${error}`));
    try {
      local.storeMb = Math.round(directoryBytes(path.join(dataDir, "neo4j", "data", "databases")) / 2 ** 20);
    } catch {
      // not started
    }
    if (!options.keep) fs.rmSync(dataDir, { recursive: true, force: true });
    else log(`kept ${dataDir}`);
  };
  cleanups.push(stop);
  const local: LocalServer = { uri: "", dataDir, database: "neo4j", pid: 0, stop };
  const running = await startLocalNeo4j(config, { owned: true, log });
  Object.assign(local, { uri: running.connection.uri, database: running.connection.database ?? "neo4j", password: running.connection.password, pid: running.state.pid });
  return local;
}

interface Child {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

async function startChild(kind: string, server: LocalServer): Promise<Child> {
  // As deployed (the Dockerfile sets NODE_ENV=production): graphql-js and Apollo skip development checks.
  // All three with the Node flags `npm start` gives the API (the same runtime for each).
  const child = spawn(process.execPath, [...startFlags(), "--import", "tsx", path.join(HERE, "benchServer.ts"), "--kind", kind, "--uri", server.uri, "--database", server.database], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, NODE_ENV: "production", NEO4J_PASSWORD: server.password ?? "" },
  });
  let stopped = false;
  const stop = async () => {
    if (stopped || child.exitCode !== null) return;
    stopped = true;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  cleanups.push(stop);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} server did not start within 60 s`)), 60_000);
    let buffer = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = /READY (\d+)/.exec(buffer);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once("exit", (code) => reject(new Error(`${kind} server exited (${code}) before it was ready`)));
  });
  return { url: `http://127.0.0.1:${port}`, process: child, stop };
}

/** CPU time a process has used, in ms (user + system), from /proc. */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

function memoryMb(pid: number): { rssMb: number; peakRssMb: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rssMb: Math.round(kb("VmRSS") / 1024), peakRssMb: Math.round(kb("VmHWM") / 1024) };
}

function directoryBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}

async function post(url: string, body: unknown): Promise<any> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const json = await response.json();
  if (response.status !== 200 || json.errors || json.error) throw new Error(`${url}: ${response.status} ${JSON.stringify(json.errors ?? json.error).slice(0, 500)}`);
  return json.data;
}

/** Sequential requests until `count` are done or `seconds` have passed; the first `warmup` are not kept. */
async function timeRequests(bodies: (() => unknown)[], url: string, count: number, seconds: number, warmup = 3): Promise<number[]> {
  const times: number[] = [];
  const deadline = Date.now() + seconds * 1000;
  for (let i = 0; i < count + warmup && (Date.now() < deadline || i < warmup + 1); i++) {
    const body = bodies[i % bodies.length]();
    const started = performance.now();
    await post(url, body);
    if (i >= warmup) times.push(performance.now() - started);
  }
  return times;
}

interface LoadResult {
  rps: number;
  seconds: number;
  requests: number;
  errors: number;
  non2xx: number;
  p50Ms: number;
  p99Ms: number;
}

/** autocannon with `connections` for `duration` s (and at most 10,000 requests per connection, and a hard stop). */
function loadTest(url: string, bodies: string[], connections: number, duration: number): Promise<LoadResult> {
  let next = 0;
  const instance = autocannon({
    url,
    method: "POST",
    headers: { "content-type": "application/json" },
    connections,
    duration,
    maxOverallRequests: connections * 10_000,
    requests: [{ setupRequest: (request: any) => ({ ...request, body: bodies[next++ % bodies.length] }) }],
  } as any);
  const hardStop = setTimeout(() => (instance as any).stop(), (duration + 30) * 1000);
  return new Promise<LoadResult>((resolve, reject) => {
    (instance as any).then((result: any) => {
      clearTimeout(hardStop);
      resolve({
        rps: round(result.requests.total / result.duration, 1),
        seconds: result.duration,
        requests: result.requests.total,
        errors: result.errors + result.timeouts,
        non2xx: result.non2xx,
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
      });
    }, reject);
  });
}

// ------------------------------------------------------------------------------------------------
// One scale

interface ScaleResult {
  scale: number;
  plantedContradictions: number;
  foundContradictions: number;
  falsePositives: number;
  seeding: { rowsPerSec: number; rawUnwindRowsPerSec: number };
  contradictionsByOrganization: { p50Ms: number; p95Ms: number; p99Ms: number } | null;
  firstPageOfAll: { p50Ms: number; p95Ms: number } | null;
  /** The nested read's figures (as before), and `workloads`: each workload's req/s per server (null: the server has no such read). */
  httpThroughput: { claimgraphRps: number; bareDriverRps: number; neo4jGraphqlRps: number; workloads: Record<string, { claimgraphRps: number; bareDriverRps: number; neo4jGraphqlRps: number | null }> } | null;
  apiRssMb: number | null;
  /** `npm start` with the seed: fresh, then restarted (measured once per run, before the scales). */
  startup: Pick<StartupFigures, "neo4jMs" | "readyMs" | "firstAnswerMs" | "tenthAnswerMs" | "warmRestartReadyMs"> | null;
  /** One article-sized extract loaded into the scale's graph: from the seed call to its contradictions answered over HTTP. */
  incrementalLoad: { p50Ms: number; p95Ms: number } | null;
  /** Issue 23: review writes over HTTP, and the reads with statuses once `reviewed` findings are reviewed. */
  reviews: {
    reviewed: number;
    writeP95Ms: number;
    contradictionsByOrganizationP95Ms: number;
    firstPageOfAllP95Ms: number;
    queueFirstPageP95Ms: number;
  } | null;
  details: Record<string, unknown>;
}

/** What to undo, newest last; run at the end of a scale, on failure, and on Ctrl-C. */
let cleanups: (() => Promise<void>)[] = [];

async function cleanUp() {
  const pending = cleanups.reverse();
  cleanups = [];
  for (const cleanup of pending) await cleanup().catch((error) => log(`cleanup: ${error}`));
}

async function runScale(scale: number, options: Options, startup: StartupFigures | null): Promise<ScaleResult> {
  const corpusDir = options.corpus ?? fs.mkdtempSync(path.join(os.tmpdir(), `claimgraph-bench-corpus-${scale}-`));
  if (!options.corpus && !options.keep) cleanups.push(async () => fs.rmSync(corpusDir, { recursive: true, force: true }));
  const details: Record<string, any> = {};
  // The machine may be shared: the 1-minute load average at each phase says how much.
  const loadAverage: Record<string, number> = {};
  const noteLoad = (phase: string) => (loadAverage[phase] = round(os.loadavg()[0], 2));
  details.machine = { cpus: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30), loadAverage };
  noteLoad("start");
  try {
    // 1. The corpus.
    let started = Date.now();
    let manifest: Manifest;
    if (options.corpus && fs.existsSync(path.join(corpusDir, "manifest.jsonl"))) {
      manifest = readManifest(corpusDir);
      if (manifest.organizations !== scale || manifest.seed !== options.seed) throw new Error(`${corpusDir} holds a corpus of ${manifest.organizations} organisations (seed ${manifest.seed}), not ${scale}`);
    } else {
      writeCorpus(corpusDir, { organizations: scale, seed: options.seed }, log);
      manifest = readManifest(corpusDir);
    }
    details.corpus = { dir: corpusDir, files: manifest.files.length, counts: manifest.counts, stances: manifest.stances, planted: manifest.planted.byKind, nearMisses: manifest.nearMisses.byReason, seconds: round((Date.now() - started) / 1000) };
    log(`corpus: ${JSON.stringify(manifest.counts)}, ${manifest.planted.total} planted, ${manifest.nearMisses.total} near-misses (${details.corpus.seconds} s)`);
    const files = listExtractFiles([corpusDir]).files;
    const groups: string[][] = [];
    for (let i = 0; i < files.length; i += options.filesPerTransaction) groups.push(files.slice(i, i + options.filesPerTransaction));

    // 2. Seeding: the raw UNWIND baseline and claimgraph's loader, each on a server of its own, load
    // by load in turn (raw, then claimgraph, the same files), so that both rates are taken under the
    // same conditions of the machine: run one after the other, a change in the machine's speed
    // between the two halves (seen here: the raw rate alone varied by a quarter between runs) would
    // be read as a difference between them.
    const rawServer = await freshNeo4j(options, "raw", cleanups);
    const server = await freshNeo4j(options, "claimgraph", cleanups);
    const rawGraph = new Graph({ uri: rawServer.uri, database: rawServer.database, password: rawServer.password });
    const graph = new Graph({ uri: server.uri, database: server.database, password: server.password });
    cleanups.push(() => graph.close());
    let rawMs = 0;
    let rawRows = 0;
    let validateMs = 0;
    let writeMs = 0;
    let precomputeMs = 0;
    let precomputedStatements = 0;
    let rows = 0;
    try {
      await applyMigrations(rawGraph);
      await applyMigrations(graph);
      const people = new Set<string>();
      for (const [i, group] of groups.entries()) {
        const parsed = group.map((file) => {
          const { extract, issues } = parseExtractFile(file);
          if (!extract) throw new Error(`${file}: ${JSON.stringify(issues[0])}`);
          return { file, extract };
        });
        const { steps, rowCount } = rawSteps(parsed, people);
        let t = performance.now();
        await writeRaw(rawGraph.driver, steps, rawServer.database);
        rawMs += performance.now() - t;
        rawRows += rowCount;

        t = performance.now();
        const validated = await readAndValidate(graph, group);
        validateMs += performance.now() - t;
        t = performance.now();
        let precomputeStarted = 0;
        const result = await writeExtracts(graph, validated, (_done, _total, label) => {
          if (label === "contradictions" && precomputeStarted === 0) precomputeStarted = performance.now();
        });
        const ended = performance.now();
        writeMs += ended - t;
        if (precomputeStarted) precomputeMs += ended - precomputeStarted;
        precomputedStatements += result.contradictions.statements;
        rows += result.nodes + result.relationshipRows;
        if ((i + 1) % 25 === 0 || i === groups.length - 1) {
          log(`seeding: ${i + 1}/${groups.length} loads, ${rows} rows; claimgraph ${round(rows / (writeMs / 1000), 0)} rows/s (validation ${round(validateMs / 1000)} s more), raw UNWIND ${round(rawRows / (rawMs / 1000), 0)} rows/s`);
        }
      }
    } finally {
      await rawGraph.close();
    }
    await rawServer.stop();
    details.rawStoreMb = rawServer.storeMb;

    if (rows !== rawRows) throw new Error(`the raw load wrote ${rawRows} rows, claimgraph ${rows}`);
    const rowsPerSec = round(rows / (writeMs / 1000), 0);
    const rawUnwindRowsPerSec = round(rawRows / (rawMs / 1000), 0);
    details.seeding = {
      rows,
      loads: groups.length,
      filesPerTransaction: options.filesPerTransaction,
      writeSeconds: round(writeMs / 1000),
      validateSeconds: round(validateMs / 1000),
      precomputeSeconds: round(precomputeMs / 1000),
      precomputedStatements,
      rawWriteSeconds: round(rawMs / 1000),
      endToEndRowsPerSec: round(rows / ((writeMs + validateMs) / 1000), 0),
      ratioToRaw: round(rowsPerSec / rawUnwindRowsPerSec, 2),
    };

    noteLoad("afterSeeding");
    // 3. Correctness: every contradiction in the graph, against the manifest.
    started = Date.now();
    const all = await findContradictions(graph, { skip: 0, limit: 100_000_000 });
    const found = new Set(all.map((r) => `${r.statementId}~${r.grantId}`));
    const planted = new Set(manifest.planted.pairs);
    const nearMisses = new Set(manifest.nearMisses.pairs);
    const plantedKind = new Map(manifest.expectations.filter((e) => e.expect === "contradiction").map((e) => [`${e.statementId}~${e.grantId}`, e.kind]));
    const falsePositives = [...found].filter((pair) => !planted.has(pair));
    const missing = [...planted].filter((pair) => !found.has(pair));
    const nearMissesReported = [...found].filter((pair) => nearMisses.has(pair));
    const wrongKind = all.filter((r) => plantedKind.has(`${r.statementId}~${r.grantId}`) && plantedKind.get(`${r.statementId}~${r.grantId}`) !== r.kind);
    details.correctness = {
      allContradictionsSeconds: round((Date.now() - started) / 1000),
      missing: missing.length,
      nearMissesReported: nearMissesReported.length,
      wrongKind: wrongKind.length,
      examples: [...missing.slice(0, 3).map((p) => `missing ${p}`), ...falsePositives.slice(0, 3).map((p) => `false positive ${p}`)],
    };
    log(`correctness: planted ${planted.size}, found ${found.size}, missing ${missing.length}, false positives ${falsePositives.length}, near-misses reported ${nearMissesReported.length} (${details.correctness.allContradictionsSeconds} s)`);

    const organizations = (await graph.read<{ id: string }>("MATCH (o:Organization) RETURN o.id AS id ORDER BY id")).map((r) => r.id);
    const rng = new Random(options.seed * 7919 + scale);
    const sample = rng.sample(organizations, Math.min(organizations.length, Math.max(options.latencySamples, 50)));

    // Per organisation, against the manifest: found ⊆ planted, and every planted pair the
    // organisation is a direct party of (speaker or grantor/grantee) is among them.
    {
      const checked = sample.slice(0, 20);
      let bad = 0;
      const grants = new Map((await graph.read<{ id: string; parties: string[] }>(
        "MATCH (g:AccessGrant) WHERE g.id IN $ids RETURN g.id AS id, [(g)-[:GRANTED_TO|GRANTED_BY]->(o) | o.id] AS parties",
        { ids: [...new Set(manifest.planted.pairs.map((p) => p.split("~")[1]))] },
      )).map((r) => [r.id, r.parties]));
      const speakers = new Map((await graph.read<{ id: string; org: string }>(
        "MATCH (s:Statement)-[:ON_BEHALF_OF]->(o) WHERE s.id IN $ids RETURN s.id AS id, o.id AS org",
        { ids: [...new Set(manifest.planted.pairs.map((p) => p.split("~")[0]))] },
      )).map((r) => [r.id, r.org]));
      for (const org of checked) {
        const rows = await findContradictions(graph, { organization: org, skip: 0, limit: 1_000_000 });
        const pairs = new Set(rows.map((r) => `${r.statementId}~${r.grantId}`));
        const expected = manifest.planted.pairs.filter((p) => {
          const [s, g] = p.split("~");
          return speakers.get(s) === org || (grants.get(g) ?? []).includes(org);
        });
        if ([...pairs].some((p) => !planted.has(p)) || expected.some((p) => !pairs.has(p))) bad += 1;
      }
      details.correctness.organizationsChecked = checked.length;
      details.correctness.organizationsWrong = bad;
    }

    // The scale's figures, once the server is stopped (to measure the store after Neo4j's shutdown
    // checkpoint); those of the phases after seeding are null when they did not run.
    type Measured = Pick<ScaleResult, "contradictionsByOrganization" | "firstPageOfAll" | "httpThroughput" | "apiRssMb" | "incrementalLoad" | "reviews">;
    const result = async (measured: Measured): Promise<ScaleResult> => {
      await graph.close();
      await server.stop();
      details.storeMb = server.storeMb;
      return {
        scale,
        plantedContradictions: planted.size,
        foundContradictions: found.size,
        falsePositives: falsePositives.length,
        seeding: { rowsPerSec, rawUnwindRowsPerSec },
        ...measured,
        startup: startup && { neo4jMs: startup.neo4jMs, readyMs: startup.readyMs, firstAnswerMs: startup.firstAnswerMs, tenthAnswerMs: startup.tenthAnswerMs, warmRestartReadyMs: startup.warmRestartReadyMs },
        details: { ...details, startup },
      };
    };
    if (options.seedingOnly) return await result({ contradictionsByOrganization: null, firstPageOfAll: null, httpThroughput: null, apiRssMb: null, incrementalLoad: null, reviews: null });

    // 4. Latency through the API.
    const claimgraph = await startChild("claimgraph", server);
    const hub = (id: string) => id.endsWith("-platform");
    const byOrganization: { ms: number; hub: boolean }[] = [];
    {
      const times = await timeRequests(
        sample.map((org) => () => ({ query: CLAIMGRAPH_CONTRADICTIONS, variables: { organization: org } })),
        `${claimgraph.url}/graphql`,
        options.latencySamples,
        options.latencySeconds,
      );
      // timeRequests keeps the order of `sample`, after its warm-up requests.
      times.forEach((ms, i) => byOrganization.push({ ms, hub: hub(sample[(i + 3) % sample.length]) }));
    }
    const contradictionsByOrganization = summarize(byOrganization.map((t) => t.ms));
    // The same organisations, the contradictions Cypher alone (one round trip, no GraphQL).
    const cypherOnly: number[] = [];
    {
      const query = contradictionsQuery({ start: "organization" });
      const deadline = Date.now() + options.latencySeconds * 1000;
      for (let i = 0; i < options.latencySamples + 3 && Date.now() < deadline; i++) {
        const t = performance.now();
        await graph.read(query, contradictionParams(sample[i % sample.length]));
        if (i >= 3) cypherOnly.push(performance.now() - t);
      }
    }
    details.contradictionsByOrganization = {
      ...contradictionsByOrganization,
      platforms: summarize(byOrganization.filter((t) => t.hub).map((t) => t.ms)),
      others: summarize(byOrganization.filter((t) => !t.hub).map((t) => t.ms)),
      cypherOnly: summarize(cypherOnly),
    };
    log(`contradictions(organization): ${JSON.stringify(details.contradictionsByOrganization)}`);
    const firstPageTimes = await timeRequests([() => ({ query: CLAIMGRAPH_FIRST_PAGE_OF_ALL })], `${claimgraph.url}/graphql`, options.firstPageSamples, options.firstPageSeconds, 1);
    const firstPage = summarize(firstPageTimes);
    details.firstPageOfAll = firstPage;
    log(`first page of all: ${JSON.stringify(firstPage)}`);

    // Reviews (issue 23): `reviews` findings reviewed over HTTP (8 writes at a time), then review
    // writes one at a time, timed; then the per-organisation read, the first page and the review
    // queue, each with every finding's status.
    let reviews: ScaleResult["reviews"] = null;
    if (options.reviews > 0) {
      const graphqlUrl = `${claimgraph.url}/graphql`;
      const statements = [...new Set(all.map((r) => r.statementId))];
      const chosen = rng.sample(statements, Math.min(options.reviews, statements.length));
      const { versions, seconds } = await reviewMany(post, graphqlUrl, chosen, 8);
      log(`reviews: ${chosen.length} findings reviewed in ${round(seconds)} s (${round(chosen.length / seconds, 0)} writes/s, 8 at a time)`);
      const writes = summarize(await timedReviewWrites(post, graphqlUrl, versions, chosen, options.latencySamples));
      const withStatus = summarize(await timeRequests(
        sample.map((org) => () => ({ query: CONTRADICTIONS_WITH_STATUS, variables: { organization: org } })),
        graphqlUrl,
        options.latencySamples,
        options.latencySeconds,
      ));
      const firstWithStatus = summarize(await timeRequests([() => ({ query: FIRST_PAGE_WITH_STATUS })], graphqlUrl, options.firstPageSamples, options.firstPageSeconds, 1));
      const queue = summarize(await timeRequests([() => ({ query: QUEUE_FIRST_PAGE })], graphqlUrl, options.firstPageSamples, options.firstPageSeconds, 1));
      const reviewed = (await graph.read<{ n: number }>("MATCH (r:Review) RETURN count(r) AS n"))[0].n;
      details.reviews = { reviewed, findings: statements.length, bulkWritesPerSec: round(chosen.length / seconds, 0), write: writes, contradictionsByOrganization: withStatus, firstPageOfAll: firstWithStatus, queueFirstPage: queue };
      reviews = { reviewed, writeP95Ms: writes.p95Ms, contradictionsByOrganizationP95Ms: withStatus.p95Ms, firstPageOfAllP95Ms: firstWithStatus.p95Ms, queueFirstPageP95Ms: queue.p95Ms };
      log(`reviews: ${JSON.stringify(details.reviews)}`);
      noteLoad("afterReviews");
    }

    // One new article at scale: each of `articles` article-sized extracts (the seed article under
    // other ids) loaded on its own into the big graph, timed from the seed call to its organisation's
    // contradictions answered by the API; every answer must hold the article's contradictions.
    let incrementalLoad: { p50Ms: number; p95Ms: number } | null = null;
    if (options.articles > 0) {
      const articleDir = fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-bench-articles-"));
      cleanups.push(async () => fs.rmSync(articleDir, { recursive: true, force: true }));
      const times: number[] = [];
      const found: number[] = [];
      const articles = articleExtracts(articleDir, options.articles);
      for (const article of articles) {
        const t = performance.now();
        await seed(graph, [article.file]);
        const data = await post(`${claimgraph.url}/graphql`, { query: CLAIMGRAPH_CONTRADICTIONS, variables: { organization: article.organization } });
        times.push(performance.now() - t);
        found.push(data.contradictions.edges.length);
      }
      if (found.some((n) => n === 0 || n !== found[0])) throw new Error(`the articles' contradictions were not all found: ${found.join(", ")}`);
      // With the reviews in the graph: the first article reviewed whole, reloaded unchanged and edited.
      if (options.reviews > 0) {
        details.reloadKeepsReviews = await reloadKeepsReviews(post, `${claimgraph.url}/graphql`, graph, { file: articles[0].file, prefix: "a00-" });
        log(`reload keeps reviews: ${JSON.stringify(details.reloadKeepsReviews)}`);
      }
      const summary = summarize(times);
      incrementalLoad = { p50Ms: summary.p50Ms, p95Ms: summary.p95Ms };
      details.incrementalLoad = { ...summary, contradictionsPerArticle: found[0], timesMs: times.map((ms) => round(ms, 0)) };
      log(`incremental load: ${JSON.stringify(details.incrementalLoad)}`);
      noteLoad("afterIncrementalLoad");
    }

    noteLoad("afterLatency");
    // 5. HTTP throughput, three servers, same load.
    const bare = await startChild("bare", server);
    const neo4jGraphql = await startChild("neo4j-graphql", server);
    const nestedOrgs = sample.slice(0, 200);
    const contradictionOrgs = sample.slice(0, 200);
    // The three answer the same, and the bare handler sends claimgraph's own Cypher.
    for (const org of nestedOrgs.slice(0, 5)) {
      const a = normalizeNested(await post(`${claimgraph.url}/graphql`, { query: CLAIMGRAPH_NESTED, variables: { id: org } }));
      const b = normalizeNested(await post(`${bare.url}/nested`, { id: org }));
      const c = normalizeNested(neo4jGraphqlAsClaimgraph(await post(`${neo4jGraphql.url}/graphql`, { query: NEO4J_GRAPHQL_NESTED, variables: { id: org } })));
      if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`claimgraph and the bare handler answer ${org} differently`);
      if (JSON.stringify(a) !== JSON.stringify(c)) throw new Error(`claimgraph and @neo4j/graphql answer ${org} differently`);
      const x = await post(`${claimgraph.url}/graphql`, { query: CLAIMGRAPH_CONTRADICTIONS, variables: { organization: org } });
      const y = await post(`${bare.url}/contradictions`, { organization: org });
      if (JSON.stringify(x) !== JSON.stringify(y)) throw new Error(`claimgraph and the bare handler find ${org}'s contradictions differently`);
    }
    // Full-text search for words of the corpus's statements, and the evidence chains of grants.
    const words = [...new Set((await graph.read<{ quote: string }>("MATCH (s:Statement) WHERE s.id IN $ids RETURN s.quote AS quote", {
      ids: (await graph.read<{ id: string }>("MATCH (o:Organization)<-[:ON_BEHALF_OF]-(s:Statement) WHERE o.id IN $orgs RETURN s.id AS id LIMIT 400", { orgs: sample.slice(0, 50) })).map((r) => r.id),
    })).flatMap((r) => (r.quote ?? "").toLowerCase().split(/[^a-z]+/).filter((w) => w.length >= 6)))].slice(0, 200);
    const grantIds = rng.sample((await graph.read<{ id: string }>("MATCH (g:AccessGrant) RETURN g.id AS id ORDER BY id")).map((r) => r.id), 200);
    if (words.length === 0 || grantIds.length === 0) throw new Error("no words or grants to ask for");
    for (const [i, text] of words.slice(0, 5).entries()) {
      const a = normalizeSearch(await post(`${claimgraph.url}/graphql`, { query: CLAIMGRAPH_SEARCH, variables: { text } }));
      const b = normalizeSearch(await post(`${bare.url}/search`, { text }));
      const c = normalizeSearch(await post(`${neo4jGraphql.url}/graphql`, { query: NEO4J_GRAPHQL_SEARCH, variables: { phrase: luceneQuery(text) } }));
      if (JSON.stringify(a) !== JSON.stringify(b) || JSON.stringify(a) !== JSON.stringify(c)) throw new Error(`the servers find "${text}" differently: ${JSON.stringify([a, b, c])}`);
      const id = grantIds[i];
      const x = normalizeEvidence(await post(`${claimgraph.url}/graphql`, { query: CLAIMGRAPH_EVIDENCE, variables: { id } }));
      const y = normalizeEvidence(await post(`${bare.url}/evidence`, { id }));
      const z = normalizeEvidence(await post(`${neo4jGraphql.url}/graphql`, { query: NEO4J_GRAPHQL_EVIDENCE, variables: { id } }));
      if (JSON.stringify(x) !== JSON.stringify(y) || JSON.stringify(x) !== JSON.stringify(z)) throw new Error(`the servers answer grant ${id}'s evidence differently: ${JSON.stringify([x, y, z])}`);
    }
    const cypherSent = await cypherOfRequests(server, nestedOrgs[0], words[0], grantIds[0]);
    details.sameCypher = cypherSent.every((c) => BARE_CYPHER.includes(c));
    if (!details.sameCypher) throw new Error(`claimgraph sent Cypher the bare handler does not: ${cypherSent.find((c) => !BARE_CYPHER.includes(c))?.slice(0, 200)}`);

    const nestedBodies = {
      claimgraph: nestedOrgs.map((id) => JSON.stringify({ query: CLAIMGRAPH_NESTED, variables: { id } })),
      bare: nestedOrgs.map((id) => JSON.stringify({ id })),
      neo4jGraphql: nestedOrgs.map((id) => JSON.stringify({ query: NEO4J_GRAPHQL_NESTED, variables: { id } })),
    };
    const contradictionBodies = {
      claimgraph: contradictionOrgs.map((organization) => JSON.stringify({ query: CLAIMGRAPH_CONTRADICTIONS, variables: { organization } })),
      bare: contradictionOrgs.map((organization) => JSON.stringify({ organization })),
    };
    // Each server is loaded in turns (bare, claimgraph, @neo4j/graphql, then again), a third of the
    // duration at a time, so a change in what else the machine runs weighs on all three alike.
    const rounds = 3;
    // CPU per request of the server process and of Neo4j, measured around each turn: unlike req/s,
    // it hardly depends on what else runs on the machine.
    const run = async (targets: { name: string; url: string; bodies: string[]; pid: number }[]) => {
      const totals = new Map<string, { requests: number; seconds: number; errors: number; non2xx: number; p50: number[]; p99: number[]; serverCpu: number; neo4jCpu: number }>();
      for (const { url, bodies } of targets) await loadTest(url, bodies, options.connections, Math.min(3, options.duration)); // warm-up
      for (let round = 0; round < rounds; round++) {
        for (const { name, url, bodies, pid } of targets) {
          const seconds = Math.max(1, Math.round(options.duration / rounds));
          const [server0, neo4j0] = [cpuMs(pid), cpuMs(server.pid)];
          const result = await loadTest(url, bodies, options.connections, seconds);
          const total = totals.get(name) ?? { requests: 0, seconds: 0, errors: 0, non2xx: 0, p50: [], p99: [], serverCpu: 0, neo4jCpu: 0 };
          total.serverCpu += cpuMs(pid) - server0;
          total.neo4jCpu += cpuMs(server.pid) - neo4j0;
          total.requests += result.requests;
          total.seconds += result.seconds;
          total.errors += result.errors;
          total.non2xx += result.non2xx;
          total.p50.push(result.p50Ms);
          total.p99.push(result.p99Ms);
          totals.set(name, total);
        }
      }
      const out: Record<string, LoadResult & { rounds: number; serverCpuMsPerRequest: number; neo4jCpuMsPerRequest: number; cpuMsPerRequest: number }> = {};
      for (const [name, t] of totals) {
        out[name] = {
          rps: round(t.requests / t.seconds, 1),
          seconds: round(t.seconds, 1),
          requests: t.requests,
          errors: t.errors,
          non2xx: t.non2xx,
          p50Ms: Math.max(...t.p50),
          p99Ms: Math.max(...t.p99),
          rounds,
          serverCpuMsPerRequest: round(t.serverCpu / t.requests, 2),
          neo4jCpuMsPerRequest: round(t.neo4jCpu / t.requests, 2),
          cpuMsPerRequest: round((t.serverCpu + t.neo4jCpu) / t.requests, 2),
        };
        log(`load ${name}: ${JSON.stringify(out[name])}`);
        if (t.errors > 0 || t.non2xx > 0) throw new Error(`${name}: ${t.errors} errors, ${t.non2xx} non-2xx responses`);
      }
      return out;
    };
    const nestedRuns = await run([
      { name: "bare", url: `${bare.url}/nested`, bodies: nestedBodies.bare, pid: bare.process.pid! },
      { name: "claimgraph", url: `${claimgraph.url}/graphql`, bodies: nestedBodies.claimgraph, pid: claimgraph.process.pid! },
      { name: "neo4jGraphql", url: `${neo4jGraphql.url}/graphql`, bodies: nestedBodies.neo4jGraphql, pid: neo4jGraphql.process.pid! },
    ]);
    const nested = { bare: nestedRuns.bare, claimgraph: nestedRuns.claimgraph, neo4jGraphql: nestedRuns.neo4jGraphql };
    const contradictionRuns = await run([
      { name: "bare", url: `${bare.url}/contradictions`, bodies: contradictionBodies.bare, pid: bare.process.pid! },
      { name: "claimgraph", url: `${claimgraph.url}/graphql`, bodies: contradictionBodies.claimgraph, pid: claimgraph.process.pid! },
    ]);
    const contradictionsLoad = { bare: contradictionRuns.bare, claimgraph: contradictionRuns.claimgraph };
    const searchRuns = await run([
      { name: "bare", url: `${bare.url}/search`, bodies: words.map((text) => JSON.stringify({ text })), pid: bare.process.pid! },
      { name: "claimgraph", url: `${claimgraph.url}/graphql`, bodies: words.map((text) => JSON.stringify({ query: CLAIMGRAPH_SEARCH, variables: { text } })), pid: claimgraph.process.pid! },
      { name: "neo4jGraphql", url: `${neo4jGraphql.url}/graphql`, bodies: words.map((text) => JSON.stringify({ query: NEO4J_GRAPHQL_SEARCH, variables: { phrase: luceneQuery(text) } })), pid: neo4jGraphql.process.pid! },
    ]);
    const evidenceRuns = await run([
      { name: "bare", url: `${bare.url}/evidence`, bodies: grantIds.map((id) => JSON.stringify({ id })), pid: bare.process.pid! },
      { name: "claimgraph", url: `${claimgraph.url}/graphql`, bodies: grantIds.map((id) => JSON.stringify({ query: CLAIMGRAPH_EVIDENCE, variables: { id } })), pid: claimgraph.process.pid! },
      { name: "neo4jGraphql", url: `${neo4jGraphql.url}/graphql`, bodies: grantIds.map((id) => JSON.stringify({ query: NEO4J_GRAPHQL_EVIDENCE, variables: { id } })), pid: neo4jGraphql.process.pid! },
    ]);
    const rps = (runs: Record<string, { rps: number }>) => ({ claimgraphRps: runs.claimgraph.rps, bareDriverRps: runs.bare.rps, neo4jGraphqlRps: runs.neo4jGraphql?.rps ?? null });
    const workloads = { nested: rps(nestedRuns), contradictions: rps(contradictionRuns), search: rps(searchRuns), evidenceChain: rps(evidenceRuns) };
    noteLoad("afterThroughput");
    const apiMemory = memoryMb(claimgraph.process.pid!);
    details.httpThroughput = {
      connections: options.connections,
      durationSeconds: options.duration,
      nested,
      contradictions: contradictionsLoad,
      claimgraphToBare: round(nested.claimgraph.rps / nested.bare.rps, 2),
      cpuClaimgraphToBare: round(nested.bare.cpuMsPerRequest / nested.claimgraph.cpuMsPerRequest, 2),
      cpuClaimgraphToNeo4jGraphql: round(nested.neo4jGraphql.cpuMsPerRequest / nested.claimgraph.cpuMsPerRequest, 2),
      claimgraphToNeo4jGraphql: round(nested.claimgraph.rps / nested.neo4jGraphql.rps, 2),
      contradictionsClaimgraphToBare: round(contradictionsLoad.claimgraph.rps / contradictionsLoad.bare.rps, 2),
      search: searchRuns,
      evidenceChain: evidenceRuns,
      searchClaimgraphToNeo4jGraphql: round(searchRuns.claimgraph.rps / searchRuns.neo4jGraphql.rps, 2),
      evidenceChainClaimgraphToNeo4jGraphql: round(evidenceRuns.claimgraph.rps / evidenceRuns.neo4jGraphql.rps, 2),
      neo4jGraphqlRssMb: memoryMb(neo4jGraphql.process.pid!).peakRssMb,
      bareRssMb: memoryMb(bare.process.pid!).peakRssMb,
    };
    details.apiMemory = apiMemory;
    details.neo4jRssMb = memoryMb(server.pid).rssMb;
    details.neo4jHeap = options.heap;
    details.neo4jPageCache = options.pageCache;


    // 6. Query plans.
    if (options.profile) {
      const plans: PlanSummary[] = [];
      const session = graph.driver.session({ database: server.database, defaultAccessMode: neo4j.session.READ });
      try {
        for (const [label, start, organization, limit] of [
          ["contradictions(organization: c00000-platform), a platform", "organization", "c00000-platform", 21],
          ["contradictions(organization: c00000-alpha), a partner", "organization", "c00000-alpha", 21],
          ["contradictions(organization: c00000-gamma), a partner", "organization", "c00000-gamma", 21],
          ["contradictions, first page of all", "all", null, 21],
        ] as const) {
          const t = performance.now();
          const result = await session.run(`PROFILE ${contradictionsQuery({ start })}`, contradictionParams(organization, limit));
          plans.push(summarizePlan(label, result.summary.profile as any, performance.now() - t, result.records.length));
        }
      } finally {
        await session.close();
      }
      details.plans = plans;
    }

    for (const child of [bare, neo4jGraphql, claimgraph]) await child.stop();
    return await result({
      contradictionsByOrganization: { p50Ms: contradictionsByOrganization.p50Ms, p95Ms: contradictionsByOrganization.p95Ms, p99Ms: contradictionsByOrganization.p99Ms },
      firstPageOfAll: { p50Ms: firstPage.p50Ms, p95Ms: firstPage.p95Ms },
      httpThroughput: { claimgraphRps: nested.claimgraph.rps, bareDriverRps: nested.bare.rps, neo4jGraphqlRps: nested.neo4jGraphql.rps, workloads },
      apiRssMb: apiMemory.peakRssMb,
      incrementalLoad,
      reviews,
    });
  } finally {
    await cleanUp();
  }
}

/**
 * The Cypher statements claimgraph sends for the two requests of the comparison, recorded by running
 * them through an in-process claimgraph server whose Graph notes every statement.
 */
async function cypherOfRequests(local: LocalServer, organization: string, text: string, grant: string): Promise<string[]> {
  const { buildServer } = await import("../../src/server/server.ts");
  const sent: string[] = [];
  const graph = new Graph({ uri: local.uri, database: local.database, password: local.password });
  const runIn = graph.runIn.bind(graph);
  graph.runIn = (tx, cypher, params) => {
    sent.push(cypher);
    return runIn(tx, cypher, params);
  };
  const { apollo, handler } = await buildServer(graph, { log: () => {} });
  const { listen } = await import("../../src/server/http.ts");
  const server = await listen(handler, 0, "127.0.0.1");
  try {
    const url = `http://127.0.0.1:${(server.address() as any).port}/graphql`;
    await post(url, { query: CLAIMGRAPH_NESTED, variables: { id: organization } });
    await post(url, { query: CLAIMGRAPH_CONTRADICTIONS, variables: { organization } });
    await post(url, { query: CLAIMGRAPH_SEARCH, variables: { text } });
    await post(url, { query: CLAIMGRAPH_EVIDENCE, variables: { id: grant } });
  } finally {
    server.closeAllConnections();
    server.close();
    await apollo.stop();
    await graph.close();
  }
  return [...new Set(sent)];
}

// ------------------------------------------------------------------------------------------------
// Output

function table(result: ScaleResult): string {
  const d = result.details as any;
  const t = d.httpThroughput;
  const ok = (good: boolean) => (good ? "met" : "MISSED");
  const lines = [
    ``,
    `claimgraph bench: ${result.scale.toLocaleString("en")} organisations (${d.corpus.counts.statements.toLocaleString("en")} statements, ${d.corpus.counts.grants.toLocaleString("en")} grants, ${d.corpus.counts.reports.toLocaleString("en")} reports, ${d.corpus.counts.people.toLocaleString("en")} people)`,
    `  correctness        planted ${result.plantedContradictions}, found ${result.foundContradictions}, false positives ${result.falsePositives}, missing ${d.correctness.missing}, near-misses reported ${d.correctness.nearMissesReported}, wrong kind ${d.correctness.wrongKind}; organisations checked ${d.correctness.organizationsChecked}, wrong ${d.correctness.organizationsWrong}`,
    `  seeding            claimgraph ${result.seeding.rowsPerSec} rows/s (write ${d.seeding.writeSeconds} s, of which deciding contradictions ${d.seeding.precomputeSeconds} s; validation ${d.seeding.validateSeconds} s more), raw UNWIND ${result.seeding.rawUnwindRowsPerSec} rows/s: ${Math.round(d.seeding.ratioToRaw * 100)}% [target >= 80%: ${ok(d.seeding.ratioToRaw >= 0.8)}]`,
  ];
  if (result.startup) {
    const st = result.startup;
    lines.push(`  npm start (seed)   Neo4j ${st.neo4jMs} ms, /ready ${st.readyMs} ms, first answer ${st.firstAnswerMs} ms, tenth ${st.tenthAnswerMs} ms [first <= 2x tenth and <= 2 s: ${ok(st.firstAnswerMs <= 2 * st.tenthAnswerMs && st.firstAnswerMs <= 2000)}]; warm restart /ready ${st.warmRestartReadyMs} ms (its Neo4j ${d.startup.warmRestartNeo4jMs} ms) [<= Neo4j + 2 s: ${ok(st.warmRestartReadyMs <= d.startup.warmRestartNeo4jMs + 2000)}]`);
  }
  if (result.incrementalLoad) {
    lines.push(`  one new article    p50 ${result.incrementalLoad.p50Ms} ms, p95 ${result.incrementalLoad.p95Ms} ms from the seed call to its contradictions answered (n ${d.incrementalLoad.n}) [p95 <= 1 s: ${ok(result.incrementalLoad.p95Ms <= 1000)}]`);
  }
  if (result.reviews) {
    const r = result.reviews;
    const k = d.reloadKeepsReviews;
    lines.push(
      `  reviews            ${r.reviewed.toLocaleString("en")} findings reviewed (${d.reviews.bulkWritesPerSec} writes/s, 8 at a time); a review write one at a time p50 ${d.reviews.write.p50Ms} ms, p95 ${r.writeP95Ms} ms (n ${d.reviews.write.n}) [p95 <= 50 ms: ${ok(r.writeP95Ms <= 50)}]`,
      `  with statuses      contradictions(organization) p95 ${r.contradictionsByOrganizationP95Ms} ms [< 50 ms: ${ok(r.contradictionsByOrganizationP95Ms < 50)}]; first page of all p95 ${r.firstPageOfAllP95Ms} ms [< 200 ms: ${ok(r.firstPageOfAllP95Ms < 200)}]; review queue's first page p95 ${r.queueFirstPageP95Ms} ms`,
      ...(k ? [`  reload and reviews ${k.articleFindingsReviewed} findings of an article reviewed; reviews ${k.reviewsBefore} before, ${k.reviewsAfterUnchangedReload} after an unchanged reload (${k.unchangedReloadMs} ms), ${k.reviewsAfterEditedReload} after an edited one (${k.editedReloadMs} ms); flagged ${k.flaggedByEdit} = the ${k.restingOnEditedGrant} resting on the edited grant [kept: ${ok(k.reviewsBefore === k.reviewsAfterEditedReload)}]`] : []),
    );
  }
  const machine = `  machine            ${d.machine.cpus} CPUs, ${d.machine.memoryGb} GB; 1-min load average ${Object.entries(d.machine.loadAverage).map(([k, v]) => `${k} ${v}`).join(", ")}`;
  if (!result.contradictionsByOrganization || !result.firstPageOfAll || !t) return [...lines, machine].join("\n");
  lines.push(
    `  contradictions(organization)  p50 ${result.contradictionsByOrganization.p50Ms} ms, p95 ${result.contradictionsByOrganization.p95Ms} ms, p99 ${result.contradictionsByOrganization.p99Ms} ms over HTTP (n ${d.contradictionsByOrganization.n}; platforms p95 ${d.contradictionsByOrganization.platforms.p95Ms} ms, others p95 ${d.contradictionsByOrganization.others.p95Ms} ms; the Cypher alone p50 ${d.contradictionsByOrganization.cypherOnly.p50Ms} ms, p95 ${d.contradictionsByOrganization.cypherOnly.p95Ms} ms) [target p95 < 50 ms: ${ok(result.contradictionsByOrganization.p95Ms < 50)}]`,
    `  first page of all  p50 ${result.firstPageOfAll.p50Ms} ms, p95 ${result.firstPageOfAll.p95Ms} ms (n ${d.firstPageOfAll.n}) [target < 200 ms: ${ok(result.firstPageOfAll.p95Ms < 200)}]`,
    `  HTTP, nested read  claimgraph ${t.nested.claimgraph.rps} req/s, bare driver ${t.nested.bare.rps} req/s, @neo4j/graphql ${t.nested.neo4jGraphql.rps} req/s (${t.connections} connections, ${t.durationSeconds} s each): ${Math.round(t.claimgraphToBare * 100)}% of bare [>= 80%: ${ok(t.claimgraphToBare >= 0.8)}], ${t.claimgraphToNeo4jGraphql}x @neo4j/graphql [>= 2x: ${ok(t.claimgraphToNeo4jGraphql >= 2)}]`,
    `  CPU per request    nested read: claimgraph ${t.nested.claimgraph.cpuMsPerRequest} ms (server ${t.nested.claimgraph.serverCpuMsPerRequest} + Neo4j ${t.nested.claimgraph.neo4jCpuMsPerRequest}), bare ${t.nested.bare.cpuMsPerRequest} ms (${t.nested.bare.serverCpuMsPerRequest} + ${t.nested.bare.neo4jCpuMsPerRequest}), @neo4j/graphql ${t.nested.neo4jGraphql.cpuMsPerRequest} ms (${t.nested.neo4jGraphql.serverCpuMsPerRequest} + ${t.nested.neo4jGraphql.neo4jCpuMsPerRequest}): claimgraph does ${Math.round(t.cpuClaimgraphToBare * 100)}% of bare's work rate, ${t.cpuClaimgraphToNeo4jGraphql}x @neo4j/graphql's; contradictions: claimgraph ${t.contradictions.claimgraph.cpuMsPerRequest} ms, bare ${t.contradictions.bare.cpuMsPerRequest} ms`,
    `  HTTP, search       claimgraph ${t.search.claimgraph.rps} req/s, bare driver ${t.search.bare.rps} req/s, @neo4j/graphql ${t.search.neo4jGraphql.rps} req/s: ${t.searchClaimgraphToNeo4jGraphql}x @neo4j/graphql [>= 1x: ${ok(t.searchClaimgraphToNeo4jGraphql >= 1)}]`,
    `  HTTP, evidence     claimgraph ${t.evidenceChain.claimgraph.rps} req/s, bare driver ${t.evidenceChain.bare.rps} req/s, @neo4j/graphql ${t.evidenceChain.neo4jGraphql.rps} req/s: ${t.evidenceChainClaimgraphToNeo4jGraphql}x @neo4j/graphql [>= 1x: ${ok(t.evidenceChainClaimgraphToNeo4jGraphql >= 1)}]`,
    `  HTTP, contradictions  claimgraph ${t.contradictions.claimgraph.rps} req/s, bare driver ${t.contradictions.bare.rps} req/s: ${Math.round(t.contradictionsClaimgraphToBare * 100)}% of bare`,
    machine,
    `  memory             claimgraph API peak RSS ${result.apiRssMb} MB (bare ${t.bareRssMb} MB, @neo4j/graphql ${t.neo4jGraphqlRssMb} MB), Neo4j RSS ${d.neo4jRssMb} MB (store ${d.storeMb} MB, heap ${d.neo4jHeap}, page cache ${d.neo4jPageCache})`,
  );
  for (const plan of d.plans ?? []) lines.push(formatPlan(plan));
  return lines.join("\n");
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  let failed = false;
  // Once, before the scales (it does not depend on them), on a machine not yet busy with them.
  const startup = options.startup ? await measureStartup(log) : null;
  for (const scale of options.scales) {
    const result = await runScale(scale, options, startup);
    process.stdout.write(options.json ? `${JSON.stringify(result)}\n` : `${table(result)}\n`);
    if (result.falsePositives > 0 || result.foundContradictions !== result.plantedContradictions) failed = true;
  }
  return failed ? 1 : 0;
}

const exit = (code: number) => process.exit(code);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`);
    cleanUp().finally(() => exit(130));
  });
}
main().then(exit, (error) => {
  log(`failed: ${error instanceof Error ? error.stack : error}`);
  exit(1);
});
