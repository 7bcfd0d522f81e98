import { split } from "sentence-splitter";
import { type QuoteSpan, findQuoteSpans } from "./quoteSpans.ts";

/**
 * Paragraphs and sentences with their offsets in the text. Sentences come from sentence-splitter
 * (textlint's maintained splitter: abbreviations such as "Jan." and "U.S.", and sentences inside
 * quotation marks); a quotation that runs over several sentences keeps them in one unit, since its
 * cue ("…," he said) may stand in the last of them.
 */

export interface Sentence {
  start: number;
  end: number;
  text: string;
  paragraph: number;
  /** The quotations (top-level) inside it. */
  quotes: QuoteSpan[];
}

export interface Paragraph {
  start: number;
  end: number;
  index: number;
}

export interface Segmented {
  paragraphs: Paragraph[];
  sentences: Sentence[];
  quotes: QuoteSpan[];
}

export function segment(text: string): Segmented {
  const quotes = findQuoteSpans(text);
  const paragraphs: Paragraph[] = [];
  for (const match of text.matchAll(/[^\n]+(?:\n(?!\s*\n)[^\n]*)*/g)) {
    if (match[0].trim()) paragraphs.push({ start: match.index, end: match.index + match[0].length, index: paragraphs.length });
  }
  const sentences: Sentence[] = [];
  for (const paragraph of paragraphs) {
    const body = text.slice(paragraph.start, paragraph.end);
    const pieces: { start: number; end: number }[] = [];
    for (const node of split(body)) {
      if (node.type !== "Sentence") continue;
      const [s, e] = node.range;
      pieces.push({ start: paragraph.start + s, end: paragraph.start + e });
    }
    // Merge the sentences a closed quotation crosses (a quotation of several sentences is one unit).
    const merged: { start: number; end: number }[] = [];
    for (const piece of pieces) {
      const last = merged.at(-1);
      const crossing = last && quotes.some((q) => !q.runsOn && q.open < last.end && q.close > last.end && q.open >= last.start);
      // A sentence that is only the cue after a quotation ("…?" she asked.) joins it too.
      const cueOnly = last && /^[\s,]*(?:[a-z]|[A-Z][a-z]+ (?:said|says|added|wrote)\b)/.test(text.slice(piece.start, piece.end)) && /["”’»“]\s*$/.test(text.slice(last.start, last.end));
      if (last && (crossing || cueOnly)) last.end = piece.end;
      else merged.push({ ...piece });
    }
    for (const piece of merged) {
      let { start, end } = piece;
      while (start < end && /\s/.test(text[start])) start++;
      while (end > start && /\s/.test(text[end - 1])) end--;
      if (end <= start) continue;
      sentences.push({ start, end, text: text.slice(start, end), paragraph: paragraph.index, quotes: quotes.filter((q) => q.start >= start && q.start < end) });
    }
  }
  return { paragraphs, sentences, quotes };
}
