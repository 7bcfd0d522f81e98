import "reflect-metadata";
import type http from "node:http";
import type { ApolloServer } from "@apollo/server";
import { type Config, loadConfig } from "./config.ts";
import { intakeRoute } from "./draft/intakeRoute.ts";
import { exportRoute } from "./export/exportRoute.ts";
import { formatIssue } from "./extract/parse.ts";
import { stopTextWork } from "./extract/textWorker.ts";
import { seedChanged } from "./extract/unchanged.ts";
import { connect } from "./graph/connect.ts";
import type { Graph } from "./graph/graph.ts";
import type { Context } from "./schema/context.ts";
import { checkAccessPolicy, loadAccessPolicy } from "./server/access.ts";
import { type Route, listen } from "./server/http.ts";
import { buildServer } from "./server/server.ts";
import { markPlansWarm, plansWarm, warmPages } from "./warmUp.ts";
import { webBundle } from "./web/bundle.ts";
import { reportTextRoute } from "./web/reportTextRoute.ts";
import { webRoutes } from "./web/webRoutes.ts";

const log = (line: string) => process.stderr.write(`${line}\n`);

/**
 * The routes beside /graphql, composed where the app is assembled (the server takes a list and
 * knows no pages): the exports, the intake page's endpoints (/intake/*, saving into `seedsDir`), then
 * the playground (/), the explorer (/explore), the desk, the intake page and their assets.
 */
export function appRoutes(graph: Graph, options: { log?: (line: string) => void; webCacheDir?: string; seedsDir?: string } = {}): Route[] {
  return [
    exportRoute(graph),
    reportTextRoute(graph),
    intakeRoute(graph, { seedsDir: options.seedsDir ?? loadConfig().seedsDir, log: options.log }),
    webRoutes({ cacheDir: options.webCacheDir ?? loadConfig().webCacheDir, log: options.log }),
  ];
}

/** The whole app built but not listening: the API (src/server/server.ts) with the app's routes after any given. */
export function buildApp(graph: Graph, options: Parameters<typeof buildServer>[1] & { webCacheDir?: string; seedsDir?: string } = {}) {
  return buildServer(graph, { ...options, routes: [...(options.routes ?? []), ...appRoutes(graph, options)] });
}

const since = (started: number) => `${((performance.now() - started) / 1000).toFixed(1)} s`;

/**
 * `npm start`: the local Neo4j (or NEO4J_URI), migrations, the API listening, then the seeds that
 * changed since their last load (src/extract/unchanged.ts), then the warm-up of what the first
 * answers would pay for (src/warmUp.ts); /ready answers 200 once both are done.
 * SIGINT/SIGTERM stop the API and the local Neo4j if this process started it.
 */
export async function runServer(config: Config): Promise<void> {
  // Who may read is settled before anything starts: beyond loopback, not without a policy.
  const accessPolicy = loadAccessPolicy();
  checkAccessPolicy(config.host, accessPolicy);
  const processStarted = performance.now();
  log(config.external ? `Connecting to ${config.external.uri} and applying the schema migrations…` : "Starting or attaching to the local Neo4j, then applying the schema migrations…");
  const connection = await connect(config, { owned: true, supervise: true, log });
  const phases = [`Neo4j and migrations ${since(processStarted)}`];
  log(`Neo4j up and schema migrations applied (${since(processStarted)}).`);
  let httpServer: http.Server | undefined;
  let apollo: ApolloServer<Context> | undefined;
  const close = async () => {
    await new Promise<void>((resolve) => (httpServer ? httpServer.close(() => resolve()) : resolve()));
    httpServer?.closeAllConnections();
    await apollo?.stop();
    await connection.close();
  };
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping.`);
    // A load under way stops at once: its texts' worker ends, and nothing is written (one transaction).
    stopTextWork();
    const timer = setTimeout(() => process.exit(1), 70_000);
    timer.unref();
    await close();
    log("Stopped.");
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));

  // From here on the API listens: /health answers, and /ready answers 503 with what the start is
  // doing until the seeds are loaded and the first answers warmed.
  let starting: string | undefined = config.loadSeedsOnStart ? "loading the seeds" : "warming up";
  let base = "";
  try {
    const built = await buildApp(connection.graph, { log, starting: () => starting, requestTimeoutMs: config.requestTimeoutMs, accessPolicy, webCacheDir: config.webCacheDir, seedsDir: config.seedsDir });
    apollo = built.apollo;
    httpServer = await listen(built.handler, config.port, config.host);
    const address = httpServer.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    base = `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${port}`;
    log(`Listening on ${base}; /ready answers 503 until the start is done.`);

    // The playground and explorer bundle: read back from its cache in milliseconds, or built once
    // (seconds) after an install or a change of src/web. The API works without it.
    const bundle = webBundle({ cacheDir: config.webCacheDir, log }).then(
      (bundle) => `${bundle.source === "cached" ? "cached" : "built"} playground bundle ${(bundle.millis / 1000).toFixed(1)} s`,
      (error: Error) => {
        log(`The playground and explorer bundle failed to build; the API works without it. ${error.message}`);
        return "no playground bundle";
      },
    );
    let loadedAny = false;
    if (config.loadSeedsOnStart) {
      const loadStarted = performance.now();
      const { loaded, skipped } = await seedChanged(connection.graph, [config.seedsDir], { warn: (issue) => log(formatIssue(issue)) });
      const done = [
        loaded && `loaded ${loaded.files.length} extract file(s): ${loaded.nodes} nodes and ${loaded.relationshipRows} relationship rows`,
        skipped.length > 0 && `skipped ${skipped.length} unchanged since their last load`,
      ];
      log(`Seeds from ${config.seedsDir}: ${done.filter(Boolean).join(", ")}.`);
      phases.push(`seeds ${since(loadStarted)}`);
      loadedAny = !!loaded;
    }
    // A restart against the local Neo4j an earlier API warmed, with nothing loaded: its plans are warm
    const local = connection.local;
    if (local && !local.started && !loadedAny && plansWarm(local.state)) {
      built.internal.revoke();
      phases.push(`no warm-up (the running Neo4j's plans are warm, pid ${local.state.pid})`);
    } else {
      starting = "warming up";
      const warmStarted = performance.now();
      // under an access policy too: with the process's own credential, revoked once warmed
      const warm = await warmPages(apollo, connection.graph, { url: `${base}/graphql`, authorization: built.internal.authorization() }).finally(() => built.internal.revoke());
      for (const error of warm.errors) log(`Warming up: ${error}`);
      const round = (i: number) => `${Math.round(warm.roundMillis.at(i)!)} ms`;
      phases.push(`the pages' ${warm.queries} queries ${warm.rounds} times ${since(warmStarted)} (first time ${round(0)}, last ${round(-1)})`);
      if (connection.local) markPlansWarm(connection.local.state);
    }
    phases.push(await bundle);
  } catch (error) {
    // Stopped by a signal mid-start: stop() closes everything and exits.
    if (stopping) return new Promise<void>(() => {});
    await close();
    throw error;
  }
  starting = undefined;
  log(`Ready in ${since(processStarted)}: ${phases.join(", ")}.`);
  log(`claimgraph API at ${base}/graphql (playground at ${base}/, explorer at ${base}/explore, all contradictions at ${base}/contradictions, intake at ${base}/intake), health at ${base}/health, readiness at ${base}/ready`);
}
