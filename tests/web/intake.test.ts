import fs from "node:fs";
import type http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { projectRoot } from "../../src/config.ts";
import { CHROMIUM, launchChromium } from "../support/chromium.ts";
import { seed } from "../../src/extract/load.ts";
import type { Graph } from "../../src/graph/graph.ts";
import { buildApp } from "../../src/main.ts";
import { listen } from "../../src/server/http.ts";
import { cleanGraph } from "../support/graph.ts";
import { YAHOO_ARTICLE } from "../support/intakeArticle.ts";

/**
 * The intake page end to end in Debian's Chromium (as tests/web/browser.test.ts: no browser is
 * downloaded, other hosts are blocked, page and console errors fail the test): paste an article,
 * review its draft (correct a statement's scope, reject one, add one from a selection of the text),
 * see the validator's verdict and the preview, save into the seeds folder, and find the new
 * contradiction on /contradictions. Then at 390 px, by keyboard alone. Screenshots in tests/artifacts/.
 */
const ARTIFACTS = path.join(projectRoot(), "tests", "artifacts");
const DENIAL = "Yahoo never had access to the personal data of Facebook users";

let graph: Graph;
let server: http.Server;
let stopApollo: () => Promise<void>;
let base: string;
let seedsDir: string;
let context: BrowserContext;
let userDataDir: string;
let offHost: string[] = [];
let problems: string[] = [];
let missingBrowser: Error | undefined;

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    missingBrowser = new Error(`Browser tests need Debian's Chromium at ${CHROMIUM}; install it with \`apt-get install -y chromium\`. No browser is downloaded by the tests.`);
    return;
  }
  graph = await cleanGraph();
  await seed(graph, [path.join(projectRoot(), "seeds")]);
  seedsDir = fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-intake-browser-"));
  const built = await buildApp(graph, { log: () => {}, seedsDir });
  stopApollo = () => built.apollo.stop();
  server = await listen(built.handler, 0, "127.0.0.1");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await fetch(`${base}/assets/intake/main.js`);
  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-chromium-"));
  context = await launchChromium(userDataDir, 1400);
  await context.route("**/*", (route) => {
    const { protocol, hostname } = new URL(route.request().url());
    if ((protocol === "http:" || protocol === "https:" || protocol === "ws:" || protocol === "wss:") && hostname !== "127.0.0.1" && hostname !== "localhost") {
      offHost.push(route.request().url());
      return route.abort("blockedbyclient");
    }
    return route.continue();
  });
}, 300_000);

afterAll(async () => {
  await context?.close();
  if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
  if (seedsDir) fs.rmSync(seedsDir, { recursive: true, force: true });
  if (server) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await stopApollo?.();
  await graph?.close();
});

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

async function openPage(): Promise<Page> {
  const page = await context.newPage();
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  return page;
}

/** Selects `passage` in the article's text, as a reader's drag would. */
async function selectInText(page: Page, passage: string) {
  await page.evaluate((words) => {
    const container = document.getElementById("article-text")!;
    const full = container.textContent!;
    const start = full.indexOf(words);
    const end = start + words.length;
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let offset = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const length = node.textContent!.length;
      if (start >= offset && start <= offset + length) range.setStart(node, start - offset);
      if (end >= offset && end <= offset + length) {
        range.setEnd(node, end - offset);
        break;
      }
      offset += length;
    }
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
  }, passage);
}

/** Presses Tab until the element with `id` has the focus (keyboard only). */
async function tabTo(page: Page, id: string, limit = 250) {
  for (let i = 0; i < limit; i++) {
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`#${id} never took the focus by Tab`);
}

it("paste → review → save → the new contradiction on /contradictions", async () => {
  const page = await openPage();
  await page.goto(`${base}/intake`);
  await page.fill("#paste", YAHOO_ARTICLE);
  await page.click("#draft-button");
  await page.waitForSelector("body[data-state=review]");
  // the draft as written: valid, a draft until each proposal is decided
  await expect.poll(() => page.textContent("#verdict-status"), { timeout: 30_000 }).toMatch(/^Valid.*still to decide/);
  // the proposals are marked in the text: the quote, its cue, the organisations
  // (a quote is cut into pieces where an organisation's mark begins or ends)
  expect((await page.locator("#article-text .m-quote").allTextContents()).join("")).toContain(DENIAL);
  expect(await page.locator("#article-text .m-cue").allTextContents()).toContain("said");
  expect(await page.locator("#article-text .m-org").count()).toBeGreaterThan(1);
  await page.screenshot({ path: path.join(ARTIFACTS, "intake-1-draft.png"), fullPage: true });

  // correct the denial's scope: about Facebook's grant to Yahoo
  const denial = page.locator(".card", { hasText: DENIAL });
  await denial.locator("select[id$=-grantee]").selectOption("yahoo");
  await page.locator(".card", { hasText: DENIAL }).locator("select[id$=-grantor]").selectOption("facebook");
  expect(await page.locator(".card", { hasText: DENIAL }).getAttribute("class")).toContain("accepted");
  // reject Facebook's assurance
  await page.locator(".card", { hasText: "Facebook said its partners" }).getByLabel("Reject").check();
  // add what the draft missed: Yahoo's dispute, from a selection of the text
  await selectInText(page, "Yahoo on Friday disputed a report that Facebook had let it see users' data.");
  await page.click("#add-from-selection");
  expect(await page.inputValue("#add-passage")).toBe("Yahoo on Friday disputed a report that Facebook had let it see users' data.");
  await page.selectOption("#add-what", "REPORTED statement");
  await page.selectOption("#add-party", "yahoo");
  await page.click("#add-button");
  await expect.poll(() => page.locator(".card", { hasText: "Yahoo on Friday disputed" }).count()).toBe(1);

  // every proposal decided: valid and reviewed, and the preview shows the denial against Facebook's grant to Yahoo
  await expect.poll(() => page.textContent("#verdict-status"), { timeout: 30_000 }).toMatch(/^Valid.*reviewed/);
  await expect.poll(() => page.textContent("#preview"), { timeout: 30_000 }).toContain("DENIAL_VS_GRANT");
  expect(await page.textContent("#preview")).toContain("Facebook → Yahoo");
  await page.screenshot({ path: path.join(ARTIFACTS, "intake-2-reviewed.png"), fullPage: true });

  await page.click("#save-seeds");
  await page.waitForSelector("body[data-state=saved]");
  expect(await page.textContent("#save-status")).toMatch(/Saved .*2018-12-21-yahoo-denies-it-read-facebook-users-data\.yaml/);
  expect(fs.existsSync(path.join(seedsDir, "2018-12-21-yahoo-denies-it-read-facebook-users-data.yaml"))).toBe(true);
  await page.screenshot({ path: path.join(ARTIFACTS, "intake-3-saved.png"), fullPage: true });

  await page.click("#to-contradictions");
  await page.waitForSelector("body[data-state=ready]");
  await expect.poll(() => page.textContent("#desk"), { timeout: 30_000 }).toContain(DENIAL);
  await page.screenshot({ path: path.join(ARTIFACTS, "intake-4-contradictions.png"), fullPage: true });
  await page.close();
});

it("at 390 px, by keyboard alone: paste, draft, accept every proposal, see the verdict", async () => {
  const page = await openPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${base}/intake`);
  await page.waitForSelector("body[data-state=ready]");
  await tabTo(page, "paste");
  await page.keyboard.insertText(YAHOO_ARTICLE.replace("Yahoo denies", "Yahoo again denies"));
  await tabTo(page, "draft-button");
  await page.keyboard.press("Enter");
  await page.waitForSelector("body[data-state=review]");
  await expect.poll(() => page.textContent("#verdict-status"), { timeout: 30_000 }).toMatch(/^Valid/);
  // a card's decision by arrow keys in its radio group: Undecided → Reject
  await tabTo(page, "decision-statement-1-pending");
  await page.keyboard.press("ArrowUp");
  expect(await page.locator("#decision-statement-1-rejected").isChecked()).toBe(true);
  await tabTo(page, "accept-all");
  await page.keyboard.press("Enter");
  await expect.poll(() => page.textContent("#verdict-status"), { timeout: 30_000 }).toMatch(/^Valid.*reviewed/);
  // nothing wider than the screen
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: path.join(ARTIFACTS, "intake-390px.png"), fullPage: true });
  await page.close();
});
