import { type AttributedEvidence, type AttributedStatement, attributedEvidence, attributedStatement, sourceSentence } from "../domain/attribution.ts";
import { dateInWords, reportCitation, reportKindWord, withArticle } from "../domain/citation.ts";
import { type GrantFacts, exemptionApplies, grantAccess, listOf, slugInWords } from "../domain/describeGrant.ts";
import { DISMISS_REASON_WORDS, REVIEW_STATUS_WORDS } from "../domain/model.ts";

/**
 * The text of a memo, once, for every form it is written in: Markdown (formats.ts), HTML and .docx
 * (memoHtml.ts, memoDocx.ts), and the "copy citation" button of a contradiction's page (plain text
 * and HTML). A memo is headings and paragraphs made of runs (plain text, a verbatim quote, a
 * footnote mark, a link, bold or italic text), then numbered notes, one per report cited.
 *
 * Wording: whose words are quoted is the attribution's (src/domain/attribution.ts: quotation marks
 * only around a speaker's own words, reported speech and evidence carried by another report said as
 * such, "unverified" where no archived text backs a quote); dates in words ("18 December 2018",
 * "December 2018"); names, never slugs; a report without a title cited as what it is ("an untitled
 * report by The New York Times, 18 December 2018"); each quote once; one full stop at the end of a
 * sentence, also after a closing quotation mark.
 * Plain code with no Node imports: the browser pages bundle this file.
 */

export type Run =
  | { kind: "text"; text: string }
  | { kind: "strong"; text: string }
  | { kind: "em"; text: string }
  | { kind: "quote"; text: string }
  | { kind: "link"; text: string; href: string }
  | { kind: "note"; number: number };

export type Block = { kind: "heading"; level: 1 | 2; text: string } | { kind: "paragraph"; runs: Run[] };

export interface Memo {
  title: string;
  blocks: Block[];
  /** Numbered from 1 in order of first citation; a report cited twice keeps its number. */
  notes: { number: number; runs: Run[] }[];
}

/** What the memo reads of a report, a statement, a grant and a contradiction (the API's fields). */
export interface MemoReport {
  id: string;
  title: string | null;
  url: string | null;
  publishedAt: string | null;
  kind: string;
  textFile?: string | null;
  publisher: { name: string } | null;
  authors?: { name: string | null }[];
  /** The notes of the extract made from this report (its source): choices and inferences. */
  extractNotes?: string | null;
}

type MemoStatement = Omit<AttributedStatement, "reportings"> & {
  speaker: string;
  /** The statement's own notes in its extract. */
  notes?: string | null;
  /** A claim of not knowing the full scale of an access: it concedes the access itself (src/contradictions/explain.ts words it alike). */
  concedesAccess?: boolean | null;
  reportings: { account: string | null; verified?: boolean | null; report: MemoReport }[];
};

/** Where a finding's review stands (the API's Review): printed with each finding when given. */
export interface MemoReview {
  status: string;
  version: number;
  dismissReason?: string | null;
  dismissReasonText?: string | null;
  lastReviewer?: string | null;
  lastChangedAt?: string | null;
  evidenceChanged?: boolean | null;
}

export interface MemoContradiction {
  id: string;
  kind: string;
  severity: number;
  reportPredatesStatement: boolean | null;
  statement: MemoStatement;
  grant: GrantFacts & {
    documentedIn: (AttributedEvidence & { report: MemoReport; carriedBy?: MemoReport | null })[];
  };
  evidence: MemoReport[];
  corroboration: { byOtherParty: boolean; statement: MemoStatement }[];
  /** The review of its finding (its statement's); none: no review line (the page's citation). */
  review?: MemoReview | null;
}

/** A finding: a statement with every grant it conflicts with, strongest first (the API's Finding). */
export interface MemoFinding {
  id: string;
  kind: string;
  severity: number;
  statement: MemoStatement;
  review?: MemoReview | null;
  contradictions: Omit<MemoContradiction, "statement" | "review">[];
}

export const KIND_HEADINGS: Record<string, string> = {
  DENIAL_VS_GRANT: "A denial of access against a documented grant",
  ENDED_VS_ACTIVE: "A claim that access ended against a grant still valid",
  ASSURANCE_VS_EXEMPTION: "A privacy assurance against a documented grant in its scope",
  UNAWARENESS_VS_GRANT: "A claim of unawareness against a documented grant",
  USE_OR_REQUEST_VS_GRANT: "A denial of use or of asking against a grant (a tension, not a proven falsehood)",
};

const WHY: Record<string, string> = {
  DENIAL_VS_GRANT: "the statement denies an access that the reports document.",
  ENDED_VS_ACTIVE: "the statement says the access had ended, while the reports document it as valid after that.",
  ASSURANCE_VS_EXEMPTION: "the statement gives a privacy assurance, while the reports document an access it rules out (or one exempt from the usual privacy rules, where the assurance names only the grantor).",
  UNAWARENESS_VS_GRANT: "the statement claims not to know of an access that the reports document.",
  USE_OR_REQUEST_VS_GRANT: "the statement denies asking for or using the data, while the reports document permission to access it; a grant is permission, not proof of use.",
};
/** A claim of not knowing the full scale of an access concedes the access (docs/rules.md): said as the explanation says it. */
const WHY_CONCEDING = "the statement claims not to know the full extent of an access, which concedes the access itself; the reports document it.";

const whyText = (kind: string, s: MemoStatement) => (kind === "UNAWARENESS_VS_GRANT" && s.concedesAccess ? WHY_CONCEDING : (WHY[kind] ?? kind));

/** A finding's heading when it conflicts with several grants ("A denial of access against three documented grants"). */
const KIND_HEADINGS_MANY: Record<string, (count: string) => string> = {
  DENIAL_VS_GRANT: (n) => `A denial of access against ${n} documented grants`,
  ENDED_VS_ACTIVE: (n) => `A claim that access ended against ${n} grants still valid`,
  ASSURANCE_VS_EXEMPTION: (n) => `A privacy assurance against ${n} documented grants in its scope`,
  UNAWARENESS_VS_GRANT: (n) => `A claim of unawareness against ${n} documented grants`,
  USE_OR_REQUEST_VS_GRANT: (n) => `A denial of use or of asking against ${n} grants (a tension, not a proven falsehood)`,
};
const NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
const inWords = (n: number) => NUMBER_WORDS[n] ?? String(n);

function findingHeading(kind: string, grants: number): string {
  return grants > 1 && KIND_HEADINGS_MANY[kind] ? KIND_HEADINGS_MANY[kind](inWords(grants)) : (KIND_HEADINGS[kind] ?? kind);
}

/**
 * Where a finding's review stands, in a sentence: "Confirmed, last changed by token:jane on 6 December
 * 2026." A dismissal gives its reason (the reviewer's own text in quotation marks); a finding whose
 * evidence changed since its review says it is back in the queue. The reviewer is named as the API
 * names them (token:NAME, oidc:SUB, local:USER).
 */
export function reviewSentence(r: MemoReview): string {
  const status = r.status as keyof typeof REVIEW_STATUS_WORDS;
  if (r.status === "NEW" && !r.lastReviewer && !r.evidenceChanged) return "New: nobody has reviewed it yet.";
  const reason = r.dismissReason ? (DISMISS_REASON_WORDS[r.dismissReason as keyof typeof DISMISS_REASON_WORDS] ?? r.dismissReason.toLowerCase()) : null;
  const why = r.status === "DISMISSED" && (reason || r.dismissReasonText) ? ` (${[reason, r.dismissReasonText ? `“${r.dismissReasonText}”` : null].filter(Boolean).join(": ")})` : "";
  const who = r.lastReviewer ? `, last changed by ${r.lastReviewer}${r.lastChangedAt ? ` on ${dateInWords(r.lastChangedAt.slice(0, 10))}` : ""}` : "";
  const changed = r.evidenceChanged ? " The evidence changed since it was reviewed: it is back in the queue." : "";
  return `${capitalise(REVIEW_STATUS_WORDS[status] ?? r.status.toLowerCase())}${why}${who}.${changed}`;
}

const reviewBlock = (r: MemoReview): Block => ({ kind: "paragraph", runs: [{ kind: "em", text: "Review:" }, { kind: "text", text: ` ${reviewSentence(r)}` }] });

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);


/**
 * A sentence's end: one full stop, before the footnote marks that close it, and none added after
 * a quote or text that already ends with one (“… song.”[1], not “… song.”.[1]; “… messages”.[1]).
 */
function endSentence(runs: Run[]): Run[] {
  let cut = runs.length;
  while (cut > 0 && runs[cut - 1].kind === "note") cut--;
  const last = runs[cut - 1];
  const text = last && "text" in last ? last.text : "";
  if (/[.!?…]["”’)]*$/.test(text)) return runs;
  return [...runs.slice(0, cut), { kind: "text", text: "." }, ...runs.slice(cut)];
}

/**
 * The report as a note cites it: "The Paper, “Title”, article by Muriel Colon, 20 December 2018",
 * or "An untitled report by The New York Times, 18 December 2018"; its address linked.
 */
export function reportNote(r: MemoReport): Run[] {
  const authors = (r.authors ?? []).map((a) => a.name).filter((n): n is string => !!n);
  const date = r.publishedAt ? dateInWords(r.publishedAt) : "undated";
  const what = `${reportKindWord(r.kind)}${authors.length ? ` by ${listOf(authors)}` : ""}`;
  const parts = r.title ? [r.publisher ? capitalise(withArticle(r.publisher.name)) : null, `“${r.title}”`, what, date] : [capitalise(reportCitation({ ...r, publishedAt: null })), authors.length ? `by ${listOf(authors)}` : null, date];
  const text = parts.filter(Boolean).join(", ");
  const runs: Run[] = [{ kind: "text", text: r.textFile ? `${text}; text archived, quotes checked against it` : text }];
  if (r.url) runs.push({ kind: "text", text: ", " }, { kind: "link", text: r.url, href: r.url });
  return endSentence(runs);
}

class Notes {
  readonly notes: Memo["notes"] = [];
  private readonly numbers = new Map<string, number>();

  cite(r: MemoReport): Run {
    return this.note(`report:${r.id}`, () => reportNote(r));
  }

  /** A note of its own (an extract's or a statement's notes), numbered once per key. */
  note(key: string, runs: () => Run[]): Run {
    let number = this.numbers.get(key);
    if (number === undefined) {
      number = this.notes.length + 1;
      this.numbers.set(key, number);
      this.notes.push({ number, runs: runs() });
    }
    return { kind: "note", number };
  }
}

/**
 * The notes a statement's sentence carries beyond its reports' citations: its own notes, and the
 * notes of the extract made from a source carrying it (what the extract inferred, and why).
 */
function statementNotes(s: MemoStatement, notes: Notes): Run[] {
  const runs: Run[] = [];
  const sentence = sourceSentence(s);
  if (sentence) runs.push(notes.note(`sentence:${sentence}`, () => endSentence([{ kind: "text", text: sentence }])));
  if (s.notes) runs.push(notes.note(`statement:${s.notes}`, () => endSentence([{ kind: "text", text: `On this statement, the extract notes: ${s.notes}` }])));
  for (const r of s.reportings) {
    if (!r.report.extractNotes) continue;
    const name = r.report.title ? `“${r.report.title}”` : reportCitation(r.report);
    runs.push(notes.note(`extract:${r.report.id}`, () => endSentence([{ kind: "text", text: `The notes of the extract made from ${name}: ${r.report.extractNotes}` }])));
  }
  return runs;
}

/** "Facebook gave Netflix read access to private messages from 2010 to 2014, for messaging features, exempt from …" */
function grantText(g: MemoContradiction["grant"]): string {
  const from = g.validFrom ? dateInWords(g.validFrom) : null;
  const to = g.validTo ? dateInWords(g.validTo) : null;
  const period = from && to ? `from ${from} to ${to}` : from ? `from ${from}${g.openEnded ? ", still open" : ""}` : to ? `until ${to}` : g.openEnded ? "still open" : "for a period not documented";
  const details = [period, g.purpose ? `for ${slugInWords(g.purpose)}` : null, exemptionApplies(g) ? "exempt from the usual privacy rules" : null].filter(Boolean);
  return `${g.grantor?.name ?? "Users"} gave ${g.grantee?.name ?? "an unknown party"} ${grantAccess(g)}, ${details.join(", ")}`;
}

const TIMING = {
  true: "A documenting report was published before the statement.",
  false: "The documenting reports were all published after the statement.",
  null: "The dates cannot tell whether the reports came before the statement.",
} as const;

/** Bold in attribution's sentences, marked so the runs can carry it (no extract text holds these characters). */
const BOLD_START = "\u0001";
const BOLD_END = "\u0002";
const markBold = (text: string) => `${BOLD_START}${text}${BOLD_END}`;

/** An attribution's sentence as runs: its bold part as `strong`, the rest as text (the quotation marks are the sentence's). */
function sentenceRuns(sentence: string): Run[] {
  return sentence
    .split(new RegExp(`(${BOLD_START}[^${BOLD_END}]*${BOLD_END})`))
    .filter(Boolean)
    .map((part): Run => (part.startsWith(BOLD_START) ? { kind: "strong", text: part.slice(1, -1) } : { kind: "text", text: part }));
}

/** What was said: the statement's sentence, with its citations and notes. */
function statementBlock(s: MemoStatement, notes: Notes): Block {
  const statementSentence = attributedStatement(s, (text) => text, markBold);
  return { kind: "paragraph", runs: endSentence([...sentenceRuns(statementSentence), ...s.reportings.map((r) => notes.cite(r.report)), ...statementNotes(s, notes)]) };
}

/**
 * One grant the statement conflicts with: what was documented, why they conflict, what the other
 * party admitted, and the pair's severity. `place` ("1 of 3") numbers the grants of a finding.
 */
function grantBlocks(
  c: Omit<MemoContradiction, "statement">,
  s: MemoStatement,
  notes: Notes,
  place: string | null,
  own: { why: boolean; severity: boolean } = { why: true, severity: true },
): Block[] {
  const blocks: Block[] = [];
  const evidenceIds = new Set(c.evidence.map((r) => r.id));
  // The independent reports first: they are the evidence; the others document the grant too. Then
  // by report and carrier, so the memo reads the same whatever order the API lists them in.
  const key = (d: (typeof c.grant.documentedIn)[number]) => `${evidenceIds.has(d.report.id) ? 0 : 1}:${d.report.id}:${d.carriedBy?.id ?? ""}`;
  const documented = [...c.grant.documentedIn].sort((a, b) => key(a).localeCompare(key(b)));
  const grant: Run[] = endSentence([{ kind: "em", text: place ? `What was documented (grant ${place}):` : "What was documented:" }, { kind: "text", text: ` ${grantText(c.grant)}` }]);
  // Each quote once: a sentence already printed (the same words carried by the same report) is only cited again.
  const printed = new Set<string>();
  for (const d of documented) {
    const sentence = attributedEvidence(d);
    const cites = [...(d.carriedBy ? [notes.cite(d.carriedBy)] : []), notes.cite(d.report)];
    if (printed.has(sentence)) grant.push(...cites);
    else grant.push({ kind: "text", text: " " }, ...endSentence([{ kind: "text", text: sentence }, ...cites]));
    printed.add(sentence);
  }
  for (const r of c.evidence.filter((r) => !documented.some((d) => d.report.id === r.id))) grant.push(notes.cite(r));
  blocks.push({ kind: "paragraph", runs: grant });

  const admitted = c.corroboration.filter((x) => x.byOtherParty);
  if (own.why) blocks.push({ kind: "paragraph", runs: [{ kind: "em", text: "Why they conflict:" }, { kind: "text", text: ` ${whySentences(c, s)}` }] });
  if (admitted.length) {
    const admission: Run[] = [{ kind: "em", text: "Admitted by the other party:" }];
    admitted.forEach((x, i) => {
      admission.push({ kind: "text", text: i ? "; " : " " }, ...sentenceRuns(attributedStatement(x.statement)), ...x.statement.reportings.map((r) => notes.cite(r.report)), ...statementNotes(x.statement, notes));
    });
    blocks.push({ kind: "paragraph", runs: endSentence(admission) });
  }
  if (own.severity) blocks.push({ kind: "paragraph", runs: [{ kind: "text", text: `Severity ${c.severity} of 100, ${severityEvidence(c)}.` }] });
  return blocks;
}

/** Why a statement and a grant conflict, and whether the report came first: one paragraph's words. */
const whySentences = (c: Pick<MemoContradiction, "kind" | "reportPredatesStatement">, s: MemoStatement) =>
  `${capitalise(whyText(c.kind, s))} ${TIMING[String(c.reportPredatesStatement) as keyof typeof TIMING]}`;

const severityEvidence = (c: Pick<MemoContradiction, "evidence">) =>
  `with evidence from ${c.evidence.length === 1 ? "one independent source" : `${c.evidence.length} independent sources`}`;

/** One contradiction: what was said, where its finding's review stands (when given), what was documented, why they conflict. */
export function contradictionBlocks(c: MemoContradiction, notes: Notes, heading: string | null): Block[] {
  const blocks: Block[] = [];
  if (heading) blocks.push({ kind: "heading", level: 2, text: heading });
  blocks.push(statementBlock(c.statement, notes));
  if (c.review) blocks.push(reviewBlock(c.review));
  blocks.push(...grantBlocks(c, c.statement, notes, null));
  return blocks;
}

/** One finding: what was said, where its review stands, then each grant it conflicts with, strongest first. */
export function findingBlocks(f: MemoFinding, notes: Notes, heading: string | null): Block[] {
  const blocks: Block[] = [];
  if (heading) blocks.push({ kind: "heading", level: 2, text: heading });
  blocks.push(statementBlock(f.statement, notes));
  if (f.review) blocks.push(reviewBlock(f.review));
  const count = f.contradictions.length;
  // What every grant shares (the same reason to conflict, the same severity on the same evidence) is
  // said once, after them, rather than after each: an editor reads it once.
  const whys = f.contradictions.map((c) => whySentences(c, f.statement));
  const severities = f.contradictions.map((c) => `${c.severity} of 100, ${severityEvidence(c)}`);
  const sameWhy = count > 1 && whys.every((w) => w === whys[0]);
  const sameSeverity = count > 1 && severities.every((x) => x === severities[0]);
  f.contradictions.forEach((c, i) => blocks.push(...grantBlocks(c, f.statement, notes, count > 1 ? `${i + 1} of ${count}` : null, { why: !sameWhy, severity: !sameSeverity })));
  const all = count === 2 ? "both grants" : `all ${count} grants`;
  if (sameWhy) blocks.push({ kind: "paragraph", runs: [{ kind: "em", text: `Why they conflict (${all}):` }, { kind: "text", text: ` ${whys[0]}` }] });
  if (sameSeverity) blocks.push({ kind: "paragraph", runs: [{ kind: "text", text: `Severity ${f.contradictions[0].severity} of 100 for each, ${severityEvidence(f.contradictions[0])}.` }] });
  return blocks;
}

/** The memo of a list of contradictions (an export). */
export function buildMemo(subject: string, exportedAt: string, contradictions: MemoContradiction[]): Memo {
  const notes = new Notes();
  const count = contradictions.length;
  const blocks: Block[] = [
    {
      kind: "paragraph",
      runs: [
        {
          kind: "text",
          text:
            `Exported from claimgraph on ${dateInWords(exportedAt.slice(0, 10))}. ${count === 0 ? "No contradictions found." : `${count} contradiction${count === 1 ? "" : "s"}, strongest first.`} ` +
            "Each pairs what was said with a documented grant of access it conflicts with; quotes are verbatim, and the notes cite the reports that carried or documented them.",
        },
      ],
    },
  ];
  contradictions.forEach((c, i) => blocks.push(...contradictionBlocks(c, notes, `${i + 1}. ${KIND_HEADINGS[c.kind] ?? c.kind}`)));
  return { title: `Contradictions: ${subject}`, blocks, notes: notes.notes };
}

/** The memo of a list of findings (an export by statement): one section per statement, its grants beneath. */
export function buildFindingsMemo(subject: string, exportedAt: string, findings: MemoFinding[]): Memo {
  const notes = new Notes();
  const count = findings.length;
  const pairs = findings.reduce((sum, f) => sum + f.contradictions.length, 0);
  const found =
    count === 0
      ? "No contradictions found."
      : `${count} finding${count === 1 ? "" : "s"} (${pairs} contradiction${pairs === 1 ? "" : "s"}), strongest first.`;
  const blocks: Block[] = [
    {
      kind: "paragraph",
      runs: [
        {
          kind: "text",
          text:
            `Exported from claimgraph on ${dateInWords(exportedAt.slice(0, 10))}. ${found} ` +
            "Each finding is a statement with every documented grant of access it conflicts with, and where its review stands; quotes are verbatim, and the notes cite the reports that carried or documented them.",
        },
      ],
    },
  ];
  findings.forEach((f, i) => blocks.push(...findingBlocks(f, notes, `${i + 1}. ${findingHeading(f.kind, f.contradictions.length)}`)));
  return { title: `Contradictions: ${subject}`, blocks, notes: notes.notes };
}

/** One contradiction as a citation to paste (the page's "copy citation" button). */
export function buildCitation(c: MemoContradiction): Memo {
  const notes = new Notes();
  return { title: KIND_HEADINGS[c.kind] ?? c.kind, blocks: contradictionBlocks(c, notes, null), notes: notes.notes };
}

// ---------------------------------------------------------------------------------------------
// Plain text and HTML (the HTML memo, and the rich text of the copy button).

const runText = (run: Run) => (run.kind === "note" ? `[${run.number}]` : run.kind === "quote" ? `“${run.text}”` : run.text);

export function memoToText(memo: Memo): string {
  const lines = [memo.title, ""];
  for (const block of memo.blocks) lines.push(block.kind === "heading" ? block.text : block.runs.map(runText).join(""), "");
  if (memo.notes.length) {
    lines.push("Notes", "");
    for (const note of memo.notes) lines.push(`[${note.number}] ${note.runs.map(runText).join("")}`);
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

/**
 * Runs as HTML. Footnote marks are superscript links to the notes (#note-N), with the note's
 * number in the text as well: a paste into Google Docs or Word keeps "[1]" and the notes list even
 * where it drops the link.
 */
function runHtml(run: Run, prefix: string, anchored: Set<number> = new Set()): string {
  switch (run.kind) {
    case "text":
      return escapeHtml(run.text);
    case "strong":
      return `<strong>${escapeHtml(run.text)}</strong>`;
    case "em":
      return `<em>${escapeHtml(run.text)}</em>`;
    case "quote":
      // Literal quotation marks, not <q>: a paste keeps text, not the marks a browser draws for <q>.
      return `<span class="quote">“${escapeHtml(run.text)}”</span>`;
    case "link":
      return `<a href="${escapeHtml(run.href)}">${escapeHtml(run.text)}</a>`;
    case "note":
      // An id only on a note's first mark: ids are unique in a page, so a back-link finds that one.
      if (anchored.has(run.number)) return `<sup><a href="#${prefix}note-${run.number}">[${run.number}]</a></sup>`;
      anchored.add(run.number);
      return `<sup><a href="#${prefix}note-${run.number}" id="${prefix}ref-${run.number}">[${run.number}]</a></sup>`;
  }
}

/** The memo's body as HTML (no page around it): headings, paragraphs, then the notes as an ordered list. */
export function memoBodyHtml(memo: Memo, options: { prefix?: string; titleLevel?: 1 | 2 | 3 } = {}): string {
  const prefix = options.prefix ?? "";
  const titleLevel = options.titleLevel ?? 1;
  const parts = [`<h${titleLevel}>${escapeHtml(memo.title)}</h${titleLevel}>`];
  const anchored = new Set<number>();
  for (const block of memo.blocks) {
    if (block.kind === "heading") parts.push(`<h${titleLevel + 1}>${escapeHtml(block.text)}</h${titleLevel + 1}>`);
    else parts.push(`<p>${block.runs.map((run) => runHtml(run, prefix, anchored)).join("")}</p>`);
  }
  if (memo.notes.length) {
    parts.push(`<h${titleLevel + 1}>Notes</h${titleLevel + 1}>`, "<ol>");
    for (const note of memo.notes) parts.push(`<li id="${prefix}note-${note.number}" value="${note.number}">${note.runs.map((run) => runHtml(run, prefix, anchored)).join("")}</li>`);
    parts.push("</ol>");
  }
  return parts.join("\n");
}

// ---------------------------------------------------------------------------------------------
// Markdown (the .md export): the same text, footnotes as [^N].

/** Markdown would read these as syntax; quotes stay otherwise verbatim (apostrophes, commas, dashes). */
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

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (ch) => `\\${ch}`).replace(/\r?\n/g, " ");
}

function runMarkdown(run: Run): string {
  switch (run.kind) {
    case "text":
      return escapeMarkdown(run.text);
    case "strong":
      return `**${escapeMarkdown(run.text)}**`;
    case "em":
      return `*${escapeMarkdown(run.text)}*`;
    case "quote":
      return `“${escapeMarkdown(run.text)}”`;
    case "link":
      return markdownLink(run.href);
    case "note":
      return `[^${run.number}]`;
  }
}

export function memoToMarkdown(memo: Memo): string {
  const lines = [`# ${escapeMarkdown(memo.title)}`, ""];
  for (const block of memo.blocks) lines.push(block.kind === "heading" ? `${"#".repeat(block.level)} ${escapeMarkdown(block.text)}` : block.runs.map(runMarkdown).join(""), "");
  if (memo.notes.length) {
    lines.push("---", "");
    for (const note of memo.notes) lines.push(`[^${note.number}]: ${note.runs.map(runMarkdown).join("")}`);
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
