import type { IncomingMessage, ServerResponse } from "node:http";
import * as oidcClient from "openid-client";
import { type Authenticator, keptClaims } from "./access.ts";
import { type Route, readBody } from "./http.ts";
import { mediaType } from "./hosts.ts";
import { SESSION_COOKIE, SESSION_PURPOSE, SESSION_SECONDS, type Session, type SignedOut, clearCookie, cookieOf, newSession, overTls, seal, setCookie, unseal } from "./session.ts";

/**
 * Signing in to the desk under an access policy (README, "Signing in to the desk"):
 * - GET /signin: a page to paste a bearer token, and, when an OIDC client is configured
 *   (CLAIMGRAPH_OIDC_CLIENT_ID), a link to sign in with the issuer;
 * - POST /signin: the pasted token, checked as a bearer token is; then the session cookie;
 * - GET /signin/oidc → the issuer → GET /signin/callback: OpenID Connect's authorization-code flow with
 *   PKCE (S256), state and nonce, by openid-client (the flow's state sealed in a cookie for ten
 *   minutes); the ID token's `sub` and claims make the session, which ends at the ID token's expiry;
 * - POST /signout: the session ends (here and in its cookie).
 * Every write here is same-origin only (http.ts checks `Origin` before routes run).
 */

const FLOW_COOKIE = "claimgraph_signin";
const FLOW_PURPOSE = "signin-flow";
const MAX_FORM_BYTES = 16 * 1024;

export interface OidcClientSettings {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** Where the issuer sends the browser back; default: this request's origin + /signin/callback. */
  redirectUri?: string;
  scope: string;
}

export function oidcClientSettings(env: NodeJS.ProcessEnv = process.env): OidcClientSettings | undefined {
  if (!env.CLAIMGRAPH_OIDC_ISSUER || !env.CLAIMGRAPH_OIDC_CLIENT_ID) return undefined;
  return {
    issuer: env.CLAIMGRAPH_OIDC_ISSUER,
    clientId: env.CLAIMGRAPH_OIDC_CLIENT_ID,
    clientSecret: env.CLAIMGRAPH_OIDC_CLIENT_SECRET || undefined,
    redirectUri: env.CLAIMGRAPH_OIDC_REDIRECT_URI || undefined,
    scope: env.CLAIMGRAPH_OIDC_SCOPE || "openid profile email",
  };
}

interface Flow {
  verifier: string;
  state: string;
  nonce: string;
  next: string;
  redirectUri: string;
  exp: number;
}

/** Only a path of this site, never another origin ("//evil.example", "/\\evil.example", "https://…"). */
export function safeNext(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\") || /[\u0000-\u001f]/.test(value) || value.length > 2000) return "/contradictions";
  if (value.startsWith("/signin") || value.startsWith("/signout")) return "/contradictions";
  return value;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

function page(res: ServerResponse, status: number, title: string, body: string, headers: Record<string, string | string[]> = {}) {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · claimgraph</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#f6f6f3}
main{max-width:30rem;margin:3rem auto;padding:1.5rem;background:#fff;border:1px solid #ddd;border-radius:6px}
h1{font-size:1.4rem;margin-top:0}label{display:block;font-weight:600;margin:.5rem 0 .25rem}
input[type=password]{width:100%;box-sizing:border-box;font:inherit;padding:.5rem;border:1px solid #888;border-radius:4px}
button,.button{display:inline-block;margin-top:1rem;font:inherit;padding:.5rem 1rem;border-radius:4px;border:1px solid #1d4f91;background:#1d4f91;color:#fff;text-decoration:none;cursor:pointer}
.error{color:#a00000;font-weight:600}.or{margin:1.5rem 0 .5rem;color:#555}
:focus-visible{outline:3px solid #f0a000;outline-offset:2px}
</style></head><body><main>${body}</main></body></html>`;
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "content-security-policy": PAGE_CSP, ...headers });
  res.end(html);
}

/** The sign-in form's fields; undefined for another media type or a body past MAX_FORM_BYTES. */
async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  if (mediaType(req.headers["content-type"]) !== "application/x-www-form-urlencoded") return undefined;
  const text = await readBody(req, MAX_FORM_BYTES).catch(() => undefined);
  return text === undefined ? undefined : new URLSearchParams(text);
}

const requestOrigin = (req: IncomingMessage) => `${overTls(req) ? "https" : "http"}://${req.headers.host}`;

export function signInRoutes(options: { authenticator: Authenticator; key: Buffer; signedOut: SignedOut; oidc?: OidcClientSettings; log?: (line: string) => void }): Route {
  const { authenticator, key, signedOut, oidc } = options;
  const log = options.log ?? (() => {});
  let discovered: Promise<oidcClient.Configuration> | undefined;
  const configuration = () => {
    discovered ??= oidcClient.discovery(
      new URL(oidc!.issuer),
      oidc!.clientId,
      oidc!.clientSecret,
      oidc!.clientSecret ? undefined : oidcClient.None(),
      // a plain-http issuer only on loopback (a provider in tests, or on this machine)
      /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/|$)/.test(oidc!.issuer) ? { execute: [oidcClient.allowInsecureRequests] } : undefined,
    );
    discovered.catch(() => (discovered = undefined));
    return discovered;
  };

  function startSession(req: IncomingMessage, res: ServerResponse, session: Session, next: string) {
    const cookie = setCookie(req, SESSION_COOKIE, seal(key, SESSION_PURPOSE, session), { maxAgeSeconds: session.exp - Date.now() / 1000, sameSite: "Strict" });
    log(`[claimgraph] signed in: ${session.subject} (session until ${new Date(session.exp * 1000).toISOString()})`);
    // A page that moves on by itself rather than a 303: after the issuer's cross-site redirect, a
    // redirect chain would not carry a SameSite=Strict cookie; a navigation from our own page does.
    page(res, 200, "Signed in", `<h1>Signed in</h1><p>Signed in as ${escapeHtml(session.subject)}.</p><p><a class="button" id="continue" href="${escapeHtml(next)}">Continue</a></p><meta http-equiv="refresh" content="0;url=${escapeHtml(next)}">`, {
      "set-cookie": [cookie, clearCookie(req, FLOW_COOKIE, "/signin")],
    });
  }

  function signInPage(res: ServerResponse, next: string, status = 200, error?: string) {
    const oidcLink = oidc ? `<p class="or">Or</p><p><a class="button" id="oidc" href="/signin/oidc?next=${encodeURIComponent(next)}">Sign in with ${escapeHtml(new URL(oidc.issuer).host)}</a></p>` : "";
    page(
      res,
      status,
      "Sign in",
      `<h1>Sign in to claimgraph</h1>${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/signin"><input type="hidden" name="next" value="${escapeHtml(next)}">
<label for="token">Your access token</label><input type="password" id="token" name="token" autocomplete="off" required autofocus>
<p>The token you were given (<code>cg_…</code>, made by <code>claimgraph token new</code>), or a JWT of the configured issuer.</p>
<button type="submit">Sign in</button></form>${oidcLink}`,
    );
  }

  return async (req, res, url) => {
    if (url.pathname === "/signin" && (req.method === "GET" || req.method === "HEAD")) {
      signInPage(res, safeNext(url.searchParams.get("next")));
      return true;
    }
    if (url.pathname === "/signin" && req.method === "POST") {
      const form = await readForm(req);
      const next = safeNext(form?.get("next"));
      const token = form?.get("token")?.trim();
      if (!token) {
        signInPage(res, next, 400, "Paste your access token.");
        return true;
      }
      const verdict = await authenticator.token(token);
      if (!verdict.ok || verdict.subject === "internal") {
        log(`[claimgraph] a sign-in was refused`);
        signInPage(res, next, 401, "That token is not valid (revoked, expired, or not one of this desk's).");
        return true;
      }
      startSession(req, res, newSession(verdict.subject, { tokenHash: verdict.tokenHash, notAfter: verdict.notAfter, claims: verdict.claims }), next);
      return true;
    }
    if (url.pathname === "/signout" && req.method === "POST") {
      const session = unseal<Session>(key, SESSION_PURPOSE, cookieOf(req, SESSION_COOKIE));
      if (session) {
        signedOut.add(session);
        log(`[claimgraph] signed out: ${session.subject}`);
      }
      page(res, 200, "Signed out", `<h1>Signed out</h1><p><a class="button" href="/signin">Sign in again</a></p>`, { "set-cookie": clearCookie(req, SESSION_COOKIE) });
      return true;
    }
    if (url.pathname === "/signin/oidc" && req.method === "GET") {
      if (!oidc) {
        signInPage(res, "/contradictions", 404, "Signing in with OpenID Connect is not configured here (CLAIMGRAPH_OIDC_CLIENT_ID).");
        return true;
      }
      const config = await configuration();
      const verifier = oidcClient.randomPKCECodeVerifier();
      const flow: Flow = {
        verifier,
        state: oidcClient.randomState(),
        nonce: oidcClient.randomNonce(),
        next: safeNext(url.searchParams.get("next")),
        redirectUri: oidc.redirectUri ?? `${requestOrigin(req)}/signin/callback`,
        exp: Math.floor(Date.now() / 1000) + 600,
      };
      const target = oidcClient.buildAuthorizationUrl(config, {
        redirect_uri: flow.redirectUri,
        scope: oidc.scope,
        code_challenge: await oidcClient.calculatePKCECodeChallenge(verifier),
        code_challenge_method: "S256",
        state: flow.state,
        nonce: flow.nonce,
      });
      // Lax: the issuer sends the browser back with a top-level GET from its own site
      res.writeHead(302, { location: target.href, "cache-control": "no-store", "set-cookie": setCookie(req, FLOW_COOKIE, seal(key, FLOW_PURPOSE, flow), { maxAgeSeconds: 600, sameSite: "Lax", path: "/signin" }) });
      res.end();
      return true;
    }
    if (url.pathname === "/signin/callback" && req.method === "GET") {
      const flow = unseal<Flow>(key, FLOW_PURPOSE, cookieOf(req, FLOW_COOKIE));
      if (!oidc || !flow) {
        signInPage(res, "/contradictions", 400, "This sign-in has expired or was not started here; start again.");
        return true;
      }
      try {
        const config = await configuration();
        const current = new URL(`${flow.redirectUri}${url.search}`);
        const tokens = await oidcClient.authorizationCodeGrant(config, current, { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true });
        const claims = tokens.claims()!;
        startSession(req, res, newSession(`oidc:${claims.sub}`, { notAfter: Math.min(claims.exp, Math.floor(Date.now() / 1000) + SESSION_SECONDS), claims: keptClaims(claims) }), flow.next);
      } catch (error) {
        log(`[claimgraph] an OpenID Connect sign-in failed: ${(error as Error).message}`);
        signInPage(res, flow.next, 401, "The sign-in with the issuer did not complete; try again.");
      }
      return true;
    }
    return false;
  };
}
