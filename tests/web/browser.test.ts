import fs from "node:fs";
import type http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { type BrowserContext, type Page, chromium } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { projectRoot } from "../../src/config.ts";
import { seed } from "../../src/extract/load.ts";
import type { Graph } from "../../src/graph/graph.ts";
import { listen } from "../../src/server/http.ts";
import { buildServer } from "../../src/server/server.ts";
import { cleanGraph } from "../support/graph.ts";

/**
 * The playground and the explorer in Debian's Chromium, driven by Playwright, with every request to
 * another host blocked and recorded: a page that tries to reach one fails the test, as does any
 * page error or console error. Screenshots go to tests/artifacts/.
 *
 * Chromium is never downloaded by a test tool: /usr/bin/chromium must be installed (.ci/run does it;
 * `apt-get install -y chromium` by hand). Without it these tests fail, saying so.
 */
const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = path.join(projectRoot(), "tests", "artifacts");
const TIMES_URL = "https://www.nytimes.com/2018/12/18/technology/facebook-privacy.html";
const NETFLIX_QUOTE = "Netflix never asked for, or accessed, anyone's private messages";
const NETFLIX_DENIAL = "netflix-never-asked-or-accessed-messages~facebook-netflix-private-messages";

let graph: Graph;
let server: http.Server;
let stopApollo: () => Promise<void>;
let base: string;
let context: BrowserContext;
let userDataDir: string;

/** Requests to other hosts (aborted), page errors and console errors, per test. */
let offHost: string[] = [];
let problems: string[] = [];

/** Set when Chromium is missing: every test then fails with it (a skipped browser test would pass CI). */
let missingBrowser: Error | undefined;

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    missingBrowser = new Error(
      `Browser tests need Debian's Chromium at ${CHROMIUM}; install it with \`apt-get install -y chromium\` (.ci/run does). No browser is downloaded by the tests.`,
    );
    return;
  }
  graph = await cleanGraph();
  await seed(graph, [path.join(projectRoot(), "seeds")]);
  // The seed article gives no address for the Times report; one is set here so the explorer has a
  // report link to show (reports without an address are shown without a link).
  await graph.write("MATCH (r:Report {id: $id}) SET r.url = $url", { id: "nyt-2018-12-18-facebook-partners", url: TIMES_URL });
  const built = await buildServer(graph, { log: () => {} });
  stopApollo = () => built.apollo.stop();
  server = await listen(built.handler, 0, "127.0.0.1");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fs.mkdirSync(ARTIFACTS, { recursive: true });

  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-chromium-"));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 1400, height: 900 },
  });
  await context.route("**/*", (route) => {
    const url = route.request().url();
    const { protocol, hostname } = new URL(url);
    if ((protocol === "http:" || protocol === "https:" || protocol === "ws:" || protocol === "wss:") && hostname !== "127.0.0.1" && hostname !== "localhost") {
      offHost.push(url);
      return route.abort("blockedbyclient");
    }
    return route.continue();
  });
}, 120_000);

afterAll(async () => {
  await context?.close();
  if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
  if (server) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await stopApollo?.();
  await graph?.close();
});

async function openPage(): Promise<Page> {
  const page = await context.newPage();
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  return page;
}

beforeEach(() => {
  if (missingBrowser) throw missingBrowser;
  offHost = [];
  problems = [];
});

afterEach(() => {
  if (missingBrowser) return;
  expect(offHost, "requests to other hosts").toEqual([]);
  expect(problems, "page errors and console errors").toEqual([]);
});

/** Monaco draws spaces as no-break spaces; the text a reader sees, with plain spaces. */
const visibleText = (page: Page, selector: string) => page.locator(selector).innerText().then((t) => t.replace(/\u00a0/g, " "));

describe("in Chromium, offline", () => {
  it("blocks and records a request to another host (the guard the other tests rely on)", async () => {
    const page = await openPage();
    await page.goto("http://example.invalid/").catch(() => {});
    await page.close();
    expect(offHost).toEqual(["http://example.invalid/"]);
    offHost = [];
    problems = []; // the blocked navigation's own error is expected here
  });

  it("the playground loads, opens the example tabs, browses the schema docs and runs a query", async () => {
    const page = await openPage();
    await page.goto(`${base}/`);
    await page.locator(".graphiql-container").waitFor({ timeout: 30_000 });
    const tabs = page.locator(".graphiql-tab");
    await expect.poll(() => tabs.allInnerTexts(), { timeout: 30_000 }).toEqual(["CompanyContradictions", "CompanyTimeline", "FullTextSearch", "ContradictionEvidence"]);
    // The first example and its variables are in the editors.
    await expect.poll(() => visibleText(page, ".graphiql-query-editor"), { timeout: 30_000 }).toContain("query CompanyContradictions($organization: ID!)");
    await expect.poll(() => visibleText(page, ".graphiql-editor-tool"), { timeout: 30_000 }).toContain('"organization": "netflix"');

    // The schema's documentation, from introspection: Query → contradictions, with its description.
    await page.getByRole("button", { name: /Show Documentation Explorer/i }).click();
    const docs = page.locator(".graphiql-doc-explorer");
    await docs.getByText("Query", { exact: true }).first().click({ timeout: 30_000 });
    await docs.getByText("contradictions", { exact: true }).first().click();
    await expect.poll(() => docs.innerText()).toContain("paired with the documented grants they conflict with");

    await page.locator(".graphiql-execute-button").click();
    const response = () => visibleText(page, ".graphiql-response");
    await expect.poll(response, { timeout: 60_000 }).toContain('"totalCount": 2');
    expect(await response()).toContain('"kind": "UNAWARENESS_VS_GRANT"');
    await page.screenshot({ path: path.join(ARTIFACTS, "playground.png") });
    await page.close();
  });

  it("the explorer draws Netflix's neighbourhood; clicking a contradiction edge shows its evidence chain", async () => {
    const page = await openPage();
    await page.goto(`${base}/explore?organization=netflix`);
    await page.locator("body[data-state=ready]").waitFor({ timeout: 60_000 });

    const drawn = await page.evaluate(() => {
      const cy = window.claimgraphExplorer!.cy;
      return {
        organizations: cy.nodes(".organization").map((n) => n.data("label")).sort(),
        statements: cy.nodes(".statement").length,
        grants: cy.nodes(".grant").length,
        reports: cy.nodes(".report").length,
        contradictions: cy.edges(".contradiction").map((e) => e.data("ref")).sort(),
      };
    });
    expect(drawn.organizations).toEqual(expect.arrayContaining(["Netflix", "Facebook", "The New York Times"]));
    expect(drawn.statements).toBeGreaterThanOrEqual(3);
    expect(drawn.grants).toBeGreaterThanOrEqual(1);
    expect(drawn.reports).toBeGreaterThanOrEqual(3);
    expect(drawn.contradictions).toEqual([NETFLIX_DENIAL, "netflix-unaware-of-access~facebook-netflix-private-messages"]);

    // The timeline below the graph, in date order.
    const timeline = await page.locator("#timeline li time").allInnerTexts();
    expect(timeline.length).toBeGreaterThanOrEqual(5);
    expect(timeline).toContain("2018-12-18");

    // Click the denial's edge on the canvas, where Cytoscape draws its middle.
    const point = await page.evaluate((id) => {
      const cy = window.claimgraphExplorer!.cy;
      const edge = cy.$id(`contradiction:${id}`);
      cy.fit(undefined, 60);
      const box = cy.container()!.getBoundingClientRect();
      const middle = edge.renderedMidpoint();
      return { x: box.left + middle.x, y: box.top + middle.y };
    }, NETFLIX_DENIAL);
    await page.mouse.click(point.x, point.y);

    const chain = page.locator(`#panel article.contradiction[data-contradiction="${NETFLIX_DENIAL}"]`);
    await chain.waitFor({ timeout: 10_000 });
    expect(await chain.locator("blockquote.quote").first().innerText()).toBe(`“${NETFLIX_QUOTE}”`);
    expect(await chain.innerText()).toContain("Netflix, tweet, December 2018");
    // The Times report has no title in the source: it is cited as what it is, never with an invented title.
    const link = chain.locator("a.report-link", { hasText: "an untitled report by The New York Times" });
    expect(await link.getAttribute("href")).toBe(TIMES_URL);
    expect(await chain.innerText()).toContain("According to a scorching report in the New York Times");
    expect(await page.evaluate(() => window.claimgraphExplorer!.cy.$(":selected").map((e) => e.id()))).toEqual([`contradiction:${NETFLIX_DENIAL}`]);
    await page.screenshot({ path: path.join(ARTIFACTS, "explorer.png") });
    await page.close();
  });

  it("the explorer's panel never prints reported speech in quotation marks as the speaker's", async () => {
    const page = await openPage();
    await page.goto(`${base}/explore?organization=netflix`);
    await page.locator("body[data-state=ready]").waitFor({ timeout: 60_000 });
    const unaware = "netflix-unaware-of-access~facebook-netflix-private-messages";
    await page.locator(`#panel button[data-contradiction="${unaware}"]`).click({ timeout: 10_000 });
    const chain = page.locator(`#panel article.contradiction[data-contradiction="${unaware}"]`);
    await chain.waitFor({ timeout: 10_000 });
    const text = await chain.innerText();
    // The article's sentence, quoted as the article's, and no quotation after Netflix's name.
    expect(await chain.locator("blockquote.quote").count()).toBe(0);
    expect(await chain.locator("p.reported").innerText()).toMatch(/^Reported speech, not Netflix's words: the article “Facebook allowed Netflix, Spotify to access private user messages” \(20 December 2018\) wrote of Netflix \(December 2018\): “For their part, companies like Netflix/);
    expect(text).not.toMatch(/Netflix said[^.]*“For their part/);
    expect(text).toContain("The article “Facebook allowed Netflix, Spotify to access private user messages” (20 December 2018), citing The New York Times, says: “According to a scorching report");
    await page.close();
  });

  it("the explorer's search box moves to another organisation", async () => {
    const page = await openPage();
    await page.goto(`${base}/explore?organization=netflix`);
    await page.locator("body[data-state=ready]").waitFor({ timeout: 60_000 });
    await page.locator("#search").fill("spot");
    await page.locator("#search-results a", { hasText: "Spotify" }).click({ timeout: 10_000 });
    await page.waitForURL(/\/explore\?organization=spotify$/);
    await page.locator("body[data-state=ready]").waitFor({ timeout: 60_000 });
    expect(await page.locator("#heading").innerText()).toBe("Spotify");
    expect(await page.evaluate(() => window.claimgraphExplorer!.cy.edges(".contradiction").length)).toBe(1);
    await page.close();
  });

  it("the explorer says so when the organisation does not exist", async () => {
    const page = await openPage();
    await page.goto(`${base}/explore?organization=no-such-org`);
    await page.locator("body[data-state=error]").waitFor({ timeout: 30_000 });
    expect(await page.locator("#panel").innerText()).toContain("No organisation with id “no-such-org”");
    await page.close();
  });
});
