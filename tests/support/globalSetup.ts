import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { loadConfig } from "../../src/config.ts";
import { startLocalNeo4j, stopLocalNeo4j } from "../../src/graph/localNeo4j.ts";

/**
 * One real Neo4j for the whole test run: NEO4J_URI when set, else a throwaway local server in a
 * temporary data folder, owned by this process (a watchdog stops it even if vitest is killed) and
 * stopped in teardown, which vitest runs whether tests pass or fail.
 */
export default async function setup(project: TestProject) {
  // Under `--mode routing` (vitest.config.ts) every client of the run connects with neo4j://: the
  // driver asks the server for a routing table and sends reads and writes where it says.
  const routed = (uri: string) => (project.config.provide?.neo4jRouting ? uri.replace(/^bolt(\+s|\+ssc)?:/, "neo4j$1:") : uri);
  if (process.env.NEO4J_URI) {
    project.provide("neo4j", {
      uri: routed(process.env.NEO4J_URI),
      user: process.env.NEO4J_USER ?? "neo4j",
      password: process.env.NEO4J_PASSWORD,
      database: process.env.NEO4J_DATABASE || undefined,
    });
    return;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-test-"));
  const config = { ...loadConfig(), dataDir };
  const running = await startLocalNeo4j(config, { owned: true });
  project.provide("neo4j", { ...running.connection, uri: routed(running.connection.uri) });
  project.provide("neo4jPid", running.state.pid);
  return async () => {
    await stopLocalNeo4j(config);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    neo4j: { uri: string; user?: string; password?: string; database?: string };
    neo4jPid: number;
    /** Set by vitest.config.ts under `--mode routing`. */
    neo4jRouting: boolean;
  }
}
