import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PAIRS, QUOTATION_MARKS, insideQuotation, quotationSpans } from "../../src/extract/quotationSpans.ts";
import { normalise } from "../../src/extract/sourceText.ts";

/**
 * quotationSpans (src/extract/quotationSpans.ts): the quotations of a text as a reader finds them.
 * Examples of each style, then properties over random texts full of stray marks. Pure: no database.
 */

const quoted = (text: string) => quotationSpans(text).map((s) => text.slice(s.innerStart, s.innerEnd));

describe("quotationSpans: examples", () => {
  it("reads the common styles, nested", () => {
    expect(quoted('He said "yes" and “no” and ‘maybe’.')).toEqual(["yes", "no", "maybe"]);
    expect(quoted("« Bonjour », dit-il ; »Hallo«, sagte er; „Guten Tag“; ‚ja‘; ‹ oui ›")).toEqual([" Bonjour ", "Hallo", "Guten Tag", "ja", " oui "]);
    expect(quoted("Il a dit\u00A0«\u00A0non\u00A0»")).toEqual(["\u00A0non\u00A0"]);
    expect(quoted("ＡＢ＂全角＂ ″prime″ 「日本語」『二重』 ｢半角｣ 〝ダブル〟")).toEqual(["全角", "prime", "日本語", "二重", "半角", "ダブル"]);
    expect(quoted("”Hej”, sa han. ’Ja’.")).toEqual(["Hej", "Ja"]);
    const nested = quotationSpans("“She told me ‘never’ twice,” he said.");
    expect(nested.map((s) => [s.open, s.close, s.depth, s.parent])).toEqual([
      ["“", "”", 0, undefined],
      ["‘", "’", 1, 0],
    ]);
  });

  it("an inch, foot or seconds mark, an apostrophe or a stray mark opens nothing", () => {
    expect(quotationSpans('a 5" screen and a 17" laptop')).toEqual([]);
    expect(quotationSpans("he is 5'11\" and ran 100 m in 9.58\" flat")).toEqual([]);
    expect(quotationSpans("the users' data, don't, l’eau, rock ’n roll")).toEqual([]);
    expect(quotationSpans('a lone " mark and a lone “ one')).toEqual([]);
    expect(quoted('a 5" screen. Later: "real words" here.')).toEqual(["real words"]);
    expect(quoted('He said "in 2018" it began.')).toEqual(["in 2018"]);
  });

  it("pairs by kind: a closing mark of another kind does not close a quotation", () => {
    expect(quotationSpans("“never closed\" by a straight mark")).toEqual([]);
    expect(quoted("«a» and “b»")).toEqual(["a"]);
  });

  it("a quotation stays in its paragraph unless the next paragraph reopens it", () => {
    expect(quotationSpans('"Begun and never ended\n\nNarration goes on.')).toEqual([]);
    const [span, ...rest] = quotationSpans('"First paragraph.\n\n"Second paragraph." Narration.');
    expect(rest).toEqual([]);
    expect(span.reopenedAt).toEqual([19]);
    expect(span.end).toBe(38);
    // a single line break does not end a paragraph (hard-wrapped text)
    expect(quoted('"Wrapped\nacross lines" he said')).toEqual(["Wrapped\nacross lines"]);
  });

  it("a mark of a kind already open means that one was stray", () => {
    const text = 'He wrote "Hi. Narration follows here. The spokesperson said "yes" and left.';
    expect(quoted(text)).toEqual(["yes"]);
  });
});

// Random texts: words, spaces, line breaks, digits and every quotation mark.
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("word", "data", "Acme", "l", "s", "n", "5", "11", "2018", "日本") },
  { weight: 4, arbitrary: fc.constantFrom(" ", " ", "  ", "\n", "\n\n", "\u00A0", ", ", ". ", ": ", "(", ")", "—") },
  { weight: 3, arbitrary: fc.constantFrom(...QUOTATION_MARKS) },
);
const randomText = fc.array(piece, { maxLength: 80 }).map((parts) => parts.join(""));

describe("quotationSpans: properties over random texts", () => {
  it("spans are well formed: marks of one pair, in order, nested without crossing, parents and depths consistent", () => {
    fc.assert(
      fc.property(randomText, (text) => {
        const spans = quotationSpans(text);
        spans.forEach((s, i) => {
          expect(s.start).toBeGreaterThanOrEqual(0);
          expect(s.innerStart).toBe(s.start + 1);
          expect(s.innerEnd).toBe(s.end - 1);
          expect(s.innerEnd).toBeGreaterThanOrEqual(s.innerStart);
          expect(s.end).toBeLessThanOrEqual(text.length);
          expect(text[s.start]).toBe(s.open);
          expect(text[s.end - 1]).toBe(s.close);
          expect(PAIRS[s.open]).toContain(s.close);
          if (i > 0) expect(s.start).toBeGreaterThan(spans[i - 1].start);
          if (s.parent === undefined) expect(s.depth).toBe(0);
          else {
            const parent = spans[s.parent];
            expect(s.depth).toBe(parent.depth + 1);
            expect(parent.innerStart <= s.start && s.end <= parent.innerEnd).toBe(true);
          }
          for (const other of spans) {
            const crossing = other.start < s.start && s.start < other.end && other.end < s.end;
            expect(crossing).toBe(false);
          }
          // No span runs past a paragraph break unless the next paragraph reopens it.
          const inner = text.slice(s.innerStart, s.innerEnd);
          const breaks = [...inner.matchAll(/\n[ \t\r\f]*\n\s*/g)].map((m) => s.innerStart + m.index + m[0].length);
          for (const next of breaks) expect(s.reopenedAt).toContain(next);
        });
      }),
      { numRuns: 2000 },
    );
  });

  it("stray marks (inches, feet, seconds, apostrophes, lone marks) make no narration a quotation", () => {
    const stray = fc.constantFrom('5"', "5'", "5'11\"", "17″", "9′", "users'", "don't", "l’eau", " \" ", " “ ", " « ", "’90s");
    const narration = fc.array(fc.oneof(fc.constantFrom("the", "company", "said", "data", " ", "  ", ", ", ". ", "\n"), stray), { maxLength: 40 }).map((parts) => parts.join(" "));
    fc.assert(
      fc.property(narration, (text) => {
        const spans = quotationSpans(text);
        // what a stray pairing could enclose is narration; only a span between two stray marks of one pair could exist, and it never holds a word of narration
        for (const s of spans) expect(text.slice(s.innerStart, s.innerEnd)).not.toMatch(/company|said|data|the/);
      }),
      { numRuns: 2000 },
    );
  });

  it("with stray marks before it, a genuine quotation is found and the narration after it is not inside", () => {
    const stray = fc.array(fc.constantFrom('a 5" screen', "5'11\"", "the users' data", "don't", "17″ wheels", "a lone \" mark", "“ alone"), { maxLength: 6 }).map((parts) => parts.join(". "));
    const mark = fc.constantFrom(["\"", "\""], ["“", "”"], ["„", "“"], ["«", "»"], ["»", "«"], ["‹", "›"], ["＂", "＂"], ["″", "″"], ["「", "」"], ["‘", "’"], ["'", "'"]);
    fc.assert(
      fc.property(stray, mark, (prefix, [open, close]) => {
        const text = `${prefix}. The company said ${open}we keep nothing${close} and narration follows here.`;
        const spans = quotationSpans(text);
        const quote = text.indexOf("we keep nothing");
        const narration = text.indexOf("narration follows");
        expect(insideQuotation(spans, quote, quote + "we keep nothing".length)?.open).toBe(open);
        expect(insideQuotation(spans, narration, narration + "narration follows".length)).toBeUndefined();
      }),
      { numRuns: 1000 },
    );
  });
});

describe("normalise: one pass, the documented normalisation", () => {
  /** The rule as docs/attribution.md states it, written the plain (quadratic) way: the reference. */
  function reference(original: string): string {
    let text = "";
    for (const c of original) {
      if (/\s/.test(c)) {
        if (text.length > 0 && !text.endsWith(" ")) text += " ";
        continue;
      }
      text += "\u201C\u201D\u201E\u201F\"".includes(c) ? '"' : "\u2018\u2019\u201A\u201B'".includes(c) ? "'" : c;
    }
    return text.endsWith(" ") ? text.slice(0, -1) : text;
  }

  it("equals the reference on random texts, and maps every unit back to where it came from", () => {
    const chars = fc.constantFrom("a", "b", "é", "😀", " ", "  ", "\t", "\n", "\r\n", "\u00A0", "\u2028", "\uFEFF", "\u3000", ...QUOTATION_MARKS);
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 60 }).map((parts) => parts.join("")), (text) => {
        const { text: normal, origin } = normalise(text);
        expect(normal).toBe(reference(text));
        expect(origin.length).toBe(normal.length);
        for (let i = 0; i < normal.length; i++) {
          const from = text[origin[i]];
          if (normal[i] === " ") expect(from).toMatch(/\s/);
          else if (normal[i] === '"' || normal[i] === "'") expect(QUOTATION_MARKS.has(from)).toBe(true);
          else expect(from).toBe(normal[i]);
          if (i > 0) expect(origin[i]).toBeGreaterThan(origin[i - 1]);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
