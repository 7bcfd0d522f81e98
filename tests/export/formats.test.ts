import { describe, expect, it } from "vitest";
import type { ContradictionExport, ExportedContradiction, ExportedReport } from "../../src/export/fetchContradictions.ts";
import { CSV_COLUMNS, csvField, escapeMarkdown, toCsv, toJson, toMarkdown } from "../../src/export/formats.ts";
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
    ]);
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
