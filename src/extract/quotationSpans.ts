/**
 * The quotations of a text as a reader finds them (docs/attribution.md, "Quotation marks"): which
 * marks open a quotation, which close it, and what lies inside. Used by validation to decide whether
 * a quote stands inside quotation marks in its source, and by anything else that needs the quotes of
 * a text (the drafter looks for them in articles). One pass over the text: linear in its length.
 *
 * How marks pair:
 * - By kind: a quotation opened with “ closes with ”, „ with “ or ”, « with », » with « or », 「 with 」,
 *   " with ", ' with ' (see PAIRS for every style). A closing mark of another kind does not close it.
 * - By position, as a reader reads a mark (after CommonMark's "flanking" rule): a mark opens when
 *   something other than whitespace follows it and whitespace, punctuation or the start of the
 *   paragraph precedes it; it closes when something other than whitespace precedes it and
 *   whitespace, punctuation or the end follows it (beside Chinese, Japanese or Korean characters,
 *   which are not spaced, either way). So the inch and seconds marks of `a 5" screen`
 *   and `5'11"` and the apostrophes of `don't` or `the users' data` open nothing; a straight or prime
 *   mark right after a digit never opens (it is a measurement), though it may close a quotation
 *   already open (`"in 2018"`).
 * - Nested quotations alternate kinds ("… 'inner' …"): a mark opening the kind of a quotation still
 *   open means that quotation was never closed; it is dropped (a stray mark) and the new one opens.
 * - By paragraph: a quotation does not run past a paragraph's end (a blank line, or U+2029) unless the
 *   next paragraph begins with its opening mark again (the convention for a quotation of several
 *   paragraphs); one still open at a paragraph's end is a stray mark, and encloses nothing.
 * - Marks that close no open quotation, or open one never closed, are stray: they enclose nothing.
 *
 * Offsets are UTF-16 code units of the given string (JavaScript string indices), end exclusive; every
 * quotation mark is one unit.
 */

export interface QuotationSpan {
  /** Offset of the opening mark. */
  start: number;
  /** Offset just after the closing mark. */
  end: number;
  /** The quoted words: [innerStart, innerEnd) (inside the marks). */
  innerStart: number;
  innerEnd: number;
  /** The opening and closing marks ("“" and "”"). */
  open: string;
  close: string;
  /** 0 for a quotation in narration, 1 for one inside a quotation, and so on. */
  depth: number;
  /** Index (in the returned list) of the quotation this one stands in; undefined at depth 0. */
  parent?: number;
  /** Offsets of the opening marks repeated at the start of each further paragraph of a quotation of several paragraphs. */
  reopenedAt: number[];
}

/** Each opening mark and the marks that close a quotation it opens. */
export const PAIRS: Readonly<Record<string, string>> = {
  // double quotation marks
  "\u201C": "\u201D", // “ … ” (English, Spanish, Chinese…)
  "\u201E": "\u201C\u201D", // „ … “ (German, Czech…), „ … ” (Polish, Hungarian, Romanian…)
  "\u201D": "\u201D", // ” … ” (Swedish, Finnish)
  "\u201F": "\u201D", // ‟ … ”
  '"': '"', // straight
  "\uFF02": "\uFF02", // ＂ fullwidth
  "\u2033": "\u2033", // ″ double prime used as a quotation mark
  "\u301D": "\u301E\u301F", // 〝 … 〞 or 〟
  // single quotation marks
  "\u2018": "\u2019", // ‘ … ’
  "\u201A": "\u2018\u2019", // ‚ … ‘ (German), ‚ … ’
  "\u2019": "\u2019", // ’ … ’ (Swedish, Finnish)
  "\u201B": "\u2019", // ‛ … ’
  "'": "'", // straight
  "\uFF07": "\uFF07", // ＇ fullwidth
  "\u2032": "\u2032", // ′ prime used as a quotation mark
  // angle quotation marks (guillemets)
  "\u00AB": "\u00BB", // « … » (French, Spanish, Russian…)
  "\u00BB": "\u00AB\u00BB", // » … « (German, Danish), » … » (Swedish, Finnish)
  "\u2039": "\u203A", // ‹ … ›
  "\u203A": "\u2039\u203A", // › … ‹, › … ›
  // corner brackets (Chinese, Japanese, Korean)
  "\u300C": "\u300D", // 「 … 」
  "\u300E": "\u300F", // 『 … 』
  "\uFF62": "\uFF63", // ｢ … ｣ halfwidth
  "\uFE41": "\uFE42", // ﹁ … ﹂ vertical
  "\uFE43": "\uFE44", // ﹃ … ﹄ vertical
};

/** Every character that opens or closes a quotation. */
export const QUOTATION_MARKS: ReadonlySet<string> = new Set(Object.entries(PAIRS).flatMap(([open, closes]) => [open, ...closes]));

/** The UTF-16 units quotationSpans stops at: the marks, and the line breaks that may end a paragraph. */
const NOTABLE = new Uint8Array(65536);
for (const c of [...QUOTATION_MARKS, "\n", "\u2029"]) NOTABLE[c.charCodeAt(0)] = 1;

/** Marks that say by themselves which way they face (corner brackets): no flanking rule applies. */
const BRACKETS = new Set(["\u300C", "\u300D", "\u300E", "\u300F", "\uFF62", "\uFF63", "\uFE41", "\uFE42", "\uFE43", "\uFE44"]);

/** Guillemets, and the spaces French puts between them and the words (space, no-break space, narrow no-break space). */
const GUILLEMETS = new Set(["\u00AB", "\u00BB", "\u2039", "\u203A"]);
const INSIDE_SPACE = new Set([" ", "\u00A0", "\u202F"]);

/** Marks that also write measurements after a digit (inches, feet, seconds, minutes). */
const PRIMES = new Set(['"', "'", "\u2033", "\u2032", "\uFF02", "\uFF07"]);

/** Marks that are also apostrophes: between two letters or digits they are one (`don't`, `l’eau`). */
const APOSTROPHES = new Set(["'", "\u2019", "\uFF07", "\u2032"]);

/** Opening marks of one kind, for "a quotation of this kind is already open": straight with straight, and so on. */
const KIND: Readonly<Record<string, string>> = {
  "\u201C": "double", "\u201E": "double", "\u201D": "double", "\u201F": "double", '"': "straight double", "\uFF02": "fullwidth double", "\u2033": "double prime", "\u301D": "double prime quotation",
  "\u2018": "single", "\u201A": "single", "\u2019": "single", "\u201B": "single", "'": "straight single", "\uFF07": "fullwidth single", "\u2032": "prime",
  "\u00AB": "guillemet", "\u00BB": "guillemet", "\u2039": "single guillemet", "\u203A": "single guillemet",
  "\u300C": "corner", "\u300E": "white corner", "\uFF62": "halfwidth corner", "\uFE41": "vertical corner", "\uFE43": "vertical white corner",
};

const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);
/** Chinese, Japanese and Korean write no spaces between words: a mark beside their characters faces either way. */
const isUnspaced = (c: string | undefined) => c !== undefined && /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303F\uFF01-\uFF60]/u.test(c);
const isPunctuation = (c: string) => /[\p{P}\p{S}]/u.test(c);
const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}\p{M}]/u.test(c);
const isDigit = (c: string | undefined) => c !== undefined && /\p{Nd}/u.test(c);

interface Open {
  at: number;
  mark: string;
  reopenedAt: number[];
  /** Index of the enclosing open quotation's eventual span is not known until it closes: we keep the stack position. */
}

/** A paragraph break at i: a line break followed by only spaces up to another line break, or U+2029. Returns where the next paragraph's text starts, or -1. */
function paragraphBreakAt(text: string, i: number): number {
  const c = text[i];
  if (c === "\u2029") return i + 1;
  if (c !== "\n") return -1;
  let j = i + 1;
  while (j < text.length && (text[j] === " " || text[j] === "\t" || text[j] === "\r" || text[j] === "\f")) j++;
  if (text[j] !== "\n" && text[j] !== "\u2029") return -1;
  // skip the rest of the blank lines
  while (j < text.length && /\s/.test(text[j])) j++;
  return j;
}

/**
 * The quotations of `text`, in the order they open (an enclosing quotation before the ones inside it).
 * Stray marks enclose nothing and appear in no span.
 */
export function quotationSpans(text: string): QuotationSpan[] {
  type Closed = Omit<QuotationSpan, "parent" | "depth"> & { stackDepth: number };
  const closed: Closed[] = [];
  const stack: Open[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    // most characters are neither a mark nor a line break: one table look-up each
    if (!NOTABLE[text.charCodeAt(i)]) continue;
    const c = text[i];
    if (c === "\n" || c === "\u2029") {
      const next = paragraphBreakAt(text, i);
      if (next < 0) continue;
      // A quotation continues into the next paragraph only when that paragraph opens with its mark again.
      if (stack.length > 0 && text[next] === stack[0].mark) {
        stack.length = 1;
        stack[0].reopenedAt.push(next);
      } else {
        stack.length = 0;
        i = next - 1;
        continue;
      }
      i = next; // the repeated mark is consumed
      continue;
    }
    if (!QUOTATION_MARKS.has(c)) continue;
    // French sets guillemets off by a (no-break) space: « Bonjour ». The mark is read past it.
    const spaced = GUILLEMETS.has(c);
    const before = i > 0 ? text[i - 1] : undefined;
    const after = i + 1 < n ? text[i + 1] : undefined;
    // the quoted words' side: after an opening mark, before a closing one
    const inside = (at: number) => (at >= 0 && at < n ? text[at] : undefined);
    const wordsAfter = spaced && INSIDE_SPACE.has(after!) ? inside(i + 2) : after;
    const wordsBefore = spaced && INSIDE_SPACE.has(before!) ? inside(i - 2) : before;
    let canOpen: boolean;
    let canClose: boolean;
    if (BRACKETS.has(c)) {
      canOpen = c in PAIRS;
      canClose = !canOpen;
    } else {
      const startOfParagraph = before === undefined || before === "\n" || before === "\u2029";
      canOpen = !isSpace(wordsAfter) && (startOfParagraph || isSpace(before) || isPunctuation(before!) || isUnspaced(before));
      canClose = !isSpace(wordsBefore) && (after === undefined || isSpace(after) || isPunctuation(after) || isUnspaced(after));
      if (APOSTROPHES.has(c) && isWordChar(before) && isWordChar(after)) {
        canOpen = false;
        canClose = false;
      }
      if (PRIMES.has(c) && isDigit(before)) canOpen = false;
      if (!(c in PAIRS)) canOpen = false;
    }
    if (canClose) {
      let k = stack.length - 1;
      while (k >= 0 && !PAIRS[stack[k].mark].includes(c)) k--;
      if (k >= 0) {
        const open = stack[k];
        stack.length = k; // the quotations opened inside it and never closed were stray marks
        closed.push({ start: open.at, end: i + 1, innerStart: open.at + 1, innerEnd: i, open: open.mark, close: c, reopenedAt: open.reopenedAt, stackDepth: k });
        continue;
      }
    }
    if (canOpen) {
      // Nested quotations alternate kinds: one of this kind still open was never closed.
      const same = stack.findIndex((o) => KIND[o.mark] === KIND[c]);
      if (same >= 0) stack.length = same;
      stack.push({ at: i, mark: c, reopenedAt: [] });
    }
  }
  // Spans in the order they open; each one's parent is the nearest span before it that encloses it.
  closed.sort((a, b) => a.start - b.start);
  const spans: QuotationSpan[] = [];
  const enclosing: number[] = [];
  for (const { stackDepth: _, ...span } of closed) {
    while (enclosing.length > 0 && spans[enclosing.at(-1)!].end <= span.start) enclosing.pop();
    const parent = enclosing.at(-1);
    spans.push({ ...span, depth: enclosing.length, ...(parent === undefined ? {} : { parent }) });
    enclosing.push(spans.length - 1);
  }
  return spans;
}

/**
 * Whether [start, end) of the text lies inside the quoted words of one of `spans` (from
 * quotationSpans of the same text): within its marks, not including them. Binary search over the
 * outermost spans, then down the nesting: logarithmic in the number of spans plus the depth.
 */
export function insideQuotation(spans: readonly QuotationSpan[], start: number, end: number): QuotationSpan | undefined {
  // The last span opening at or before `start`; walk up its parents to one that encloses the range.
  let lo = 0;
  let hi = spans.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].innerStart <= start) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let k: number | undefined = found < 0 ? undefined : found; k !== undefined; k = spans[k].parent) {
    const span = spans[k];
    if (span.innerStart <= start && end <= span.innerEnd) return span;
  }
  return undefined;
}
