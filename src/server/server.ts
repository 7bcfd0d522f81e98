import "reflect-metadata";
import { loadConfig } from "../config.ts";
import type { Graph } from "../graph/graph.ts";
import { type AccessPolicy, createAuthenticator, createInternalCredential, isOpen, loadAccessPolicy } from "./access.ts";
import { useCursorKey } from "../schema/common/connection.ts";
import { createApolloServer } from "./apollo.ts";
import { hostPolicy } from "./hosts.ts";
import { SignedOut, deploymentSecret } from "./session.ts";
import { oidcClientSettings, signInRoutes } from "./signIn.ts";
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
  const config = loadConfig();
  const policy = options.accessPolicy ?? loadAccessPolicy();
  // Under a policy, the desk's sign-in and its session cookie (sealed with the deployment's secret)
  const sessions = isOpen(policy) ? undefined : { key: deploymentSecret(config.dataDir), signedOut: new SignedOut() };
  // Cursors sealed with the same secret, so any process of the deployment reads another's (when the
  // data folder cannot hold a secret and none is configured, each process keeps a key of its own)
  try {
    useCursorKey(sessions?.key ?? deploymentSecret(config.dataDir));
  } catch (error) {
    options.log?.(`[claimgraph] no deployment secret (${(error as Error).message}); page cursors hold for this process only.`);
  }
  const authenticate = createAuthenticator(policy, options.log, internal, sessions);
  const signIn = sessions ? [signInRoutes({ authenticator: authenticate, ...sessions, oidc: oidcClientSettings(), log: options.log })] : [];
  const handler = createHttpHandler({
    apollo,
    graph,
    routes: [...signIn, ...(options.routes ?? [])],
    log: options.log,
    starting: options.starting,
    requestTimeoutMs: options.requestTimeoutMs ?? config.requestTimeoutMs,
    authenticate,
    hosts: hostPolicy(config.hosts),
  });
  return { apollo, handler, internal };
}
