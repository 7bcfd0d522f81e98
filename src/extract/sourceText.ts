import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { seedsDir } from "../config.ts";
import type { TextAnchor } from "../domain/attribution.ts";
import { type QuotationSpan, insideQuotation, quotationSpans } from "./quotationSpans.ts";
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

/** The largest archived source text read (docs/attribution.md): a longer one is refused unread. */
export const MAX_SOURCE_TEXT_BYTES = 5 * 1024 * 1024;

// The marks normalised to one double and one single mark; every other quotation mark (« », 「」 …)
// is kept as it is (a quote must give it as the text has it).
const DOUBLE_QUOTES = new Set(["\u201C", "\u201D", "\u201E", "\u201F", '"']);
const SINGLE_QUOTES = new Set(["\u2018", "\u2019", "\u201A", "\u201B", "'"]);

/** The normalised text and, for each of its UTF-16 units, where it came from in the original. */
export interface NormalText {
  text: string;
  origin: Uint32Array;
}

// What normalisation does with each UTF-16 unit: keep it (0), or it is whitespace (JavaScript's \s),
// a double or a single quotation mark. A table, not a regular expression or a set per character.
const KEEP = 0;
const SPACE = 1;
const DOUBLE = 2;
const SINGLE = 3;
const ROLE = new Uint8Array(65536);
for (const code of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]) ROLE[code] = SPACE;
for (let code = 0x2000; code <= 0x200a; code++) ROLE[code] = SPACE;
for (const c of DOUBLE_QUOTES) ROLE[c.charCodeAt(0)] = DOUBLE;
for (const c of SINGLE_QUOTES) ROLE[c.charCodeAt(0)] = SINGLE;

/**
 * One pass, linear in the text's length: the text is copied in slices between the characters that
 * change (whitespace, quotation marks), never read back (reading the last character of a string
 * being built flattens it, which made this quadratic).
 */
export function normalise(original: string): NormalText {
  const parts: string[] = [];
  const origin = new Uint32Array(original.length);
  let length = 0;
  let copyFrom = 0; // start of the run of unchanged characters not yet copied
  let pendingSpace = -1; // where a run of whitespace began, written as one space before the next character
  let started = false; // no space at the start
  for (let i = 0; i < original.length; i++) {
    const role = ROLE[original.charCodeAt(i)];
    if (role === KEEP) {
      if (pendingSpace >= 0) {
        parts.push(" ");
        origin[length++] = pendingSpace;
        pendingSpace = -1;
      }
      started = true;
      origin[length++] = i;
      continue;
    }
    if (i > copyFrom) parts.push(original.slice(copyFrom, i));
    copyFrom = i + 1;
    if (role === SPACE) {
      if (started && pendingSpace < 0) pendingSpace = i;
      continue;
    }
    if (pendingSpace >= 0) {
      parts.push(" ");
      origin[length++] = pendingSpace;
      pendingSpace = -1;
    }
    started = true;
    parts.push(role === DOUBLE ? '"' : "'");
    origin[length++] = i;
  }
  if (original.length > copyFrom) parts.push(original.slice(copyFrom)); // a trailing run of whitespace is dropped (pendingSpace never written)
  return { text: parts.join(""), origin: origin.subarray(0, length) };
}

export const normalised = (value: string) => normalise(value).text;

export interface LoadedText {
  original: string;
  normal: NormalText;
  sha256: string;
  /** The text's quotations (src/extract/quotationSpans.ts), found once when first needed. */
  spans?: QuotationSpan[];
  /** Offsets of the low halves of surrogate pairs, for code-point positions (found once when first needed). */
  lowSurrogates?: Uint32Array;
  /** Offsets of the line breaks, for line numbers (found once when first needed). */
  lineBreaks?: Uint32Array;
}

/**
 * Where a report's archived text is, for an extract file (both paths as the caller resolves them),
 * or why it is refused unread: a text lies inside the seeds folder the extract belongs to, after
 * symbolic links are followed. That is the configured seeds folder (CLAIMGRAPH_SEEDS, else the
 * project's seeds/) for an extract inside it, so an extract in a subfolder (seeds/2019/…) reaches
 * seeds/sources/; for any other extract, its own folder. Nothing of a refused file is read.
 */
export function confinedTextPath(extractFile: string, textPath: string): { absolute: string } | { problem: string } {
  const folder = path.dirname(path.resolve(extractFile));
  const outside = (root: string, target: string) => {
    const relative = path.relative(root, target);
    return relative === "" || relative.startsWith("..") || path.isAbsolute(relative);
  };
  const seeds = seedsDir();
  const inSeeds = !outside(seeds, path.resolve(extractFile));
  const root = inSeeds ? seeds : folder;
  const absolute = path.resolve(folder, textPath);
  const refusal = inSeeds
    ? `"${textPath}" is outside the seeds folder (${seeds}) the extract belongs to; a source text is a file in that folder or below it (for instance sources/name.txt), and is not read`
    : `"${textPath}" is outside the folder of the extract (${folder}); a source text is a file in that folder or below it (for instance sources/name.txt), and is not read`;
  if (path.isAbsolute(textPath) || outside(root, absolute)) return { problem: refusal };
  let realRoot: string;
  let realText: string;
  try {
    realRoot = fs.realpathSync(root);
    realText = fs.realpathSync(absolute);
  } catch {
    return { problem: "cannot read the source text (no such file?)" };
  }
  if (outside(realRoot, realText)) return { problem: `${refusal} (a symbolic link leads out of the folder)` };
  return { absolute: realText };
}

/**
 * Reads a source text: its bytes' SHA-256, and the text, which must be at most
 * MAX_SOURCE_TEXT_BYTES, valid UTF-8 and plain (src/extract/textSafety.ts). Pass a path from
 * confinedTextPath.
 */
export function readSourceText(absolutePath: string): LoadedText | { problem: string } {
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    fd = fs.openSync(absolutePath, "r");
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { problem: "the source text is not a file" };
    if (stat.size > MAX_SOURCE_TEXT_BYTES) {
      return { problem: `the source text is ${(stat.size / 1048576).toFixed(1)} MB; a source text is at most ${MAX_SOURCE_TEXT_BYTES / 1048576} MB (keep the article's own text, without the page's other content)` };
    }
    bytes = fs.readFileSync(fd);
  } catch {
    return { problem: "cannot read the source text (no such file?)" };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  if (bytes.length > MAX_SOURCE_TEXT_BYTES) return { problem: `the source text is larger than ${MAX_SOURCE_TEXT_BYTES / 1048576} MB` };
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

/** Offsets of the positions in `text` where `test` holds, found once. */
function offsetsWhere(text: string, test: (code: number) => boolean): Uint32Array {
  const found: number[] = [];
  for (let i = 0; i < text.length; i++) if (test(text.charCodeAt(i))) found.push(i);
  return Uint32Array.from(found);
}

/** How many of the sorted offsets are below `at`. */
function countBelow(offsets: Uint32Array, at: number): number {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid] < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The code-point position of a UTF-16 offset of the original text. */
function codePointAt(source: LoadedText, offset: number): number {
  source.lowSurrogates ??= offsetsWhere(source.original, (code) => code >= 0xdc00 && code <= 0xdfff);
  return offset - countBelow(source.lowSurrogates, offset);
}

/** The quotations of the original text, found once. */
export function spansOf(source: LoadedText): QuotationSpan[] {
  return (source.spans ??= quotationSpans(source.original));
}

const SENTENCE_END = /[.!?]/;
const SENTENCE_REACH = 1000;
const CLOSERS = new Set(['"', "'", ")", "\u201D", "\u2019", "]"]);

/** The sentence around [start, end) of the original text: from the end of the previous one to the end of the last it reaches. */
function sentenceAround(text: string, start: number, end: number): string {
  const endsSentenceAt = (i: number) => {
    // A sentence ends before i when i is a line break or whitespace following [.!?] and closing marks.
    let j = i - 1;
    while (j >= 0 && CLOSERS.has(text[j])) j--;
    return j >= 0 && SENTENCE_END.test(text[j]);
  };
  // A text without sentence ends or line breaks has no sentence to show: at most SENTENCE_REACH
  // characters either side are looked at (and kept), so each passage costs at most that much.
  const earliest = Math.max(0, start - SENTENCE_REACH);
  const latest = Math.min(text.length, end + SENTENCE_REACH);
  let from = start;
  while (from > earliest && text[from - 1] !== "\n" && !(/\s/.test(text[from - 1]) && endsSentenceAt(from - 1))) from--;
  let to = end;
  if (!(endsSentenceAt(to) && (to >= text.length || /\s/.test(text[to])))) {
    while (to < latest && text[to] !== "\n" && !(SENTENCE_END.test(text[to]) && (to + 1 >= text.length || /[\s"')\u201D\u2019\]]/.test(text[to + 1])))) to++;
    if (to < text.length && SENTENCE_END.test(text[to])) to++;
    while (to < text.length && CLOSERS.has(text[to])) to++;
  }
  return text.slice(from, to).replace(/\s+/g, " ").trim();
}

export interface Found {
  anchor: TextAnchor;
  /** Whether the passage stands inside the quoted words of a quotation of the source (src/extract/quotationSpans.ts). */
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
  return {
    anchor: {
      exact: original.slice(start, end),
      prefix: original.slice(Math.max(0, start - CONTEXT), start),
      suffix: original.slice(end, end + CONTEXT),
      start: codePointAt(source, start),
      end: codePointAt(source, end),
      sentence: sentenceAround(original, start, end),
    },
    insideQuotationMarks: insideQuotation(spansOf(source), start, end) !== undefined,
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
  source.lineBreaks ??= offsetsWhere(source.original, (code) => code === 0x0a);
  return countBelow(source.lineBreaks, at) + 1;
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

/** One archived text to read and the passages to find in it (built by src/extract/attribution.ts). */
export interface TextRequest {
  /** The text's name in messages (from the project root when inside it). */
  file: string;
  /** Its confined absolute path (confinedTextPath). */
  absolute: string;
  /** The SHA-256 the extract records: a text with another one is reported changed, its passages not looked for. */
  sha256: string;
  passages: string[];
}

/** Where each passage stands, or the nearest passage for a message. */
export type PassageResult = { found: Found } | { nearest: string };

/** What reading one text and finding its passages gave (plain data: it crosses from the worker, src/extract/textWorker.ts). */
export type TextExamination =
  | { problem: string }
  | { sha256: string; changed: true }
  | { sha256: string; changed: false; passages: Map<string, PassageResult> };

/** How many misquotes of one text get a nearest passage (each search reads the whole text); the others are reported without. */
export const NEAREST_SEARCHES = 50;

/** Reads a text and finds its passages: linear in the text's length for each passage, and for the nearest passages of up to NEAREST_SEARCHES misquotes. */
export function examineText(request: TextRequest): TextExamination {
  const loaded = readSourceText(request.absolute);
  if ("problem" in loaded) return { problem: loaded.problem };
  if (loaded.sha256 !== request.sha256) return { sha256: loaded.sha256, changed: true };
  const passages = new Map<string, PassageResult>();
  let searches = 0;
  for (const passage of request.passages) {
    if (passages.has(passage)) continue;
    const found = findPassage(loaded, passage);
    passages.set(
      passage,
      found
        ? { found }
        : { nearest: searches++ < NEAREST_SEARCHES ? nearestPassage(loaded, passage) : `the nearest passage was not searched (more than ${NEAREST_SEARCHES} passages of this text are not in it)` },
    );
  }
  return { sha256: loaded.sha256, changed: false, passages };
}
