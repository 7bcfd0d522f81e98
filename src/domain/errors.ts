import { GraphQLError } from "graphql";

/**
 * The error codes a client can switch on. Every error the API means to show carries one of them in
 * `extensions.code`; anything else is masked as INTERNAL_SERVER_ERROR (see src/server/maskError.ts).
 */
export type ErrorCode =
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "CONFLICT"
  | "DATABASE_UNAVAILABLE"
  | "DATABASE_TIMEOUT"
  | "QUERY_TOO_COMPLEX"
  | "INVALID_EXTRACT"
  | "LOAD_TOO_LARGE"
  | "CONFIGURATION_ERROR"
  | "LOCAL_NEO4J_ERROR"
  | "MIGRATION_ERROR";

/** A deliberate error: its message is written for the person who reads it, without a stack trace. */
export class ClaimgraphError extends GraphQLError {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extensions } });
    this.code = code;
    this.name = "ClaimgraphError";
  }
}

export const badInput = (message: string, extensions: Record<string, unknown> = {}) =>
  new ClaimgraphError("BAD_USER_INPUT", message, extensions);

/** An id as an error may repeat it: a client's 900 KB id is not sent back (twice). */
const shownId = (id: string) => (id.length > 120 ? `${id.slice(0, 120)}… (${id.length} characters)` : id);

export const notFound = (what: string, id: string) =>
  new ClaimgraphError("NOT_FOUND", `No ${what} with id "${shownId(id)}".`, { what, id: shownId(id) });

export function isClaimgraphError(error: unknown): error is ClaimgraphError {
  return error instanceof ClaimgraphError;
}
