/**
 * Whose words are printed (docs/attribution.md), in one place for the explanations' neighbours: the
 * exports, the timeline and the explorer (which bundles this file for the browser: plain functions,
 * only the citation helpers imported). Quotation marks after a speaker's name enclose the speaker's
 * own words only; a source's sentence is quoted as the source's, and a report's evidence carried by
 * another report is said to be carried.
 */
import { type CitedReport, dateInWords, reportKindWord, reportName, withArticle } from "./citation.ts";

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

/**
 * "A Facebook spokesperson (Facebook)" at the start of a sentence, "a Facebook spokesperson
 * (Facebook)" inside one (a description is written as the source describes them, in lower case;
 * a name keeps its capitals), or "Netflix".
 */
export function speakerLabel(s: Pick<AttributedStatement, "speaker" | "onBehalfOf">, position: "start" | "inside" = "start"): string {
  const organization = s.onBehalfOf?.name;
  const who = organization && organization !== s.speaker ? `${s.speaker} (${organization})` : s.speaker;
  return position === "start" ? who.charAt(0).toUpperCase() + who.slice(1) : who;
}

/**
 * Whose words a reported statement's sentence is not: a named speaker's ("Kashmir Hill's"), or for one
 * the source only describes ("a spokesperson"), the organisation's ("Acme's"). Never "X (Y)'s".
 */
export function speakerPossessive(s: Pick<AttributedStatement, "speaker" | "onBehalfOf">): string {
  const described = /^(a|an|the)\s/i.test(s.speaker);
  const whose = described ? (s.onBehalfOf?.name ?? s.speaker) : s.speaker;
  return `${whose}'s`;
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

/** Verbs that introduce what someone said, in a source's sentence ("He added that …", "said in a statement to CNN that …"). */
const SPEECH_VERB =
  /\b(said|says|added|adds|told|tells|wrote|writes|stated|states|concluded|concludes|claimed|claims|explained|explains|noted|insisted|insists|argued|argues|acknowledged|admitted|admits|conceded|concedes|maintained|maintains|replied|responded|confirmed|confirms|denied|denies|warned|warns|suggested|suggests|stressed|promised|assured|saying|adding|insisting|noting|claiming)\b/i;

/** One mark for the quotation marks and apostrophes a source may print either way, and one space for any white space (same length). */
const fold = (text: string) => text.replace(/[‘’‚‛]/g, "'").replace(/[“”„‟]/g, '"').replace(/\s/g, " ");

/**
 * How a MIXED statement's source frames the speaker's words, as indirect speech: its sentence from
 * the verb that introduces the speech up to the quoted words ("added that Facebook's partners " from
 * "He added that Facebook's partners "don't get …""), or null when the sentence has no such verb
 * before the quote, or does not hold the quote. A participle ("saying") reads as "said".
 */
export function mixedFrame(quote: string, account: string): string | null {
  const at = fold(account).indexOf(fold(quote));
  if (at < 0) return null;
  const before = account.slice(0, at).replace(/["“”„‟‘’']\s*$/, "");
  const verb = SPEECH_VERB.exec(before);
  if (!verb) return null;
  const word = /ing$/i.test(verb[1]) ? "said" : verb[1].toLowerCase();
  const rest = before.slice(verb.index + verb[0].length).replace(/\s+$/, "");
  // The straight quotation marks of the source's other quoted words, printed as the curly ones around this quote.
  const framed = `${word}${rest}`.replace(/"([^"]*)"/g, "“$1”");
  return `${framed} `;
}

/**
 * One sentence of what was said, attributed as its source carries it; quotation marks after the
 * speaker's name only ever hold the speaker's own words:
 * DIRECT   `Netflix said in a tweet (December 2018): “…”`
 * MIXED    `A Facebook spokesperson (Facebook) added that Facebook's partners “don't get …” (December 2018), the article “…” (20 December 2018) reported`
 *          (the source's framing as indirect speech, its whole sentence left to the citation's notes)
 * REPORTED `Reported speech, not Facebook's words: the article “…” (20 December 2018) wrote of Facebook (December 2018), in its own words: “The social network said …”`
 * and, when the extract infers the speaker (the source never says who spoke), the name followed by
 * "[not named by the source; inferred: …]", or for reported speech
 * `The article “…” (20 December 2018), in a sentence it attributes to no one, wrote: “…” [read as Facebook's; inferred: …]`;
 * with "(unverified: …)" when no source of it has its text archived. `bold` marks the speaker's name.
 */
export function attributedStatement(s: AttributedStatement, escape: Escape = plain, bold: Escape = plain): string {
  const when = s.madeAt ? dateInWords(s.madeAt) : null;
  const unverified = s.verified === false ? " (unverified: no source of it has its text archived)" : "";
  const words = speakerWords(s);
  const carried = accountOf(s);
  const inferred = inferredSpeakerNote(s, escape);
  const speaker = bold(escape(speakerLabel(s)));
  if (s.form !== "REPORTED" && s.form !== "MIXED" && words) {
    const channel = s.channel ? ` in a ${escape(s.channel)}` : "";
    return `${speaker}${inferred} said${channel}${when ? ` (${when})` : ""}: “${escape(words)}”${unverified}`;
  }
  const source = carried?.report ? escape(reportName(carried.report)) : "the source";
  const Source = source.charAt(0).toUpperCase() + source.slice(1);
  if (s.form === "MIXED" && words) {
    const frame = carried ? mixedFrame(words, carried.account) : null;
    const said = frame !== null ? escape(frame) : "said ";
    return `${speaker}${inferred} ${said}“${escape(words)}”${when ? ` (${when})` : ""}, ${source} reported${unverified}`;
  }
  const sentence = `“${escape(carried?.account ?? "")}”`;
  if (s.speakerInferred) {
    // The source says nothing of who spoke: its sentence is printed as its own, the speaker as the extract's reading.
    return `${Source}, in a sentence it attributes to no one, wrote${when ? ` (${when})` : ""}: ${sentence} [read as ${bold(escape(speakerPossessive(s)))}; inferred: ${escape(s.speakerInferred)}]${unverified}`;
  }
  const about = bold(escape(speakerLabel(s, "inside")));
  const publisher = carried?.report?.publisher?.name;
  if (publisher && publisher === (s.onBehalfOf?.name ?? s.speaker)) {
    // The speaker's own publication (a press statement), in reported speech: its words are its own.
    const kind = reportKindWord(carried?.report?.kind);
    const date = carried?.report?.publishedAt ? ` (${dateInWords(carried.report.publishedAt)})` : "";
    return `${bold(escape(speakerLabel(s)))}, in its own ${escape(kind)}${date}, wrote in reported speech${when ? ` (${when})` : ""}: ${sentence}${unverified}`;
  }
  return `Reported speech, not ${escape(speakerPossessive(s))} words: ${source} wrote of ${about}${when ? ` (${when})` : ""}, in its own words: ${sentence}${unverified}`;
}

/**
 * A MIXED statement's whole sentence, as its source's words (for the citation's notes, where the
 * statement's sentence gives only the speaker's words in quotation marks), or null for other forms.
 */
export function sourceSentence(s: AttributedStatement, escape: Escape = plain): string | null {
  const carried = accountOf(s);
  if (s.form !== "MIXED" || !carried) return null;
  const source = carried.report ? escape(reportName(carried.report)) : "the source";
  return `The whole sentence, in the words of ${source}: “${escape(carried.account)}”`;
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
    const cited = d.report.publisher ? withArticle(d.report.publisher.name) : reportName(d.report);
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
