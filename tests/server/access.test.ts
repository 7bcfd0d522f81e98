import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { SignJWT, exportJWK, generateKeyPair } from "jose";
import Provider from "oidc-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../src/config.ts";
import { Graph } from "../../src/graph/graph.ts";
import { type AccessPolicy, addToken, checkAccessPolicy, hashToken, loadAccessPolicy, readTokens, revokeToken } from "../../src/server/access.ts";
import { listen } from "../../src/server/http.ts";
import { buildApp } from "../../src/main.ts";
import { apiBase } from "../support/process.ts";
import { cleanGraph } from "../support/graph.ts";
import { testNeo4j } from "../support/neo4j.ts";

const run = promisify(execFile);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-access-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The API with an access policy, on loopback. Its queries here need no data (`__typename`). */
async function apiWith(policy: AccessPolicy) {
  // Writes give up after a second: a test's write to this absent database shows only that it got past the role check.
  const graph = new Graph({ uri: "bolt://127.0.0.1:1" }, { writeTimeoutMs: 1_000 });
  const { apollo, handler, internal } = await buildApp(graph, { log: () => {}, accessPolicy: policy });
  const server = await listen(handler, 0, "127.0.0.1");
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    internal,
    ask: (authorization?: string) =>
      fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ query: "{ __typename }" }),
      }),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await apollo.stop();
      await graph.close();
    },
  };
}

describe("the access policy", () => {
  it("beyond loopback, the API refuses to start without one (before starting anything)", async () => {
    expect(() => checkAccessPolicy("0.0.0.0", loadAccessPolicy({}))).toThrow(/no access policy is set/);
    expect(() => checkAccessPolicy("127.0.0.1", loadAccessPolicy({}))).not.toThrow();
    expect(() => checkAccessPolicy("::1", loadAccessPolicy({}))).not.toThrow();
    expect(() => checkAccessPolicy("0.0.0.0", loadAccessPolicy({ CLAIMGRAPH_PUBLIC: "true" }))).not.toThrow();

    const env: NodeJS.ProcessEnv = { ...process.env, HOST: "0.0.0.0", PORT: "0", CLAIMGRAPH_DATA_DIR: path.join(tmp, "data") };
    for (const key of ["CLAIMGRAPH_TOKENS_FILE", "CLAIMGRAPH_OIDC_ISSUER", "CLAIMGRAPH_PUBLIC"]) delete env[key];
    const result = await run(process.execPath, ["src/bin/claimgraph.mjs", "serve"], { cwd: projectRoot(), env, timeout: 60_000 }).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("no access policy is set");
    expect(fs.existsSync(path.join(tmp, "data", "neo4j", "state.json"))).toBe(false);
  }, 90_000);

  it("bearer tokens are stored hashed; a request without one, or with a wrong one, gets 401", async () => {
    const file = path.join(tmp, "tokens");
    const token = addToken(file, "desk");
    expect(token).toMatch(/^cg_[A-Za-z0-9_-]{43}$/);
    const stored = fs.readFileSync(file, "utf8");
    expect(stored).not.toContain(token);
    expect(stored).toMatch(/^desk sha256:[0-9a-f]{64}\n$/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(readTokens(file).get("desk")?.hash).toHaveLength(64);

    const api = await apiWith(loadAccessPolicy({ CLAIMGRAPH_TOKENS_FILE: file }));
    try {
      const none = await api.ask();
      expect(none.status).toBe(401);
      expect(none.headers.get("www-authenticate")).toContain("Bearer");
      expect((await none.json()).errors[0].extensions.code).toBe("UNAUTHENTICATED");
      expect((await api.ask(`Bearer ${token}x`)).status).toBe(401);
      const ok = await api.ask(`Bearer ${token}`);
      expect(ok.status).toBe(200);
      expect((await ok.json()).data).toEqual({ __typename: "Query" });
      // probes and the pages' static files stay open
      expect((await fetch(`${api.url}/health`)).status).toBe(200);
      // exports are data: closed
      expect((await fetch(`${api.url}/export/contradictions.csv`)).status).toBe(401);
    } finally {
      await api.close();
    }
  });

  it("the process's own credential (its warm-up's) is let in until revoked, then refused like any wrong token", async () => {
    const file = path.join(tmp, "internal-tokens");
    addToken(file, "desk");
    const api = await apiWith(loadAccessPolicy({ CLAIMGRAPH_TOKENS_FILE: file }));
    try {
      const authorization = api.internal.authorization()!;
      expect(authorization).toMatch(/^Bearer internal_[A-Za-z0-9_-]{43}$/);
      expect(fs.readFileSync(file, "utf8")).not.toContain(authorization.slice(7));
      expect((await api.ask(authorization)).status).toBe(200);
      api.internal.revoke();
      expect(api.internal.authorization()).toBeUndefined();
      expect((await api.ask(authorization)).status).toBe(401);
      expect((await api.ask()).status).toBe(401);
    } finally {
      await api.close();
    }
  });

  it("`claimgraph serve` under a token policy warms its pages' queries through its own HTTP endpoint without a 401, and still refuses a request without a token", async () => {
    const file = path.join(tmp, "serve-tokens");
    const token = addToken(file, "desk");
    // the worker's Neo4j (its files take turns on it); the start loads the seeds into it, as `npm start` does,
    // so it is emptied first: a file before this one may have left extracts that define the seed's ids otherwise
    const neo4j = testNeo4j();
    const emptied = await cleanGraph();
    await emptied.close();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: "0",
      CLAIMGRAPH_DATA_DIR: path.join(tmp, "serve-data"),
      CLAIMGRAPH_TOKENS_FILE: file,
      NEO4J_URI: neo4j.uri,
      NEO4J_USER: neo4j.user ?? "neo4j",
      NEO4J_PASSWORD: neo4j.password ?? "",
      NEO4J_DATABASE: neo4j.database ?? "",
    };
    for (const key of ["CLAIMGRAPH_OIDC_ISSUER", "CLAIMGRAPH_PUBLIC", "CLAIMGRAPH_PUBLISHED_ON"]) delete env[key];
    const child = spawn(process.execPath, ["src/bin/claimgraph.mjs", "serve"], { cwd: projectRoot(), env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    try {
      // the API line comes once the start is done, warm-up included
      const base = await apiBase(child, () => output, 240_000);
      expect((await fetch(`${base}/ready`)).status).toBe(200);
      const warmed = /the pages' (\d+) queries (\d+) times/.exec(output);
      expect(warmed, output).not.toBeNull();
      expect(Number(warmed![1])).toBeGreaterThan(0);
      expect(Number(warmed![2])).toBe(3);
      // the warm-up logs each error as "Warming up: <query>: <message>": none, 401 or other
      expect(output).not.toMatch(/Warming up:/);
      expect(output).not.toMatch(/bearer token|UNAUTHENTICATED|401/i);

      const ask = (authorization?: string) =>
        fetch(`${base}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
          body: JSON.stringify({ query: "{ organizations { totalCount } }" }),
        });
      const none = await ask();
      expect(none.status).toBe(401);
      expect((await none.json()).errors[0].extensions.code).toBe("UNAUTHENTICATED");
      const ok = await ask(`Bearer ${token}`);
      expect(ok.status).toBe(200);
      expect((await ok.json()).data.organizations.totalCount).toBeGreaterThan(0);
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      if (child.exitCode === null) child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  }, 300_000);

  it("`claimgraph token new NAME` prints a token once and stores only its hash", async () => {
    const file = path.join(tmp, "cli-tokens");
    const env = { ...process.env, CLAIMGRAPH_TOKENS_FILE: file };
    const { stdout, stderr } = await run(process.execPath, ["src/bin/claimgraph.mjs", "token", "new", "research-desk"], { cwd: projectRoot(), env, timeout: 60_000 });
    const token = stdout.trim();
    expect(token).toMatch(/^cg_/);
    expect(stderr).toContain(file);
    expect(fs.readFileSync(file, "utf8")).not.toContain(token);
    expect(readTokens(file).get("research-desk")).toEqual({ hash: hashToken(token), role: "reader" });
    const again = await run(process.execPath, ["src/bin/claimgraph.mjs", "token", "new", "research-desk"], { cwd: projectRoot(), env, timeout: 60_000 }).catch((e: { code: number; stderr: string }) => e);
    expect((again as { code: number }).code).toBe(1);
  }, 90_000);

  describe("revocation without a restart (issue 24, point 4)", () => {
    it("`claimgraph token revoke NAME` ends a token at the API's next request; tokens added while it runs are let in; the others keep working", async () => {
      const file = path.join(tmp, "revoke-tokens");
      const desk = addToken(file, "desk");
      const laptop = addToken(file, "laptop");
      const api = await apiWith(loadAccessPolicy({ CLAIMGRAPH_TOKENS_FILE: file }));
      try {
        expect((await api.ask(`Bearer ${desk}`)).status).toBe(200);
        const env = { ...process.env, CLAIMGRAPH_TOKENS_FILE: file };
        const { stderr } = await run(process.execPath, ["src/bin/claimgraph.mjs", "token", "revoke", "desk"], { cwd: projectRoot(), env, timeout: 60_000 });
        expect(stderr).toContain('Token "desk" removed');
        expect(fs.statSync(file).mode & 0o777).toBe(0o600);
        expect([...readTokens(file).keys()]).toEqual(["laptop"]);
        // the very next request: no wait, no restart
        const refused = await api.ask(`Bearer ${desk}`);
        expect(refused.status).toBe(401);
        expect((await api.ask(`Bearer ${laptop}`)).status).toBe(200);
        const late = addToken(file, "late");
        expect((await api.ask(`Bearer ${late}`)).status).toBe(200);
        // a line removed by hand, the file edited in place
        fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/^laptop .*\n/m, ""));
        expect((await api.ask(`Bearer ${laptop}`)).status).toBe(401);
        expect((await api.ask(`Bearer ${late}`)).status).toBe(200);
        // an unknown name is said, with the names there are
        const unknown = await run(process.execPath, ["src/bin/claimgraph.mjs", "token", "revoke", "nobody"], { cwd: projectRoot(), env, timeout: 60_000 }).catch((e: { code: number; stderr: string }) => e);
        expect((unknown as { code: number }).code).toBe(1);
        expect((unknown as { stderr: string }).stderr).toContain('has no token named "nobody"; it has "late"');
      } finally {
        await api.close();
      }
    }, 120_000);

    it("a tokens file emptied, broken or removed lets no one in (closed, not open)", async () => {
      const file = path.join(tmp, "closing-tokens");
      const token = addToken(file, "desk");
      const api = await apiWith(loadAccessPolicy({ CLAIMGRAPH_TOKENS_FILE: file }));
      try {
        expect((await api.ask(`Bearer ${token}`)).status).toBe(200);
        revokeToken(file, "desk");
        expect(fs.readFileSync(file, "utf8").trim()).toBe("");
        expect((await api.ask()).status).toBe(401);
        expect((await api.ask(`Bearer ${token}`)).status).toBe(401);
        fs.writeFileSync(file, "this is not a token line\n");
        expect((await api.ask(`Bearer ${token}`)).status).toBe(401);
        fs.rmSync(file);
        expect((await api.ask(`Bearer ${token}`)).status).toBe(401);
        expect((await api.ask()).status).toBe(401);
      } finally {
        await api.close();
      }
    });

    it("JWTs: without `exp`, not yet valid (`nbf`), or issued in the future (`iat`) are refused; within the clocks' leeway they are not", async () => {
      const { publicKey, privateKey } = await generateKeyPair("ES256");
      const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "ES256", use: "sig" };
      const jwks = http.createServer((_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ keys: [jwk] }));
      });
      await new Promise<void>((resolve) => jwks.listen(0, "127.0.0.1", resolve));
      const issuer = "https://issuer.example";
      const api = await apiWith(
        loadAccessPolicy({ CLAIMGRAPH_OIDC_ISSUER: issuer, CLAIMGRAPH_OIDC_AUDIENCE: "claimgraph", CLAIMGRAPH_OIDC_JWKS_URI: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks` }),
      );
      const now = Math.floor(Date.now() / 1000);
      const sign = (claims: Record<string, number>) =>
        new SignJWT({ sub: "reporter", ...claims }).setProtectedHeader({ alg: "ES256", kid: "k1" }).setIssuer(issuer).setAudience("claimgraph").sign(privateKey);
      try {
        expect((await api.ask(`Bearer ${await sign({ exp: now + 300, iat: now })}`)).status).toBe(200);
        expect((await api.ask(`Bearer ${await sign({ iat: now })}`)).status).toBe(401); // no exp
        expect((await api.ask(`Bearer ${await sign({ exp: now - 120, iat: now - 600 })}`)).status).toBe(401);
        expect((await api.ask(`Bearer ${await sign({ exp: now + 300, nbf: now + 120 })}`)).status).toBe(401);
        expect((await api.ask(`Bearer ${await sign({ exp: now + 300, iat: now + 120 })}`)).status).toBe(401);
        // a clock 10 s ahead of ours is within the leeway
        expect((await api.ask(`Bearer ${await sign({ exp: now + 300, nbf: now + 10, iat: now + 10 })}`)).status).toBe(200);
        expect((await api.ask(`Bearer ${await sign({ exp: now - 10, iat: now - 300 })}`)).status).toBe(200);
      } finally {
        await api.close();
        jwks.closeAllConnections();
        await new Promise((resolve) => jwks.close(resolve));
      }
    });
  });

  describe("OpenID Connect, with a real provider (oidc-provider) in this process", () => {
    const AUDIENCE = "urn:claimgraph:api";
    let issuer = "";
    let provider: http.Server;
    beforeAll(async () => {
      provider = http.createServer();
      await new Promise<void>((resolve) => provider.listen(0, "127.0.0.1", resolve));
      issuer = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
      const oidc = new Provider(issuer, {
        clients: [
          { client_id: "newsroom", client_secret: "newsroom-secret-newsroom-secret", grant_types: ["client_credentials"], redirect_uris: [], response_types: [] },
          { client_id: "elsewhere", client_secret: "elsewhere-secret-elsewhere-secret", grant_types: ["client_credentials"], redirect_uris: [], response_types: [] },
          { client_id: "desk-reviewer", client_secret: "desk-reviewer-secret-desk-reviewer", grant_types: ["client_credentials"], redirect_uris: [], response_types: [] },
          { client_id: "desk-admin", client_secret: "desk-admin-secret-desk-admin-secret", grant_types: ["client_credentials"], redirect_uris: [], response_types: [] },
        ],
        // The newsroom's role claim, as an identity provider such as Keycloak nests it: an object with a
        // list of roles (and a name that is no role, to be ignored).
        extraTokenClaims: async (_ctx: unknown, token: { clientId?: string }) =>
          token.clientId === "desk-reviewer"
            ? { newsroom: { roles: ["desk-user", "reviewer"] } }
            : token.clientId === "desk-admin"
              ? { newsroom: { roles: ["reviewer", "admin"] } }
              : undefined,
        features: {
          clientCredentials: { enabled: true },
          resourceIndicators: {
            enabled: true,
            defaultResource: async (_ctx: unknown, client: { clientId: string }) => (client.clientId === "elsewhere" ? "urn:other:api" : AUDIENCE),
            getResourceServerInfo: async (_ctx: unknown, resource: string) => ({ scope: "read", audience: resource, accessTokenFormat: "jwt" as const }),
          },
        },
      });
      provider.on("request", oidc.callback());
    });
    afterAll(async () => {
      provider.closeAllConnections();
      await new Promise((resolve) => provider.close(resolve));
    });

    async function accessToken(client: string, secret: string): Promise<string> {
      const response = await fetch(`${issuer}/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${Buffer.from(`${client}:${secret}`).toString("base64")}` },
        body: new URLSearchParams({ grant_type: "client_credentials", scope: "read" }),
      });
      const body = (await response.json()) as { access_token?: string };
      expect(body.access_token, JSON.stringify(body)).toBeDefined();
      return body.access_token!;
    }

    it("a JWT from the issuer for the API's audience is let in; none, another audience's or a tampered one get 401", async () => {
      const api = await apiWith(loadAccessPolicy({ CLAIMGRAPH_OIDC_ISSUER: issuer, CLAIMGRAPH_OIDC_AUDIENCE: AUDIENCE }));
      try {
        const good = await accessToken("newsroom", "newsroom-secret-newsroom-secret");
        expect(good.split(".")).toHaveLength(3);
        expect((await api.ask()).status).toBe(401);
        const ok = await api.ask(`Bearer ${good}`);
        expect(ok.status).toBe(200);
        expect((await ok.json()).data).toEqual({ __typename: "Query" });

        const other = await accessToken("elsewhere", "elsewhere-secret-elsewhere-secret");
        expect((await api.ask(`Bearer ${other}`)).status).toBe(401);
        const [header, payload, signature] = good.split(".");
        const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
        const forged = Buffer.from(JSON.stringify({ ...claims, sub: "someone-else", client_id: "someone-else" })).toString("base64url");
        expect((await api.ask(`Bearer ${header}.${forged}.${signature}`)).status).toBe(401);
      } finally {
        await api.close();
      }
    });

    it("a token's role comes from the claim CLAIMGRAPH_OIDC_ROLE_CLAIM names (a dotted path): without it a reader, whose write is FORBIDDEN; with it a reviewer or an admin, whose write gets past the check", async () => {
      const api = await apiWith(loadAccessPolicy({ CLAIMGRAPH_OIDC_ISSUER: issuer, CLAIMGRAPH_OIDC_AUDIENCE: AUDIENCE, CLAIMGRAPH_OIDC_ROLE_CLAIM: "newsroom.roles" }));
      // A write on a database that is not there: past the role check it can only fail for want of Neo4j.
      const write = (token: string) =>
        fetch(`${api.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: `mutation { addNote(findingId: "netflix-unaware-of-access", text: "asked the press office") { event { version } } }` }),
        }).then((r) => r.json() as Promise<{ errors?: { extensions: Record<string, unknown> }[] }>);
      try {
        const reader = await accessToken("newsroom", "newsroom-secret-newsroom-secret");
        expect(JSON.parse(Buffer.from(reader.split(".")[1], "base64url").toString("utf8")).newsroom).toBeUndefined();
        expect((await write(reader)).errors?.[0].extensions).toMatchObject({ code: "FORBIDDEN", needs: "reviewer", role: "reader" });

        for (const [client, secret] of [["desk-reviewer", "desk-reviewer-secret-desk-reviewer"], ["desk-admin", "desk-admin-secret-desk-admin-secret"]]) {
          const token = await accessToken(client, secret);
          expect(JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8")).newsroom.roles).toContain("reviewer");
          const refused = (await write(token)).errors?.[0].extensions;
          expect(refused?.code, client).not.toBe("FORBIDDEN");
          expect(refused?.code, client).toMatch(/^DATABASE_(UNAVAILABLE|TIMEOUT)$/);
        }
      } finally {
        await api.close();
      }
      // The default claim is `roles`: the same tokens, read by a policy that names no claim, are readers.
      const plain = await apiWith(loadAccessPolicy({ CLAIMGRAPH_OIDC_ISSUER: issuer, CLAIMGRAPH_OIDC_AUDIENCE: AUDIENCE }));
      try {
        const token = await accessToken("desk-admin", "desk-admin-secret-desk-admin-secret");
        const response = await fetch(`${plain.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: `mutation { addNote(findingId: "netflix-unaware-of-access", text: "x") { event { version } } }` }),
        });
        expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe("FORBIDDEN");
      } finally {
        await plain.close();
      }
    });
  });
});
