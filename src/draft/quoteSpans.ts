/**
 * Where the quotations of a text are: the drafter's own quotation-span finder, in one small file so
 * that it can be swapped for the shared `quotationSpans` of src/extract/ once that is merged.
 *
 * Marks: straight " (opens or closes by what stands around it), “ ” , „ “ (German), « » and ‹ ›,
 * ‘ ’ and straight ' (single marks open only at the start of a word and close only where no letter
 * follows, so the apostrophes of "don’t" and "users' data" are not quotation marks). Quotes nest: a
 * single-quoted passage inside a double-quoted one is part of it. A quotation not closed by the end
 * of its paragraph ends there (`runsOn`): in news style the next paragraph opens it again.
 */

export interface QuoteSpan {
  /** The opening mark's offset. */
  open: number;
  /** The content: [start, end) without the marks. */
  start: number;
  end: number;
  /** Offset just past the closing mark (or the paragraph's end when it runs on). */
  close: number;
  /** Not closed in its paragraph: the quotation continues in the next one. */
  runsOn: boolean;
}

const PAIRS: Record<string, string[]> = {
  "\u201C": ["\u201D", "\u201C"], // “ closes with ” (or “ in some typesetting)
  "\u201E": ["\u201C", "\u201D"], // „ closes with “ (German) or ”
  "\u00AB": ["\u00BB"], // « »
  "\u2039": ["\u203A"], // ‹ ›
  "\u2018": ["\u2019"], // ‘ ’
  '"': ['"', "\u201D"],
  "'": ["'", "\u2019"],
};

const isLetter = (c: string | undefined) => !!c && /[\p{L}\p{N}]/u.test(c);
const isSpaceOrStart = (c: string | undefined) => c === undefined || /[\s([{\u2014\u2013-]/.test(c);

/** Top-level quotation spans of `text`, in order. */
export function findQuoteSpans(text: string): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  const stack: { mark: string; at: number }[] = [];
  const closeAll = (at: number, runsOn: boolean) => {
    if (stack.length === 0) return;
    const outer = stack[0];
    spans.push({ open: outer.at, start: outer.at + 1, end: trimEnd(text, outer.at + 1, at), close: at, runsOn });
    stack.length = 0;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n" && text[i + 1] === "\n") {
      // A paragraph ends: a quotation left open runs on into the next paragraph.
      closeAll(i, true);
      continue;
    }
    const top = stack.at(-1);
    const prev = text[i - 1];
    const next = text[i + 1];
    // Closing the innermost open quotation?
    if (top && PAIRS[top.mark].includes(c)) {
      const single = c === "'" || c === "\u2019";
      // A single mark followed by a letter is an apostrophe ("don't"), not a closing mark.
      if (!(single && isLetter(next))) {
        stack.pop();
        if (stack.length === 0) spans.push({ open: top.at, start: top.at + 1, end: i, close: i + 1, runsOn: false });
        continue;
      }
    }
    if (c in PAIRS) {
      if (c === "'" || c === "\u2018") {
        // A single mark opens only at a word's start, before a letter.
        if (!(isSpaceOrStart(prev) || /["\u201C\u201E\u00AB]/.test(prev ?? "")) || !(isLetter(next) || /["\u201C]/.test(next ?? ""))) continue;
        if (c === "'" && stack.length === 0 && !hasCloser(text, i + 1, ["'", "\u2019"])) continue;
      }
      if (c === '"' && stack.some((s) => s.mark === '"')) continue;
      stack.push({ mark: c, at: i });
    }
  }
  closeAll(text.length, true);
  return spans.filter((s) => s.end > s.start).sort((a, b) => a.open - b.open);
}

/** Whether a closing single mark (one no letter follows) comes before the paragraph ends. */
function hasCloser(text: string, from: number, marks: string[]): boolean {
  for (let i = from; i < text.length; i++) {
    if (text[i] === "\n" && text[i + 1] === "\n") return false;
    if (marks.includes(text[i]) && !isLetter(text[i + 1])) return true;
  }
  return false;
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end;
}
