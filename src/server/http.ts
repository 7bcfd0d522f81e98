import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { HeaderMap } from "@apollo/server";
import type { ApolloServer } from "@apollo/server";
import type { Graph } from "../graph/graph.ts";
import { migrationsApplied } from "../graph/migrations.ts";
import { type Context, createContext } from "../schema/context.ts";
import { claimgraphSchema } from "../schema/index.ts";
import { type Authenticated, isPublicPath } from "./access.ts";
import { ANONYMOUS_READER, type Viewer } from "./roles.ts";
import { type HostPolicy, changesState, checkOrigin, hostPolicy, isServedHost, mediaType } from "./hosts.ts";
import { earlyRefusal, formatRefusal } from "./limits.ts";

/**
 * The HTTP front: /graphql (Apollo), /health (process up), /ready (Neo4j reachable and migrations
 * applied), plus any extra routes (playground, explorer, exports) given by the caller.
 */
/** `viewer`: who asks (roles.ts), as /graphql's resolvers see it: a route that writes checks its role. */
export type Route = (req: IncomingMessage, res: ServerResponse, url: URL, viewer: Viewer) => Promise<boolean> | boolean;

const MAX_BODY_BYTES = 1024 * 1024;

/** Sent with every answer of the API (JSON only: nothing to run, frame or sniff). */
const SECURITY_HEADERS = {
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cross-origin-resource-policy": "same-origin",
  "x-frame-options": "DENY",
};

export interface HttpOptions {
  apollo: ApolloServer<Context>;
  graph: Graph;
  routes?: Route[];
  log?: (line: string) => void;
  /** While the process is still starting, what it is doing: /ready answers 503 with it (src/main.ts). */
  starting?: () => string | undefined;
  /** A /graphql request unanswered after this long gets 503 REQUEST_TIMEOUT (its work is abandoned). */
  requestTimeoutMs?: number;
  /** The access policy's check (see access.ts); every path but the public ones needs it to pass. */
  authenticate?: (req: IncomingMessage) => Promise<Authenticated>;
  /** The Host names served beyond loopback and address literals (hosts.ts); others get 421. */
  hosts?: HostPolicy;
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

/** A request's body as text; past `maxBytes`, a BodyError (413). */
export async function readBody(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new BodyError(413, `The request body is larger than ${maxBytes / 1024} KB.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Media types a request body may have: JSON, matched strictly (hosts.ts mediaType), never a substring. */
const JSON_TYPES = new Set(["application/json", "application/graphql-response+json"]);

function parseBody(text: string, contentType: string): unknown {
  if (text === "") return undefined;
  if (contentType === "") throw new BodyError(415, "The request has no content type: send the query as JSON, with `content-type: application/json`.");
  const type = mediaType(contentType);
  if (type === undefined || !JSON_TYPES.has(type)) {
    throw new BodyError(415, `The request's content type is ${type ?? "malformed"}: send the query as JSON, with \`content-type: application/json\`.`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BodyError(400, `The request body is not valid JSON: ${(error as Error).message}`);
  }
}

export function createHttpHandler({
  apollo,
  graph,
  routes = [],
  log = (l) => process.stderr.write(`${l}\n`),
  starting,
  requestTimeoutMs = 75_000,
  authenticate,
  hosts = hostPolicy(),
}: HttpOptions) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    // The pages' headers on every answer (the pages set their own, fuller policy).
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    try {
      decodeURIComponent(url.pathname);
    } catch {
      return sendJson(res, 400, { errors: [{ message: `The path ${url.pathname.slice(0, 200)} is not valid percent-encoding.`, extensions: { code: "BAD_REQUEST" } }] });
    }
    try {
      if (url.pathname === "/health") return sendJson(res, 200, { status: "ok" });
      if (url.pathname === "/ready") return await ready(graph, res, starting?.());
      // Before any work: only the Hosts this API serves (DNS rebinding), and writes from this site only.
      if (!isServedHost(hosts, req.headers.host)) {
        log(`[claimgraph] ${req.method} ${url.pathname}: refused Host ${String(req.headers.host).slice(0, 100)} (421)`);
        return sendJson(res, 421, {
          errors: [{ message: `This API does not serve the host ${String(req.headers.host ?? "(none)").slice(0, 100)}. Add it to CLAIMGRAPH_HOSTS if it is yours.`, extensions: { code: "MISDIRECTED_REQUEST" } }],
        });
      }
      const origin = changesState(req) ? checkOrigin(req) : undefined;
      if (origin && !origin.ok) return sendJson(res, 403, { errors: [{ message: origin.message, extensions: { code: "FORBIDDEN_ORIGIN" } }] });
      let viewer: Viewer = ANONYMOUS_READER;
      if (authenticate && !isPublicPath(url.pathname)) {
        const access = await authenticate(req);
        if (!access.ok) {
          // a browser opening a page (or an export link) without a session: to the sign-in, and back
          if ((req.method === "GET" || req.method === "HEAD") && url.pathname !== "/graphql" && /\btext\/html\b/.test(String(req.headers.accept ?? ""))) {
            res.writeHead(303, { location: `/signin?next=${encodeURIComponent(url.pathname + url.search)}`, "cache-control": "no-store" });
            return res.end();
          }
          return sendJson(res, 401, { errors: [{ message: access.message, extensions: { code: "UNAUTHENTICATED" } }] }, { "www-authenticate": 'Bearer realm="claimgraph"' });
        }
        // a cookie is sent by the browser whoever asks: a write carried by it must prove it comes from our own pages
        if (access.viaCookie && origin && !origin.sameOrigin) {
          return sendJson(res, 403, { errors: [{ message: "A write with the desk's session must come from the desk's pages (an Origin of this site).", extensions: { code: "FORBIDDEN_ORIGIN" } }] });
        }
        viewer = { subject: access.subject, role: access.role };
      }
      if (url.pathname === "/graphql") return await withDeadline(res, () => graphql(req, res, url, viewer));
      for (const route of routes) if (await route(req, res, url, viewer)) return;
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

  /** The request's deadline: past it, 503 REQUEST_TIMEOUT, and whatever the work writes later is dropped. */
  async function withDeadline(res: ServerResponse, work: () => Promise<void>) {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), requestTimeoutMs);
    });
    const done = work();
    try {
      if ((await Promise.race([done, deadline])) !== "timeout" || res.headersSent) return;
    } finally {
      clearTimeout(timer);
    }
    done.catch((error: Error) => log(`[claimgraph] a request abandoned at its deadline failed later: ${error.message}`));
    log(`[claimgraph] /graphql: no answer within ${requestTimeoutMs / 1000} s; answered 503 REQUEST_TIMEOUT`);
    sendJson(res, 503, {
      errors: [{ message: `The request did not finish within ${requestTimeoutMs / 1000} s; try again shortly.`, extensions: { code: "REQUEST_TIMEOUT" } }],
    });
  }

  async function graphql(req: IncomingMessage, res: ServerResponse, url: URL, viewer: Viewer) {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    }
    const body = req.method === "POST" ? parseBody(await readBody(req), headers.get("content-type") ?? "") : undefined;
    const bookmarks = bookmarksOf(headers.get(BOOKMARKS_HEADER));
    const source = req.method === "POST" ? (body as { query?: unknown } | undefined)?.query : url.searchParams.get("query");
    const refusal = earlyRefusal(await claimgraphSchema(), source);
    if (refusal) {
      const accept = headers.get("accept") ?? "";
      const type = accept.includes("application/graphql-response+json") ? "application/graphql-response+json; charset=utf-8" : "application/json; charset=utf-8";
      return sendJson(res, 400, { errors: [formatRefusal(refusal)] }, { "content-type": type });
    }
    let context: Context | undefined;
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? "GET", headers, search: url.search, body },
      context: async () => (context = createContext(graph.following(bookmarks), { viewer, log })),
    });
    if (res.headersSent) return; // answered at the deadline
    for (const [key, value] of response.headers) res.setHeader(key, value);
    // a write's bookmarks go back to the client, whose next request (to any process) then reads it
    if (context?.bookmarksOut.length) res.setHeader(BOOKMARKS_HEADER, context.bookmarksOut.join(", "));
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

/**
 * How long a client may take to send a request: its headers, and the whole request with its body. A
 * client trickling bytes would otherwise hold a socket for Node's default five minutes. Node checks
 * these every `connectionsCheckingInterval` (default 30 s), so that is shortened too.
 */
export interface ReceiveTimeouts {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
}

export const RECEIVE_TIMEOUTS: ReceiveTimeouts = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000 };

export function listen(handler: http.RequestListener, port: number, host: string, timeouts: ReceiveTimeouts = RECEIVE_TIMEOUTS): Promise<http.Server> {
  return new Promise((resolve, reject) => {
    const server = http.createServer(
      {
        headersTimeout: timeouts.headersTimeoutMs,
        requestTimeout: timeouts.requestTimeoutMs,
        connectionsCheckingInterval: Math.min(1000, timeouts.headersTimeoutMs),
      },
      handler,
    );
    server.keepAliveTimeout = 65_000;
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}
