import type { Config } from "../config.ts";
import { Graph } from "./graph.ts";
import { isClaimgraphError } from "../domain/errors.ts";
import { type RunningNeo4j, startLocalNeo4j, stopLocalNeo4j, stoppedLocalNeo4j } from "./localNeo4j.ts";
import { applyMigrations } from "./migrations.ts";

export interface Connected {
  graph: Graph;
  /** The local server, when NEO4J_URI is unset. */
  local?: RunningNeo4j;
  /** Closes the driver, and stops the local Neo4j if this process started it. */
  close(): Promise<void>;
  /** An error of the work done with `graph`, told as the local server's death when that is what it was. */
  explain(error: unknown): unknown;
}

/**
 * Connects to NEO4J_URI, or to the local Neo4j of the data folder (started if needed; `owned` makes
 * this process stop it on exit when it was the one that started it), and applies the migrations.
 */
export async function connect(config: Config, options: { owned?: boolean; migrate?: boolean } = {}): Promise<Connected> {
  const local = config.external ? undefined : await startLocalNeo4j(config, { owned: options.owned });
  const graph = new Graph(config.external ?? local!.connection);
  try {
    if (options.migrate ?? true) await applyMigrations(graph);
  } catch (error) {
    await graph.close();
    if (local?.started && options.owned) await stopLocalNeo4j(config);
    throw error;
  }
  let closed = false;
  return {
    graph,
    local,
    async close() {
      if (closed) return;
      closed = true;
      await graph.close();
      if (local?.started && options.owned) await stopLocalNeo4j(config);
    },
    explain(error) {
      const unavailable = isClaimgraphError(error) && error.code === "DATABASE_UNAVAILABLE";
      return (unavailable && local && stoppedLocalNeo4j(config, local)) || error;
    },
  };
}
