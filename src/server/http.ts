import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { HeaderMap } from "@apollo/server";
import type { ApolloServer } from "@apollo/server";
import type { Graph } from "../graph/graph.ts";
import { migrationsApplied } from "../graph/migrations.ts";
import { type Context, createContext } from "../schema/context.ts";

/**
 * The HTTP front: /graphql (Apollo), /health (process up), /ready (Neo4j reachable and migrations
 * applied), plus any extra routes (playground, explorer, exports) given by the caller.
 */
export type Route = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> | boolean;

const MAX_BODY_BYTES = 1024 * 1024;

export interface HttpOptions {
  apollo: ApolloServer<Context>;
  graph: Graph;
  routes?: Route[];
  log?: (line: string) => void;
  /** While the process is still starting, what it is doing: /ready answers 503 with it (src/main.ts). */
  starting?: () => string | undefined;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

class BodyError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyError(413, `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function parseBody(text: string, contentType: string): unknown {
  if (text === "") return undefined;
  if (/application\/(graphql-response\+)?json/i.test(contentType) || contentType === "") {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new BodyError(400, `The request body is not valid JSON: ${(error as Error).message}`);
    }
  }
  return text;
}

export function createHttpHandler({ apollo, graph, routes = [], log = (l) => process.stderr.write(`${l}\n`), starting }: HttpOptions) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    try {
      if (url.pathname === "/health") return sendJson(res, 200, { status: "ok" });
      if (url.pathname === "/ready") return await ready(graph, res, starting?.());
      if (url.pathname === "/graphql") return await graphql(req, res, url);
      for (const route of routes) if (await route(req, res, url)) return;
      sendJson(res, 404, { error: `Nothing at ${url.pathname}. The API is at /graphql.` });
    } catch (error) {
      if (error instanceof BodyError) {
        log(`[claimgraph] ${req.method} ${url.pathname}: ${error.status} ${error.message}`);
        return sendJson(res, error.status, { errors: [{ message: error.message, extensions: { code: "BAD_REQUEST" } }] });
      }
      log(`[claimgraph] ${req.method} ${url.pathname}: ${(error as Error).stack ?? error}`);
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: "Unexpected error.", extensions: { code: "INTERNAL_SERVER_ERROR" } }] });
      else res.end();
    }
  };

  async function graphql(req: IncomingMessage, res: ServerResponse, url: URL) {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    }
    const body = req.method === "POST" ? parseBody(await readBody(req), headers.get("content-type") ?? "") : undefined;
    const bookmarks = bookmarksOf(headers.get(BOOKMARKS_HEADER));
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? "GET", headers, search: url.search, body },
      context: async () => createContext(graph.following(bookmarks)),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === "complete") {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }
}

/**
 * `Neo4j-Bookmarks: B1, B2`: the request's reads wait until their server has applied the writes
 * these bookmarks name (printed by `claimgraph seed`), so a client that loaded data through one
 * process reads it through any other, on a cluster too. Bookmarks are opaque tokens of the server.
 */
export const BOOKMARKS_HEADER = "neo4j-bookmarks";

function bookmarksOf(header: string | undefined): string[] {
  if (!header) return [];
  const bookmarks = header.split(",").map((b) => b.trim()).filter(Boolean);
  if (bookmarks.length > 16 || bookmarks.some((b) => !/^[\w:+/=.-]{1,256}$/.test(b))) {
    throw new BodyError(400, "The Neo4j-Bookmarks header holds at most 16 bookmarks, separated by commas, as `claimgraph seed` prints them.");
  }
  return bookmarks;
}

async function ready(graph: Graph, res: ServerResponse, starting: string | undefined) {
  let neo4j = "down";
  let migrations = false;
  try {
    if (await graph.ping()) {
      neo4j = "up";
      migrations = await migrationsApplied(graph);
    }
  } catch {
    // reported below
  }
  const isReady = neo4j === "up" && migrations && starting === undefined;
  sendJson(res, isReady ? 200 : 503, { ready: isReady, neo4j, migrations: migrations ? "applied" : "pending", ...(starting ? { starting } : {}) });
}

export function listen(handler: http.RequestListener, port: number, host: string): Promise<http.Server> {
  return new Promise((resolve, reject) => {
    const server = http.createServer(handler);
    server.keepAliveTimeout = 65_000;
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}
