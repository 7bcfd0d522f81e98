/**
 * Whose words are printed (docs/attribution.md), in one place for the explanations' neighbours: the
 * exports, the timeline and the explorer (which bundles this file for the browser: plain functions,
 * only the citation helpers imported). Quotation marks after a speaker's name enclose the speaker's
 * own words only; a source's sentence is quoted as the source's, and a report's evidence carried by
 * another report is said to be carried.
 */
import { type CitedReport, dateInWords, reportName } from "./citation.ts";

/**
 * Where a passage stands in its report's archived text: a W3C Web Annotation TextQuoteSelector
 * (exact, prefix, suffix) with TextPositionSelector offsets (start, end: Unicode code points, end
 * exclusive), and the sentence it stands in.
 */
export interface TextAnchor {
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
  sentence: string;
}

export interface AttributedStatement {
  form?: string | null;
  quote?: string | null;
  account?: string | null;
  speaker: string;
  onBehalfOf?: { name: string } | null;
  madeAt?: string | null;
  channel?: string | null;
  verified?: boolean | null;
  reportings?: { account?: string | null; verified?: boolean | null; report: CitedReport }[];
  /** Non-null when the source never says who spoke: the extract's reason for the speaker it gives. */
  speakerInferred?: string | null;
}

type Escape = (text: string) => string;
const plain: Escape = (text) => text;

/** "Facebook spokesperson (Facebook)" or "Netflix". */
export function speakerLabel(s: Pick<AttributedStatement, "speaker" | "onBehalfOf">): string {
  const organization = s.onBehalfOf?.name;
  const who = organization && organization !== s.speaker ? `${s.speaker} (${organization})` : s.speaker;
  return who.charAt(0).toUpperCase() + who.slice(1);
}

/**
 * What follows an inferred speaker's name, in square brackets as an editor's insertion:
 * " [not named by the source; inferred: 'He' follows …]"; "" when the source names the speaker.
 */
export function inferredSpeakerNote(s: Pick<AttributedStatement, "speakerInferred">, escape: Escape = plain): string {
  return s.speakerInferred ? ` [not named by the source; inferred: ${escape(s.speakerInferred)}]` : "";
}

/** The speaker's own words, or null: a REPORTED statement has none. */
export const speakerWords = (s: AttributedStatement): string | null => (s.form === "REPORTED" ? null : (s.quote ?? null));

/** The source whose sentence carries the statement, and that sentence. */
export function accountOf(s: AttributedStatement): { account: string; report: CitedReport | null } | null {
  const carrying = s.reportings?.find((r) => r.account);
  if (carrying?.account) return { account: carrying.account, report: carrying.report };
  return s.account ? { account: s.account, report: null } : null;
}

/**
 * One sentence of what was said, attributed as its source carries it:
 * DIRECT   `Netflix said in a tweet (December 2018): “…”`
 * MIXED    `The article “…” (20 December 2018) wrote, quoting Facebook spokesperson (Facebook): “He added that … "don't get …"”`
 * REPORTED `Reported speech, not Facebook's words: the article “…” (20 December 2018) wrote of Facebook: “The social network said …”`
 * and, when the extract infers the speaker (the source never says who spoke), the name followed by
 * "[not named by the source; inferred: …]", or for reported speech
 * `The article “…” (20 December 2018), in a sentence it attributes to no one, wrote: “…” [read as Facebook's; inferred: …]`;
 * with "(unverified: …)" when no source of it has its text archived. `bold` marks the speaker's name.
 */
export function attributedStatement(s: AttributedStatement, escape: Escape = plain, bold: Escape = plain): string {
  const who = speakerLabel(s);
  const when = s.madeAt ? dateInWords(s.madeAt) : null;
  const unverified = s.verified === false ? " (unverified: no source of it has its text archived)" : "";
  const words = speakerWords(s);
  const carried = accountOf(s);
  const inferred = inferredSpeakerNote(s, escape);
  if (s.form !== "REPORTED" && s.form !== "MIXED" && words) {
    const channel = s.channel ? ` in a ${escape(s.channel)}` : "";
    return `${bold(escape(who))}${inferred} said${channel}${when ? ` (${when})` : ""}: “${escape(words)}”${unverified}`;
  }
  const source = carried?.report ? escape(reportName(carried.report)) : "the source";
  const sentence = `“${escape(carried?.account ?? words ?? "")}”`;
  const Source = source.charAt(0).toUpperCase() + source.slice(1);
  if (s.form === "MIXED") {
    return `${Source} wrote, quoting ${bold(escape(who))}${inferred}${when ? ` (${when})` : ""}: ${sentence}${unverified}`;
  }
  if (s.speakerInferred) {
    // The source says nothing of who spoke: its sentence is printed as its own, the speaker as the extract's reading.
    return `${Source}, in a sentence it attributes to no one, wrote${when ? ` (${when})` : ""}: ${sentence} [read as ${bold(escape(who))}'s; inferred: ${escape(s.speakerInferred)}]${unverified}`;
  }
  return `Reported speech, not ${escape(who)}'s words: ${source} wrote of ${bold(escape(who))}${when ? ` (${when})` : ""}: ${sentence}${unverified}`;
}

export interface AttributedEvidence {
  quote?: string | null;
  account?: string | null;
  verified?: boolean | null;
  report: CitedReport;
  carriedBy?: CitedReport | null;
  /** Non-null when the source does not name the report whose evidence this is: the extract's reason. */
  reportInferred?: string | null;
}

/**
 * A report's evidence for a grant, in whose words it is:
 * own words  `The New York Times (18 December 2018) documents it: “…”`
 * carried    `The article “…” (20 December 2018), citing The New York Times, says: “…”`
 * and, when the extract infers which report it is, "citing (by the extract's inference) The New York Times".
 */
export function attributedEvidence(d: AttributedEvidence, escape: Escape = plain): string {
  const unverified = d.verified === false ? " (unverified: the text is not archived)" : "";
  const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
  if (d.carriedBy && d.account) {
    const cited = d.report.publisher?.name ?? reportName(d.report);
    if (d.reportInferred) {
      return `${capital(escape(reportName(d.carriedBy)))} says: “${escape(d.account)}” [a report it does not name, inferred to be ${escape(cited)}'s: ${escape(d.reportInferred)}]${unverified}`;
    }
    return `${capital(escape(reportName(d.carriedBy)))}, citing ${escape(cited)}, says: “${escape(d.account)}”${unverified}`;
  }
  if (d.reportInferred) {
    return `${capital(escape(reportName(d.report)))} [the report inferred: ${escape(d.reportInferred)}] documents it: “${escape(d.quote ?? d.account ?? "")}”${unverified}`;
  }
  return `${capital(escape(reportName(d.report)))} documents it: “${escape(d.quote ?? d.account ?? "")}”${unverified}`;
}
