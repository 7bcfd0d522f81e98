import type { ContradictionExport, ExportedContradiction, ExportedReport } from "./fetchContradictions.ts";
import { attributedEvidence, attributedStatement, speakerWords } from "../domain/attribution.ts";
import { dateInWords, reportCitation as citeReport } from "../domain/citation.ts";
import { describeGrant } from "../domain/describeGrant.ts";

/** The export formats, with what each is served as. */
export const FORMATS = {
  json: { contentType: "application/json; charset=utf-8", extension: "json" },
  csv: { contentType: "text/csv; charset=utf-8; header=present", extension: "csv" },
  md: { contentType: "text/markdown; charset=utf-8", extension: "md" },
} as const;

export type ExportFormat = keyof typeof FORMATS;

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === "string" && Object.hasOwn(FORMATS, value);
}

export function formatContradictions(format: ExportFormat, data: ContradictionExport): string {
  switch (format) {
    case "json":
      return toJson(data);
    case "csv":
      return toCsv(data);
    case "md":
      return toMarkdown(data);
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
// Markdown: a research memo with footnoted citations.

const KIND_HEADINGS: Record<string, string> = {
  DENIAL_VS_GRANT: "A denial of access against a documented grant",
  ENDED_VS_ACTIVE: "A claim that access ended against a grant still valid",
  ASSURANCE_VS_EXEMPTION: "A privacy assurance against a grant exempt from the privacy rules",
  UNAWARENESS_VS_GRANT: "A claim of unawareness against a documented grant",
  USE_OR_REQUEST_VS_GRANT: "A denial of use or of asking against a grant (a tension, not a proven falsehood)",
};

/**
 * A report's URL in Markdown: an autolink only for http(s), in its serialized form (which
 * percent-encodes < > " and spaces, so it cannot close the link or open HTML); anything else as text.
 */
export function markdownLink(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return escapeMarkdown(url);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return escapeMarkdown(url);
  return `<${parsed.href}>`;
}

/** Markdown would read these as syntax; quotes stay otherwise verbatim (apostrophes, commas, dashes). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (ch) => `\\${ch}`).replace(/\r?\n/g, " ");
}

const KIND_NAMES: Record<string, string> = {
  INVESTIGATION: "investigation",
  ARTICLE: "article",
  PRESS_STATEMENT: "press statement",
  SOCIAL_POST: "social post",
  TESTIMONY: "testimony",
  FILING: "filing",
  HELP_PAGE: "help page",
};

/** Footnotes are numbered per report, in order of first citation; a report cited twice keeps its number. */
class Citations {
  private readonly numbers = new Map<string, number>();
  private readonly reports: ExportedReport[] = [];

  cite(report: ExportedReport): string {
    let n = this.numbers.get(report.id);
    if (n === undefined) {
      this.reports.push(report);
      n = this.reports.length;
      this.numbers.set(report.id, n);
    }
    return `[^${n}]`;
  }

  footnotes(): string[] {
    return this.reports.map((r, i) => {
      const authors = r.authors.map((a) => a.name).filter((name): name is string => !!name);
      const parts: string[] = r.title
        ? [
            r.publisher ? escapeMarkdown(r.publisher.name) : "",
            `“${escapeMarkdown(r.title)}”`,
            `${KIND_NAMES[r.kind] ?? r.kind.toLowerCase()}${authors.length ? ` by ${escapeMarkdown(authors.join(", "))}` : ""}`,
            r.publishedAt ? dateInWords(r.publishedAt) : "undated",
          ]
        : [escapeMarkdown(citeReport({ ...r, publishedAt: null })) + (authors.length ? `, by ${escapeMarkdown(authors.join(", "))}` : ""), r.publishedAt ? dateInWords(r.publishedAt) : "undated"];
      if (r.textFile) parts.push("text archived, quotes checked against it");
      return `[^${i + 1}]: ${parts.filter(Boolean).join(", ")}.${r.url ? ` ${markdownLink(r.url)}` : ""}`;
    });
  }
}

function grantSentence(c: ExportedContradiction): string {
  return describeGrant(c.grant, escapeMarkdown);
}

function paragraph(c: ExportedContradiction, index: number, citations: Citations): string[] {
  const s = c.statement;
  const statementNotes = s.reportings.map((r) => citations.cite(r.report)).join("");
  const evidenceIds = new Set(c.evidence.map((r) => r.id));
  // The independent reports first: they are the evidence; the others document the grant too.
  const documented = [...c.grant.documentedIn].sort((a, b) => Number(evidenceIds.has(b.report.id)) - Number(evidenceIds.has(a.report.id)));
  const documentation = documented.map(
    (d) => `${attributedEvidence(d, escapeMarkdown)}${d.carriedBy ? citations.cite(d.carriedBy) : ""}${citations.cite(d.report)}`,
  );
  // Evidence without a quote of its own (a report that documents the grant but is not in documentedIn) is still cited.
  const uncited = c.evidence.filter((r) => !documented.some((d) => d.report.id === r.id)).map((r) => citations.cite(r));
  const timing =
    c.reportPredatesStatement === true
      ? "A documenting report was published before the statement."
      : c.reportPredatesStatement === false
        ? "The documenting reports were all published after the statement."
        : "The dates cannot tell whether the reports came before the statement.";
  const admitted = c.corroboration.filter((x) => x.byOtherParty);
  const corroboration = admitted.length
    ? ` The access was admitted by the other party: ${admitted.map((x) => attributedStatement(x.statement, escapeMarkdown)).join("; ")}.`
    : "";
  const independent = c.evidence.length === 1 ? "one source" : `${c.evidence.length} independent sources`;
  return [
    `## ${index}. ${KIND_HEADINGS[c.kind] ?? c.kind}`,
    "",
    `${attributedStatement(s, escapeMarkdown, (text) => `**${text}**`)}${statementNotes} ` +
      `The documented grant: ${grantSentence(c)} ${documentation.join(" ")}${uncited.join("")}`,
    "",
    `*Why they conflict:* ${escapeMarkdown(c.explanation)} ${timing}${corroboration}`,
    "",
    `Kind ${c.kind}, severity ${c.severity}, evidence from ${independent}; statement \`${c.statement.id}\`, grant \`${c.grant.id}\`.`,
    "",
  ];
}

export function toMarkdown(data: ContradictionExport): string {
  const citations = new Citations();
  const subject = data.organization ? escapeMarkdown(data.organization.name) : "all organisations";
  const count = data.contradictions.length;
  const lines = [
    `# Contradictions: ${subject}`,
    "",
    `Exported from claimgraph on ${data.exportedAt}. ${count === 0 ? "No contradictions found." : `${count} contradiction${count === 1 ? "" : "s"}, strongest first.`} ` +
      "Each pairs what was said with a documented grant of access it conflicts with; quotes are verbatim, and the notes cite the reports that carried or documented them.",
    "",
  ];
  data.contradictions.forEach((c, i) => lines.push(...paragraph(c, i + 1, citations)));
  const notes = citations.footnotes();
  if (notes.length) lines.push("---", "", ...notes, "");
  return lines.join("\n");
}
