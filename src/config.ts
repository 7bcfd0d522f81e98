import os from "node:os";
import path from "node:path";

/**
 * Every setting the project reads from the environment, in one place. The README's table of
 * environment variables is kept in step with this file.
 */
export interface Neo4jConnection {
  uri: string;
  user?: string;
  password?: string;
  database?: string;
}

export interface Config {
  /** Set when NEO4J_URI points at an external server; then no local Neo4j is started. */
  external?: Neo4jConnection;
  dataDir: string;
  neo4jVersion: string;
  neo4jCacheDir: string;
  neo4jHeap: string;
  neo4jPageCache: string;
  port: number;
  host: string;
  /** CLAIMGRAPH_HOSTS: the names the API is published on beyond loopback; other Hosts get 421 (server/hosts.ts). */
  hosts: string[];
  seedsDir: string;
  loadSeedsOnStart: boolean;
  /** Where the playground and explorer bundles are cached between runs (rebuilt when sources change). */
  webCacheDir: string;
  /** Deadline of one read transaction, of one write transaction, and of one /graphql request. */
  readTimeoutMs: number;
  writeTimeoutMs: number;
  requestTimeoutMs: number;
}

function milliseconds(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number of milliseconds, got "${text}".`);
  return value;
}

const PROJECT_ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

export function projectRoot(): string {
  return PROJECT_ROOT;
}

/** The seeds folder: CLAIMGRAPH_SEEDS, else the project's seeds/ (also where source texts are bounded, src/extract/sourceText.ts). */
export function seedsDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.CLAIMGRAPH_SEEDS ?? path.join(PROJECT_ROOT, "seeds"));
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const neo4jVersion = env.CLAIMGRAPH_NEO4J_VERSION ?? "5.26.26";
  const cacheHome = env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache");
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, got "${env.PORT}".`);
  }
  return {
    external: env.NEO4J_URI
      ? {
          uri: env.NEO4J_URI,
          user: env.NEO4J_USER ?? "neo4j",
          password: env.NEO4J_PASSWORD,
          database: env.NEO4J_DATABASE || undefined,
        }
      : undefined,
    dataDir: path.resolve(env.CLAIMGRAPH_DATA_DIR ?? path.join(PROJECT_ROOT, ".claimgraph")),
    neo4jVersion,
    neo4jCacheDir: path.resolve(
      env.CLAIMGRAPH_NEO4J_CACHE ?? path.join(cacheHome, "claimgraph", `neo4j-${neo4jVersion}`),
    ),
    neo4jHeap: env.CLAIMGRAPH_NEO4J_HEAP ?? "512m",
    neo4jPageCache: env.CLAIMGRAPH_NEO4J_PAGECACHE ?? "128m",
    port,
    host: env.HOST ?? "127.0.0.1",
    hosts: (env.CLAIMGRAPH_HOSTS ?? "").split(",").map((name) => name.trim()).filter(Boolean),
    seedsDir: seedsDir(env),
    loadSeedsOnStart: (env.CLAIMGRAPH_LOAD_SEEDS ?? "true") !== "false",
    webCacheDir: path.resolve(env.CLAIMGRAPH_WEB_CACHE ?? path.join(PROJECT_ROOT, "node_modules", ".cache", "claimgraph-web")),
    readTimeoutMs: milliseconds(env, "CLAIMGRAPH_READ_TIMEOUT_MS", 60_000),
    writeTimeoutMs: milliseconds(env, "CLAIMGRAPH_WRITE_TIMEOUT_MS", 300_000),
    requestTimeoutMs: milliseconds(env, "CLAIMGRAPH_REQUEST_TIMEOUT_MS", 75_000),
  };
}
