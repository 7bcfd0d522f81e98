import type { ExportData, ExportedContradiction, ExportedFinding, ExportedReport, ExportedReview, FindingExport } from "./fetchContradictions.ts";

/** Is this an export by statement (findings), rather than in pairs? */
export const isByStatement = (data: ExportData): data is FindingExport => "findings" in data;

/** A finding's contradictions as pairs, each with the finding's statement and review (what the export in pairs holds for them). */
export const pairsOf = (f: ExportedFinding): ExportedContradiction[] => f.contradictions.map((c) => ({ ...c, statement: f.statement, review: f.review }));
import { attributedEvidence, speakerWords } from "../domain/attribution.ts";
import { reportCitation as citeReport } from "../domain/citation.ts";
import { describeGrant } from "../domain/describeGrant.ts";
import { describeFilter } from "./filterParams.ts";
import { memoToDocx } from "./memoDocx.ts";
import { memoToHtml } from "./memoHtml.ts";
import { type Memo, buildFindingsMemo, buildMemo, memoToMarkdown } from "./memoModel.ts";

export { escapeMarkdown } from "./memoModel.ts";

/** The export formats, with what each is served as. */
export const FORMATS = {
  json: { contentType: "application/json; charset=utf-8", extension: "json" },
  csv: { contentType: "text/csv; charset=utf-8; header=present", extension: "csv" },
  md: { contentType: "text/markdown; charset=utf-8", extension: "md" },
  html: { contentType: "text/html; charset=utf-8", extension: "html" },
  docx: { contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extension: "docx" },
} as const;

export type ExportFormat = keyof typeof FORMATS;

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === "string" && Object.hasOwn(FORMATS, value);
}

/**
 * The export in a format. By statement (data from fetchFindings): one row or entry per finding, its
 * grants beneath; in pairs (fetchContradictions): one per statement and grant, as before.
 */
export async function formatContradictions(format: ExportFormat, data: ExportData): Promise<string | Buffer> {
  switch (format) {
    case "json":
      return toJson(data);
    case "csv":
      return toCsv(data);
    case "md":
      return toMarkdown(data);
    case "html":
      return toHtml(data);
    case "docx":
      return memoToDocx(memoOf(data));
  }
}

// ---------------------------------------------------------------------------------------------
// JSON: the API's own shape, with what was asked and when.

/**
 * By statement: `findings`, each the API's Finding (its statement, its review with the log, its
 * contradictions without the statement repeated), `count` findings and `contradictionCount` pairs.
 * In pairs: `contradictions`, each with its finding's review, `count` of them.
 */
export function toJson(data: ExportData): string {
  const head = { exportedAt: data.exportedAt, organization: data.organization };
  const body = isByStatement(data)
    ? { ...head, group: "statement", count: data.findings.length, contradictionCount: data.findings.reduce((sum, f) => sum + f.contradictions.length, 0), findings: data.findings }
    : { ...head, group: "pairs", count: data.contradictions.length, contradictions: data.contradictions };
  return `${JSON.stringify(body, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// CSV: one row per finding (by statement) or per contradiction (pairs), RFC 4180.

/** Several values in one cell (reports, data categories) are separated by a line break. */
const MULTI = "\n";

const reportCitation = (r: ExportedReport) => [citeReport(r), r.publishedAt ? null : "undated", r.url].filter(Boolean).join(", ");

/**
 * The columns, in order. They are part of the export's contract: new columns are added at the end,
 * existing ones are never renamed or reordered.
 */
export const CSV_COLUMNS: readonly { name: string; description: string; value: (c: ExportedContradiction) => unknown }[] = [
  { name: "id", description: "Stable contradiction id: STATEMENT_ID~GRANT_ID.", value: (c) => c.id },
  { name: "kind", description: "ContradictionKind (DENIAL_VS_GRANT … USE_OR_REQUEST_VS_GRANT).", value: (c) => c.kind },
  { name: "severity", description: "0-100.", value: (c) => c.severity },
  { name: "statement_id", description: "Id of the statement.", value: (c) => c.statement.id },
  {
    name: "quote",
    description: "The speaker's own words, verbatim; empty for reported speech (form REPORTED), which has none: see source_account.",
    value: (c) => speakerWords(c.statement),
  },
  { name: "speaker", description: "Who said it, as a citation names them.", value: (c) => c.statement.speaker },
  { name: "speaker_organization", description: "The organisation it was said for.", value: (c) => c.statement.onBehalfOf?.name },
  { name: "made_at", description: "When it was said (ISO 8601, precision as known).", value: (c) => c.statement.madeAt },
  { name: "channel", description: "Where it was said (tweet, statement to CNN).", value: (c) => c.statement.channel },
  { name: "stance", description: "What the statement claims (Stance).", value: (c) => c.statement.stance },
  {
    name: "statement_reported_in",
    description: "Reports that carried the statement, one per line: publisher, title, date, URL when known.",
    value: (c) => c.statement.reportings.map((r) => reportCitation(r.report)).join(MULTI),
  },
  { name: "grant_id", description: "Id of the documented grant.", value: (c) => c.grant.id },
  { name: "grantor", description: "Who gave the access (empty: users themselves).", value: (c) => c.grant.grantor?.name },
  { name: "grantee", description: "Who received it.", value: (c) => c.grant.grantee?.name },
  { name: "data", description: "Data categories, one per line.", value: (c) => c.grant.data.map((d) => d.name).join(MULTI) },
  { name: "capabilities", description: "READ, WRITE, …, one per line; empty when not documented.", value: (c) => (c.grant.capabilities ?? []).join(MULTI) },
  { name: "valid_from", description: "Start of the grant (ISO 8601); empty when not known.", value: (c) => c.grant.validFrom },
  { name: "valid_to", description: "End of the grant; empty when open or not known.", value: (c) => c.grant.validTo },
  { name: "open_ended", description: "true when documented as still open.", value: (c) => c.grant.openEnded },
  { name: "exempt_from_privacy_rules", description: "true when exempt from the grantor's usual privacy rules.", value: (c) => c.grant.exemptFromPrivacyRules },
  { name: "purpose", description: "What the access was for.", value: (c) => c.grant.purpose },
  {
    name: "evidence",
    description: "The independent documenting reports, one per line: publisher, title, date, URL when known.",
    value: (c) => c.evidence.map(reportCitation).join(MULTI),
  },
  {
    name: "documented_quotes",
    description: "The evidence for the grant, one per line, in whose words it is: a report's own words, or another report's account of it (\"The article, citing The New York Times, says: …\").",
    value: (c) => c.grant.documentedIn.map((d) => attributedEvidence(d)).join(MULTI),
  },
  {
    name: "report_predates_statement",
    description: "true: a documenting report came before the statement; false: all after; empty: the dates cannot tell.",
    value: (c) => c.reportPredatesStatement,
  },
  {
    name: "admitted_by_other_party",
    description: "true when the other party admitted the access (an AFFIRMS_ACCESS statement).",
    value: (c) => c.corroboration.some((x) => x.byOtherParty),
  },
  { name: "explanation", description: "Why the two conflict, in plain words.", value: (c) => c.explanation },
  {
    name: "form",
    description: "How the source carries the statement: DIRECT (the speaker's words), REPORTED (the source's account only) or MIXED (the source's sentence quoting some words).",
    value: (c) => c.statement.form,
  },
  {
    name: "source_account",
    description: "The source's own sentence carrying the statement: the source's words, not the speaker's.",
    value: (c) => c.statement.reportings.find((r) => r.account)?.account ?? c.statement.account,
  },
  {
    name: "verified",
    description: "true when the statement's words were found in an archived source text; false: unverified.",
    value: (c) => c.statement.verified,
  },
  {
    name: "speaker_inferred",
    description: "Empty when the source names the speaker; otherwise the source never says who spoke, and this is the extract's reason for the speaker given.",
    value: (c) => c.statement.speakerInferred,
  },
  { name: "statement_notes", description: "The statement's own notes in its extract.", value: (c) => c.statement.notes },
  ...reviewColumns<ExportedContradiction>((c) => c.review, "of its finding (its statement's; reviews attach to findings, not to each grant)"),
];

/** The latest note a reviewer wrote on a finding: with a decision, or added on its own (not a reply's text, not the load's). */
const lastNote = (r: ExportedReview | undefined) =>
  [...(r?.history ?? [])].reverse().find((e) => e.note && (e.action === "STATUS_CHANGED" || e.action === "NOTE_ADDED"))?.note ?? null;

/** The review's columns (issue 23): status, the dismissal's reason, who changed it last and when, whether the evidence changed, the latest note. */
function reviewColumns<T>(review: (row: T) => ExportedReview | undefined, whose: string): { name: string; description: string; value: (row: T) => unknown }[] {
  return [
    { name: "status", description: `The review status ${whose}: NEW (nobody decided yet, or back in the queue), CONFIRMED, DISMISSED or NEEDS_REPLY.`, value: (row) => review(row)?.status },
    { name: "dismiss_reason", description: "Why it was dismissed (DismissReason: OUT_OF_SCOPE, MISATTRIBUTED, DATES, NOT_DOCUMENTED, DUPLICATE, OTHER); empty unless DISMISSED.", value: (row) => review(row)?.dismissReason },
    { name: "dismiss_reason_text", description: "The dismissal's reason in the reviewer's words.", value: (row) => review(row)?.dismissReasonText },
    { name: "last_reviewer", description: "Who changed the review last (token:NAME, oidc:SUB, local:USER); empty when nobody did.", value: (row) => review(row)?.lastReviewer },
    { name: "last_changed_at", description: "When a reviewer changed it last (ISO 8601, UTC).", value: (row) => review(row)?.lastChangedAt },
    { name: "evidence_changed", description: "true when a reload changed what it rests on since it was reviewed: it is back in the queue.", value: (row) => review(row)?.evidenceChanged },
    { name: "last_note", description: "The latest note a reviewer wrote on it (with a decision, or added), as written.", value: (row) => lastNote(review(row)) },
  ];
}

/** A pair's column read for a finding: the statement's columns are its statement's, whichever grant. */
function statementColumn(name: string): { name: string; description: string; value: (f: ExportedFinding) => unknown } {
  const column = CSV_COLUMNS.find((c) => c.name === name)!;
  return { name, description: column.description, value: (f) => column.value(pairsOf(f)[0] ?? ({ statement: f.statement } as ExportedContradiction)) };
}

const unique = (items: string[]) => [...new Set(items.filter(Boolean))];

/**
 * The columns of the export by statement (the default): one row per finding, its grants one per line
 * in the grant columns, strongest first and in the same order in each (contradiction_ids, grant_ids,
 * grants, grantees, severities, explanations, report_predates_statement). A contract as CSV_COLUMNS is.
 */
export const FINDING_CSV_COLUMNS: readonly { name: string; description: string; value: (f: ExportedFinding) => unknown }[] = [
  { name: "finding_id", description: "Stable finding id: the statement's id (reviews attach to it).", value: (f) => f.id },
  { name: "kind", description: "ContradictionKind of its strongest contradiction.", value: (f) => f.kind },
  { name: "severity", description: "Its strongest severity, 0-100.", value: (f) => f.severity },
  { name: "grant_count", description: "How many documented grants the statement conflicts with.", value: (f) => f.contradictions.length },
  ...reviewColumns<ExportedFinding>((f) => f.review, "of the finding"),
  ...["quote", "speaker", "speaker_organization", "made_at", "channel", "stance", "form", "source_account", "verified", "speaker_inferred", "statement_notes", "statement_reported_in"].map(statementColumn),
  { name: "contradiction_ids", description: "Its contradictions' ids (STATEMENT_ID~GRANT_ID, as in the export in pairs), one per line, strongest first.", value: (f) => f.contradictions.map((c) => c.id).join(MULTI) },
  { name: "grant_ids", description: "The grants' ids, one per line, in the same order.", value: (f) => f.contradictions.map((c) => c.grant.id).join(MULTI) },
  { name: "grants", description: "Each grant in words (who gave whom what access, when, for what), one per line, in the same order.", value: (f) => f.contradictions.map((c) => describeGrant(c.grant)).join(MULTI) },
  { name: "grantees", description: "Who received each grant, one per line, in the same order.", value: (f) => f.contradictions.map((c) => c.grant.grantee?.name ?? "").join(MULTI) },
  { name: "severities", description: "Each contradiction's severity, one per line, in the same order.", value: (f) => f.contradictions.map((c) => c.severity).join(MULTI) },
  { name: "explanations", description: "Why the statement conflicts with each grant, in plain words, one per line, in the same order.", value: (f) => f.contradictions.map((c) => c.explanation).join(MULTI) },
  {
    name: "report_predates_statement",
    description: "For each grant, one per line: true when a documenting report came before the statement, false when all came after, empty when the dates cannot tell.",
    value: (f) => f.contradictions.map((c) => (c.reportPredatesStatement === null ? "" : String(c.reportPredatesStatement))).join(MULTI),
  },
  { name: "evidence", description: "The independent documenting reports of all its grants, each once, one per line: publisher, title, date, URL when known.", value: (f) => unique(f.contradictions.flatMap((c) => c.evidence.map(reportCitation))).join(MULTI) },
  {
    name: "documented_quotes",
    description: "The evidence for its grants, each sentence once, one per line, in whose words it is (as the export in pairs gives it).",
    value: (f) => unique(f.contradictions.flatMap((c) => c.grant.documentedIn.map((d) => attributedEvidence(d)))).join(MULTI),
  },
  { name: "admitted_by_other_party", description: "true when the other party admitted the access of one of its grants.", value: (f) => f.contradictions.some((c) => c.corroboration.some((x) => x.byOtherParty)) },
];

/**
 * One field, quoted when RFC 4180 requires it (quote, comma, line break) or when it has edge spaces.
 * A text that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
 * return: a quote or title from an extract can) gets a leading apostrophe, which spreadsheets show
 * as text and hide; numbers and booleans are written as they are. The JSON and Markdown exports keep
 * every text exactly.
 */
export function csvField(value: unknown): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvTable<T>(columns: readonly { name: string; value: (row: T) => unknown }[], rows: readonly T[]): string {
  const lines = [columns.map((column) => csvField(column.name)).join(",")];
  for (const row of rows) lines.push(columns.map((column) => csvField(column.value(row))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

/** By statement: FINDING_CSV_COLUMNS, a row per finding; in pairs: CSV_COLUMNS, a row per contradiction. */
export function toCsv(data: ExportData): string {
  return isByStatement(data) ? csvTable(FINDING_CSV_COLUMNS, data.findings) : csvTable(CSV_COLUMNS, data.contradictions);
}

// ---------------------------------------------------------------------------------------------
// The memo: Markdown, HTML and .docx, one text (memoModel.ts).

/** The memo's title: the organisation, or all, and the filter in words. */
function memoSubject(data: ExportData): string {
  const { organization: _, ...rest } = data.filter ?? {};
  const filtered = describeFilter(rest);
  return `${data.organization?.name ?? "all organisations"}${filtered ? ` (${filtered})` : ""}`;
}

export function memoOf(data: ExportData): Memo {
  return isByStatement(data) ? buildFindingsMemo(memoSubject(data), data.exportedAt, data.findings) : buildMemo(memoSubject(data), data.exportedAt, data.contradictions);
}

export function toMarkdown(data: ExportData): string {
  return memoToMarkdown(memoOf(data));
}

export function toHtml(data: ExportData): string {
  return memoToHtml(memoOf(data));
}
