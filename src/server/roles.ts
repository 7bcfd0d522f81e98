import os from "node:os";

/**
 * Who may do what. A reader reads; a reviewer also records reviews, replies and notes (the API's
 * writes); an admin is a reviewer who may also manage the desk (what only an admin may do is named
 * where it is checked). Roles are ordered: each has every right of the ones before it.
 *
 * Where a role comes from:
 * - a bearer token: its line in the tokens file (`NAME sha256:HEX role=reviewer`, written by
 *   `claimgraph token new NAME --role reviewer`); a line without one is a reader, so the tokens made
 *   before roles existed keep exactly the rights they had;
 * - OpenID Connect: the claim named by CLAIMGRAPH_OIDC_ROLE_CLAIM (default `roles`; a dotted path such
 *   as `realm_access.roles` reaches into an object), a string or a list of strings; the highest role
 *   named there counts, none named is a reader;
 * - the open local desk (loopback, no policy): a reviewer, named by CLAIMGRAPH_REVIEWER or else the
 *   OS user, so the one person at the machine can review without setting anything up;
 * - CLAIMGRAPH_PUBLIC=true: anyone reads, no one writes.
 */
export const ROLES = ["reader", "reviewer", "admin"] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { reader: 0, reviewer: 1, admin: 2 };

export const isRole = (value: unknown): value is Role => typeof value === "string" && (ROLES as readonly string[]).includes(value);

/** Does `have` include the rights of `need`? */
export const hasRole = (have: Role, need: Role) => RANK[have] >= RANK[need];

/** May this role write reviews, replies and notes? */
export const mayWrite = (role: Role) => hasRole(role, "reviewer");

/** Who is asking, as every resolver sees it (src/schema/context.ts). */
export interface Viewer {
  /** `token:NAME`, `oidc:SUB`, `local:USER` (the open desk), `anyone` (public) or `internal`. */
  subject: string;
  role: Role;
}

/** Nobody in particular: what a context made without a request (tests, scripts) gets. */
export const ANONYMOUS_READER: Viewer = { subject: "anyone", role: "reader" };

/** The open local desk's reviewer: CLAIMGRAPH_REVIEWER, or the OS user. */
export function localReviewer(env: NodeJS.ProcessEnv = process.env): Viewer {
  let name = env.CLAIMGRAPH_REVIEWER?.trim();
  if (!name) {
    try {
      name = os.userInfo().username;
    } catch {
      name = "local";
    }
  }
  return { subject: `local:${name.slice(0, 64)}`, role: "reviewer" };
}

/** The highest role named by an OIDC token's role claim (see above); a reader when it names none. */
export function roleFromClaims(claims: Record<string, unknown> | undefined, claimPath: string): Role {
  let value: unknown = claims;
  for (const part of claimPath.split(".")) value = value && typeof value === "object" ? (value as Record<string, unknown>)[part] : undefined;
  const named = (Array.isArray(value) ? value : [value]).filter(isRole);
  return named.reduce<Role>((best, role) => (hasRole(role, best) ? role : best), "reader");
}
