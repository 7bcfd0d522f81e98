import type { ReportKind } from "../domain/model.ts";
import type { Mentions, OrgMention } from "./mentions.ts";
import type { Sentence } from "./sentences.ts";

/**
 * The reports a text cites: "according to a New York Times report", "an investigation by
 * Motherboard", "the Journal reported", "reviewed by X", "told CNN", "first reported by BuzzFeed
 * News". Each becomes a report the article `cites`, and the report that carries the statements and
 * evidence it is the source of (`carriedBy`), never words of its own.
 */

export interface CitedReport {
  publisher: string;
  kind: ReportKind;
  /** The sentences citing it, by their start. */
  sentences: number[];
  how: string;
}

const REPORT_WORD = String.raw`(?:report|reports|reporting|investigation|analysis|tests?|study|story|article|complaint|filing|review|findings|documents|survey|audit|memo)`;
const KIND_OF = (word: string): ReportKind => (/investigation|analysis|tests?|study|audit|findings|review|survey/i.test(word) ? "INVESTIGATION" : /complaint|filing/i.test(word) ? "FILING" : "ARTICLE");

export function findCitations(text: string, sentences: Sentence[], mentions: Mentions): Map<string, CitedReport> {
  const cited = new Map<string, CitedReport>();
  const cite = (org: OrgMention | undefined, kind: ReportKind, sentence: Sentence, how: string) => {
    if (!org) return;
    const entry = cited.get(org.id);
    if (entry) {
      if (!entry.sentences.includes(sentence.start)) entry.sentences.push(sentence.start);
      if (kind === "INVESTIGATION") entry.kind = kind;
    } else cited.set(org.id, { publisher: org.id, kind, sentences: [sentence.start], how });
  };
  for (const sentence of sentences) {
    const orgs = mentions.organizations.filter((m) => m.start >= sentence.start && m.end <= sentence.end);
    if (orgs.length === 0) continue;
    const at = (m: OrgMention) => ({ before: text.slice(Math.max(sentence.start, m.start - 70), m.start), after: text.slice(m.end, Math.min(sentence.end, m.end + 40)) });
    for (const org of orgs) {
      const { before, after } = at(org);
      const media = org.kind === "MEDIA";
      let match: RegExpExecArray | null;
      if ((match = new RegExp(String.raw`\b(${REPORT_WORD})\s+(?:\w+\s+){0,2}(?:by|in|from|of|conducted by)\s+(?:the\s+)?$`, "i").exec(before))) cite(org, KIND_OF(match[1]), sentence, `“${match[0].trim()} ${org.name}”`);
      else if ((match = new RegExp(String.raw`^(?:['’]s)?\s+(${REPORT_WORD})\b`, "i").exec(after))) cite(org, KIND_OF(match[1]), sentence, `“${org.name} ${match[1]}”`);
      else if (media && /\baccording to\s+(?:the\s+)?$/i.test(before)) cite(org, "ARTICLE", sentence, `“according to ${org.name}”`);
      else if (media && /^\s+(?:reported|reports|has reported|first reported|found|revealed)\b/.test(after)) cite(org, "ARTICLE", sentence, `“${org.name} reported”`);
      else if (media && /\b(?:reported|reviewed|obtained|seen|published|first reported|examined)\s+by\s+(?:the\s+)?$/i.test(before)) cite(org, "ARTICLE", sentence, `“${before.trim().split(/\s+/).slice(-3).join(" ")} ${org.name}”`);
      else if (media && /\b(?:told|said to|in a statement to|in an interview with|speaking to|for)\s+(?:the\s+)?$/i.test(before)) cite(org, "ARTICLE", sentence, `speaking to ${org.name}`);
    }
  }
  return cited;
}
