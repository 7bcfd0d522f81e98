import { loadConfig } from "../config.ts";
import type { Graph } from "../graph/graph.ts";
import { type AccessPolicy, createAuthenticator, createInternalCredential, loadAccessPolicy } from "./access.ts";
import { createApolloServer } from "./apollo.ts";
import { hostPolicy } from "./hosts.ts";
import { type Route, createHttpHandler } from "./http.ts";
import { extraRoutes } from "./routes.ts";

/**
 * Everything the API serves, built but not listening: tests drive `handler` or `apollo` directly.
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
    routes: [...(options.routes ?? []), ...extraRoutes(graph, { log: options.log })],
    log: options.log,
    starting: options.starting,
    requestTimeoutMs: options.requestTimeoutMs ?? loadConfig().requestTimeoutMs,
    authenticate: createAuthenticator(options.accessPolicy ?? loadAccessPolicy(), options.log, internal),
    hosts: hostPolicy(loadConfig().hosts),
  });
  return { apollo, handler, internal };
}
