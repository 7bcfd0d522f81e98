import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import Provider from "oidc-provider";
import { type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../src/config.ts";
import { CHROMIUM, launchChromium } from "../support/chromium.ts";
import { seed } from "../../src/extract/load.ts";
import type { Graph } from "../../src/graph/graph.ts";
import { type AccessPolicy, addToken, loadAccessPolicy } from "../../src/server/access.ts";
import { listen } from "../../src/server/http.ts";
import { buildApp } from "../../src/main.ts";
import { cleanGraph } from "../support/graph.ts";

/**
 * The desk signed in, in Debian's Chromium (issue 24, point 5): under a token policy (paste the token)
 * and under OpenID Connect (the authorization-code flow with PKCE against oidc-provider in this
 * process, its development login and consent pages). Each time: the table, a contradiction's page,
 * the explorer and an export are read with the session alone, no page or console error, and
 * screenshots go to tests/artifacts/.
 */
const ARTIFACTS = path.join(projectRoot(), "tests", "artifacts");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-signin-browser-"));
const previous = { ...process.env };
let graph: Graph;
let context: BrowserContext;

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Browser tests need Debian's Chromium at ${CHROMIUM} (apt-get install -y chromium).`);
  process.env.CLAIMGRAPH_DATA_DIR = path.join(tmp, "data");
  graph = await cleanGraph();
  await seed(graph, [path.join(projectRoot(), "seeds")]);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  context = await launchChromium(path.join(tmp, "chromium"), 1280);
}, 300_000);

afterAll(async () => {
  await context?.close();
  await graph?.close();
  for (const key of Object.keys(process.env)) if (!(key in previous)) delete process.env[key];
  Object.assign(process.env, previous);
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function serve(policy: AccessPolicy) {
  const built = await buildApp(graph, { log: () => {}, accessPolicy: policy });
  const server = await listen(built.handler, 0, "127.0.0.1");
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await built.apollo.stop();
    },
  };
}

async function watched(): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  return { page, problems };
}

/** Signed in: the table, a contradiction's page, the explorer and an export, with the session cookie only. */
async function readsTheDesk(page: Page, base: string, name: string) {
  await page.goto(`${base}/contradictions`);
  await page.locator("body[data-state=ready]").waitFor({ timeout: 120_000 });
  expect(await page.locator("table tbody tr").count()).toBeGreaterThan(0);
  expect(await page.locator("body").innerText()).toContain("Netflix");
  await page.screenshot({ path: path.join(ARTIFACTS, `signed-in-${name}-table.png`) });
  // A finding's page (the table's rows are findings), then one of its contradictions' pages.
  await page.locator("table tbody tr a.open").first().click();
  await page.locator("body[data-state=ready]").waitFor({ timeout: 60_000 });
  expect(page.url()).toMatch(/\/findings\/[a-z0-9-]+$/);
  await page.locator(".finding-grants a").first().click();
  await page.locator("body[data-state=ready]").waitFor({ timeout: 60_000 });
  expect(page.url()).toMatch(/\/contradictions\/[a-z0-9~-]+$/);
  await page.goto(`${base}/explore?organization=netflix`);
  await page.locator("body[data-state=ready]").waitFor({ timeout: 120_000 });
  const csv = await page.request.get(`${base}/export/contradictions.csv`);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain("netflix");
}

describe("signing in to the desk, in Chromium", { timeout: 240_000 }, () => {
  it("under a token policy: a page sends the browser to the sign-in; the pasted token opens the desk, back where it was going", async () => {
    const tokens = path.join(tmp, "tokens");
    const token = addToken(tokens, "desk");
    const api = await serve(loadAccessPolicy({ CLAIMGRAPH_TOKENS_FILE: tokens }));
    const { page, problems } = await watched();
    try {
      await page.goto(`${api.base}/contradictions?organization=netflix`);
      expect(new URL(page.url()).pathname).toBe("/signin");
      await page.screenshot({ path: path.join(ARTIFACTS, "sign-in.png") });
      await page.locator("#token").fill("cg_not-a-token");
      await page.keyboard.press("Enter");
      await expect.poll(() => page.locator("[role=alert]").innerText(), { timeout: 10_000 }).toContain("not valid");
      problems.length = 0; // the refused form's 401 is logged by Chromium as a failed resource
      await page.locator("#token").fill(token);
      await page.keyboard.press("Enter");
      await page.waitForURL(`${api.base}/contradictions?organization=netflix`, { timeout: 30_000 });
      await page.locator("body[data-state=ready]").waitFor({ timeout: 120_000 });
      expect(await page.locator("body").innerText()).toContain("Netflix never asked for");
      await readsTheDesk(page, api.base, "token");
      const cookies = await context.cookies(api.base);
      const session = cookies.find((c) => c.name === "claimgraph_session")!;
      expect(session.httpOnly).toBe(true);
      expect(session.sameSite).toBe("Strict");
      expect(await page.evaluate(() => document.cookie)).not.toContain("claimgraph_session");
      expect(problems).toEqual([]);
    } finally {
      await page.close();
      await context.clearCookies();
      await api.close();
    }
  });

  it("under OpenID Connect: the authorization-code flow with PKCE through the issuer's login and consent opens the desk", async () => {
    const providerServer = http.createServer();
    await new Promise<void>((resolve) => providerServer.listen(0, "127.0.0.1", resolve));
    const issuer = `http://127.0.0.1:${(providerServer.address() as AddressInfo).port}`;
    process.env.CLAIMGRAPH_OIDC_ISSUER = issuer;
    process.env.CLAIMGRAPH_OIDC_AUDIENCE = "urn:claimgraph:api";
    process.env.CLAIMGRAPH_OIDC_CLIENT_ID = "desk";
    process.env.CLAIMGRAPH_OIDC_SCOPE = "openid";
    const api = await serve(loadAccessPolicy());
    const authorizations: string[] = [];
    const provider = new Provider(issuer, {
      clients: [{ client_id: "desk", token_endpoint_auth_method: "none", grant_types: ["authorization_code"], response_types: ["code"], redirect_uris: [`${api.base}/signin/callback`] }],
      pkce: { required: () => true },
      findAccount: async (_ctx: unknown, sub: string) => ({ accountId: sub, claims: async () => ({ sub }) }),
    });
    providerServer.on("request", (req, res) => {
      if (req.url?.startsWith("/auth?")) authorizations.push(req.url);
      return provider.callback()(req, res);
    });
    const { page, problems } = await watched();
    try {
      await page.goto(`${api.base}/explore?organization=netflix`);
      expect(new URL(page.url()).pathname).toBe("/signin");
      await page.locator("#oidc").click();
      // the issuer's development login page, then its consent page
      await page.locator("input[name=login]").waitFor({ timeout: 30_000 });
      await page.locator("input[name=login]").fill("reporter-1");
      await page.locator("input[name=password]").fill("any");
      await page.locator("button[type=submit]").click();
      await page.locator("button[type=submit]").waitFor({ timeout: 30_000 });
      await page.locator("button[type=submit]").click();
      await page.waitForURL(`${api.base}/explore?organization=netflix`, { timeout: 60_000 });
      problems.length = 0; // what the issuer's own pages logged (they load a font from elsewhere) is not ours
      await page.locator("body[data-state=ready]").waitFor({ timeout: 120_000 });
      const asked = new URL(`${issuer}${authorizations[0]}`).searchParams;
      expect(asked.get("code_challenge_method")).toBe("S256");
      expect(asked.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(asked.get("state")).toBeTruthy();
      expect(asked.get("nonce")).toBeTruthy();
      await readsTheDesk(page, api.base, "oidc");
      expect(problems).toEqual([]);
    } finally {
      await page.close();
      await context.clearCookies();
      await api.close();
      providerServer.closeAllConnections();
      await new Promise((resolve) => providerServer.close(resolve));
    }
  });
});
