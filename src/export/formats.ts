import type { ContradictionExport, ExportedContradiction, ExportedReport } from "./fetchContradictions.ts";
import { attributedEvidence, attributedStatement, speakerWords } from "../domain/attribution.ts";
import { reportCitation as citeReport } from "../domain/citation.ts";
import { describeFilter } from "./filterParams.ts";
import { memoToDocx } from "./memoDocx.ts";
import { memoToHtml } from "./memoHtml.ts";
import { type Memo, buildMemo, memoToMarkdown } from "./memoModel.ts";

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

export async function formatContradictions(format: ExportFormat, data: ContradictionExport): Promise<string | Buffer> {
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

export function toJson(data: ContradictionExport): string {
  return `${JSON.stringify(
    { exportedAt: data.exportedAt, organization: data.organization, count: data.contradictions.length, contradictions: data.contradictions },
    null,
    2,
  )}\n`;
}

// ---------------------------------------------------------------------------------------------
// CSV: one row per contradiction, RFC 4180.

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

export function toCsv(data: ContradictionExport): string {
  const lines = [CSV_COLUMNS.map((column) => csvField(column.name)).join(",")];
  for (const c of data.contradictions) lines.push(CSV_COLUMNS.map((column) => csvField(column.value(c))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

// ---------------------------------------------------------------------------------------------
// The memo: Markdown, HTML and .docx, one text (memoModel.ts).

/** The memo's title: the organisation, or all, and the filter in words. */
function memoSubject(data: ContradictionExport): string {
  const { organization: _, ...rest } = data.filter ?? {};
  const filtered = describeFilter(rest);
  return `${data.organization?.name ?? "all organisations"}${filtered ? ` (${filtered})` : ""}`;
}

export function memoOf(data: ContradictionExport): Memo {
  return buildMemo(memoSubject(data), data.exportedAt, data.contradictions);
}

export function toMarkdown(data: ContradictionExport): string {
  return memoToMarkdown(memoOf(data));
}

export function toHtml(data: ContradictionExport): string {
  return memoToHtml(memoOf(data));
}
