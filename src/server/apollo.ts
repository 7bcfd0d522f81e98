import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import type { Graph } from "../graph/graph.ts";
import { claimgraphSchema } from "../schema/index.ts";
import type { Context } from "../schema/context.ts";
import { projectionPlugin } from "../schema/projection.ts";
import { LIMITS, limitsPlugin, limitsRule } from "./limits.ts";
import { maskError } from "./maskError.ts";

/** The Apollo server over the claimgraph schema; it does not listen (see http.ts, or executeOperation in tests). */
export async function createApolloServer(options: { log?: (line: string) => void; production?: boolean; introspection?: boolean } = {}): Promise<ApolloServer<Context>> {
  // In production (NODE_ENV=production) the schema is not told to strangers: no introspection
  // (CLAIMGRAPH_INTROSPECTION=true turns it back on, for the playground's docs) and no "did you mean"
  // suggestions in errors.
  const production = options.production ?? process.env.NODE_ENV === "production";
  const server = new ApolloServer<Context>({
    schema: await claimgraphSchema(),
    introspection: options.introspection ?? (process.env.CLAIMGRAPH_INTROSPECTION ? process.env.CLAIMGRAPH_INTROSPECTION === "true" : !production),
    hideSchemaDetailsFromClientErrors: production,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => maskError(formatted, error, options.log),
    parseOptions: { maxTokens: LIMITS.maxTokens },
    validationRules: [limitsRule],
    // The landing page Apollo serves at GET /graphql loads its scripts from another host; the
    // playground at / is served from here.
    plugins: [limitsPlugin(), projectionPlugin(), ApolloServerPluginCacheControlDisabled(), ApolloServerPluginLandingPageDisabled()],
    // Apollo's CSRF prevention would refuse plain GET requests, which the GraphQL over HTTP spec
    // (graphql-http audit) requires. Writes are guarded before Apollo instead (src/server/http.ts and
    // server.ts): a POST must be application/json (a cross-site form cannot send it without a
    // preflight) and carry a same-site Origin; mutations are refused over GET by Apollo itself.
    csrfPrevention: false,
    // src/main.ts owns shutdown (HTTP, Apollo, then the local Neo4j, then exit 0); Apollo's own
    // signal handlers would stop it halfway and re-raise the signal.
    stopOnTerminationSignals: false,
  });
  await server.start();
  return server;
}

export type { Graph };
