import { createHash } from "node:crypto";
import fs from "node:fs";
import type { TextAnchor } from "../domain/attribution.ts";
import { unsafeInLongText } from "./textSafety.ts";

/**
 * Archived source texts and the places quotes occupy in them (docs/attribution.md).
 *
 * A quote matches its source when it occurs in it verbatim after one documented normalisation:
 * every run of whitespace is one space, curly and straight double quotation marks are one mark ("),
 * curly and straight single quotation marks and apostrophes are one mark ('). Nothing else: not case,
 * not dashes, not ellipses, not spelling. Positions are reported in the original text.
 */

export type { TextAnchor };

const CONTEXT = 32;

const DOUBLE_QUOTES = new Set(["\u201C", "\u201D", "\u201E", "\u201F", '"']);
const SINGLE_QUOTES = new Set(["\u2018", "\u2019", "\u201A", "\u201B", "'"]);

/** The normalised text and, for each of its UTF-16 units, where it came from in the original. */
export interface NormalText {
  text: string;
  origin: number[];
}

export function normalise(original: string): NormalText {
  let text = "";
  const origin: number[] = [];
  for (let i = 0; i < original.length; i++) {
    const c = original[i];
    if (/\s/.test(c)) {
      if (text.length > 0 && text[text.length - 1] !== " ") {
        text += " ";
        origin.push(i);
      }
      continue;
    }
    text += DOUBLE_QUOTES.has(c) ? '"' : SINGLE_QUOTES.has(c) ? "'" : c;
    origin.push(i);
  }
  if (text.endsWith(" ")) {
    text = text.slice(0, -1);
    origin.pop();
  }
  return { text, origin };
}

export const normalised = (value: string) => normalise(value).text;

export interface LoadedText {
  original: string;
  normal: NormalText;
  sha256: string;
}

/** Reads a source text: its bytes' SHA-256, and the text, which must be valid UTF-8 and plain (src/extract/textSafety.ts). */
export function readSourceText(absolutePath: string): LoadedText | { problem: string } {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(absolutePath);
  } catch {
    return { problem: "cannot read the source text (no such file?)" };
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  let original: string;
  try {
    original = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { problem: `the source text is not valid UTF-8 (quotes are checked verbatim, so a replaced character would be a misquote); save it as UTF-8` };
  }
  const unsafe = unsafeInLongText(original);
  if (unsafe) return { problem: unsafe };
  return { original, normal: normalise(original), sha256 };
}

const codePoints = (text: string) => {
  let n = 0;
  for (const _ of text) n++;
  return n;
};

const SENTENCE_END = /[.!?]/;
const CLOSERS = new Set(['"', "'", ")", "\u201D", "\u2019", "]"]);

/** The sentence around [start, end) of the original text: from the end of the previous one to the end of the last it reaches. */
function sentenceAround(text: string, start: number, end: number): string {
  const endsSentenceAt = (i: number) => {
    // A sentence ends before i when i is a line break or whitespace following [.!?] and closing marks.
    let j = i - 1;
    while (j >= 0 && CLOSERS.has(text[j])) j--;
    return j >= 0 && SENTENCE_END.test(text[j]);
  };
  let from = start;
  while (from > 0 && text[from - 1] !== "\n" && !(/\s/.test(text[from - 1]) && endsSentenceAt(from - 1))) from--;
  let to = end;
  if (!(endsSentenceAt(to) && (to >= text.length || /\s/.test(text[to])))) {
    while (to < text.length && text[to] !== "\n" && !(SENTENCE_END.test(text[to]) && (to + 1 >= text.length || /[\s"')\u201D\u2019\]]/.test(text[to + 1])))) to++;
    if (to < text.length && SENTENCE_END.test(text[to])) to++;
    while (to < text.length && CLOSERS.has(text[to])) to++;
  }
  return text.slice(from, to).replace(/\s+/g, " ").trim();
}

export interface Found {
  anchor: TextAnchor;
  /** Whether the passage stands inside quotation marks in the source (an odd number of " before it, none inside). */
  insideQuotationMarks: boolean;
}

/** Where `passage` occurs in the text (its first occurrence), or null. */
export function findPassage(source: LoadedText, passage: string): Found | null {
  const needle = normalised(passage);
  if (needle.length === 0) return null;
  const at = source.normal.text.indexOf(needle);
  if (at < 0) return null;
  const { origin } = source.normal;
  const start = origin[at];
  const lastUnit = origin[at + needle.length - 1];
  const end = lastUnit + (/[\uD800-\uDBFF]/.test(source.original[lastUnit]) ? 2 : 1);
  const { original } = source;
  const before = source.normal.text.slice(0, at);
  const marksBefore = before.split('"').length - 1;
  return {
    anchor: {
      exact: original.slice(start, end),
      prefix: original.slice(Math.max(0, start - CONTEXT), start),
      suffix: original.slice(end, end + CONTEXT),
      start: codePoints(original.slice(0, start)),
      end: codePoints(original.slice(0, end)),
      sentence: sentenceAround(original, start, end),
    },
    insideQuotationMarks: marksBefore % 2 === 1 && !needle.includes('"'),
  };
}

/**
 * For a passage that is not in the text: the passage of the text that comes closest (the window of
 * as many words sharing the most words with it) and the words that differ, for the error message.
 */
export function nearestPassage(source: LoadedText, passage: string): string {
  const words = source.normal.text.split(" ");
  const wanted = normalised(passage).split(" ");
  const size = Math.min(wanted.length, words.length);
  if (size === 0) return "the source text is empty";
  const want = new Map<string, number>();
  wanted.forEach((w) => want.set(w.toLowerCase(), (want.get(w.toLowerCase()) ?? 0) + 1));
  const have = new Map<string, number>();
  let shared = 0;
  const add = (w: string, d: 1 | -1) => {
    const key = w.toLowerCase();
    const before = have.get(key) ?? 0;
    const after = before + d;
    have.set(key, after);
    const cap = want.get(key) ?? 0;
    shared += Math.min(after, cap) - Math.min(before, cap);
  };
  let best = { shared: -1, from: 0 };
  for (let i = 0; i < words.length; i++) {
    add(words[i], 1);
    if (i >= size) add(words[i - size], -1);
    if (i >= size - 1 && shared > best.shared) best = { shared, from: i - size + 1 };
  }
  if (best.shared <= 0) return "no passage of the source text shares a word with it";
  // A little wider than the window, so that a word added or dropped at either end still lines up;
  // the text's words beyond what matches at either end are not differences.
  const from = Math.max(0, best.from - 3);
  const window = words.slice(from, best.from + size + 3);
  const { hunks, first, last } = difference(wanted, window);
  const lined = window.slice(first, last + 1);
  const line = lineOf(source, words.slice(0, from + first).join(" ").length + (from + first > 0 ? 1 : 0));
  return `nearest passage (line ${line}): “${lined.join(" ")}”; ${hunks}`;
}

function lineOf(source: LoadedText, normalIndex: number): number {
  const at = source.normal.origin[Math.min(normalIndex, source.normal.origin.length - 1)] ?? 0;
  return source.original.slice(0, at).split("\n").length;
}

/** Words compare without the punctuation around them (a quote's last word against `messages".`). */
const bare = (word: string) => word.replace(/^[\p{P}]+|[\p{P}]+$/gu, "");

/**
 * The words that differ between what the extract says and the text, by a word-level longest common
 * subsequence; and the first and last words of the text that the extract's words line up with.
 */
function difference(extract: string[], text: string[]): { hunks: string; first: number; last: number } {
  const n = extract.length;
  const m = text.length;
  const same = (i: number, j: number) => bare(extract[i]) === bare(text[j]);
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = same(i, j) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  type Hunk = { extract: string[]; text: string[]; textFrom: number; textTo: number };
  const hunks: Hunk[] = [];
  let open: Hunk | null = null;
  let first = -1;
  let last = -1;
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && same(i, j)) {
      if (first < 0) first = j;
      last = j;
      open = null;
      i++;
      j++;
      continue;
    }
    if (!open) hunks.push((open = { extract: [], text: [], textFrom: j, textTo: j }));
    if (j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) open.extract.push(extract[i++]);
    else {
      open.text.push(text[j++]);
      open.textTo = j;
    }
  }
  if (first < 0) return { hunks: "no word lines up", first: 0, last: m - 1 };
  // Extract words left over at either end stand against as many of the text's next words.
  const lead = hunks[0]?.textFrom === 0 && hunks[0].extract.length > 0 ? hunks[0].extract.length : 0;
  const tail = hunks.at(-1)?.textTo === m && (hunks.at(-1)?.extract.length ?? 0) > 0 ? hunks.at(-1)!.extract.length : 0;
  first = Math.max(0, first - lead);
  last = Math.min(m - 1, last + tail);
  // The text's words before the first and after the last that line up are context, not differences.
  const inside = hunks
    .map((h) => ({ ...h, text: text.slice(Math.max(h.textFrom, first), Math.min(h.textTo, last + 1)) }))
    .filter((h) => h.extract.length > 0 || h.text.length > 0);
  const shown = inside.slice(0, 3).map((h) => `the extract has “${h.extract.join(" ") || "(nothing)"}” where the text has “${h.text.join(" ") || "(nothing)"}”`);
  const more = inside.length - shown.length;
  return {
    hunks: shown.length ? `${shown.join("; ")}${more > 0 ? `; and ${more} more difference${more === 1 ? "" : "s"}` : ""}` : "the words match but not their punctuation or order",
    first,
    last,
  };
}
