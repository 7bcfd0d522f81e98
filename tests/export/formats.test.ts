import { describe, expect, it } from "vitest";
import type { ContradictionExport, ExportedContradiction, ExportedReport, ExportedReview, FindingExport } from "../../src/export/fetchContradictions.ts";
import { parse } from "node-html-parser";
import { CSV_COLUMNS, FINDING_CSV_COLUMNS, csvField, escapeMarkdown, toCsv, toHtml, toJson, toMarkdown } from "../../src/export/formats.ts";
import { reviewSentence } from "../../src/export/memoModel.ts";
import { csvObjects, parseCsv } from "./parseCsv.ts";

/** The formatters on hand-made data, where every awkward character can be placed on purpose. */
const report = (id: string, over: Partial<ExportedReport> = {}): ExportedReport => ({
  id,
  title: `Report ${id}`,
  textFile: null,
  url: null,
  publishedAt: "2018-12-18",
  kind: "INVESTIGATION",
  publisher: { id: "paper", name: "The Paper" },
  authors: [],
  ...over,
});

function contradiction(over: { quote?: string; reports?: ExportedReport[]; id?: string } = {}): ExportedContradiction {
  const reports = over.reports ?? [report("r1", { url: "https://example.org/r1" })];
  return {
    id: over.id ?? "s1~g1",
    kind: "DENIAL_VS_GRANT",
    severity: 90,
    reportPredatesStatement: true,
    explanation: "Acme denied having this access, but The Paper documents that Platform gave Acme access.",
    statement: {
      id: "s1",
      form: "DIRECT",
      quote: over.quote ?? "We never had access.",
      account: null,
      verified: false,
      paraphrase: null,
      madeAt: "2018-12",
      channel: "tweet",
      stance: "DENIES_ACCESS",
      speaker: "a spokesperson",
      onBehalfOf: { id: "acme", name: "Acme" },
      reportings: [{ account: null, verified: false, quoteAnchor: null, accountAnchor: null, report: reports[0] }],
    },
    grant: {
      id: "g1",
      capabilities: ["READ"],
      validFrom: "2010",
      validTo: null,
      openEnded: true,
      exemptFromPrivacyRules: false,
      purpose: null,
      description: null,
      grantor: { id: "platform", name: "Platform" },
      grantee: { id: "acme", name: "Acme" },
      data: [{ id: "messages", name: "messages" }, { id: "contacts", name: "contacts" }],
      documentedIn: reports.map((r) => ({ quote: `The Paper says "Acme, Inc." read them`, account: null, verified: false, anchor: null, report: r, carriedBy: null })),
    },
    evidence: reports,
    corroboration: [],
  };
}

const data = (...contradictions: ExportedContradiction[]): ContradictionExport => ({
  organization: { id: "acme", name: "Acme", kind: "COMPANY" },
  exportedAt: "2025-01-01T00:00:00.000Z",
  contradictions,
});

describe("CSV export", () => {
  it("quotes fields with quotes, commas and line breaks as RFC 4180 says, and leaves plain ones alone", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField('say "no"')).toBe('"say ""no"""');
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\r\nlf")).toBe('"cr\r\nlf"');
    expect(csvField(" padded")).toBe('" padded"');
    expect(csvField(null)).toBe("");
    expect(csvField(false)).toBe("false");
  });

  it("keeps a spreadsheet from running a text as a formula, and leaves numbers alone", () => {
    expect(csvField("=HYPERLINK(\"http://x\",\"y\")")).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField("+1 555")).toBe("'+1 555");
    expect(csvField("-never")).toBe("'-never");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("\tcmd")).toBe("'\tcmd");
    expect(csvField("a = b")).toBe("a = b");
    expect(csvField(-5)).toBe("-5");
    const rows = csvObjects(toCsv(data(contradiction({ quote: "=1+1" }))));
    expect(rows[0].quote).toBe("'=1+1");
  });

  it("writes one CRLF-terminated row per contradiction under the documented header, and parses back to the same values", () => {
    const awkward = 'He said: "No, never",\nand then\r\nleft; 100% ‘verbatim’ — ok';
    const text = toCsv(data(contradiction({ quote: awkward }), contradiction({ id: "s2~g1" })));
    expect(text.endsWith("\r\n")).toBe(true);
    const [header] = parseCsv(text);
    expect(header).toEqual(CSV_COLUMNS.map((c) => c.name));
    const rows = csvObjects(text);
    expect(rows).toHaveLength(2);
    expect(rows[0].quote).toBe(awkward);
    expect(rows[0].id).toBe("s1~g1");
    expect(rows[1].id).toBe("s2~g1");
    expect(rows[0].data).toBe("messages\ncontacts");
    expect(rows[0].documented_quotes).toBe('The Paper (18 December 2018) documents it: “The Paper says "Acme, Inc." read them” (unverified: the text is not archived)');
    expect(rows[0].evidence).toBe("The Paper, “Report r1”, 18 December 2018, https://example.org/r1");
    expect(rows[0]).toMatchObject({ form: "DIRECT", source_account: "", verified: "false" });
    expect(rows[0].open_ended).toBe("true");
    expect(rows[0].valid_to).toBe("");
  });

  it("has stable columns: the names and order are a contract (new columns go at the end)", () => {
    expect(CSV_COLUMNS.map((c) => c.name)).toEqual([
      "id", "kind", "severity", "statement_id", "quote", "speaker", "speaker_organization", "made_at", "channel", "stance",
      "statement_reported_in", "grant_id", "grantor", "grantee", "data", "capabilities", "valid_from", "valid_to", "open_ended",
      "exempt_from_privacy_rules", "purpose", "evidence", "documented_quotes", "report_predates_statement",
      "admitted_by_other_party", "explanation", "form", "source_account", "verified", "speaker_inferred", "statement_notes",
      // the review of its finding (issue 23), added at the end
      "status", "dismiss_reason", "dismiss_reason_text", "last_reviewer", "last_changed_at", "evidence_changed", "last_note",
    ]);
    // The export by statement (the default) has columns of its own, a contract as well.
    expect(FINDING_CSV_COLUMNS.map((c) => c.name)).toEqual([
      "finding_id", "kind", "severity", "grant_count",
      "status", "dismiss_reason", "dismiss_reason_text", "last_reviewer", "last_changed_at", "evidence_changed", "last_note",
      "quote", "speaker", "speaker_organization", "made_at", "channel", "stance", "form", "source_account", "verified", "speaker_inferred", "statement_notes", "statement_reported_in",
      "contradiction_ids", "grant_ids", "grants", "grantees", "severities", "explanations", "report_predates_statement", "evidence", "documented_quotes", "admitted_by_other_party",
    ]);
    for (const column of FINDING_CSV_COLUMNS) expect(column.description.length).toBeGreaterThan(3);
    for (const column of CSV_COLUMNS) expect(column.description.length).toBeGreaterThan(3);
  });

  it("is only the header when there is nothing to export", () => {
    expect(parseCsv(toCsv(data()))).toEqual([CSV_COLUMNS.map((c) => c.name)]);
  });
});

describe("JSON export", () => {
  it("parses, and carries what was asked, when, and the contradictions as the API gives them", () => {
    const parsed = JSON.parse(toJson(data(contradiction())));
    expect(parsed).toMatchObject({ organization: { id: "acme" }, exportedAt: "2025-01-01T00:00:00.000Z", count: 1 });
    expect(parsed.contradictions[0].statement.quote).toBe("We never had access.");
  });
});

describe("Markdown export", () => {
  it("numbers footnotes per report in order of first citation, reusing a report's number", () => {
    const a = report("a", { title: "First", url: "https://example.org/a" });
    const b = report("b", { title: "Second", publisher: null, publishedAt: null });
    const memo = toMarkdown(data(contradiction({ reports: [a, b] }), contradiction({ id: "s2~g1", reports: [b] })));
    expect(memo).toContain("[^1]: The Paper, “First”, report, 18 December 2018, <https://example.org/a>.");
    expect(memo).toContain("[^2]: “Second”, report, undated.");
    expect(memo.match(/^\[\^\d+\]:/gm)).toHaveLength(2);
    // The second contradiction cites report b with the number it already has.
    const second = memo.slice(memo.indexOf("## 2."));
    expect(second).toContain("[^2]");
    expect(second).not.toContain("[^3]");
  });

  it("reads as a memo: heading, who said what and when (in words), the grant, the report's words, why they conflict", () => {
    const memo = toMarkdown(data(contradiction()));
    expect(memo).toMatch(/^# Contradictions: Acme\n/);
    expect(memo).toContain("## 1. A denial of access against a documented grant");
    // One full stop: the quote ends with its own.
    expect(memo).toContain("**A spokesperson (Acme)** said in a tweet (December 2018): “We never had access.” (unverified: no source of it has its text archived).[^1]");
    expect(memo).toContain("Platform gave Acme read access to messages and contacts, from 2010, still open.");
    expect(memo).toContain('The Paper (18 December 2018) documents it: “The Paper says "Acme, Inc." read them” (unverified: the text is not archived).[^1]');
    expect(memo).toContain("*Why they conflict:* The statement denies an access that the reports document. A documenting report was published before the statement.");
    expect(memo).not.toMatch(/\d{4}-\d{2}/); // no ISO dates, not even the export's own
    expect(memo.endsWith("\n")).toBe(true);
  });

  it("cites an untitled report as what it is, and a slug as words", () => {
    const untitled = report("u", { title: null, publisher: { id: "new-york-times", name: "The New York Times" } });
    const c = contradiction({ reports: [untitled] });
    c.grant.purpose = "messaging-features";
    const memo = toMarkdown(data(c));
    expect(memo).toContain("[^1]: An untitled report by The New York Times, 18 December 2018.");
    expect(memo).toContain("for messaging features");
    expect(memo).not.toContain("messaging-features");
  });

  it("cites an untitled report as what it is, and reported speech as the source's words, never the speaker's", () => {
    const untitled = report("u", { title: null, publisher: { id: "times", name: "The Times" } });
    const c = contradiction({ reports: [untitled] });
    c.statement = { ...c.statement, form: "REPORTED", quote: null, account: "Acme claims it never looked.", verified: true };
    c.statement.reportings = [{ account: "Acme claims it never looked.", verified: true, quoteAnchor: null, accountAnchor: null, report: untitled }];
    const memo = toMarkdown(data(c));
    expect(memo).toContain("Reported speech, not Acme's words: The Times (18 December 2018) wrote of **a spokesperson (Acme)** (December 2018), in its own words: “Acme claims it never looked.”");
    expect(memo).not.toContain("said in a tweet");
    expect(memo).toContain("[^1]: An untitled report by The Times, 18 December 2018.");
    expect(csvObjects(toCsv(data(c)))[0]).toMatchObject({ quote: "", form: "REPORTED", source_account: "Acme claims it never looked." });
  });

  it("escapes what Markdown would read as syntax, and keeps quotes otherwise verbatim", () => {
    expect(escapeMarkdown("a *b* _c_ [d](e) <f> `g` |h| it's — “x”")).toBe("a \\*b\\* \\_c\\_ \\[d\\](e) \\<f\\> \\`g\\` \\|h\\| it's — “x”");
    const memo = toMarkdown(data(contradiction({ quote: "Click [here](javascript:alert(1)) *now*" })));
    expect(memo).toContain("“Click \\[here\\](javascript:alert(1)) \\*now\\*”");
  });

  it("says so when there is nothing to export", () => {
    expect(toMarkdown(data())).toContain("No contradictions found.");
  });
});

/** A review as the API gives it. */
const review = (over: Partial<ExportedReview> = {}): ExportedReview => ({
  status: "NEW",
  version: 0,
  dismissReason: null,
  dismissReasonText: null,
  lastReviewer: null,
  lastChangedAt: null,
  evidenceChanged: false,
  changes: [],
  noLongerFound: false,
  history: [],
  ...over,
});

/** One finding of hand-made pairs (their statement the first's). */
const byStatement = (r: ExportedReview, ...pairs: ExportedContradiction[]): FindingExport => ({
  organization: null,
  exportedAt: "2025-01-01T00:00:00.000Z",
  findings: [
    {
      id: pairs[0].statement.id,
      kind: pairs[0].kind,
      severity: Math.max(...pairs.map((p) => p.severity)),
      grantCount: pairs.length,
      statement: pairs[0].statement,
      review: r,
      contradictions: pairs.map(({ statement: _s, review: _r, ...pair }) => pair),
    },
  ],
});

describe("the review in the exports (issue 23)", () => {
  it("says where a review stands in a sentence: nobody yet, decided by whom and when, dismissed why, back in the queue", () => {
    expect(reviewSentence(review())).toBe("New: nobody has reviewed it yet.");
    const at = { lastReviewer: "token:jane", lastChangedAt: "2026-12-06T10:00:00.000Z" };
    expect(reviewSentence(review({ status: "CONFIRMED", version: 1, ...at }))).toBe("Confirmed, last changed by token:jane on 6 December 2026.");
    expect(reviewSentence(review({ status: "NEEDS_REPLY", version: 1, ...at }))).toBe("Waiting for a reply, last changed by token:jane on 6 December 2026.");
    expect(reviewSentence(review({ status: "DISMISSED", version: 2, dismissReason: "DATES", ...at }))).toBe("Dismissed (the dates do not fit), last changed by token:jane on 6 December 2026.");
    expect(reviewSentence(review({ status: "DISMISSED", version: 2, dismissReason: "OTHER", dismissReasonText: "a hoax", ...at }))).toBe(
      "Dismissed (other: “a hoax”), last changed by token:jane on 6 December 2026.",
    );
    expect(reviewSentence(review({ status: "NEW", version: 2, evidenceChanged: true, changes: ["the grant g1 or its evidence changed"], ...at }))).toBe(
      "New, last changed by token:jane on 6 December 2026. The evidence changed since it was reviewed: it is back in the queue.",
    );
  });

  it("CSV by statement: one row for a statement and its two grants, every person's text neutralised as a formula", () => {
    const second = contradiction({ id: "s1~g2" });
    second.grant = { ...second.grant, id: "g2", grantee: { id: "beta", name: "Beta" } };
    second.severity = 70;
    const r = review({
      status: "DISMISSED",
      version: 2,
      dismissReason: "OTHER",
      dismissReasonText: "-1+2",
      lastReviewer: "token:jane",
      lastChangedAt: "2026-12-06T10:00:00.000Z",
      history: [
        { version: 1, at: "2026-12-05T10:00:00.000Z", by: "token:jane", role: "reviewer", action: "NOTE_ADDED", fromStatus: "NEW", toStatus: "NEW", reason: null, reasonText: null, note: "+first" },
        { version: 2, at: "2026-12-06T10:00:00.000Z", by: "token:jane", role: "reviewer", action: "STATUS_CHANGED", fromStatus: "NEW", toStatus: "DISMISSED", reason: "OTHER", reasonText: "-1+2", note: "=2+2" },
        { version: 3, at: "2026-12-07T10:00:00.000Z", by: "token:jane", role: "reviewer", action: "REPLY_RECORDED", fromStatus: "DISMISSED", toStatus: "DISMISSED", reason: null, reasonText: null, note: "a reply's text" },
      ],
    });
    const rows = csvObjects(toCsv(byStatement(r, contradiction(), second)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      finding_id: "s1",
      severity: "90",
      grant_count: "2",
      contradiction_ids: "s1~g1\ns1~g2",
      grant_ids: "g1\ng2",
      grantees: "Acme\nBeta",
      severities: "90\n70",
      status: "DISMISSED",
      dismiss_reason_text: "'-1+2",
      last_note: "'=2+2",
      last_reviewer: "token:jane",
      quote: "We never had access.",
      evidence: "The Paper, “Report r1”, 18 December 2018, https://example.org/r1",
    });
    expect(rows[0].grants.split("\n")).toEqual([
      "Platform gave Acme read access to messages and contacts (from 2010, still open).",
      "Platform gave Beta read access to messages and contacts (from 2010, still open).",
    ]);
  });

  it("the memo by statement: the statement once, its grants numbered, the review; never markup from a reviewer's words", () => {
    const second = contradiction({ id: "s1~g2" });
    second.grant = { ...second.grant, id: "g2", grantee: { id: "beta", name: "Beta" } };
    const r = review({ status: "DISMISSED", version: 1, dismissReason: "OTHER", dismissReasonText: "<script>alert(1)</script>", lastReviewer: "token:<i>x</i>", lastChangedAt: "2026-12-06T10:00:00.000Z" });
    const data = byStatement(r, contradiction(), second);
    const md = toMarkdown(data);
    expect(md).toContain("## 1. A denial of access against two documented grants");
    expect(md.match(/We never had access/g)).toHaveLength(1);
    expect(md).toContain("*What was documented (grant 1 of 2):* Platform gave Acme read access");
    expect(md).toContain("*What was documented (grant 2 of 2):* Platform gave Beta read access");
    expect(md).toContain("*Review:* Dismissed (other: “\\<script\\>alert(1)\\</script\\>”), last changed by token:\\<i\\>x\\</i\\> on 6 December 2026.");
    const html = toHtml(data);
    expect(parse(html).querySelectorAll("script, i")).toHaveLength(0);
    expect(html).toContain("Dismissed (other: “&lt;script&gt;alert(1)&lt;/script&gt;”), last changed by token:&lt;i&gt;x&lt;/i&gt;");
    const json = JSON.parse(toJson(data));
    expect(json).toMatchObject({ group: "statement", count: 1, contradictionCount: 2 });
    expect(json.findings[0].review.dismissReasonText).toBe("<script>alert(1)</script>");
  });

  it("says why an unawareness claim conflicts: one that concedes the access (“the full scale”) as such, a plain one as not knowing of it", () => {
    const plain = contradiction();
    plain.kind = "UNAWARENESS_VS_GRANT";
    plain.statement = { ...plain.statement, stance: "CLAIMS_UNAWARE", concedesAccess: false };
    const conceding = contradiction({ id: "s2~g1" });
    conceding.kind = "UNAWARENESS_VS_GRANT";
    conceding.statement = { ...conceding.statement, id: "s2", stance: "CLAIMS_UNAWARE", concedesAccess: true };
    expect(toMarkdown(data(plain))).toContain("*Why they conflict:* The statement claims not to know of an access that the reports document.");
    for (const memo of [toMarkdown(data(conceding)), toMarkdown(byStatement(review(), conceding))]) {
      expect(memo).toContain("*Why they conflict:* The statement claims not to know the full extent of an access, which concedes the access itself; the reports document it.");
      expect(memo).not.toContain("claims not to know of an access");
    }
  });
});
