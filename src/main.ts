import "reflect-metadata";
import type { Config } from "./config.ts";
import { seed } from "./extract/load.ts";
import { countContradictions, findContradictions } from "./contradictions/contradictionService.ts";
import { connect } from "./graph/connect.ts";
import { listen } from "./server/http.ts";
import { buildServer } from "./server/server.ts";
import { webBundle } from "./web/bundle.ts";

const log = (line: string) => process.stderr.write(`${line}\n`);

/**
 * `npm start`: the local Neo4j (or NEO4J_URI), migrations, the seeds, then the API. SIGINT/SIGTERM
 * stop the API and the local Neo4j if this process started it.
 */
export async function runServer(config: Config): Promise<void> {
  log(config.external ? `Connecting to ${config.external.uri} and applying the schema migrations…` : "Starting or attaching to the local Neo4j, then applying the schema migrations…");
  const connection = await connect(config, { owned: true });
  log("Schema migrations applied.");
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping.`);
    const timer = setTimeout(() => process.exit(1), 70_000);
    timer.unref();
    await new Promise<void>((resolve) => (httpServer ? httpServer.close(() => resolve()) : resolve()));
    httpServer?.closeAllConnections();
    await apollo?.stop();
    await connection.close();
    log("Stopped.");
    process.exit(0);
  };
  let httpServer: import("node:http").Server | undefined;
  let apollo: import("@apollo/server").ApolloServer<never> | undefined;
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));

  try {
    if (config.loadSeedsOnStart) {
      log(`Loading the extracts in ${config.seedsDir} (validated, then written in one transaction)…`);
      const started = performance.now();
      const result = await seed(connection.graph, [config.seedsDir]);
      log(
        `Loaded ${result.files.length} extract file${result.files.length === 1 ? "" : "s"} from ${config.seedsDir}: ${result.nodes} nodes and ${result.relationshipRows} relationship rows in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
      );
    } else {
      log("Not loading the seeds (CLAIMGRAPH_LOAD_SEEDS=false).");
    }
    const built = await buildServer(connection.graph, { log });
    apollo = built.apollo as never;
    httpServer = await listen(built.handler, config.port, config.host);
  } catch (error) {
    await connection.close();
    throw error;
  }
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const base = `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${port}`;
  log(`claimgraph API at ${base}/graphql (playground at ${base}/), health at ${base}/health, readiness at ${base}/ready`);
  // The contradictions query is large: Neo4j plans it in seconds the first time, then caches the
  // plan. Plan each variant now, in the background, so the first user does not wait for it.
  void Promise.all([
    findContradictions(connection.graph, { skip: 0, limit: 1 }),
    findContradictions(connection.graph, { organization: "~warm-up~", skip: 0, limit: 1 }),
    countContradictions(connection.graph, { skip: 0, limit: 1 }),
  ]).catch((error: Error) => log(`Warming the contradictions query failed: ${error.message}`));
  // Warm the playground and explorer bundle now rather than on the first page view: read back from
  // its cache in milliseconds, or built once (seconds) after an install or a change of src/web.
  log("Preparing the playground, explorer and contradiction pages (their bundle is read from its cache, or built once)…");
  webBundle({ cacheDir: config.webCacheDir, log }).then(
    (bundle) => log(`Playground, explorer and contradiction pages ready (${bundle.source === "cached" ? "cached bundle" : "bundle built"} in ${(bundle.millis / 1000).toFixed(1)} s): ${base}/, ${base}/explore and ${base}/contradictions`),
    (error: Error) => log(`The playground and explorer bundle failed to build; the API works without it. ${error.message}`),
  );
}
