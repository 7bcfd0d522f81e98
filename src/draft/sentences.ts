import { split } from "sentence-splitter";
import { quotationSpans } from "../extract/quotationSpans.ts";

/**
 * Paragraphs and sentences with their offsets in the text. Sentences come from sentence-splitter
 * (textlint's maintained splitter: abbreviations such as "Jan." and "U.S.", and sentences inside
 * quotation marks); a quotation that runs over several sentences keeps them in one unit, since its
 * cue ("…," he said) may stand in the last of them.
 */

/**
 * A quotation as the drafter reads it: one paragraph's part of a top-level quotation. The quotations
 * themselves are found by the project's one finder (src/extract/quotationSpans.ts, which validation
 * uses too: so a draft calls "inside quotation marks" what validation does); a quotation of several
 * paragraphs (its mark opened again at each) is cut into one part a paragraph, all but the last
 * running on, since each paragraph's sentences are read apart.
 */
export interface QuoteSpan {
  /** The opening mark's offset. */
  open: number;
  /** The content: [start, end) without the marks. */
  start: number;
  end: number;
  /** Offset just past the closing mark (or the paragraph's end when it runs on). */
  close: number;
  /** The quotation continues in the next paragraph. */
  runsOn: boolean;
}

/** The top-level quotations of `text`, a part per paragraph. */
export function findQuoteSpans(text: string): QuoteSpan[] {
  const parts: QuoteSpan[] = [];
  for (const span of quotationSpans(text)) {
    if (span.depth > 0) continue;
    let open = span.start;
    for (const reopened of span.reopenedAt) {
      // this paragraph's part ends where its paragraph does (the blank line before the repeated mark)
      let close = reopened;
      while (close > open + 1 && /\s/.test(text[close - 1])) close--;
      if (close > open + 1) parts.push({ open, start: open + 1, end: close, close, runsOn: true });
      open = reopened;
    }
    let end = span.innerEnd;
    while (end > open + 1 && /\s/.test(text[end - 1])) end--;
    if (end > open + 1) parts.push({ open, start: open + 1, end, close: span.end, runsOn: false });
  }
  return parts;
}

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
