import fs from "node:fs";
import type http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { projectRoot } from "../../src/config.ts";
import { CHROMIUM, launchChromium } from "../support/chromium.ts";
import { seed } from "../../src/extract/load.ts";
import type { Graph } from "../../src/graph/graph.ts";
import { type AccessPolicy, addToken, loadAccessPolicy } from "../../src/server/access.ts";
import { listen } from "../../src/server/http.ts";
import { buildApp } from "../../src/main.ts";
import { cleanGraph } from "../support/graph.ts";

/**
 * The desk's review screens (issue 23, point 5; issue 22, point 6 for the table), in Debian's
 * Chromium against the real Neo4j: one row per finding with its grants and the switch back to pairs,
 * the status column and filter in the URL, selecting rows by keyboard for a bulk status change (a
 * CONFLICT shown with the state now, a dismissal refused without its reason), the review queue
 * (longest waiting first, overdue requests marked), and a finding's page with a form for every
 * review write and the history beneath — each write made through the page and read back through
 * the API, each request after a write carrying its Neo4j-Bookmarks. A reader sees no write control;
 * a reviewer whose role is taken away meanwhile is told FORBIDDEN in words. Screenshots at 1280 and
 * 390 px go to tests/artifacts/ (review-queue-*.png, finding-review-*.png).
 */
const ARTIFACTS = path.join(projectRoot(), "tests", "artifacts");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-review-browser-"));
const previous = { ...process.env };

const ASSURANCE = "facebook-partners-dont-ignore-privacy-settings";
const DENIAL = "netflix-never-asked-or-accessed-messages";
const APPLE = "apple-unaware-of-access";
const SPOTIFY = "spotify-unaware-of-access";
const NETFLIX_UNAWARE = "netflix-unaware-of-access";
const DENIAL_PAIR = `${DENIAL}~facebook-netflix-private-messages`;
const REVIEWER = "local:desk-tester";

interface Served {
  base: string;
  close(): Promise<void>;
}

let graph: Graph;
let context: BrowserContext;
let open: Served;
let problems: string[] = [];

async function serve(policy: AccessPolicy): Promise<Served> {
  const built = await buildApp(graph, { log: () => {}, accessPolicy: policy });
  const server: http.Server = await listen(built.handler, 0, "127.0.0.1");
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await built.apollo.stop();
    },
  };
}

/** The API, asked directly (the open desk: a reviewer), to check what the page wrote. */
async function api<T = any>(source: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${open.base}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: source, variables }) });
  const body = await response.json();
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

const REVIEW_OF = `query ($id: ID!) { finding(id: $id) { review { status version lastReviewer dismissReason
  history { version by role action fromStatus toStatus reason note requestId }
  replyRequests { id party { id } askedAt channel deadline overdue note askedBy receivedAt text declined recordedBy } } } }`;
const reviewOf = async (id: string) => (await api(REVIEW_OF, { id })).finding.review;

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Browser tests need Debian's Chromium at ${CHROMIUM} (apt-get install -y chromium).`);
  process.env.CLAIMGRAPH_DATA_DIR = path.join(tmp, "data");
  process.env.CLAIMGRAPH_REVIEWER = "desk-tester";
  graph = await cleanGraph();
  await seed(graph, [path.join(projectRoot(), "seeds")]);
  // The open local desk: on loopback without a policy, a reviewer named by CLAIMGRAPH_REVIEWER.
  open = await serve({ tokens: new Map(), public: false });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await fetch(`${open.base}/assets/desk/main.js`); // the bundle, built (or read back) before the first test
  context = await launchChromium(path.join(tmp, "chromium"), 1280);
}, 300_000);

afterAll(async () => {
  await context?.close();
  await open?.close();
  await graph?.close();
  for (const key of Object.keys(process.env)) if (!(key in previous)) delete process.env[key];
  Object.assign(process.env, previous);
  fs.rmSync(tmp, { recursive: true, force: true });
});

beforeEach(() => {
  problems = [];
});
afterEach(() => {
  expect(problems, "page errors and console errors").toEqual([]);
});

async function openPage(width = 1280): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(`console ${message.type()}: ${message.text()}`);
  });
  return page;
}

const ready = (page: Page) => page.locator("body[data-state=ready]").waitFor({ timeout: 120_000 });
const rowIds = (page: Page, attribute = "data-finding") => page.locator("table.contradictions tbody tr").evaluateAll((rows, a) => rows.map((row) => row.getAttribute(a)), attribute);
const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** Every /graphql request of a page, in order: whether it wrote, the bookmarks it sent, and those its answer returned. */
function recordGraphql(page: Page) {
  const log: { mutation: boolean; sent: string | undefined; returned?: string; done: Promise<void> }[] = [];
  page.on("request", (request) => {
    if (!request.url().endsWith("/graphql") || request.method() !== "POST") return;
    const entry = { mutation: /^\s*mutation\b/.test(JSON.parse(request.postData() ?? "{}").query ?? ""), sent: request.headers()["neo4j-bookmarks"], returned: undefined as string | undefined, done: Promise.resolve() };
    entry.done = request.response().then(async (response) => {
      entry.returned = (await response?.allHeaders())?.["neo4j-bookmarks"];
    });
    log.push(entry);
  });
  return log;
}

describe("the desk's table of findings, in Chromium", { timeout: 240_000 }, () => {
  it("shows one row per finding with its grants inside, and switches to one row per pair in the URL", async () => {
    const page = await openPage();
    await page.goto(`${open.base}/contradictions`);
    await ready(page);
    const { findings, contradictions } = await api(`{ findings(first: 100) { totalCount edges { node { id grantCount } } } contradictions(first: 100) { totalCount } }`);
    expect(await rowIds(page)).toEqual(findings.edges.map((e: any) => e.node.id));
    expect(await page.locator("#summary").innerText()).toBe(`${findings.totalCount} findings (${contradictions.totalCount} contradictions), strongest first.`);
    // The half-sentence with three grants is one row, its three grants inside it.
    const assurance = page.locator(`tr[data-finding="${ASSURANCE}"]`);
    expect(await assurance.locator("li[data-contradiction]").count()).toBe(3);
    expect(await assurance.locator("a.open").getAttribute("href")).toBe(`/findings/${ASSURANCE}`);
    // Every row starts New: nobody has reviewed anything.
    expect(new Set(await page.locator("tbody td.review-status [data-status]").allInnerTexts())).toEqual(new Set(["New"]));

    await page.locator("a[data-group=pairs]").click();
    await page.waitForURL(`${open.base}/contradictions?group=pairs`);
    await ready(page);
    expect(await page.locator("tbody tr").count()).toBe(contradictions.totalCount);
    expect((await rowIds(page, "data-contradiction")).filter((id) => id?.startsWith(`${ASSURANCE}~`))).toHaveLength(3);
    expect(await page.locator("#summary").innerText()).toBe(`${contradictions.totalCount} contradictions, strongest first.`);
    expect(await page.locator("a[data-group=pairs]").getAttribute("aria-current")).toBe("page");
    // A review is the finding's: ticking one of its pairs ticks all three, and counts one finding.
    const pairBoxes = page.locator(`tr[data-finding="${ASSURANCE}"] input.select-row`);
    expect(await pairBoxes.count()).toBe(3);
    await pairBoxes.first().focus();
    await page.keyboard.press("Space");
    expect(await pairBoxes.evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).checked))).toEqual([true, true, true]);
    expect(await page.locator("#selected-count").innerText()).toBe("1 finding selected");
    await page.locator("a[data-group=findings]").click();
    await page.waitForURL(`${open.base}/contradictions`);
    await ready(page);
    expect(await page.locator("tbody tr").count()).toBe(findings.totalCount);
    await page.close();
  });

  it("selecting rows by keyboard sets their status in one go: one reviewFinding each, read back through the API; the status filter is in the URL", async () => {
    const page = await openPage();
    const requests = recordGraphql(page);
    await page.goto(`${open.base}/contradictions`);
    await ready(page);
    expect(await page.locator("#bulk-apply").isDisabled()).toBe(true);
    for (const id of [APPLE, SPOTIFY]) {
      await page.locator(`#select-${id}`).focus();
      await page.keyboard.press("Space");
    }
    expect(await page.locator("#selected-count").innerText()).toBe("2 findings selected");
    await page.locator("#bulk-status-CONFIRMED").focus();
    await page.keyboard.press("Space");
    await page.locator("#bulk-note").focus();
    await page.keyboard.type("Checked against the article, paragraph 4.");
    await page.locator("#bulk-apply").focus();
    await page.keyboard.press("Enter");
    await page.locator("#bulk-written").waitFor({ timeout: 60_000 });
    await ready(page);
    expect(await page.locator("#bulk-written li").evaluateAll((items) => items.map((li) => li.getAttribute("data-finding")).sort())).toEqual([APPLE, SPOTIFY]);
    for (const id of [APPLE, SPOTIFY]) {
      const review = await reviewOf(id);
      expect(review).toMatchObject({ status: "CONFIRMED", version: 1, lastReviewer: REVIEWER });
      expect(review.history).toEqual([expect.objectContaining({ version: 1, by: REVIEWER, role: "reviewer", action: "STATUS_CHANGED", fromStatus: "NEW", toStatus: "CONFIRMED", note: "Checked against the article, paragraph 4." })]);
      // The table, read again after the writes, shows them.
      expect(await page.locator(`tr[data-finding="${id}"]`).getAttribute("data-status")).toBe("CONFIRMED");
    }
    // Two writes, then the table read again: each request after a write sent that write's bookmarks.
    await Promise.all(requests.map((r) => r.done));
    const writes = requests.filter((r) => r.mutation);
    expect(writes).toHaveLength(2);
    for (const write of writes) {
      expect(write.returned).toBeTruthy();
      expect(requests[requests.indexOf(write) + 1].sent).toBe(write.returned);
    }

    // The status filter, through the form and in the URL; its counts within the other filters.
    expect(await page.locator('[data-status-count="CONFIRMED"]').innerText()).toBe("2");
    await page.locator('input[name=status][value="CONFIRMED"]').check();
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(`${open.base}/contradictions?status=CONFIRMED`);
    await ready(page);
    expect((await rowIds(page)).sort()).toEqual([APPLE, SPOTIFY]);
    await page.goto(`${open.base}/contradictions?status=NEW,NEEDS_REPLY`);
    await ready(page);
    const waiting = await rowIds(page);
    expect(waiting).toHaveLength(3);
    expect(waiting).not.toContain(APPLE);
    expect(await page.locator('input[name=status][value="NEW"]').isChecked()).toBe(true);
    await page.goto(`${open.base}/contradictions?status=FINISHED`);
    await ready(page);
    expect(await page.locator("#desk .error").innerText()).toContain('status "FINISHED" is not a review status');
    await page.close();
  });

  it("a dismissal needs its reason; a finding changed meanwhile is reported with its state now (CONFLICT), the others are written", async () => {
    const page = await openPage();
    await page.goto(`${open.base}/contradictions?status=CONFIRMED`);
    await ready(page);
    // Someone else sends the Apple finding for comment after the page read it (version 1 → 2).
    await api(`mutation { reviewFinding(id: "${APPLE}", status: NEEDS_REPLY, expectedVersion: 1, note: "Ask Apple first.") { review { version } } }`);
    await page.locator("#select-all").focus();
    await page.keyboard.press("Space");
    expect(await page.locator("#selected-count").innerText()).toBe("2 findings selected");
    await page.locator("#bulk-status-DISMISSED").focus();
    await page.keyboard.press("Space");
    expect(await page.locator("#bulk-reason").isVisible()).toBe(true);
    // Without a reason, nothing is sent.
    await page.locator("#bulk-apply").click();
    expect(await page.locator("#bulk-reason").evaluate((select: HTMLSelectElement) => select.validity.valueMissing)).toBe(true);
    await page.waitForTimeout(500);
    expect((await reviewOf(SPOTIFY)).version).toBe(1);
    expect(await page.locator("#bulk-written, #bulk-refused").count()).toBe(0);
    // OTHER asks for the reason in words too.
    await page.locator("#bulk-reason").selectOption("OTHER");
    expect(await page.locator("#bulk-reason-text").isVisible()).toBe(true);
    expect(await page.locator("#bulk-reason-text").evaluate((input: HTMLInputElement) => input.required)).toBe(true);
    await page.locator("#bulk-reason").selectOption("DUPLICATE");
    await page.locator("#bulk-apply").click();
    await page.locator("#bulk-refused").waitFor({ timeout: 60_000 });
    await ready(page);
    const refused = page.locator(`#bulk-refused li[data-finding="${APPLE}"]`);
    expect(await refused.getAttribute("data-code")).toBe("CONFLICT");
    expect(await refused.innerText()).toMatch(/someone changed this finding since you read it\. It is now Needs reply \(version 2\), last changed by local:desk-tester/);
    expect(await page.locator("#bulk-refused").getAttribute("role")).toBe("alert");
    expect(await page.locator(`#bulk-written li[data-finding="${SPOTIFY}"]`).count()).toBe(1);
    expect(await reviewOf(APPLE)).toMatchObject({ status: "NEEDS_REPLY", version: 2 });
    expect(await reviewOf(SPOTIFY)).toMatchObject({ status: "DISMISSED", version: 2, dismissReason: "DUPLICATE" });
    await page.close();
  });
});

describe("a finding's page: every review write through its forms, the history beneath", { timeout: 240_000 }, () => {
  it("sets the status, asks for comment, records a reply and adds a note; each is in the API's log and on the page", async () => {
    const page = await openPage();
    const requests = recordGraphql(page);
    await page.goto(`${open.base}/findings/${DENIAL}`);
    await ready(page);
    expect(await page.locator("h1").innerText()).toContain("Netflix");
    expect(await page.locator("#history-empty").count()).toBe(1);
    const saved = async (version: number) => {
      await expect.poll(() => page.locator("#review").getAttribute("data-version"), { timeout: 60_000 }).toBe(String(version));
      expect(await page.locator("#review-notice").innerText()).toMatch(/^Saved/);
      expect(await page.locator("#history tbody tr").count()).toBe(version);
    };

    // 1. The status, by keyboard: Needs reply, with a note.
    await page.locator("#review-status-NEEDS_REPLY").focus();
    await page.keyboard.press("Space");
    await page.locator("#review-note").fill("The tweet answers whether Netflix read messages, not whether it could.");
    await page.locator("#review-form button[type=submit]").focus();
    await page.keyboard.press("Enter");
    await saved(1);
    expect(await page.locator("#review-status [data-status]").innerText()).toBe("Needs reply");

    // 2. Asking Netflix for comment, the deadline passed: overdue.
    await page.locator("#ask > summary").focus();
    await page.keyboard.press("Enter");
    await page.locator("#ask-party").selectOption("netflix");
    await page.locator("#ask-asked-at").fill("2018-12-19");
    await page.locator("#ask-channel").fill("email to the press office");
    await page.locator("#ask-deadline").fill("2018-12-20");
    await page.locator("#ask-note").fill("Could Netflix read users' messages, whether or not it did?");
    await page.locator("#request-reply-form button[type=submit]").click();
    await saved(2);
    // (a request is named by the version of its event: FINDING~reply-N)
    expect(await page.locator(`li[data-request="${DENIAL}~reply-2"] .overdue-mark`).innerText()).toContain("Overdue");

    // 3. Asking Facebook too, and recording its reply.
    await page.locator("#ask > summary").click();
    await page.locator("#ask-party").selectOption("facebook");
    await page.locator("#ask-asked-at").fill("2018-12-19");
    await page.locator("#ask-channel").fill("phone");
    await page.locator("#request-reply-form button[type=submit]").click();
    await saved(3);
    const facebook = page.locator(`li[data-request="${DENIAL}~reply-3"]`);
    await facebook.locator("summary").click();
    await facebook.locator("input[name=receivedAt]").fill("2018-12-21");
    await facebook.locator("textarea[name=text]").fill("Facebook said the feature needed read access to work.");
    await facebook.locator("button[type=submit]").click();
    await saved(4);
    expect(await page.locator(`li[data-request="${DENIAL}~reply-3"] .reply-text`).innerText()).toContain("Replied on 21 December 2018");

    // 4. A note, with markup in it: shown as text, never as markup.
    await page.locator("#note > summary").click();
    await page.locator("#note-text").fill("Compare with <b>Spotify</b>'s answer.");
    await page.locator("#add-note-form button[type=submit]").click();
    await saved(5);
    const noteCell = page.locator('#history tr[data-version="5"] td.note-text');
    expect(await noteCell.innerText()).toBe("Compare with <b>Spotify</b>'s answer.");
    expect(await noteCell.locator("b").count()).toBe(0);

    // The history, beneath, as the API's log has it: who, when, what, from → to, the note.
    const review = await reviewOf(DENIAL);
    expect(review.history.map((e: any) => [e.version, e.by, e.action, e.fromStatus, e.toStatus])).toEqual([
      [1, REVIEWER, "STATUS_CHANGED", "NEW", "NEEDS_REPLY"],
      [2, REVIEWER, "REPLY_REQUESTED", "NEEDS_REPLY", "NEEDS_REPLY"],
      [3, REVIEWER, "REPLY_REQUESTED", "NEEDS_REPLY", "NEEDS_REPLY"],
      [4, REVIEWER, "REPLY_RECORDED", "NEEDS_REPLY", "NEEDS_REPLY"],
      [5, REVIEWER, "NOTE_ADDED", "NEEDS_REPLY", "NEEDS_REPLY"],
    ]);
    expect(review.history[0].note).toBe("The tweet answers whether Netflix read messages, not whether it could.");
    expect(review.replyRequests).toEqual([
      expect.objectContaining({ id: `${DENIAL}~reply-2`, party: { id: "netflix" }, askedAt: "2018-12-19", channel: "email to the press office", deadline: "2018-12-20", overdue: true, askedBy: REVIEWER, receivedAt: null }),
      expect.objectContaining({ id: `${DENIAL}~reply-3`, party: { id: "facebook" }, channel: "phone", receivedAt: "2018-12-21", text: "Facebook said the feature needed read access to work.", declined: false, recordedBy: REVIEWER }),
    ]);
    const rows = await page.locator("#history tbody tr").evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => (td as HTMLElement).innerText)));
    expect(rows[0].slice(2, 5)).toEqual([`${REVIEWER} (reviewer)`, "Status set", "New → Needs reply"]);
    expect(rows[0][1]).toMatch(/^\d{1,2} \w+ \d{4}, \d{2}:\d{2} UTC$/);
    expect(rows[1][3]).toBe("Comment asked of Netflix");
    expect(rows[3][3]).toBe("Reply of Facebook recorded");

    // Every request after a write sent that write's bookmarks back (Neo4j-Bookmarks).
    await Promise.all(requests.map((r) => r.done));
    const writes = requests.filter((r) => r.mutation);
    expect(writes).toHaveLength(5);
    for (const write of writes) {
      expect(write.returned).toMatch(/\S/);
      expect(requests[requests.indexOf(write) + 1].sent).toBe(write.returned);
    }

    await page.screenshot({ path: path.join(ARTIFACTS, "finding-review-1280px.png"), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await ready(page);
    for (const summary of await page.locator("#review details > summary").all()) await summary.click();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    const offside = await page.evaluate(() => Array.from(document.querySelectorAll("#review *")).filter((e) => e.getBoundingClientRect().right > 390.5).map((e) => e.tagName + "." + e.className));
    expect(offside).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, "finding-review-390px.png"), fullPage: true });
    await page.close();
  });

  it("a contradiction's page shows its finding's review and history", async () => {
    const page = await openPage();
    await page.goto(`${open.base}/contradictions/${DENIAL_PAIR}`);
    await ready(page);
    expect(await page.locator("#review #history tbody tr").count()).toBe(5);
    expect(await page.locator("#review a[href='/findings/" + DENIAL + "']").count()).toBe(1);
    expect(await page.locator("#review-form").count()).toBe(1);
    // The seed's article has no address: its citation links to its archived text, which opens (issue 22, point 7).
    const archived = page.locator("a.report-link.archived[href='/reports/facebook-partners-private-messages-2018-12-20/text']").first();
    expect(await archived.innerText()).toBe("Facebook allowed Netflix, Spotify to access private user messages");
    const text = await page.request.get(`${open.base}/reports/facebook-partners-private-messages-2018-12-20/text`);
    expect(text.status()).toBe(200);
    expect(await text.text()).toContain("Facebook allowed Netflix, Spotify to access private user messages");
    await page.close();
  });
});

describe("the review queue", { timeout: 240_000 }, () => {
  it("lists NEW and NEEDS_REPLY findings, the longest waiting first, overdue replies marked; at 1280 and 390 px", async () => {
    const page = await openPage();
    await page.goto(`${open.base}/contradictions`);
    await ready(page);
    await page.locator("#queue-link").click();
    await page.waitForURL(`${open.base}/contradictions?view=queue`);
    await ready(page);
    expect(await page.locator("h1").innerText()).toBe("Review queue");
    const queue = await api(`{ findings(filter: { statuses: [NEW, NEEDS_REPLY] }, orderBy: { field: WAITING }, first: 100) { edges { node { id review { status } } } } }`);
    const expected = queue.findings.edges.map((e: any) => e.node.id);
    expect(expected).toEqual(expect.arrayContaining([ASSURANCE, NETFLIX_UNAWARE, DENIAL, APPLE]));
    expect(expected).not.toContain(SPOTIFY);
    expect(await rowIds(page)).toEqual(expected);
    expect(new Set(await page.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-status"))))).toEqual(new Set(["NEW", "NEEDS_REPLY"]));
    expect(await page.locator("#summary").innerText()).toMatch(/^4 findings waiting \(\d+ contradictions\), longest waiting first\.$/);
    // The Netflix denial's request to Netflix is past its deadline.
    const denial = page.locator(`tr[data-finding="${DENIAL}"]`);
    expect(await denial.getAttribute("class")).toContain("overdue");
    expect(await denial.locator(".overdue-mark").innerText()).toContain("Reply overdue (Netflix, deadline 20 December 2018)");
    expect(await page.locator("tr.overdue").count()).toBe(1);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(1280);
    await page.screenshot({ path: path.join(ARTIFACTS, "review-queue-1280px.png"), fullPage: true });

    // Only those waiting for a reply: the queue narrowed in the URL.
    await page.goto(`${open.base}/contradictions?status=NEEDS_REPLY&view=queue`);
    await ready(page);
    expect((await rowIds(page)).sort()).toEqual([APPLE, DENIAL].sort());

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${open.base}/contradictions?view=queue`);
    await ready(page);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    const offside = await page.evaluate(() => Array.from(document.querySelectorAll("#desk *")).filter((e) => e.getBoundingClientRect().right > 390.5 && !e.closest(".visually-hidden, thead")).map((e) => e.tagName + "." + e.className));
    expect(offside).toEqual([]);
    // Usable there: a row selected by keyboard, its status set.
    await page.locator(`#select-${NETFLIX_UNAWARE}`).focus();
    await page.keyboard.press("Space");
    await page.locator("#bulk-status-CONFIRMED").focus();
    await page.keyboard.press("Space");
    await page.screenshot({ path: path.join(ARTIFACTS, "review-queue-390px.png"), fullPage: true });
    await page.locator("#bulk-apply").focus();
    await page.keyboard.press("Enter");
    await page.locator("#bulk-written").waitFor({ timeout: 60_000 });
    await ready(page);
    expect(await reviewOf(NETFLIX_UNAWARE)).toMatchObject({ status: "CONFIRMED", version: 1, lastReviewer: REVIEWER });
    expect(await rowIds(page)).not.toContain(NETFLIX_UNAWARE); // out of the queue
    await page.close();
  });
});

describe("who may write", { timeout: 240_000 }, () => {
  it("a reader sees no write control; a reviewer whose role is taken away meanwhile is told FORBIDDEN, and nothing is written", async () => {
    const tokens = path.join(tmp, "tokens");
    const reader = addToken(tokens, "reader-1");
    const reviewer = addToken(tokens, "jane", "reviewer");
    const guarded = await serve(loadAccessPolicy({ CLAIMGRAPH_TOKENS_FILE: tokens }));
    const signIn = async (page: Page, token: string, next: string) => {
      await page.goto(`${guarded.base}${next}`);
      expect(new URL(page.url()).pathname).toBe("/signin");
      await page.locator("#token").fill(token);
      await page.keyboard.press("Enter");
      await page.waitForURL(`${guarded.base}${next}`, { timeout: 30_000 });
      await ready(page);
    };
    try {
      const page = await openPage();
      await signIn(page, reader, `/findings/${DENIAL}`);
      expect(await page.locator("#read-only").innerText()).toContain("token:reader-1, a reader");
      expect(await page.locator("#review form, #review button, #review details").count()).toBe(0);
      expect(await page.locator("#history tbody tr").count()).toBe(5); // the history is read all the same
      await page.goto(`${guarded.base}/contradictions`);
      await ready(page);
      expect(await page.locator("input.select-row, #bulk-form").count()).toBe(0);
      expect(await page.locator("#read-only").innerText()).toContain("reviews need the role reviewer");
      await page.close();
      await context.clearCookies();

      const second = await openPage();
      await signIn(second, reviewer, `/findings/${NETFLIX_UNAWARE}`);
      expect(await second.locator("#review-form").count()).toBe(1);
      // An admin takes the role away: the tokens file is read again on the next request.
      fs.writeFileSync(tokens, fs.readFileSync(tokens, "utf8").replace(/^(jane sha256:[0-9a-f]+) role=reviewer$/m, "$1"));
      await second.locator("#review-status-DISMISSED").check();
      await second.locator("#review-reason").selectOption("OUT_OF_SCOPE");
      await second.locator("#review-form button[type=submit]").click();
      const alert = second.locator("#review-alert");
      await expect.poll(() => alert.innerText(), { timeout: 30_000 }).toContain("Not saved: you are signed in as a reader, and this needs the role reviewer.");
      expect(await alert.getAttribute("role")).toBe("alert");
      expect(await second.evaluate(() => document.activeElement?.id)).toBe("review-alert");
      expect(await reviewOf(NETFLIX_UNAWARE)).toMatchObject({ status: "CONFIRMED", version: 1 });
      await second.close();
    } finally {
      await context.clearCookies();
      await guarded.close();
    }
  });
});

describe("reviews a reload removed", { timeout: 240_000 }, () => {
  it("a reload that edits a confirmed finding's evidence sends it back to the queue flagged; one that removes it lists it as no longer found, with what changed (issue 23, point 4)", async () => {
    const dir = fs.mkdtempSync(path.join(tmp, "gone-"));
    const file = path.join(dir, "gone.json");
    const extract = {
      format: 2,
      source: { id: "gone-article", title: "An article about Acme Gone", publishedAt: "2019-01-15" },
      organizations: [{ id: "acme-gone", name: "Acme Gone", kind: "COMPANY" }],
      statements: [
        {
          id: "acme-gone-denial",
          form: "REPORTED",
          madeAt: "2019-01",
          speaker: "acme-gone",
          onBehalfOf: "acme-gone",
          stance: "DENIES_ACCESS",
          about: { grantee: "acme-gone", data: ["private-messages"] },
          reportedIn: [{ report: "gone-article", account: "Acme Gone said it never had access to anyone's messages." }],
        },
      ],
      grants: [
        {
          id: "facebook-acme-gone-messages",
          grantor: "facebook",
          grantee: "acme-gone",
          data: ["private-messages"],
          description: "Acme Gone's access to users' private messages.",
          documentedIn: [{ report: "gone-article", quote: "Facebook gave Acme Gone access to users' private messages." }],
        },
      ],
    };
    fs.writeFileSync(file, JSON.stringify(extract));
    await seed(graph, [file]);
    const found = await api(`query { finding(id: "acme-gone-denial") { review { version } } }`);
    await api(`mutation { reviewFinding(id: "acme-gone-denial", status: CONFIRMED, expectedVersion: ${found.finding.review.version}) { review { version } } }`);
    // The grant's evidence edited and the file loaded again: the confirmed finding is back in the queue, flagged.
    const edited = { ...extract, grants: [{ ...extract.grants[0], description: "Acme Gone's read access to users' private messages." }] };
    fs.writeFileSync(file, JSON.stringify(edited));
    await seed(graph, [file]);
    const queue = await openPage();
    await queue.goto(`${open.base}/contradictions?view=queue`);
    await ready(queue);
    const row = queue.locator("table.contradictions tbody tr[data-finding='acme-gone-denial']");
    expect(await row.locator(".review-status").innerText()).toMatch(/New\s+evidence changed/);
    await queue.close();
    // The statement is taken out of the extract and the file loaded again: the finding is gone, its review kept.
    fs.writeFileSync(file, JSON.stringify({ ...edited, statements: [] }));
    await seed(graph, [file]);
    const page = await openPage(390);
    await page.goto(`${open.base}/contradictions?view=queue`);
    await ready(page);
    const item = page.locator("#no-longer-found li[data-finding='acme-gone-denial']");
    expect(await item.innerText()).toContain("New"); // sent back by the edit, then removed
    expect(await item.innerText()).toContain(`last decided by ${REVIEWER}`);
    expect(await item.locator("ul.changes li").allInnerTexts()).toContain("the statement is no longer in the graph");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.close();
  });
});
