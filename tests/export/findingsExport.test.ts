import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import mammoth from "mammoth";
import { parse } from "node-html-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportCommand } from "../../src/export/exportCommand.ts";
import { fetchContradictions, fetchFindings } from "../../src/export/fetchContradictions.ts";
import { CSV_COLUMNS, FINDING_CSV_COLUMNS } from "../../src/export/formats.ts";
import { reviewFinding } from "../../src/review/reviewStore.ts";
import { useSeededApi } from "../support/api.ts";
import { csvObjects } from "./parseCsv.ts";

/**
 * The exports by statement (issue 22, point 6) with each finding's review (issue 23, point 3), on the
 * seed, against the real Neo4j: reviews written through the API (the open local desk, a reviewer named
 * by CLAIMGRAPH_REVIEWER) and through the review store, then exported by the command and over HTTP.
 * One finding per statement with its grants beneath by default; `--group pairs` / `group=pairs` gives
 * the pairs with their ids unchanged; `--status` / `status=` keeps some statuses.
 */
const ASSURANCE = "facebook-partners-dont-ignore-privacy-settings";
const DENIAL = "netflix-never-asked-or-accessed-messages";
const APPLE = "apple-unaware-of-access";
// A note and a dismissal's text a spreadsheet would run, and a reviewer's name with markup: each must come out as text.
const FORMULA_NOTE = '=HYPERLINK("http://example.invalid","open")';
const FORMULA_REASON = "@SUM(1+1) <img src=x onerror=alert(1)><script>alert(2)</script>";
const MARKUP_REVIEWER = "token:<b>omar</b>";

const savedReviewer = process.env.CLAIMGRAPH_REVIEWER;
// Read when the API is built (useSeededApi's beforeAll): the open local desk's reviewer.
process.env.CLAIMGRAPH_REVIEWER = "jane";
const seeded = useSeededApi();
afterAll(() => {
  if (savedReviewer === undefined) delete process.env.CLAIMGRAPH_REVIEWER;
  else process.env.CLAIMGRAPH_REVIEWER = savedReviewer;
});

/** The API's findings and pairs, to compare the exports with. */
let apiFindings: { id: string; severity: number; grantCount: number; contradictions: { id: string; grant: { id: string; grantee: { name: string } } }[]; review: any }[];
let apiPairIds: string[];

async function ok(query: string, variables?: Record<string, unknown>) {
  const { body } = await seeded.api.query(query, variables);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

beforeAll(async () => {
  // Through the API (as the open local desk: local:jane): confirmed with a note, and a request for comment.
  await ok(`mutation ($id: ID!, $note: String) { reviewFinding(id: $id, status: CONFIRMED, expectedVersion: 0, note: $note) { review { version } } }`, { id: ASSURANCE, note: FORMULA_NOTE });
  await ok(`mutation ($id: ID!) { requestReply(findingId: $id, party: "apple", askedAt: "2026-12-01", channel: "email to the press office") { review { status } } }`, { id: APPLE });
  // Through the store, as another reviewer: dismissed, with a reason in words.
  await reviewFinding(seeded.graph, { subject: MARKUP_REVIEWER, role: "reviewer" }, DENIAL, { status: "DISMISSED", reason: "OTHER", reasonText: FORMULA_REASON, expectedVersion: 0 });
  const data = await ok(`{
    findings(first: 100) { totalCount edges { node { id severity grantCount contradictions { id grant { id grantee { name } } }
      review { status version lastReviewer lastChangedAt dismissReason dismissReasonText } } } }
    contradictions(first: 100) { edges { node { id } } }
  }`);
  apiFindings = data.findings.edges.map((e: any) => e.node);
  apiPairIds = data.contradictions.edges.map((e: any) => e.node.id);
  expect(apiFindings.map((f) => f.id)).toContain(ASSURANCE);
}, 180_000);

async function runExport(args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await exportCommand(seeded.graph, ["contradictions", ...args], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}
const apiFinding = (id: string) => apiFindings.find((f) => f.id === id)!;

describe("exports by statement: one finding per statement, its grants beneath", { timeout: 180_000 }, () => {
  it("CSV: one row per finding, in the API's order, the grants one per line with the pairs' ids", async () => {
    const { code, stdout } = await runExport(["--format", "csv"]);
    expect(code).toBe(0);
    const rows = csvObjects(stdout);
    expect(Object.keys(rows[0])).toEqual(FINDING_CSV_COLUMNS.map((c) => c.name));
    expect(rows.map((r) => r.finding_id)).toEqual(apiFindings.map((f) => f.id));
    expect(rows).toHaveLength(5);
    for (const row of rows) {
      const f = apiFinding(row.finding_id);
      expect(row.severity).toBe(String(f.severity));
      expect(row.grant_count).toBe(String(f.grantCount));
      expect(row.contradiction_ids.split("\n")).toEqual(f.contradictions.map((c) => c.id));
      expect(row.grant_ids.split("\n")).toEqual(f.contradictions.map((c) => c.grant.id));
      expect(row.grantees.split("\n")).toEqual(f.contradictions.map((c) => c.grant.grantee.name));
      expect(row.grants.split("\n")).toHaveLength(f.grantCount);
      expect(row.explanations.split("\n")).toHaveLength(f.grantCount);
    }
    // Every pair of the API once, under its statement.
    expect(rows.flatMap((r) => r.contradiction_ids.split("\n")).sort()).toEqual([...apiPairIds].sort());
    const assurance = rows.find((r) => r.finding_id === ASSURANCE)!;
    expect(assurance.grant_count).toBe("3");
    expect(assurance.grantees.split("\n").sort()).toEqual(["Amazon", "Apple", "Yahoo"]);
    expect(assurance.quote).toBe("don't get to ignore people's privacy settings");
  });

  it("CSV: each finding's status, last reviewer and last change, as the API has them; notes and reasons neutralised as formulas", async () => {
    const { stdout } = await runExport(["--format", "csv"]);
    const rows = new Map(csvObjects(stdout).map((r) => [r.finding_id, r]));
    for (const f of apiFindings) {
      const row = rows.get(f.id)!;
      expect(row.status, f.id).toBe(f.review.status);
      expect(row.last_reviewer, f.id).toBe(f.review.lastReviewer ?? "");
      expect(row.last_changed_at, f.id).toBe(f.review.lastChangedAt ?? "");
    }
    expect(rows.get(ASSURANCE)).toMatchObject({ status: "CONFIRMED", last_reviewer: "local:jane", last_note: `'${FORMULA_NOTE}`, dismiss_reason: "", evidence_changed: "false" });
    expect(rows.get(ASSURANCE)!.last_changed_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    expect(rows.get(DENIAL)).toMatchObject({ status: "DISMISSED", dismiss_reason: "OTHER", dismiss_reason_text: `'${FORMULA_REASON}`, last_reviewer: MARKUP_REVIEWER });
    expect(rows.get(APPLE)).toMatchObject({ status: "NEEDS_REPLY", last_reviewer: "local:jane" });
    expect(rows.get("spotify-unaware-of-access")).toMatchObject({ status: "NEW", last_reviewer: "", last_changed_at: "", last_note: "" });
    // No cell of the file starts a formula: every text beginning = + - @ is led by an apostrophe.
    for (const row of rows.values()) for (const [column, value] of Object.entries(row)) expect(/^[=+@]/.test(value), `${row.finding_id} ${column}: ${value}`).toBe(false);
  });

  it("JSON: one entry per finding with its review and its contradictions beneath, the statement once", async () => {
    const { stdout } = await runExport(["--format", "json"]);
    const parsed = JSON.parse(stdout);
    expect(parsed).toMatchObject({ group: "statement", count: 5, contradictionCount: apiPairIds.length, organization: null });
    expect(parsed.findings.map((f: any) => f.id)).toEqual(apiFindings.map((f) => f.id));
    const assurance = parsed.findings.find((f: any) => f.id === ASSURANCE);
    expect(assurance.statement.id).toBe(ASSURANCE);
    expect(assurance.grantCount).toBe(3);
    expect(assurance.contradictions.map((c: any) => c.id)).toEqual(apiFinding(ASSURANCE).contradictions.map((c) => c.id));
    for (const c of assurance.contradictions) {
      expect(c.id).toBe(`${ASSURANCE}~${c.grant.id}`);
      expect(c.statement).toBeUndefined();
      expect(c.explanation.length).toBeGreaterThan(40);
    }
    expect(assurance.review).toMatchObject({ status: "CONFIRMED", version: 1, lastReviewer: "local:jane", lastChangedAt: apiFinding(ASSURANCE).review.lastChangedAt });
    expect(assurance.review.history).toEqual([expect.objectContaining({ version: 1, by: "local:jane", action: "STATUS_CHANGED", fromStatus: "NEW", toStatus: "CONFIRMED", note: FORMULA_NOTE })]);
    // JSON keeps every text exactly.
    expect(parsed.findings.find((f: any) => f.id === DENIAL).review).toMatchObject({ status: "DISMISSED", dismissReason: "OTHER", dismissReasonText: FORMULA_REASON, lastReviewer: MARKUP_REVIEWER });
    expect(parsed.findings.find((f: any) => f.id === APPLE).review.history.map((e: any) => e.action)).toEqual(["REPLY_REQUESTED"]);
  });

  it("Markdown memo: one section per statement, its grants numbered beneath, each with where its review stands", async () => {
    const { stdout: md } = await runExport(["--format", "md"]);
    const sections = md.split(/^## /m).slice(1);
    expect(sections.map((s) => s.slice(0, s.indexOf("\n")))).toEqual([
      "1. A privacy assurance against three documented grants in its scope",
      "2. A denial of use or of asking against a grant (a tension, not a proven falsehood)",
      "3. A claim of unawareness against a documented grant",
      "4. A claim of unawareness against a documented grant",
      "5. A claim of unawareness against a documented grant",
    ]);
    expect(md).toContain(`5 findings (${apiPairIds.length} contradictions), strongest first.`);
    const [assurance, denial, ...unaware] = sections;
    // The statement once, its three grants beneath it.
    const paragraphs = assurance.split("\n\n");
    expect(paragraphs.filter((p) => p.includes("don't get to ignore people's privacy settings")), paragraphs[1]).toEqual([paragraphs[1]]);
    expect(assurance.match(/^\*What was documented \(grant \d of 3\):\*/gm)).toHaveLength(3);
    // The three grants conflict for the same reason, at the same severity: said once, after them.
    expect(assurance.match(/^\*Why they conflict/gm)).toHaveLength(1);
    expect(assurance).toMatch(/^\*Why they conflict \(all 3 grants\):\* The statement gives a privacy assurance/m);
    expect(assurance.indexOf("*Why they conflict")).toBeGreaterThan(assurance.indexOf("(grant 3 of 3)"));
    expect(assurance).toMatch(/^Severity 45 of 100 for each, with evidence from one independent source\.$/m);
    expect(assurance).toMatch(/^\*Review:\* Confirmed, last changed by local:jane on \d{1,2} [A-Z][a-z]+ \d{4}\.$/m);
    // The reviewer's text in quotation marks, markup escaped for Markdown.
    expect(denial).toContain("*Review:* Dismissed (other: “@SUM(1+1) \\<img src=x onerror=alert(1)\\>\\<script\\>alert(2)\\</script\\>”), last changed by token:\\<b\\>omar\\</b\\> on ");
    expect(denial).not.toContain("grant 1 of");
    const reviews = unaware.map((s) => /^\*Review:\* (.*)$/m.exec(s)![1]);
    expect(reviews.sort()).toEqual(["New: nobody has reviewed it yet.", "New: nobody has reviewed it yet.", expect.stringMatching(/^Waiting for a reply, last changed by local:jane on /)].sort());
  });

  it("HTML memo: the reviewer's name and words as text, no markup from them; the .docx says the same", async () => {
    const response = await fetch(`${seeded.api.url}/export/contradictions.html`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const root = parse(html);
    expect(root.querySelectorAll("script, img, b")).toHaveLength(0);
    expect(html).toContain("token:&lt;b&gt;omar&lt;/b&gt;");
    const text = root.querySelectorAll("p").map((p) => p.text);
    expect(text).toContain(`Review: Dismissed (other: “${FORMULA_REASON}”), last changed by ${MARKUP_REVIEWER} on ${text.find((t) => t.startsWith("Review: Dismissed"))!.split(" on ").at(-1)}`);
    expect(root.querySelectorAll("h2").map((h) => h.text)[0]).toBe("1. A privacy assurance against three documented grants in its scope");

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-findings-"));
    const file = path.join(dir, "findings.docx");
    const { code, stderr } = await runExport(["--format", "docx", "--out", file]);
    expect(code).toBe(0);
    expect(stderr).toContain(`Wrote 5 findings (${apiPairIds.length} contradictions) (docx) to ${file}`);
    const docx = (await mammoth.extractRawText({ path: file })).value;
    expect(docx).toContain("Review: Confirmed, last changed by local:jane on ");
    expect(docx).toContain(`Review: Dismissed (other: “${FORMULA_REASON}”)`);
    expect(docx.match(/What was documented \(grant \d of 3\):/g)).toHaveLength(3);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("says why a claim of unawareness conflicts as its explanation does, grouped as in pairs", async () => {
    const data = await fetchFindings(seeded.graph, { filter: { kinds: ["UNAWARENESS_VS_GRANT"] } });
    expect(data.findings).toHaveLength(3);
    const { stdout: md } = await runExport(["--format", "md", "--kind", "UNAWARENESS_VS_GRANT"]);
    for (const f of data.findings) {
      expect(f.statement.concedesAccess, f.id).toBe(true);
      expect(f.contradictions[0].explanation, f.id).toContain("concedes the access itself");
    }
    expect(md.match(/^\*Why they conflict:\* The statement claims not to know the full extent of an access, which concedes the access itself; the reports document it\./gm)).toHaveLength(3);
    expect(md).not.toContain("claims not to know of an access");
  });
});

describe("exports in pairs: --group pairs, group=pairs", { timeout: 180_000 }, () => {
  it("CSV and JSON: one row per statement and grant, the ids unchanged, each with its finding's review", async () => {
    const { stdout } = await runExport(["--format", "csv", "--group", "pairs"]);
    const rows = csvObjects(stdout);
    expect(Object.keys(rows[0])).toEqual(CSV_COLUMNS.map((c) => c.name));
    expect(rows.map((r) => r.id)).toEqual(apiPairIds);
    for (const row of rows) {
      const f = apiFinding(row.statement_id);
      expect(row.id.startsWith(`${f.id}~`)).toBe(true);
      expect([row.status, row.last_reviewer, row.last_changed_at], row.id).toEqual([f.review.status, f.review.lastReviewer ?? "", f.review.lastChangedAt ?? ""]);
    }
    expect(rows.filter((r) => r.statement_id === ASSURANCE).map((r) => [r.status, r.last_note])).toEqual(Array(3).fill(["CONFIRMED", `'${FORMULA_NOTE}`]));
    expect(rows.find((r) => r.statement_id === DENIAL)!.dismiss_reason_text).toBe(`'${FORMULA_REASON}`);

    const json = await (await fetch(`${seeded.api.url}/export/contradictions.json?group=pairs`)).json();
    expect(json).toMatchObject({ group: "pairs", count: apiPairIds.length });
    expect(json.contradictions.map((c: any) => c.id)).toEqual(apiPairIds);
    expect(json.contradictions.find((c: any) => c.statement.id === DENIAL).review).toMatchObject({ status: "DISMISSED", lastReviewer: MARKUP_REVIEWER });
  });

  it("the memo in pairs: one section per pair, each with its finding's review", async () => {
    const md = await (await fetch(`${seeded.api.url}/export/contradictions.md?group=pairs`)).text();
    const sections = md.split(/^## /m).slice(1);
    expect(sections).toHaveLength(apiPairIds.length);
    for (const section of sections) expect(section).toMatch(/^\*Review:\* /m);
    expect(sections.filter((s) => /^\*Review:\* Confirmed, last changed by local:jane/m.test(s))).toHaveLength(3);
    expect(md).not.toContain("(grant 1 of");
  });
});

describe("--status and status=: only some statuses, with the API's filter.statuses", { timeout: 180_000 }, () => {
  it("on the command line: the memo of the confirmed and the waiting, said in its title", async () => {
    const { code, stdout } = await runExport(["--format", "md", "--status", "CONFIRMED,needs_reply"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^# Contradictions: all organisations \(confirmed or waiting for a reply\)\n/);
    const reviews = [...stdout.matchAll(/^\*Review:\* (\w+)/gm)].map((m) => m[1]);
    expect(reviews.sort()).toEqual(["Confirmed", "Waiting"]);
    expect(stdout.match(/^## \d+\. /gm)).toHaveLength(2);
    const repeated = await runExport(["--format", "csv", "--status", "NEW", "--status", "DISMISSED"]);
    expect(csvObjects(repeated.stdout).map((r) => r.status).sort()).toEqual(["DISMISSED", "NEW", "NEW"]);
  });

  it("over HTTP, with the other filters and either grouping", async () => {
    const dismissed = csvObjects(await (await fetch(`${seeded.api.url}/export/contradictions.csv?status=DISMISSED`)).text());
    expect(dismissed.map((r) => r.finding_id)).toEqual([DENIAL]);
    const confirmedPairs = csvObjects(await (await fetch(`${seeded.api.url}/export/contradictions.csv?status=CONFIRMED&group=pairs`)).text());
    expect(confirmedPairs.map((r) => r.id).sort()).toEqual(apiFinding(ASSURANCE).contradictions.map((c) => c.id).sort());
    const json = await (await fetch(`${seeded.api.url}/export/contradictions.json?status=new&organization=netflix`)).json();
    expect(json.findings.map((f: any) => f.id)).toEqual(["netflix-unaware-of-access"]);
    // The API's own answer to the same filter.
    const data = await ok(`{ findings(filter: { statuses: [NEW], organization: "netflix" }) { edges { node { id } } } }`);
    expect(data.findings.edges.map((e: any) => e.node.id)).toEqual(["netflix-unaware-of-access"]);
  });

  it("refuses an unknown status or grouping: 400 over HTTP, a usage error (exit 2) on the command line", async () => {
    const status = await fetch(`${seeded.api.url}/export/contradictions.csv?status=LIES`);
    expect(status.status).toBe(400);
    expect((await status.json()).errors[0].message).toBe('status "LIES" is not a review status; the statuses are NEW, CONFIRMED, DISMISSED, NEEDS_REPLY.');
    const group = await fetch(`${seeded.api.url}/export/contradictions.csv?group=grants`);
    expect(group.status).toBe(400);
    expect((await group.json()).errors[0].message).toBe('group is statement or pairs; got "grants".');
    for (const args of [["--format", "csv", "--status", "LIES"], ["--format", "csv", "--group", "grants"]]) {
      const { code, stdout, stderr } = await runExport(args);
      expect(code, args.join(" ")).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toMatch(/--status "LIES" is not a review status|argument 'grants' is invalid\. Allowed choices are statement, pairs\./);
    }
  });
});

describe("reads", { timeout: 180_000 }, () => {
  it("a bounded number of round trips whatever the number of findings (reviews included): no query per row", async () => {
    const trips = async (work: () => Promise<unknown>) => {
      const before = seeded.graph.roundTrips;
      await work();
      return seeded.graph.roundTrips - before;
    };
    // The confirmed finding (the assurance: three grants, evidence, the other party's admission) against all five.
    const one = await trips(() => fetchFindings(seeded.graph, { filter: { statuses: ["CONFIRMED"] } }));
    const all = await trips(() => fetchFindings(seeded.graph, {}));
    expect(one).toBeGreaterThan(0);
    expect(all, `${all} round trips for every finding, ${one} for one`).toBeLessThanOrEqual(one + 2);
    // Pages of two findings give what one page gives, in the same order.
    const paged = await fetchFindings(seeded.graph, { pageSize: 2 });
    expect(paged.findings.map((f) => f.id)).toEqual(apiFindings.map((f) => f.id));
    expect(paged.findings.map((f) => f.review.status)).toEqual(apiFindings.map((f) => f.review.status));
    const pairsOne = await trips(() => fetchContradictions(seeded.graph, { filter: { statuses: ["CONFIRMED"] } }));
    const pairsAll = await trips(() => fetchContradictions(seeded.graph, {}));
    expect(pairsAll, `${pairsAll} round trips for every pair, ${pairsOne} for three`).toBeLessThanOrEqual(pairsOne + 2);
  });
});
