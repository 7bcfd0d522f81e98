import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { loadConfig } from "../../src/config.ts";
import { startLocalNeo4j, stopLocalNeo4j } from "../../src/graph/localNeo4j.ts";

/**
 * The run's real Neo4j servers: NEO4J_URI when set (one server; files then take turns on it, see
 * vitest.config.ts), else one throwaway local server per vitest worker, each in a temporary data
 * folder of its own, started side by side, owned by this process (a watchdog stops them even if
 * vitest is killed) and stopped in teardown, which vitest runs whether tests pass or fail. A file
 * uses the server of the worker it runs in (tests/support/neo4j.ts): files running at the same time
 * never share a database, and files of one worker take turns on a clean graph.
 */
export default async function setup(project: TestProject) {
  // Under `--mode routing` (vitest.config.ts) every client of the run connects with neo4j://: the
  // driver asks the server for a routing table and sends reads and writes where it says.
  const routed = (uri: string) => (project.config.provide?.neo4jRouting ? uri.replace(/^bolt(\+s|\+ssc)?:/, "neo4j$1:") : uri);
  if (process.env.NEO4J_URI) {
    project.provide("neo4jServers", [
      {
        uri: routed(process.env.NEO4J_URI),
        user: process.env.NEO4J_USER ?? "neo4j",
        password: process.env.NEO4J_PASSWORD,
        database: process.env.NEO4J_DATABASE || undefined,
        pid: 0,
      },
    ]);
    return;
  }
  const workers = Math.max(1, project.config.maxWorkers ?? 1);
  const configs = Array.from({ length: workers }, () => ({ ...loadConfig(), dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-test-")) }));
  const stop = async () => {
    await Promise.allSettled(configs.map((config) => stopLocalNeo4j(config)));
    for (const config of configs) fs.rmSync(config.dataDir, { recursive: true, force: true });
  };
  try {
    const running = await Promise.all(configs.map((config) => startLocalNeo4j(config, { owned: true })));
    project.provide(
      "neo4jServers",
      running.map((server) => ({ ...server.connection, uri: routed(server.connection.uri), pid: server.state.pid })),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}

declare module "vitest" {
  export interface ProvidedContext {
    /** The run's servers, one per worker (tests/support/neo4j.ts picks a file's); pid 0 for NEO4J_URI's. */
    neo4jServers: { uri: string; user?: string; password?: string; database?: string; pid: number }[];
    /** Set by vitest.config.ts under `--mode routing`. */
    neo4jRouting: boolean;
  }
}
