import type { ReportKind } from "../domain/model.ts";
import type { Attribution } from "./attributions.ts";
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

const REPORT_WORD = String.raw`(?:report|reports|reporting|investigation|analysis|tests?|study|story|article|complaint|filing|lawsuit|suit|review|findings|documents|survey|audit|memo)`;
const KIND_OF = (word: string): ReportKind => (/investigation|analysis|tests?|study|audit|findings|review|survey/i.test(word) ? "INVESTIGATION" : /complaint|filing|suit/i.test(word) ? "FILING" : "ARTICLE");

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
    // Only the words since the organisation before it: "a report in the Times about Facebook" cites the Times, not Facebook.
    const at = (m: OrgMention) => {
      const previous = orgs.filter((o) => o.end <= m.start).at(-1);
      const from = Math.max(sentence.start, m.start - 90, previous?.end ?? 0);
      return { before: text.slice(from, m.start), after: text.slice(m.end, Math.min(sentence.end, m.end + 40)) };
    };
    for (const org of orgs) {
      const { before, after } = at(org);
      const media = org.kind === "MEDIA";
      let match: RegExpExecArray | null;
      // "an analysis by the Norwegian research group SINTEF": a few words describing the publisher may stand between.
      if ((match = new RegExp(String.raw`\b(${REPORT_WORD})\s+(?:\w+\s+){0,2}(?:by|in|from|of|conducted by)\s+(?:[Tt]he\s+|[Aa]n?\s+)?(?:(?:[a-z][\w-]*|[A-Z][a-z]+(?:ian|ese|ish|ean|ch))\s+){0,3}$`).exec(before)) && !/\b(?:about|into|on|of how|that)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}$/.test(before.slice(match.index + match[1].length)))
        cite(org, KIND_OF(match[1]), sentence, `“${match[0].trim()} ${org.name}”`);
      // "journalist Kashmir Hill at Gizmodo pointed out": a journalist's publication.
      else if (media && /\b(?:journalist|reporter|columnist|correspondent|editor|writer)s?\b[^.,;]{0,40}\b(?:at|of|for|from|with)\s+(?:the\s+)?$/i.test(before)) cite(org, "ARTICLE", sentence, `a journalist at ${org.name}`);
      else if ((match = new RegExp(String.raw`^(?:['’]s)?\s+(${REPORT_WORD})\b`, "i").exec(after))) cite(org, KIND_OF(match[1]), sentence, `“${org.name} ${match[1]}”`);
      else if (media && /\baccording to\s+(?:the\s+)?$/i.test(before)) cite(org, "ARTICLE", sentence, `“according to ${org.name}”`);
      else if (media && /^\s+(?:reported|reports|has reported|first reported|found|revealed)\b/.test(after)) cite(org, "ARTICLE", sentence, `“${org.name} reported”`);
      else if (media && /\b(?:reported|reviewed|obtained|seen|published|first reported|examined)\s+by\s+(?:the\s+)?$/i.test(before)) cite(org, "ARTICLE", sentence, `“${before.trim().split(/\s+/).slice(-3).join(" ")} ${org.name}”`);
      else if (media && /\b(?:told|said to|in a statement to|in an interview with|speaking to|spoke to|talked to|talking to|for)\s+(?:the\s+)?$/i.test(before)) cite(org, "ARTICLE", sentence, `speaking to ${org.name}`);
    }
    // "a joint investigation by Motherboard and PCMag": the organisations listed with a cited one (a list
    // ending in "and") are cited with it.
    for (const [i, org] of orgs.entries()) {
      const first = cited.get(org.id);
      if (!first || !first.sentences.includes(sentence.start)) continue;
      const run: OrgMention[] = [];
      let last = org;
      for (const next of orgs.slice(i + 1)) {
        const gap = text.slice(last.end, next.start);
        if (/^\s*,\s*$/.test(gap)) run.push(next);
        else if (/^(?:\s*,)?\s+(?:and|&)\s+(?:the\s+)?$/i.test(gap)) {
          run.push(next);
          for (const listed of run) if (!cited.has(listed.id)) cite(listed, first.kind, sentence, `listed with ${org.name}: ${first.how}`);
          break;
        } else break;
        last = next;
      }
    }
  }
  return cited;
}

/**
 * The reports a text cites by their publishers' own statements: what a newspaper, a regulator or a
 * research group said or found, told by the article ("the Federal Trade Commission said Flo had
 * shared …", "the Journal reported"), is that body's report, carried by the article.
 */
export function citeSpeakers(cited: Map<string, CitedReport>, attributions: Attribution[], mentions: Mentions, sentences: Sentence[]): void {
  for (const a of attributions) {
    if (a.form !== "REPORTED" || a.speaker.kind !== "organization") continue;
    const org = mentions.orgById.get(a.speaker.id);
    if (!org || (org.kind !== "MEDIA" && org.kind !== "GOVERNMENT" && org.kind !== "RESEARCH")) continue;
    const sentence = sentences.find((s) => s.start <= a.account.start && s.end >= a.account.end);
    if (!sentence) continue;
    const entry = cited.get(org.id);
    if (entry) {
      if (!entry.sentences.includes(sentence.start)) entry.sentences.push(sentence.start);
    } else cited.set(org.id, { publisher: org.id, kind: org.kind === "MEDIA" ? "ARTICLE" : org.kind === "GOVERNMENT" ? "FILING" : "INVESTIGATION", sentences: [sentence.start], how: `what ${org.name} ${a.cue}, told by the article` });
  }
}
