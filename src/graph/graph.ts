import neo4j, { type Driver, type ManagedTransaction, Neo4jError } from "neo4j-driver";
import { ClaimgraphError, isClaimgraphError } from "../domain/errors.ts";
import type { Neo4jConnection } from "../config.ts";

export type Params = Record<string, unknown>;
export type Row = Record<string, unknown>;

/**
 * The one door to Neo4j: every Cypher statement of the project goes through `read` or `write`
 * (managed transactions, so transient errors are retried), and is counted, so tests can assert how
 * many round trips a GraphQL request costs. Driver failures become typed errors here.
 */
export class Graph {
  readonly driver: Driver;
  readonly database?: string;
  /**
   * Causal consistency (a cluster, Aura): every session of this Graph shares one bookmark manager,
   * so a read waits until the server it is sent to has applied this process's earlier writes.
   */
  readonly bookmarks = neo4j.bookmarkManager();
  /** Bookmarks of other processes' writes that this view's reads wait for too (see `following`). */
  private readonly after?: string[];
  private readonly counter = { statements: 0 };

  /** Cypher statements sent since the process started (by this Graph and its views). */
  get roundTrips(): number {
    return this.counter.statements;
  }

  constructor(connection: Neo4jConnection) {
    const auth =
      connection.password !== undefined
        ? neo4j.auth.basic(connection.user ?? "neo4j", connection.password)
        : neo4j.auth.basic("neo4j", "unused"); // the local server runs without auth
    this.driver = neo4j.driver(connection.uri, auth, {
      disableLosslessIntegers: true,
      maxConnectionPoolSize: 50,
      connectionAcquisitionTimeout: 10_000,
      connectionTimeout: 5_000,
      maxTransactionRetryTime: 5_000,
      // Every statement's records in one batch: runIn reads them all anyway, and a statement is then
      // run to its end before the next one of its transaction (the loader sends several at once;
      // pulled in batches, a statement's rest would be run after statements sent later).
      fetchSize: -1,
      logging: { level: "error", logger: () => {} },
    });
    this.database = connection.database;
  }

  async read<T = Row>(cypher: string, params: Params = {}): Promise<T[]> {
    return this.run("READ", (tx) => this.runIn(tx, cypher, params));
  }

  async write<T = Row>(cypher: string, params: Params = {}): Promise<T[]> {
    return this.run("WRITE", (tx) => this.runIn(tx, cypher, params));
  }

  /** Several statements in one write transaction: all of them or none. */
  async writeTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.run("WRITE", (tx) => work({ run: (cypher, params) => this.runIn(tx, cypher, params ?? {}) }));
  }

  async runIn<T>(tx: ManagedTransaction, cypher: string, params: Params): Promise<T[]> {
    this.counter.statements += 1;
    const result = await tx.run(cypher, params);
    return result.records.map((record) => record.toObject() as T);
  }

  private async run<T>(mode: "READ" | "WRITE", work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({
      database: this.database,
      defaultAccessMode: mode === "READ" ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.bookmarks,
      bookmarks: this.after,
    });
    try {
      return mode === "READ" ? await session.executeRead(work) : await session.executeWrite(work);
    } catch (error) {
      throw translateDriverError(error);
    } finally {
      await session.close();
    }
  }

  /**
   * This Graph, for reads that must also see the writes `bookmarks` name (another process's load,
   * passed on by the client): each of its transactions waits until its server has applied them.
   */
  following(bookmarks: string[]): Graph {
    if (bookmarks.length === 0) return this;
    return Object.create(this, { after: { value: [...bookmarks] } }) as Graph;
  }

  /** The bookmarks of this process's last writes: what another process's reads must wait for to see them. */
  async lastBookmarks(): Promise<string[]> {
    return [...(await this.bookmarks.getBookmarks())];
  }

  /** Is the server reachable? No retries: for readiness probes, which must answer fast. */
  async ping(timeoutMs = 3000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([this.driver.getServerInfo({ database: this.database }).then(() => true, () => false), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}

export interface Tx {
  run<T = Row>(cypher: string, params?: Params): Promise<T[]>;
}

const UNAVAILABLE_CODES = new Set([
  "ServiceUnavailable",
  "SessionExpired",
  "Neo.ClientError.Security.Unauthorized",
  "Neo.ClientError.Security.AuthenticationRateLimit",
  "Neo.ClientError.Database.DatabaseNotFound",
  "Neo.TransientError.General.DatabaseUnavailable",
]);

/** Driver errors the caller can do nothing about become DATABASE_UNAVAILABLE; the rest pass on. */
export function translateDriverError(error: unknown): unknown {
  if (isClaimgraphError(error)) return error;
  if (error instanceof Neo4jError) {
    if (/InvalidBookmark/.test(error.code)) {
      return new ClaimgraphError("BAD_USER_INPUT", "A bookmark of the Neo4j-Bookmarks header is not one this database issued; send the bookmarks `claimgraph seed` printed, as they are.", {
        cause: error.code,
      });
    }
    if (UNAVAILABLE_CODES.has(error.code) || /connect|ECONNREFUSED|Pool is closed/i.test(error.message)) {
      return new ClaimgraphError("DATABASE_UNAVAILABLE", "The database is unavailable; try again shortly.", {
        cause: error.code,
      });
    }
  }
  return error;
}
