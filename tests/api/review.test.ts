import fs from "node:fs";
import type http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../../src/extract/load.ts";
import { Graph } from "../../src/graph/graph.ts";
import { buildApp } from "../../src/main.ts";
import { derivedState } from "../../src/review/reviewStore.ts";
import { type AccessPolicy, addToken, loadAccessPolicy } from "../../src/server/access.ts";
import { listen } from "../../src/server/http.ts";
import { seedExtractObjects, seedObjects } from "../support/extracts.ts";
import { cleanGraph } from "../support/graph.ts";
import { testNeo4j } from "../support/neo4j.ts";

/**
 * Issue 23: reviews of findings — roles, the mutations, the append-only log, flags after a reload,
 * bookmarks across processes — over HTTP, against the real Neo4j.
 */
interface Api {
  url: string;
  logs: string[];
  ask(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; body: any }>;
  close(): Promise<void>;
}

async function apiOn(graph: Graph, policy?: AccessPolicy): Promise<Api> {
  const logs: string[] = [];
  const { apollo, handler } = await buildApp(graph, { log: (line) => logs.push(line), ...(policy ? { accessPolicy: policy } : {}) });
  const server: http.Server = await listen(handler, 0, "127.0.0.1");
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    logs,
    async ask(query, variables, headers = {}) {
      const response = await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query, variables }) });
      return { status: response.status, headers: response.headers, body: await response.json() };
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await apollo.stop();
    },
  };
}

const REVIEW = `mutation ($id: ID!, $status: ReviewStatus!, $v: Int!, $reason: DismissReason, $reasonText: String, $note: String) {
  reviewFinding(id: $id, status: $status, expectedVersion: $v, reason: $reason, reasonText: $reasonText, note: $note) {
    bookmarks review { findingId status version lastReviewer dismissReason } event { version action fromStatus toStatus by role note }
  }
}`;
const FINDING = `query ($id: ID!) { finding(id: $id) { id review { status version lastReviewer lastChangedAt evidenceChanged noLongerFound changes queuedAt dismissReason dismissReasonText
  history { version at by role action fromStatus toStatus reason reasonText note requestId changes anchor { reportId exact start end orphaned } }
  replyRequests { id party { id } askedAt channel deadline overdue note askedBy receivedAt text declined recordedBy statement { id } } } } }`;

const DENIAL = "netflix-never-asked-or-accessed-messages";
const ASSURANCE = "facebook-partners-dont-ignore-privacy-settings";

let graph: Graph;
let dir: string;
let tokensDir: string;
let policy: AccessPolicy;
const tokens: Record<string, string> = {};
let api: Api;
let open: Api;
const bearer = (name: string) => ({ authorization: `Bearer ${tokens[name]}` });

beforeAll(async () => {
  graph = await cleanGraph();
  dir = await seedObjects(graph, seedExtractObjects());
  tokensDir = fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-roles-"));
  const file = path.join(tokensDir, "tokens");
  tokens.reader = addToken(file, "reader-desk");
  tokens.jane = addToken(file, "jane", "reviewer");
  tokens.omar = addToken(file, "omar", "reviewer");
  tokens.chief = addToken(file, "chief", "admin");
  policy = loadAccessPolicy({ CLAIMGRAPH_TOKENS_FILE: file });
  api = await apiOn(graph, policy);
  process.env.CLAIMGRAPH_REVIEWER = "desk-user";
  open = await apiOn(graph, { tokens: new Map(), public: false });
}, 120_000);

afterAll(async () => {
  delete process.env.CLAIMGRAPH_REVIEWER;
  await api?.close();
  await open?.close();
  await graph?.close();
});

describe("roles", () => {
  it("a reader's write is FORBIDDEN with the role it needs, logged with who asked; nothing is written", async () => {
    const { body } = await api.ask(REVIEW, { id: DENIAL, status: "CONFIRMED", v: 0 }, bearer("reader"));
    expect(body.errors[0].extensions).toMatchObject({ code: "FORBIDDEN", needs: "reviewer", role: "reader" });
    expect(api.logs.join("\n")).toContain(`refused reviewFinding ${DENIAL} by token:reader-desk (reader): needs reviewer`);
    const read = await api.ask(FINDING, { id: DENIAL }, bearer("reader"));
    expect(read.body.data.finding.review).toMatchObject({ status: "NEW", version: 0, history: [] });
  });

  it("a reviewer's and an admin's writes are taken, each logged and recorded with its identity and role", async () => {
    const first = await api.ask(REVIEW, { id: ASSURANCE, status: "NEEDS_REPLY", v: 0 }, bearer("jane"));
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data.reviewFinding.event).toMatchObject({ version: 1, action: "STATUS_CHANGED", fromStatus: "NEW", toStatus: "NEEDS_REPLY", by: "token:jane", role: "reviewer" });
    const second = await api.ask(REVIEW, { id: ASSURANCE, status: "CONFIRMED", v: 1, note: "Checked against the Times piece." }, bearer("chief"));
    expect(second.body.data.reviewFinding.review).toMatchObject({ status: "CONFIRMED", version: 2, lastReviewer: "token:chief" });
    expect(api.logs.join("\n")).toMatch(/reviewFinding facebook-partners-dont-ignore-privacy-settings by token:chief \(admin\): STATUS_CHANGED NEEDS_REPLY → CONFIRMED, version 2/);
  });

  it("the open local desk is a reviewer named by CLAIMGRAPH_REVIEWER; a public API's anyone is a reader", async () => {
    const { body } = await open.ask(`mutation { addNote(findingId: "${ASSURANCE}", text: "Ask Facebook which partners.") { event { by role action } } }`);
    expect(body.data.addNote.event).toEqual({ by: "local:desk-user", role: "reviewer", action: "NOTE_ADDED" });
    const pub = await apiOn(graph, { tokens: new Map(), public: true });
    try {
      const refused = await pub.ask(`mutation { addNote(findingId: "${ASSURANCE}", text: "x") { event { by } } }`);
      expect(refused.body.errors[0].extensions.code).toBe("FORBIDDEN");
    } finally {
      await pub.close();
    }
  });
});

describe("reviewFinding", () => {
  it("optimistic versions: a stale expectedVersion is CONFLICT with the current state, and writes nothing", async () => {
    const { body } = await api.ask(REVIEW, { id: ASSURANCE, status: "DISMISSED", v: 1, reason: "DUPLICATE" }, bearer("omar"));
    expect(body.errors[0].extensions.code).toBe("CONFLICT");
    expect(body.errors[0].extensions.current).toMatchObject({ findingId: ASSURANCE, status: "CONFIRMED", version: 3, lastReviewer: "local:desk-user" });
    expect(body.errors[0].message).toMatch(/changed since you read it/);
  });

  it("a dismissal needs a reason from the list, OTHER a text; reasons are for dismissals only", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ status: "DISMISSED" }, "reason"],
      [{ status: "DISMISSED", reason: "OTHER" }, "reasonText"],
      [{ status: "CONFIRMED", reason: "DATES" }, "reason"],
      [{ status: "DISMISSED", reason: "NOT_A_REASON" }, ""],
    ];
    for (const [vars, argument] of cases) {
      const { body } = await api.ask(REVIEW, { id: DENIAL, v: 0, ...vars }, bearer("jane"));
      expect(body.errors?.[0].extensions.code, JSON.stringify(vars)).toBe("BAD_USER_INPUT");
      if (argument) expect(body.errors[0].extensions.argument).toBe(argument);
    }
    const ok = await api.ask(REVIEW, { id: DENIAL, status: "DISMISSED", v: 0, reason: "OTHER", reasonText: "The tweet answers another question." }, bearer("jane"));
    expect(ok.body.data.reviewFinding.review).toMatchObject({ status: "DISMISSED", dismissReason: "OTHER", version: 1 });
  });

  it("an unknown finding is NOT_FOUND, a malformed id BAD_USER_INPUT; a mutation over GET is refused", async () => {
    const missing = await api.ask(REVIEW, { id: "no-such-statement", status: "CONFIRMED", v: 0 }, bearer("jane"));
    expect(missing.body.errors[0].extensions.code).toBe("NOT_FOUND");
    const malformed = await api.ask(REVIEW, { id: "Bad Id!", status: "CONFIRMED", v: 0 }, bearer("jane"));
    expect(malformed.body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    const get = await fetch(`${api.url}/graphql?query=${encodeURIComponent(`mutation { addNote(findingId: "${DENIAL}", text: "x") { bookmarks } }`)}`, { headers: bearer("jane") });
    expect(get.status).toBe(405);
  });
});

describe("the right of reply, notes, and the log", () => {
  it("requestReply puts a NEW finding in NEEDS_REPLY; past its deadline it is overdue; recordReply records the answer once", async () => {
    const id = "apple-unaware-of-access";
    const asked = await api.ask(
      `mutation { requestReply(findingId: "${id}", party: "apple", askedAt: "2018-12-19", channel: "email to the press office", deadline: "2018-12-20", note: "Did Apple know?") { review { status } event { requestId fromStatus toStatus } } }`,
      {},
      bearer("jane"),
    );
    expect(asked.body.errors).toBeUndefined();
    const { requestId } = asked.body.data.requestReply.event;
    expect(requestId).toBe(`${id}~reply-1`);
    expect(asked.body.data.requestReply).toMatchObject({ review: { status: "NEEDS_REPLY" }, event: { fromStatus: "NEW", toStatus: "NEEDS_REPLY" } });
    let read = await api.ask(FINDING, { id }, bearer("reader"));
    expect(read.body.data.finding.review.replyRequests).toEqual([
      expect.objectContaining({ id: requestId, party: { id: "apple" }, overdue: true, receivedAt: null, askedBy: "token:jane", channel: "email to the press office" }),
    ]);
    const badParty = await api.ask(`mutation { requestReply(findingId: "${id}", party: "nobody", askedAt: "2018-12-19", channel: "x") { bookmarks } }`, {}, bearer("jane"));
    expect(badParty.body.errors[0].extensions.code).toBe("NOT_FOUND");
    const badDate = await api.ask(`mutation { requestReply(findingId: "${id}", party: "apple", askedAt: "last Tuesday", channel: "x") { bookmarks } }`, {}, bearer("jane"));
    expect(badDate.body.errors[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "askedAt" });

    const reply = `mutation ($r: ID!) { recordReply(requestId: $r, receivedAt: "2018-12-21", text: "Apple said it had no knowledge of the access.", statementId: "${id}") { event { action version } } }`;
    const recorded = await api.ask(reply, { r: requestId }, bearer("omar"));
    expect(recorded.body.data.recordReply.event).toEqual({ action: "REPLY_RECORDED", version: 2 });
    const again = await api.ask(reply, { r: requestId }, bearer("omar"));
    expect(again.body.errors[0].extensions.code).toBe("CONFLICT");
    read = await api.ask(FINDING, { id }, bearer("reader"));
    expect(read.body.data.finding.review.replyRequests[0]).toMatchObject({ overdue: false, receivedAt: "2018-12-21", recordedBy: "token:omar", declined: false, statement: { id } });
  });

  it("a note anchored in the archived text is checked against it; unsafe or overlong text is refused", async () => {
    const report = "facebook-partners-private-messages-2018-12-20";
    const ok = await api.ask(
      `mutation ($a: NoteAnchorInput) { addNote(findingId: "${DENIAL}", text: "The headline names Netflix.", anchor: $a) { event { anchor { reportId exact start end orphaned } } } }`,
      { a: { reportId: report, exact: "Facebook allowed Netflix, Spotify to access private user messages" } },
      bearer("jane"),
    );
    expect(ok.body.errors).toBeUndefined();
    const anchor = ok.body.data.addNote.event.anchor;
    expect(anchor).toMatchObject({ reportId: report, orphaned: false });
    expect(anchor.end - anchor.start).toBe([..."Facebook allowed Netflix, Spotify to access private user messages"].length);
    const note = `mutation ($t: String!, $a: NoteAnchorInput) { addNote(findingId: "${DENIAL}", text: $t, anchor: $a) { bookmarks } }`;
    for (const [vars, argument] of [
      [{ t: "x", a: { reportId: report, exact: "words the article never wrote" } }, "anchor.exact"],
      [{ t: "x", a: { reportId: report, exact: "Facebook allowed Netflix", start: 3 } }, "anchor.start"],
      [{ t: "a\u0000b" }, "text"],
      [{ t: "pay \u202Eattention" }, "text"],
      [{ t: "\u001B[31mred" }, "text"],
      [{ t: "x".repeat(4001) }, "text"],
      [{ t: "   " }, "text"],
    ] as const) {
      const { body } = await api.ask(note, vars, bearer("jane"));
      expect(body.errors?.[0].extensions, JSON.stringify(vars).slice(0, 80)).toMatchObject({ code: "BAD_USER_INPUT", argument });
    }
  });

  it("the log is append-only and complete: versions 1, 2, 3 …, and the review is what its events make it", async () => {
    for (const id of [ASSURANCE, DENIAL, "apple-unaware-of-access"]) {
      const { body } = await api.ask(FINDING, { id }, bearer("reader"));
      const review = body.data.finding.review;
      expect(review.history.map((e: { version: number }) => e.version)).toEqual(review.history.map((_: unknown, i: number) => i + 1));
      expect(review.version).toBe(review.history.length);
      const replayed = derivedState(id, review.history);
      for (const field of ["status", "version", "lastReviewer", "lastChangedAt", "evidenceChanged", "noLongerFound", "queuedAt", "dismissReason", "dismissReasonText"] as const) {
        expect(review[field], `${id} ${field}`).toEqual(replayed[field]);
      }
    }
    // the schema offers no way to change or remove an event
    const { body } = await api.ask(`{ __schema { mutationType { fields { name } } } }`, {}, bearer("reader"));
    expect(body.data.__schema.mutationType.fields.map((f: { name: string }) => f.name).sort()).toEqual(["addNote", "recordReply", "requestReply", "reviewFinding"]);
  });

  it("lists filter by status; the queue is NEW and NEEDS_REPLY, longest waiting first", async () => {
    const list = async (filter: object, orderBy?: object) =>
      (await api.ask(`query ($f: ContradictionFilter, $o: ContradictionOrder) { findings(filter: $f, orderBy: $o, first: 100) { totalCount edges { node { id review { status } } } } }`, { f: filter, o: orderBy }, bearer("reader"))).body.data.findings;
    const confirmed = await list({ statuses: ["CONFIRMED"] });
    expect(confirmed.edges.map((e: any) => e.node.id)).toEqual([ASSURANCE]);
    const queue = async () => (await list({ statuses: ["NEW", "NEEDS_REPLY"] }, { field: "WAITING" })).edges.map((e: any) => e.node.id);
    // all waiting since the one load (a request for comment keeps a finding in the queue, and its
    // place): ties go strongest first, then by date and id
    expect(await queue()).toEqual(["apple-unaware-of-access", "netflix-unaware-of-access", "spotify-unaware-of-access"]);
    // the dismissed denial, sent back to the queue now, waits the shortest
    const denial = (await api.ask(FINDING, { id: DENIAL }, bearer("reader"))).body.data.finding.review;
    const back = await api.ask(REVIEW, { id: DENIAL, status: "NEW", v: denial.version, note: "Reopened: the tweet may answer another question." }, bearer("omar"));
    expect(back.body.data.reviewFinding.review.status).toBe("NEW");
    expect(await queue()).toEqual(["apple-unaware-of-access", "netflix-unaware-of-access", "spotify-unaware-of-access", DENIAL]);
    const pairs = (await api.ask(`{ contradictions(filter: { statuses: [CONFIRMED] }, first: 100) { totalCount edges { node { id review { status lastReviewer } } } } }`, {}, bearer("reader"))).body.data.contradictions;
    expect(pairs.totalCount).toBe(3); // the assurance's three grants
    expect(pairs.edges[0].node.review).toEqual({ status: "CONFIRMED", lastReviewer: "local:desk-user" });
  });
});

describe("a reload", () => {
  it("keeps every review; flags one whose evidence changed (back to the queue) and lists one no longer found, with what changed", async () => {
    const count = async () => (await graph.read<{ n: number }>("MATCH (r:Review) RETURN count(r) AS n"))[0].n;
    const before = await count();
    const file = path.join(dir, "extract-0.json");
    const extract = JSON.parse(fs.readFileSync(file, "utf8"));
    // the assurance (CONFIRMED) loses one of its grants' evidence facts; the Apple claim is withdrawn
    const yahoo = extract.grants.find((g: { id: string }) => g.id === "facebook-yahoo-personal-data");
    yahoo.description = `${yahoo.description ?? ""} (corrected)`.trim();
    extract.statements = extract.statements.filter((s: { id: string }) => s.id !== "apple-unaware-of-access");
    fs.writeFileSync(file, JSON.stringify(extract));
    const result = await seed(graph, [dir]);
    expect(result.reviews).toMatchObject({ changed: 1, noLongerFound: 1 });
    expect(await count()).toBe(before);

    const { body } = await api.ask(FINDING, { id: ASSURANCE }, bearer("reader"));
    const review = body.data.finding.review;
    expect(review).toMatchObject({ status: "NEW", evidenceChanged: true, lastReviewer: "local:desk-user" });
    expect(review.changes).toEqual(["the grant facebook-yahoo-personal-data or its evidence changed"]);
    expect(review.history.at(-1)).toMatchObject({ by: "system:load", action: "EVIDENCE_CHANGED", fromStatus: "CONFIRMED", toStatus: "NEW" });

    const gone = await api.ask(`{ reviewsNoLongerFound { findingId status noLongerFound changes history { action by } replyRequests { id receivedAt } } }`, {}, bearer("reader"));
    expect(gone.body.errors, JSON.stringify(gone.body.errors)).toBeUndefined();
    expect(gone.body.data.reviewsNoLongerFound).toEqual([
      expect.objectContaining({
        findingId: "apple-unaware-of-access",
        status: "NEEDS_REPLY",
        noLongerFound: true,
        changes: ["the statement is no longer in the graph", "it no longer conflicts with the grant facebook-apple-personal-data"],
      }),
    ]);
    expect(gone.body.data.reviewsNoLongerFound[0].replyRequests[0].receivedAt).toBe("2018-12-21");

    // reviewing it again clears the flag, on the new evidence
    const again = await api.ask(REVIEW, { id: ASSURANCE, status: "CONFIRMED", v: review.version }, bearer("jane"));
    expect(again.body.data.reviewFinding.review).toMatchObject({ status: "CONFIRMED" });
    const after = (await api.ask(FINDING, { id: ASSURANCE }, bearer("reader"))).body.data.finding.review;
    expect(after).toMatchObject({ evidenceChanged: false, changes: [] });
    // a reload that changes nothing flags nothing
    expect((await seed(graph, [dir])).reviews).toMatchObject({ changed: 0, noLongerFound: 0, foundAgain: 0 });
  }, 120_000);
});

describe("consistency across processes", () => {
  it("a write's bookmarks come back in the Neo4j-Bookmarks header; another process reads the write on the next request with them", async () => {
    const other = new Graph(testNeo4j());
    const second = await apiOn(other, policy);
    try {
      const first = (await api.ask(FINDING, { id: "spotify-unaware-of-access" }, bearer("reader"))).body.data.finding.review;
      const write = await api.ask(REVIEW, { id: "spotify-unaware-of-access", status: "CONFIRMED", v: first.version }, bearer("jane"));
      const header = write.headers.get("neo4j-bookmarks");
      expect(header).toBeTruthy();
      expect(header!.split(", ")).toEqual(write.body.data.reviewFinding.bookmarks);
      const read = await second.ask(FINDING, { id: "spotify-unaware-of-access" }, { ...bearer("reader"), "neo4j-bookmarks": header! });
      expect(read.body.data.finding.review).toMatchObject({ status: "CONFIRMED", version: first.version + 1 });
      // a read sends no bookmark header back
      expect(read.headers.get("neo4j-bookmarks")).toBeNull();
    } finally {
      await second.close();
      await other.close();
    }
  });
});
