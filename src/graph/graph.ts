import neo4j, { type Driver, type ManagedTransaction, Neo4jError, type Session } from "neo4j-driver";
import { ClaimgraphError, isClaimgraphError } from "../domain/errors.ts";
import type { Neo4jConnection } from "../config.ts";

export type Params = Record<string, unknown>;
export type Row = Record<string, unknown>;

/**
 * The one door to Neo4j: every Cypher statement of the project goes through `read` or `write`
 * (managed transactions, so transient errors are retried), and is counted, so tests can assert how
 * many round trips a GraphQL request costs. Driver failures become typed errors here.
 */
export interface GraphOptions {
  /** How long one read (all its retries included) may take: the server's transaction timeout and the caller's deadline. */
  readTimeoutMs?: number;
  /** The same for a write (loads are large). */
  writeTimeoutMs?: number;
}

export const DEFAULT_TIMEOUTS = { readTimeoutMs: 60_000, writeTimeoutMs: 300_000 };

function createDriver(connection: Neo4jConnection): Driver {
  const auth =
    connection.password !== undefined
      ? neo4j.auth.basic(connection.user ?? "neo4j", connection.password)
      : neo4j.auth.basic("neo4j", "unused"); // a server without authentication
  return neo4j.driver(connection.uri, auth, {
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
}

export class Graph {
  /** Replaced by `reconnect` when the server moved (a local Neo4j restarted on another port). */
  driver: Driver;
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
  readonly timeouts: Required<GraphOptions>;

  constructor(connection: Neo4jConnection, options: GraphOptions = {}) {
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options };
    this.driver = createDriver(connection);
    this.database = connection.database;
  }

  /** Points this graph at another server (same database); work in flight on the old one fails as unavailable. */
  reconnect(connection: Neo4jConnection): void {
    const old = this.driver;
    this.driver = createDriver(connection);
    old.close().catch(() => {});
  }

  async read<T = Row>(cypher: string, params: Params = {}): Promise<T[]> {
    return this.run("READ", (tx) => this.runIn(tx, cypher, params));
  }

  async write<T = Row>(cypher: string, params: Params = {}): Promise<T[]> {
    return this.run("WRITE", (tx) => this.runIn(tx, cypher, params));
  }

  /** Several statements in one read transaction (one snapshot), retried as a whole on transient errors. */
  async readTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.run("READ", (tx) => work(this.txOf(tx)));
  }

  /**
   * Several statements in one write transaction, retried as a whole on transient errors (so `work`
   * must be safe to run again), and the bookmarks of the commit: what a read through any server of
   * the cluster, or another process, waits for to see this write (the API sends them back to the
   * client, which sends them with its next request: src/server/http.ts).
   */
  async writeTracked<T>(work: (tx: Tx) => Promise<T>): Promise<{ result: T; bookmarks: string[] }> {
    let bookmarks: string[] = [];
    const result = await this.run("WRITE", (tx) => work(this.txOf(tx)), (session) => (bookmarks = session.lastBookmarks()));
    return { result, bookmarks };
  }

  /**
   * Several statements in one write transaction: all of them or none. Unlike `write`, not retried:
   * it is a whole load, and a transient failure of one that large (above all the server's memory
   * limit for a transaction, which can strike at commit, when indexes are updated) would only fail
   * again after running the load once more; the caller reports it, and a load may be run again.
   */
  async writeTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.run("WRITE_ONCE", (tx) => work(this.txOf(tx)));
  }

  private txOf(tx: ManagedTransaction): Tx {
    return { run: (cypher, params) => this.runIn(tx, cypher, params ?? {}) };
  }

  async runIn<T>(tx: ManagedTransaction, cypher: string, params: Params): Promise<T[]> {
    this.counter.statements += 1;
    const result = await tx.run(cypher, params);
    return result.records.map((record) => record.toObject() as T);
  }

  /**
   * One managed transaction under a deadline: the server ends it past the timeout (its transaction
   * timeout), and the caller stops waiting then in any case, so a server that does not answer at all
   * (a stopped JVM, a lost network) ends in DATABASE_TIMEOUT rather than a hang. The session of a
   * transaction given up on is closed in the background (closing waits for the server too).
   */
  private async run<T>(mode: "READ" | "WRITE" | "WRITE_ONCE", work: (tx: ManagedTransaction) => Promise<T>, committed?: (session: Session) => void): Promise<T> {
    const timeoutMs = mode === "READ" ? this.timeouts.readTimeoutMs : this.timeouts.writeTimeoutMs;
    const session = this.driver.session({
      database: this.database,
      defaultAccessMode: mode === "READ" ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.bookmarks,
      bookmarks: this.after,
    });
    const config = { timeout: timeoutMs };
    const done =
      mode === "READ" ? session.executeRead(work, config) : mode === "WRITE" ? session.executeWrite(work, config) : writeOnce(session, work, config);
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        reject(timeoutError(timeoutMs));
      }, timeoutMs);
    });
    try {
      const result = await Promise.race([done, deadline]);
      committed?.(session);
      return result;
    } catch (error) {
      throw translateDriverError(error);
    } finally {
      clearTimeout(timer);
      if (timedOut) {
        done.catch(() => {});
        session.close().catch(() => {});
      } else {
        await session.close();
      }
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

/** One explicit write transaction, committed when `work` succeeds and rolled back when it fails; never retried. */
async function writeOnce<T>(session: Session, work: (tx: ManagedTransaction) => Promise<T>, config: { timeout: number }): Promise<T> {
  const tx = session.beginTransaction(config);
  try {
    const result = await work(tx as unknown as ManagedTransaction);
    await tx.commit();
    return result;
  } catch (error) {
    if (tx.isOpen()) await tx.rollback().catch(() => {});
    throw error;
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

function timeoutError(timeoutMs: number): ClaimgraphError {
  return new ClaimgraphError("DATABASE_TIMEOUT", `The database did not answer within ${timeoutMs / 1000} s; try again shortly.`, { timeoutMs });
}

const TIMEOUT_CODES = new Set(["Neo.ClientError.Transaction.TransactionTimedOut", "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration"]);

/** Driver errors the caller can do nothing about become DATABASE_UNAVAILABLE (or DATABASE_TIMEOUT); the rest pass on. */
export function translateDriverError(error: unknown): unknown {
  if (isClaimgraphError(error)) return error;
  if (error instanceof Neo4jError && TIMEOUT_CODES.has(error.code)) {
    return new ClaimgraphError("DATABASE_TIMEOUT", "The database ended the query: it ran past its time limit. Ask for less, or try again shortly.", { cause: error.code });
  }
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
