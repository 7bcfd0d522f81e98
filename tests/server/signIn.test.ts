import crypto from "node:crypto";
import fs from "node:fs";
import type http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../src/config.ts";
import { seed } from "../../src/extract/load.ts";
import type { Graph } from "../../src/graph/graph.ts";
import { addToken, loadAccessPolicy, revokeToken } from "../../src/server/access.ts";
import { listen } from "../../src/server/http.ts";
import { buildApp } from "../../src/main.ts";
import { SESSION_COOKIE, SESSION_PURPOSE, deploymentSecret, seal, unseal } from "../../src/server/session.ts";
import { safeNext } from "../../src/server/signIn.ts";
import { cleanGraph } from "../support/graph.ts";

/**
 * Signing in to the desk under a token policy (issue 24, point 5), over HTTP against the real Neo4j:
 * the pages send a browser to /signin, a pasted token makes a session cookie, the cookie reads the
 * pages, GraphQL and the exports, and ends with the token, a sign-out or a forgery. (OpenID Connect's
 * code flow is driven in Chromium: tests/web/signIn.test.ts.)
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-signin-"));
const tokensFile = path.join(tmp, "tokens");
let graph: Graph;
let server: http.Server;
let stop: () => Promise<void>;
let base = "";
let host = "";
let token = "";
const previousDataDir = process.env.CLAIMGRAPH_DATA_DIR;

beforeAll(async () => {
  process.env.CLAIMGRAPH_DATA_DIR = path.join(tmp, "data"); // where the deployment's secret is made
  graph = await cleanGraph();
  await seed(graph, [path.join(projectRoot(), "seeds")]);
  token = addToken(tokensFile, "desk");
  const built = await buildApp(graph, { log: () => {}, accessPolicy: loadAccessPolicy({ CLAIMGRAPH_TOKENS_FILE: tokensFile }) });
  server = await listen(built.handler, 0, "127.0.0.1");
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  base = `http://${host}`;
  stop = () => built.apollo.stop();
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await stop?.();
  await graph?.close();
  if (previousDataDir === undefined) delete process.env.CLAIMGRAPH_DATA_DIR;
  else process.env.CLAIMGRAPH_DATA_DIR = previousDataDir;
  fs.rmSync(tmp, { recursive: true, force: true });
});

const HTML = { accept: "text/html,application/xhtml+xml" };

async function signIn(with_: string, extra: Record<string, string> = {}) {
  return fetch(`${base}/signin`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: base, ...extra },
    body: new URLSearchParams({ token: with_, next: "/contradictions?kind=DENIAL_VS_GRANT" }),
  });
}

const cookieFrom = (response: Response) => {
  const header = response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  return header?.split(";", 1)[0];
};

const graphql = (headers: Record<string, string>) =>
  fetch(`${base}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query: "{ contradictions { totalCount } }" }) });

describe("signing in to the desk with a token", () => {
  it("a browser opening a page without a session is sent to the sign-in, and back after; scripts get 401", async () => {
    for (const pathname of ["/contradictions", "/contradictions?kind=DENIAL_VS_GRANT", "/explore?organization=netflix", "/", "/export/contradictions.csv"]) {
      const response = await fetch(`${base}${pathname}`, { headers: HTML, redirect: "manual" });
      expect(response.status, pathname).toBe(303);
      expect(response.headers.get("location")).toBe(`/signin?next=${encodeURIComponent(pathname)}`);
    }
    const script = await fetch(`${base}/contradictions`);
    expect(script.status).toBe(401);
    expect((await script.json()).errors[0].message).toContain("/signin");
    const form = await fetch(`${base}/signin?next=%2Fexplore`);
    expect(form.status).toBe(200);
    expect(form.headers.get("content-security-policy")).toContain("form-action 'self'");
    const html = await form.text();
    expect(html).toContain('name="token"');
    expect(html).toContain('value="/explore"');
    expect(html).not.toContain('id="oidc"'); // no OIDC client configured
  });

  it("a wrong token is refused on the form; the right one sets an HttpOnly, SameSite=Strict session cookie of at most 8 hours", async () => {
    const wrong = await signIn(`${token}x`);
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain("That token is not valid");
    expect(cookieFrom(wrong)).toBeUndefined();

    const right = await signIn(token);
    expect(right.status).toBe(200);
    const header = right.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    expect(header).toMatch(/; HttpOnly/);
    expect(header).toMatch(/; SameSite=Strict/);
    expect(header).toMatch(/; Path=\//);
    expect(header).not.toMatch(/; Secure/); // plain http on loopback
    const maxAge = Number(/Max-Age=(\d+)/.exec(header)![1]);
    expect(maxAge).toBeGreaterThan(8 * 3600 - 60);
    expect(maxAge).toBeLessThanOrEqual(8 * 3600);
    expect(header).not.toContain(token);
    expect(await right.text()).toContain('href="/contradictions?kind=DENIAL_VS_GRANT"');

    const tls = await signIn(token, { "x-forwarded-proto": "https" });
    expect(tls.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))).toMatch(/; Secure/);
  });

  it("the session reads the pages, GraphQL (from the desk's own pages) and the exports; a write carried by the cookie alone is refused", async () => {
    const cookie = cookieFrom(await signIn(token))!;
    const pageResponse = await fetch(`${base}/contradictions`, { headers: { ...HTML, cookie }, redirect: "manual" });
    expect(pageResponse.status).toBe(200);
    const fromDesk = await graphql({ cookie, origin: base });
    expect(fromDesk.status).toBe(200);
    expect((await fromDesk.json()).data.contradictions.totalCount).toBeGreaterThan(0);
    const csv = await fetch(`${base}/export/contradictions.csv`, { headers: { cookie } });
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain("netflix");
    // a POST carrying the cookie without proof of origin: the browser of a page elsewhere could send that
    const bare = await graphql({ cookie });
    expect(bare.status).toBe(403);
    expect((await bare.json()).errors[0].extensions.code).toBe("FORBIDDEN_ORIGIN");
    expect((await graphql({ cookie, origin: "https://attacker.example" })).status).toBe(403);
  });

  it("a forged, tampered or foreign-key cookie is refused; so is one whose token was revoked or replaced", async () => {
    const cookie = cookieFrom(await signIn(token))!;
    const value = cookie.slice(SESSION_COOKIE.length + 1);
    const [body, tag] = value.split(".");
    const claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
    const tampered = Buffer.from(JSON.stringify({ ...claims, subject: "token:admin" })).toString("base64url");
    expect((await graphql({ cookie: `${SESSION_COOKIE}=${tampered}.${tag}`, origin: base })).status).toBe(401);
    const foreignKey = crypto.randomBytes(32);
    expect((await graphql({ cookie: `${SESSION_COOKIE}=${seal(foreignKey, SESSION_PURPOSE, claims)}`, origin: base })).status).toBe(401);
    expect(unseal(foreignKey, SESSION_PURPOSE, value)).toBeUndefined();
    const expired = seal(deploymentSecret(path.join(tmp, "data")), SESSION_PURPOSE, { ...claims, exp: Math.floor(Date.now() / 1000) - 1 });
    expect((await graphql({ cookie: `${SESSION_COOKIE}=${expired}`, origin: base })).status).toBe(401);
    expect((await graphql({ cookie, origin: base })).status).toBe(200);

    revokeToken(tokensFile, "desk");
    const afterRevoke = await graphql({ cookie, origin: base });
    expect(afterRevoke.status).toBe(401);
    expect((await afterRevoke.json()).errors[0].message).toContain("sign in again");
    token = addToken(tokensFile, "desk"); // a new token under the old name does not revive the old session
    expect((await graphql({ cookie, origin: base })).status).toBe(401);
    expect((await graphql({ cookie: cookieFrom(await signIn(token))!, origin: base })).status).toBe(200);
  });

  it("signing out ends the session and clears the cookie", async () => {
    const cookie = cookieFrom(await signIn(token))!;
    const out = await fetch(`${base}/signout`, { method: "POST", headers: { cookie, origin: base } });
    expect(out.status).toBe(200);
    expect(out.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))).toMatch(/Max-Age=0/);
    expect((await graphql({ cookie, origin: base })).status).toBe(401);
    // sign-out itself is a write: not from another site
    const again = cookieFrom(await signIn(token))!;
    expect((await fetch(`${base}/signout`, { method: "POST", headers: { cookie: again, origin: "https://attacker.example" } })).status).toBe(403);
    expect((await graphql({ cookie: again, origin: base })).status).toBe(200);
  });

  it("the page to go back to is a path of this site, never another origin", () => {
    expect(safeNext("/contradictions?kind=DENIAL_VS_GRANT")).toBe("/contradictions?kind=DENIAL_VS_GRANT");
    expect(safeNext("/explore?organization=netflix")).toBe("/explore?organization=netflix");
    for (const bad of ["//attacker.example/", "/\\attacker.example", "https://attacker.example/", "javascript:alert(1)", "", null, "/signin?next=//x", "/a\nb"]) {
      expect(safeNext(bad), String(bad)).toBe("/contradictions");
    }
  });
});
