import type { GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError } from "graphql";
import { formatRefusal, limitRefusal } from "./limits.ts";

/**
 * What a client may see of an error. Deliberate errors (a GraphQLError with a code of ours or of
 * Apollo's request pipeline) pass as they are; anything else is a bug or an infrastructure failure:
 * its details go to the server log, the client gets "Unexpected error." and INTERNAL_SERVER_ERROR.
 */
const PUBLIC_CODES = new Set([
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "FORBIDDEN",
  "CONFLICT",
  "DATABASE_UNAVAILABLE",
  "DATABASE_TIMEOUT",
  "QUERY_TOO_COMPLEX",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "OPERATION_RESOLUTION_FAILURE",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
]);

export function maskError(formatted: GraphQLFormattedError, error: unknown, log: (line: string) => void = defaultLog): GraphQLFormattedError {
  const refusal = limitRefusal(error);
  if (refusal) return formatRefusal(refusal);
  const original = unwrapResolverError(error);
  const code = formatted.extensions?.code;
  if (typeof code === "string" && PUBLIC_CODES.has(code) && (original instanceof GraphQLError || !(original instanceof Error))) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  const detail = original instanceof Error ? (original.stack ?? original.message) : String(original);
  log(`[claimgraph] internal error at ${formatted.path?.join(".") ?? "(request)"}: ${detail}`);
  return { message: "Unexpected error.", path: formatted.path, locations: formatted.locations, extensions: { code: "INTERNAL_SERVER_ERROR" } };
}

const defaultLog = (line: string) => process.stderr.write(`${line}\n`);
