import "reflect-metadata";
import type { Config } from "./config.ts";
import { seed } from "./extract/load.ts";
import { countContradictions, findContradictions } from "./contradictions/contradictionService.ts";
import { connect } from "./graph/connect.ts";
import { checkAccessPolicy, loadAccessPolicy } from "./server/access.ts";
import { listen } from "./server/http.ts";
import { buildServer } from "./server/server.ts";
import { webBundle } from "./web/bundle.ts";

const log = (line: string) => process.stderr.write(`${line}\n`);

/**
 * `npm start`: the local Neo4j (or NEO4J_URI), migrations, the seeds, then the API. SIGINT/SIGTERM
 * stop the API and the local Neo4j if this process started it.
 */
export async function runServer(config: Config): Promise<void> {
  // Who may read is settled before anything starts: beyond loopback, not without a policy.
  const accessPolicy = loadAccessPolicy();
  checkAccessPolicy(config.host, accessPolicy);
  const connection = await connect(config, { owned: true, supervise: true, log });
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
      const result = await seed(connection.graph, [config.seedsDir]);
      log(`Loaded ${result.files.length} extract file(s) from ${config.seedsDir}.`);
    }
    const built = await buildServer(connection.graph, { log, requestTimeoutMs: config.requestTimeoutMs, accessPolicy });
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
  webBundle({ cacheDir: config.webCacheDir, log }).then(
    (bundle) => log(`Playground and explorer ready (${bundle.source === "cached" ? "cached bundle" : "bundle built"} in ${(bundle.millis / 1000).toFixed(1)} s): ${base}/ and ${base}/explore`),
    (error: Error) => log(`The playground and explorer bundle failed to build; the API works without it. ${error.message}`),
  );
}
