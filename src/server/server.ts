import { loadConfig } from "../config.ts";
import type { Graph } from "../graph/graph.ts";
import { type AccessPolicy, createAuthenticator, createInternalCredential, loadAccessPolicy } from "./access.ts";
import { createApolloServer } from "./apollo.ts";
import { type Route, createHttpHandler } from "./http.ts";

/**
 * Everything the API serves, built but not listening: tests drive `handler` or `apollo` directly.
 * Besides /graphql, /health and /ready it serves the `routes` it is given, in their order (the app
 * composes them: src/main.ts); the server knows no pages.
 * `internal` is the process's own credential for its own requests (the start's warm-up), to revoke
 * once they are done (access.ts).
 */
export async function buildServer(
  graph: Graph,
  options: { log?: (line: string) => void; routes?: Route[]; requestTimeoutMs?: number; accessPolicy?: AccessPolicy; starting?: () => string | undefined } = {},
) {
  const apollo = await createApolloServer({ log: options.log });
  const internal = createInternalCredential();
  const handler = createHttpHandler({
    apollo,
    graph,
    routes: options.routes ?? [],
    log: options.log,
    starting: options.starting,
    requestTimeoutMs: options.requestTimeoutMs ?? loadConfig().requestTimeoutMs,
    authenticate: createAuthenticator(options.accessPolicy ?? loadAccessPolicy(), options.log, internal),
  });
  return { apollo, handler, internal };
}
