import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import type { Graph } from "../graph/graph.ts";
import { claimgraphSchema } from "../schema/index.ts";
import type { Context } from "../schema/context.ts";
import { projectionPlugin } from "../schema/projection.ts";
import { limitsPlugin } from "./limits.ts";
import { maskError } from "./maskError.ts";

/** The Apollo server over the claimgraph schema; it does not listen (see http.ts, or executeOperation in tests). */
export async function createApolloServer(options: { log?: (line: string) => void } = {}): Promise<ApolloServer<Context>> {
  const server = new ApolloServer<Context>({
    schema: await claimgraphSchema(),
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => maskError(formatted, error, options.log),
    plugins: [limitsPlugin(), projectionPlugin(), ApolloServerPluginCacheControlDisabled()],
    // GET and text/plain requests are fine for a read-only API (no mutations), and the GraphQL over
    // HTTP spec (graphql-http audit) requires GET; CSRF protection guards state changes we don't have.
    csrfPrevention: false,
    // src/main.ts owns shutdown (HTTP, Apollo, then the local Neo4j, then exit 0); Apollo's own
    // signal handlers would stop it halfway and re-raise the signal.
    stopOnTerminationSignals: false,
  });
  await server.start();
  return server;
}

export type { Graph };
