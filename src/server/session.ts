import crypto from "node:crypto";
import fs from "node:fs";
import type { IncomingMessage } from "node:http";
import path from "node:path";

/**
 * The desk's session: what a browser keeps after signing in (signIn.ts), so the pages, the explorer
 * and the exports are read without a bearer header.
 *
 * The cookie holds the session itself, sealed with HMAC-SHA256 under the deployment's secret (so
 * every API process of a deployment reads it, and no server-side store is needed): who, how they
 * signed in, a random id, and when it ends. It is HttpOnly (no script reads it), SameSite=Strict (no
 * other site's request carries it), Secure when served over TLS, and lives at most SESSION_SECONDS.
 * It ends earlier when what it came from ends: a session from a bearer token is refused as soon as
 * that token is revoked (access.ts checks the token's hash is still in the tokens file), one from
 * OpenID Connect at the ID token's expiry; signing out revokes its id in the process, and replacing
 * the secret ends every session at once.
 */

export const SESSION_COOKIE = "claimgraph_session";
/** A working day at most. */
export const SESSION_SECONDS = 8 * 3600;

export interface Session {
  /** Who: `token:NAME` or `oidc:SUB`. */
  subject: string;
  /** For a token's session: the first 16 hex digits of the token's SHA-256, to check it is still valid. */
  tokenHash?: string;
  /** Random id, for signing out. */
  sid: string;
  /** Unix seconds. */
  exp: number;
  /** Claims a role may come from (OIDC); kept small. */
  claims?: Record<string, unknown>;
}

/**
 * The deployment's secret for sealing cookies: CLAIMGRAPH_SECRET (shared by every process of a
 * deployment), or else `secret` in the data folder, made on first use (32 random bytes, 0600).
 */
export function deploymentSecret(dataDir: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  if (env.CLAIMGRAPH_SECRET) {
    if (env.CLAIMGRAPH_SECRET.length < 32) throw new Error("CLAIMGRAPH_SECRET must be at least 32 characters (e.g. `openssl rand -base64 32`).");
    return crypto.createHash("sha256").update(env.CLAIMGRAPH_SECRET, "utf8").digest();
  }
  const file = path.join(dataDir, "secret");
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const text = fs.readFileSync(file, "utf8").trim();
  if (text.length < 32) throw new Error(`${file} holds no usable secret; remove it to make a new one (every session then ends).`);
  return crypto.createHash("sha256").update(text, "utf8").digest();
}

const mac = (key: Buffer, purpose: string, body: string) => crypto.createHmac("sha256", key).update(`${purpose}\n${body}`).digest("base64url");

/** A value sealed for one purpose (a session, a sign-in in progress): readable, not forgeable. */
export function seal(key: Buffer, purpose: string, value: unknown): string {
  const body = Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
  return `${body}.${mac(key, purpose, body)}`;
}

/** The sealed value, or undefined when it was not sealed with this key for this purpose, or has expired (`exp`). */
export function unseal<T extends { exp: number }>(key: Buffer, purpose: string, sealed: string | undefined): T | undefined {
  if (!sealed || sealed.length > 8192) return undefined;
  const [body, tag] = sealed.split(".");
  if (!body || !tag) return undefined;
  const expected = Buffer.from(mac(key, purpose, body));
  const given = Buffer.from(tag);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return undefined;
  let value: T;
  try {
    value = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as T;
  } catch {
    return undefined;
  }
  if (typeof value?.exp !== "number" || value.exp <= Date.now() / 1000) return undefined;
  return value;
}

/** A cookie of the request, by name. */
export function cookieOf(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

/** Is this request on TLS (directly, or through a proxy that says so)? Then cookies are Secure. */
export const overTls = (req: IncomingMessage) =>
  Boolean((req.socket as { encrypted?: boolean }).encrypted) || String(req.headers["x-forwarded-proto"] ?? "").split(",")[0].trim() === "https";

export function setCookie(req: IncomingMessage, name: string, value: string, options: { maxAgeSeconds: number; sameSite: "Strict" | "Lax"; path?: string }): string {
  return [
    `${name}=${value}`,
    `Path=${options.path ?? "/"}`,
    `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`,
    "HttpOnly",
    `SameSite=${options.sameSite}`,
    ...(overTls(req) ? ["Secure"] : []),
  ].join("; ");
}

export const clearCookie = (req: IncomingMessage, name: string, path = "/") => setCookie(req, name, "", { maxAgeSeconds: 0, sameSite: "Strict", path });

/** Sessions ended by signing out, until they would have expired anyway (per process). */
export class SignedOut {
  private readonly ended = new Map<string, number>();

  add(session: Session) {
    this.ended.set(session.sid, session.exp);
    const now = Date.now() / 1000;
    for (const [sid, exp] of this.ended) if (exp <= now) this.ended.delete(sid);
  }

  has(sid: string) {
    return this.ended.has(sid);
  }
}

export const SESSION_PURPOSE = "session";

export function newSession(subject: string, options: { tokenHash?: string; notAfter?: number; claims?: Record<string, unknown> } = {}): Session {
  const now = Math.floor(Date.now() / 1000);
  const exp = Math.min(now + SESSION_SECONDS, options.notAfter ?? Number.POSITIVE_INFINITY);
  return { subject, sid: crypto.randomBytes(12).toString("base64url"), exp, ...(options.tokenHash ? { tokenHash: options.tokenHash } : {}), ...(options.claims ? { claims: options.claims } : {}) };
}
