/**
 * What an extract's text may hold. Quotes are verbatim, so a file is read as UTF-8 strictly (invalid
 * bytes are refused, not loaded as U+FFFD); and no string may carry characters that change how text
 * around it shows rather than what it says: NUL and other control characters (the terminal's escape
 * codes among them; tab and line breaks are text), and the bidirectional overrides and isolates
 * that can make a quote or a name read differently from what it is (Trojan Source, CVE-2021-42574).
 */

/** The file's text, or where its first invalid UTF-8 is. */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { invalidAt: string } {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    const lossy = new TextDecoder("utf-8").decode(bytes);
    const before = lossy.slice(0, Math.max(lossy.indexOf("\uFFFD"), 0)).split("\n");
    return { invalidAt: `line ${before.length}, column ${before[before.length - 1].length + 1}` };
  }
}

// C0 controls but tab, line feed and carriage return; DEL; C1 controls; bidi marks, embeddings,
// overrides and isolates.
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

// The same, but the form feed.
const UNSAFE_IN_LONG_TEXT = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

const NAMES: Record<string, string> = { "\u0000": "NUL", "\u001B": "an escape code (ESC)", "\u202E": "a right-to-left override", "\u202D": "a left-to-right override" };

/** What an unsafe character is, for a message: "NUL (U+0000)", "a bidirectional control (U+2066)". */
function describeUnsafe(char: string): string {
  const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
  const what = NAMES[char] ?? (/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/.test(char) ? "a bidirectional control" : "a control character");
  return `${what} (${code})`;
}

/** Every string of the parsed data holding an unsafe character: its path (as segments) and what it holds. */
export function unsafeText(data: unknown): { path: (string | number)[]; message: string }[] {
  const found: { path: (string | number)[]; message: string }[] = [];
  const walk = (value: unknown, at: (string | number)[]) => {
    if (typeof value === "string") {
      const match = UNSAFE.exec(value);
      if (match) found.push({ path: at, message: `holds ${describeUnsafe(match[0])} at character ${match.index + 1}; text must be plain: remove it` });
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, [...at, index]));
    } else if (value && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) walk(item, [...at, key]);
    }
  };
  walk(data, []);
  return found;
}

/**
 * An archived source text (a report's, `text: {path, sha256}`) is held to the same rule as the
 * extract's strings, its quotes being shown from it: only the layout a long text needs is allowed
 * besides, the form feed that separates the pages of a text converted from a PDF (tab and line
 * breaks are allowed everywhere). The first unsafe character, by line and column (in characters), or
 * undefined.
 */
export function unsafeInLongText(text: string): string | undefined {
  const match = UNSAFE_IN_LONG_TEXT.exec(text);
  if (!match) return undefined;
  const before = text.slice(0, match.index).split("\n");
  return `line ${before.length}, column ${[...before[before.length - 1]].length + 1} holds ${describeUnsafe(match[0])}; text must be plain: remove it`;
}

/**
 * Characters that show as nothing, or as a space, yet are there: a quote holding one is not the words
 * a reader sees (a search for the phrase misses it; a soft hyphen splits a word where no one reads
 * it split). Zero-width space, soft hyphen, word joiner and the invisible operators, the byte-order
 * mark (zero-width no-break space), the combining grapheme joiner, the Hangul fillers, the Mongolian
 * vowel separator, the Khmer inherent vowels, the deprecated format controls U+206A–U+206F and the
 * tag characters. Not the zero-width joiner and non-joiner (U+200C, U+200D) nor the variation
 * selectors: Persian, the Indic scripts and emoji need them to be written at all.
 */
const INVISIBLE = /[\u00AD\u034F\u115F\u1160\u17B4\u17B5\u180E\u200B\u2060-\u2064\u206A-\u206F\u3164\uFEFF\uFFA0\u{E0000}-\u{E007F}]/u;

const INVISIBLE_NAMES: Record<string, string> = {
  "\u00AD": "a soft hyphen",
  "\u200B": "a zero-width space",
  "\u2060": "a word joiner",
  "\uFEFF": "a zero-width no-break space (byte-order mark)",
  "\u034F": "a combining grapheme joiner",
};

/** The first invisible character of a quote (its name, code and position in characters), or undefined. */
export function invisibleIn(value: string): string | undefined {
  const match = INVISIBLE.exec(value);
  if (!match) return undefined;
  const code = `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
  const position = [...value.slice(0, match.index)].length + 1;
  return `holds ${INVISIBLE_NAMES[match[0]] ?? "an invisible character"} (${code}) at character ${position}, which a reader does not see: a quote is the words as they read; remove it`;
}
