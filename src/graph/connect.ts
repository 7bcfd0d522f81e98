import type { Config } from "../config.ts";
import { Graph } from "./graph.ts";
import { isClaimgraphError } from "../domain/errors.ts";
import { type RunningNeo4j, localNeo4jAlive, startLocalNeo4j, stopLocalNeo4j, stoppedLocalNeo4j } from "./localNeo4j.ts";
import { applyMigrations } from "./migrations.ts";

export interface Connected {
  graph: Graph;
  /** The local server, when NEO4J_URI is unset (the one in use now, after any restart). */
  readonly local?: RunningNeo4j;
  /** Closes the driver, and stops the local Neo4j if this process started it (only that one). */
  close(): Promise<void>;
  /** An error of the work done with `graph`, told as the local server's death when that is what it was. */
  explain(error: unknown): unknown;
  /**
   * The supervisor's look, now (with `supervise` it also runs every `superviseEveryMs`): when the
   * local server is gone, attach to the one running for the data folder or start one, and point the
   * graph at it. Resolves when done (a look in progress is shared, not repeated).
   */
  supervise(): Promise<void>;
}

export interface ConnectOptions {
  /** Stop the local server at exit if this process started it. */
  owned?: boolean;
  migrate?: boolean;
  /**
   * Watch the local server (the API does): when its JVM is gone (killed, out of memory), attach to
   * the one now running for the data folder (`claimgraph neo4j start`), or start one on the same port,
   * and point the graph at it. Requests in between get DATABASE_UNAVAILABLE.
   */
  supervise?: boolean;
  /** How often the supervisor looks (ms). */
  superviseEveryMs?: number;
  log?: (line: string) => void;
}

/**
 * Connects to NEO4J_URI, or to the local Neo4j of the data folder (started if needed; `owned` makes
 * this process stop it on exit when it was the one that started it), and applies the migrations.
 */
export async function connect(config: Config, options: ConnectOptions = {}): Promise<Connected> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  let local = config.external ? undefined : await startLocalNeo4j(config, { owned: options.owned });
  const graph = new Graph(config.external ?? local!.connection, { readTimeoutMs: config.readTimeoutMs, writeTimeoutMs: config.writeTimeoutMs });
  /** Stops the server this process started, if it is the one running (never one started since by another). */
  const stopOurs = async () => {
    if (local?.started && options.owned) await stopLocalNeo4j(config, log, local.state.pid);
  };
  try {
    if (options.migrate ?? true) await applyMigrations(graph);
  } catch (error) {
    await graph.close();
    await stopOurs();
    throw error;
  }
  let closed = false;
  const check = async () => {
    if (!local || localNeo4jAlive(local.state)) return;
    const gone = local;
    log(`The local Neo4j (pid ${gone.state.pid}) is gone; attaching to a running one or starting it again on port ${gone.state.port}.`);
    const next = await startLocalNeo4j(config, { owned: options.owned, port: gone.state.port, log });
    if (closed) {
      if (next.started && options.owned) await stopLocalNeo4j(config, log, next.state.pid);
      return;
    }
    local = next;
    if (next.connection.uri !== gone.connection.uri || next.connection.password !== gone.connection.password) graph.reconnect(next.connection);
    log(`Using the local Neo4j at ${next.state.uri} (pid ${next.state.pid}, ${next.started ? "started by this process" : "started by another"}).`);
  };
  let looking: Promise<void> | undefined;
  const supervise = () => (looking ??= check().finally(() => (looking = undefined)));
  let supervisor: NodeJS.Timeout | undefined;
  if (local && options.supervise) {
    supervisor = setInterval(() => {
      if (looking || closed) return;
      supervise().catch((error: Error) => log(`Restarting the local Neo4j failed (tried again in a moment): ${error.message}`));
    }, options.superviseEveryMs ?? 1000);
    supervisor.unref();
  }
  return {
    graph,
    get local() {
      return local;
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(supervisor);
      await graph.close();
      await stopOurs();
    },
    supervise,
    explain(error) {
      const unavailable = isClaimgraphError(error) && error.code === "DATABASE_UNAVAILABLE";
      return (unavailable && local && stoppedLocalNeo4j(config, local)) || error;
    },
  };
}
