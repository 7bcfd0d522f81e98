import crypto from "node:crypto";
import fs from "node:fs";
import type { IncomingMessage } from "node:http";
import net from "node:net";
import { type JWTVerifyGetKey, createRemoteJWKSet, jwtVerify } from "jose";
import { ClaimgraphError } from "../domain/errors.ts";
import { type Role, type Viewer, isRole, localReviewer, roleFromClaims } from "./roles.ts";
import { SESSION_COOKIE, SESSION_PURPOSE, type Session, type SignedOut, cookieOf, unseal } from "./session.ts";

/**
 * Who may read. A newsroom's unpublished research must not be readable by whoever reaches the port:
 * the API listening on anything but loopback refuses to start without an access policy. A policy is
 * any of:
 * - bearer tokens, kept hashed at rest (SHA-256 of a random 256-bit token: a fast hash is enough for
 *   a secret that cannot be guessed; the file never holds a token itself) in CLAIMGRAPH_TOKENS_FILE;
 * - OpenID Connect: JWTs (access or ID tokens) signed by CLAIMGRAPH_OIDC_ISSUER, for the audience
 *   CLAIMGRAPH_OIDC_AUDIENCE, checked with `jose` against the issuer's JWKS (from its discovery
 *   document, or CLAIMGRAPH_OIDC_JWKS_URI);
 * - CLAIMGRAPH_PUBLIC=true: anyone may read, said explicitly.
 * With tokens or OIDC configured, every request but /health, /ready and the pages' static files
 * needs `Authorization: Bearer ...`, on loopback too.
 */
export interface AccessPolicy {
  /** The accepted bearer tokens by name, as read at start: the SHA-256 (hex) of each, and its role. */
  tokens: Map<string, TokenLine>;
  /**
   * CLAIMGRAPH_TOKENS_FILE, when set: read again whenever it changes (checked on every request: one
   * stat), so a line removed, by hand or by `claimgraph token revoke`, is refused from the next
   * request on. A tokens file, even an empty one, closes the API to requests without a token.
   */
  tokensFile?: string;
  /** `roleClaim`: the claim a role comes from (roles.ts), CLAIMGRAPH_OIDC_ROLE_CLAIM, default `roles`. */
  oidc?: { issuer: string; audience: string; jwksUri?: string; roleClaim?: string };
  public: boolean;
  /**
   * CLAIMGRAPH_PUBLISHED_ON: in a container, the host address its port is published on; the
   * loopback rule applies to it rather than to HOST (see checkAccessPolicy).
   */
  publishedOn?: string;
}

/** A token's line in the tokens file: its hash and the role it gives (roles.ts). */
export interface TokenLine {
  hash: string;
  role: Role;
}

export type Authenticated = ({ ok: true; viaCookie?: boolean } & Viewer) | { ok: false; message: string };

const policyError = (message: string) => new ClaimgraphError("CONFIGURATION_ERROR", message);

export const hashToken = (token: string) => crypto.createHash("sha256").update(token, "utf8").digest("hex");

/** A new bearer token (shown once) and the line that stores its hash (and role) in the tokens file. */
export function newToken(name: string, role: Role = "reader"): { token: string; line: string } {
  if (!/^[\w.@-]{1,64}$/.test(name)) throw policyError(`A token's name is letters, digits and . _ @ - (up to 64), got "${name}".`);
  if (!isRole(role)) throw policyError(`A token's role is reader, reviewer or admin, got "${role}".`);
  const token = `cg_${crypto.randomBytes(32).toString("base64url")}`;
  return { token, line: `${name} sha256:${hashToken(token)}${role === "reader" ? "" : ` role=${role}`}` };
}

/**
 * Removes a token's line from the tokens file (rewritten beside itself and renamed over it, so a
 * reader never sees half a file); the API refuses the token from its next request on.
 */
export function revokeToken(file: string, name: string): void {
  const existing = readTokens(file);
  if (!existing.has(name)) {
    const names = [...existing.keys()];
    throw policyError(`${file} has no token named "${name}"${names.length ? `; it has ${names.map((n) => `"${n}"`).join(", ")}` : " (it has none)"}.`);
  }
  const kept = fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim().split(/\s+/, 1)[0] !== name);
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, kept.join("\n"), { mode: 0o600 });
  fs.renameSync(temporary, file);
}

/** Appends a token's line to the tokens file, created readable by its owner only. */
export function addToken(file: string, name: string, role: Role = "reader"): string {
  const existing = fs.existsSync(file) ? readTokens(file) : new Map<string, TokenLine>();
  if (existing.has(name)) throw policyError(`${file} already has a token named "${name}"; revoke it (\`claimgraph token revoke ${name}\`) to replace it.`);
  const { token, line } = newToken(name, role);
  fs.appendFileSync(file, `${line}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return token;
}

/** The tokens file: `NAME sha256:HEX [role=ROLE]` a line; blank lines and # comments are skipped. */
export function readTokens(file: string): Map<string, TokenLine> {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw policyError(`CLAIMGRAPH_TOKENS_FILE names ${file}, which cannot be read: ${(error as Error).message}`);
  }
  const tokens = new Map<string, TokenLine>();
  text.split("\n").forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const match = /^([\w.@-]{1,64})\s+sha256:([0-9a-f]{64})(?:\s+role=(\S+))?$/.exec(line);
    if (!match) throw policyError(`${file}, line ${index + 1}: expected "NAME sha256:<64 hex digits> [role=reviewer|admin]" (tokens are stored hashed; make one with \`claimgraph token new NAME\`).`);
    if (match[3] !== undefined && !isRole(match[3])) throw policyError(`${file}, line ${index + 1}: the role "${match[3]}" is none of reader, reviewer, admin.`);
    tokens.set(match[1], { hash: match[2], role: (match[3] as Role | undefined) ?? "reader" });
  });
  return tokens;
}

export function loadAccessPolicy(env: NodeJS.ProcessEnv = process.env): AccessPolicy {
  const tokens = env.CLAIMGRAPH_TOKENS_FILE ? readTokens(env.CLAIMGRAPH_TOKENS_FILE) : new Map<string, TokenLine>();
  let oidc: AccessPolicy["oidc"];
  if (env.CLAIMGRAPH_OIDC_ISSUER) {
    if (!env.CLAIMGRAPH_OIDC_AUDIENCE) throw policyError("CLAIMGRAPH_OIDC_ISSUER is set without CLAIMGRAPH_OIDC_AUDIENCE: name the audience the API's tokens are issued for.");
    oidc = { issuer: env.CLAIMGRAPH_OIDC_ISSUER, audience: env.CLAIMGRAPH_OIDC_AUDIENCE, jwksUri: env.CLAIMGRAPH_OIDC_JWKS_URI || undefined, roleClaim: env.CLAIMGRAPH_OIDC_ROLE_CLAIM || undefined };
  }
  return {
    tokens,
    tokensFile: env.CLAIMGRAPH_TOKENS_FILE || undefined,
    oidc,
    public: env.CLAIMGRAPH_PUBLIC === "true",
    publishedOn: env.CLAIMGRAPH_PUBLISHED_ON || undefined,
  };
}

/** Does this policy let anyone in? (No tokens or tokens file, no OIDC.) */
export const isOpen = (policy: AccessPolicy) => policy.tokens.size === 0 && !policy.tokensFile && !policy.oidc;

interface TokenEntry {
  name: string;
  hash: Buffer;
  role: Role;
  /** The first 16 hex digits of the hash: what a desk session made with the token keeps (session.ts). */
  tag: string;
}

const entriesOf = (tokens: Map<string, TokenLine>): TokenEntry[] => [...tokens].map(([name, { hash, role }]) => ({ name, hash: Buffer.from(hash, "hex"), role, tag: hash.slice(0, 16) }));

/**
 * The tokens accepted now: the file read again when its identity, size or times changed since the
 * last look. A file that cannot be read or parsed accepts no token (closed, not open) until it is
 * fixed, and says why in the log.
 */
function currentTokens(file: string, initial: Map<string, TokenLine>, log: (line: string) => void): () => Promise<TokenEntry[]> {
  let seen: string | undefined;
  let entries = entriesOf(initial);
  return async () => {
    let key: string;
    try {
      const stat = await fs.promises.stat(file);
      key = `${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`;
    } catch (error) {
      if (seen !== "missing") log(`[claimgraph] the tokens file ${file} cannot be read (${(error as Error).message}): no token is accepted until it can.`);
      seen = "missing";
      return [];
    }
    if (key === seen) return entries;
    try {
      entries = entriesOf(readTokens(file));
    } catch (error) {
      log(`[claimgraph] ${(error as Error).message} No token is accepted until the file is fixed.`);
      entries = [];
    }
    seen = key;
    return entries;
  };
}

export function isLoopback(host: string): boolean {
  if (host === "localhost") return true;
  if (net.isIPv4(host)) return host.startsWith("127.");
  return host === "::1" || host === "0:0:0:0:0:0:0:1";
}

/**
 * Refuses to serve beyond loopback without an access policy. The policy's `publishedOn` is for an
 * API in a container, which listens on every interface of the container while the host publishes
 * its port on one address (docker-compose.yml passes its CLAIMGRAPH_BIND): the rule then applies to
 * that address, where readers reach it.
 */
export function checkAccessPolicy(host: string, policy: AccessPolicy): void {
  const { publishedOn } = policy;
  const reachedAt = publishedOn || host;
  if (isLoopback(reachedAt) || !isOpen(policy) || policy.public) return;
  const where = publishedOn ? `The API is published on ${publishedOn} (CLAIMGRAPH_PUBLISHED_ON)` : `HOST is ${host}`;
  throw policyError(
    `${where}, beyond this machine, and no access policy is set: anyone reaching the port could read everything. ` +
      "Set CLAIMGRAPH_TOKENS_FILE (bearer tokens; make one with `claimgraph token new NAME`), or CLAIMGRAPH_OIDC_ISSUER and " +
      "CLAIMGRAPH_OIDC_AUDIENCE (OpenID Connect), or CLAIMGRAPH_PUBLIC=true if the data may be read by anyone; or " +
      (publishedOn ? "publish it on 127.0.0.1." : "listen on 127.0.0.1."),
  );
}

/** The issuer's JWKS URI, from its discovery document (fetched once, on the first JWT). */
async function discoverJwksUri(issuer: string): Promise<string> {
  const url = `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const document = (await response.json()) as { issuer?: string; jwks_uri?: string };
  if (document.issuer !== issuer) throw new Error(`${url} names issuer ${document.issuer}, not ${issuer}`);
  if (!document.jwks_uri) throw new Error(`${url} has no jwks_uri`);
  return document.jwks_uri;
}

/**
 * The process's own credential, for the requests it sends itself (the start's warm-up, src/main.ts):
 * 256 random bits made in memory, never written or logged, accepted by this process's authenticator
 * only until revoked (the start revokes it once warmed). Under any policy the warm-up then goes the
 * way a reader's request goes, and the policy lets in no one else.
 */
export interface InternalCredential {
  /** The `Authorization` header carrying it; undefined once revoked. */
  authorization(): string | undefined;
  revoke(): void;
  /** Does this token hash (SHA-256) match it, while not revoked? */
  matches(hash: Buffer): boolean;
}

export function createInternalCredential(): InternalCredential {
  let token: string | undefined = `internal_${crypto.randomBytes(32).toString("base64url")}`;
  const hash = crypto.createHash("sha256").update(token, "utf8").digest();
  return {
    authorization: () => (token ? `Bearer ${token}` : undefined),
    revoke: () => (token = undefined),
    matches: (other) => token !== undefined && crypto.timingSafeEqual(other, hash),
  };
}

/** How far clocks may disagree when checking a JWT's exp, nbf and iat. */
const CLOCK_LEEWAY_SECONDS = 30;

/** A credential's verdict; for a valid one, who it is and what a session made from it needs. */
export type TokenVerdict = Extract<Authenticated, { ok: true }> & { tokenHash?: string; notAfter?: number; claims?: Record<string, unknown> };

export interface Authenticator {
  /** Checks a request: its bearer token, or (when sessions are on) the desk's session cookie. */
  (req: IncomingMessage): Promise<Authenticated>;
  /** Checks one credential as a bearer token (a pasted token at sign-in). */
  token(token: string): Promise<TokenVerdict | { ok: false; message: string }>;
}

/** Claims kept in a session from an OIDC token (for roles): not the protocol's own, none large. */
export const keptClaims = (payload: Record<string, unknown>) => {
  const kept: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (!["iss", "aud", "exp", "iat", "nbf", "jti", "nonce", "at_hash", "c_hash", "sid", "auth_time", "azp"].includes(name) && JSON.stringify(value).length <= 512) kept[name] = value;
  }
  return kept;
};

/**
 * Checks a request's credentials against the policy (and the process's own credential, if given).
 * With `sessions`, the desk's session cookie (session.ts) is a credential too; a request carrying
 * it is marked `viaCookie`, and http.ts then requires a same-origin `Origin` for writes.
 */
export function createAuthenticator(
  policy: AccessPolicy,
  log: (line: string) => void = () => {},
  internal?: InternalCredential,
  sessions?: { key: Buffer; signedOut: SignedOut },
): Authenticator {
  const fixed = entriesOf(policy.tokens);
  const tokens = policy.tokensFile ? currentTokens(policy.tokensFile, policy.tokens, log) : async () => fixed;
  let keys: Promise<JWTVerifyGetKey> | undefined;
  const jwks = () => {
    keys ??= (policy.oidc!.jwksUri ? Promise.resolve(policy.oidc!.jwksUri) : discoverJwksUri(policy.oidc!.issuer)).then((uri) => createRemoteJWKSet(new URL(uri)));
    keys.catch(() => (keys = undefined)); // tried again on the next request
    return keys;
  };

  async function token(token: string): Promise<TokenVerdict | { ok: false; message: string }> {
    const hash = crypto.createHash("sha256").update(token, "utf8").digest();
    if (internal?.matches(hash)) return { ok: true, subject: "internal", role: "reader" };
    for (const entry of await tokens()) {
      if (crypto.timingSafeEqual(hash, entry.hash)) return { ok: true, subject: `token:${entry.name}`, role: entry.role, tokenHash: entry.tag };
    }
    if (policy.oidc && token.split(".").length === 3) {
      try {
        // `exp` required (a token without one would never end); `nbf` and `iat` honoured with a
        // small leeway for clocks (jose checks `nbf`; an `iat` in the future is refused here)
        const { payload } = await jwtVerify(token, await jwks(), {
          issuer: policy.oidc.issuer,
          audience: policy.oidc.audience,
          requiredClaims: ["exp"],
          clockTolerance: CLOCK_LEEWAY_SECONDS,
        });
        if (typeof payload.iat === "number" && payload.iat > Date.now() / 1000 + CLOCK_LEEWAY_SECONDS) throw new Error(`"iat" claim is in the future`);
        const claims = keptClaims(payload);
        return { ok: true, subject: `oidc:${payload.sub ?? payload.client_id ?? "?"}`, role: roleFromClaims(claims, roleClaim), notAfter: payload.exp, claims };
      } catch (error) {
        log(`[claimgraph] a JWT was refused: ${(error as Error).message}`);
        return { ok: false, message: "The bearer token is not valid (expired, without an expiry, not yet valid, for another audience, or not signed by the configured issuer)." };
      }
    }
    return { ok: false, message: "The bearer token is not valid." };
  }

  const roleClaim = policy.oidc?.roleClaim ?? "roles";
  const local = localReviewer();

  /**
   * The session cookie's session and its role now, while it is valid: sealed by us, not expired, not
   * signed out, its token not revoked. A token's role is read from the tokens file on each request,
   * so changing a line changes the sessions made with it.
   */
  async function session(req: IncomingMessage): Promise<(Session & { role: Role }) | undefined> {
    if (!sessions) return undefined;
    const found = unseal<Session>(sessions.key, SESSION_PURPOSE, cookieOf(req, SESSION_COOKIE));
    if (!found || typeof found.subject !== "string" || typeof found.sid !== "string" || sessions.signedOut.has(found.sid)) return undefined;
    if (found.subject.startsWith("token:")) {
      const name = found.subject.slice("token:".length);
      const entry = (await tokens()).find((e) => e.name === name);
      if (!entry || entry.tag !== found.tokenHash) return undefined; // revoked, or replaced
      return { ...found, role: entry.role };
    }
    if (!found.subject.startsWith("oidc:") || !policy.oidc) return undefined;
    return { ...found, role: roleFromClaims(found.claims, roleClaim) };
  }

  const authenticate = async function authenticate(req: IncomingMessage): Promise<Authenticated> {
    // open: on loopback (checkAccessPolicy refuses anything else) the one person at the machine, a
    // reviewer; said public, anyone, who reads only
    if (isOpen(policy)) return policy.public ? { ok: true, subject: "anyone", role: "reader" } : { ok: true, ...local };
    const header = req.headers.authorization;
    if (header === undefined) {
      const found = await session(req);
      if (found) return { ok: true, subject: found.subject, role: found.role, viaCookie: true };
      return {
        ok: false,
        message: sessions && cookieOf(req, SESSION_COOKIE) ? "The session has ended: sign in again at /signin." : "This API needs a bearer token: send `Authorization: Bearer <token>` (or sign in at /signin in a browser).",
      };
    }
    const match = /^Bearer\s+([\x21-\x7e]{1,8192})$/i.exec(header);
    if (!match) return { ok: false, message: "This API needs a bearer token: send `Authorization: Bearer <token>`." };
    const verdict = await token(match[1]);
    return verdict.ok ? { ok: true, subject: verdict.subject, role: verdict.role } : verdict;
  } as Authenticator;
  Object.assign(authenticate, { token });
  return authenticate;
}

/** The sign-in's own pages (signIn.ts): open, or no one could sign in. */
export const SIGN_IN_PATHS = new Set(["/signin", "/signin/oidc", "/signin/callback", "/signout"]);

/**
 * Paths anyone may read under any policy: probes, the sign-in, and the pages' assets (they hold no
 * data). The pages themselves (/, /explore, /contradictions) send a browser without a session to
 * /signin (http.ts), so a reader lands on a form rather than on a page full of 401s.
 */
export function isPublicPath(pathname: string): boolean {
  return SIGN_IN_PATHS.has(pathname) || pathname === "/health" || pathname === "/ready" || pathname.startsWith("/assets/") || pathname === "/favicon.svg" || pathname === "/favicon.ico";
}
