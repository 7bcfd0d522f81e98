import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { checkAttribution } from "../../src/extract/attribution.ts";
import { type ParsedExtract, parseExtractFile } from "../../src/extract/parse.ts";
import { readSourceText } from "../../src/extract/sourceText.ts";

const SEED = path.resolve("seeds/2018-12-20-facebook-partners.yaml");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-text-"));

/** The seed with `needle` (a quote's first words) replaced by `replacement`, written as bytes. */
function variant(name: string, edit: (text: string) => Buffer | string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, edit(fs.readFileSync(SEED, "utf8")));
  return file;
}

/** A quoted value of the seed to put characters into. */
function firstQuote(text: string): string {
  const match = /\n\s+quote: "([^"\n]{10,})"/.exec(text) ?? /\n\s+quote: ([^\n"']{10,})\n/.exec(text);
  if (!match) throw new Error("no quote in the seed");
  return match[1];
}

describe("extract text", () => {
  it("the seed itself is accepted (the checks below are not vacuous)", () => {
    expect(parseExtractFile(SEED).issues).toEqual([]);
  });

  for (const [label, inserted, expected] of [
    ["NUL", "\\0", /NUL \(U\+0000\)/],
    ["a terminal escape code", "\\e[2J", /escape code \(ESC\) \(U\+001B\)/],
    ["a right-to-left override", "\\u202E", /right-to-left override \(U\+202E\)/],
    ["a bidi isolate", "\\u2066", /bidirectional control \(U\+2066\)/],
  ] as const) {
    it(`refuses ${label} inside a quote, naming where`, () => {
      const file = variant(`${label.replace(/\W/g, "_")}.yaml`, (text) => {
        const quote = firstQuote(text);
        // YAML double-quoted escapes put the raw character into the parsed string
        return text.replace(/(\n\s+quote: )("?)[^\n]*\n/, `$1"${quote.slice(0, 5)}${inserted}${quote.slice(5).replace(/"/g, '\\"')}"\n`);
      });
      const { issues } = parseExtractFile(file);
      expect(issues.length, JSON.stringify(issues)).toBeGreaterThan(0);
      expect(issues[0].path).toMatch(/quote$/);
      expect(issues[0].message).toMatch(expected);
    });
  }

  it("refuses invalid UTF-8 instead of loading U+FFFD", () => {
    const file = variant("latin1.yaml", (text) => {
      const bytes = Buffer.from(text, "utf8");
      const at = bytes.indexOf(Buffer.from("quote:"));
      return Buffer.concat([bytes.subarray(0, at + 8), Buffer.from([0xe9, 0xff]), bytes.subarray(at + 8)]);
    });
    const { issues } = parseExtractFile(file);
    expect(issues).toHaveLength(1);
    expect(issues[0].message).toContain("not valid UTF-8");
    expect(issues[0].path).toMatch(/^line \d+, column \d+$/);
  });
});

/**
 * The archived source texts (`text: {path, sha256}`) are held to the same rule: their quotes are
 * shown from them. Each case puts a character into the seed's text, beside a copy of the seed
 * extract, and checks the extract's attribution against it.
 */
describe("archived source texts", () => {
  const TEXT_NAME = "sources/2018-12-20-facebook-partners-private-messages.txt";
  const original = fs.readFileSync(path.join("seeds", TEXT_NAME), "utf8");

  /** The seed's text with `inserted` put at line 3, column 5; the issues of checking the seed extract against it. */
  function checkWith(name: string, inserted: string) {
    const folder = fs.mkdtempSync(path.join(dir, `${name}-`));
    fs.mkdirSync(path.join(folder, "sources"));
    const lines = original.split("\n");
    lines[2] = `${lines[2].slice(0, 4)}${inserted}${lines[2].slice(4)}`;
    fs.writeFileSync(path.join(folder, TEXT_NAME), lines.join("\n"));
    const file = path.join(folder, "extract.yaml");
    fs.copyFileSync(SEED, file);
    const parsed = parseExtractFile(file);
    expect(parsed.issues).toEqual([]);
    return checkAttribution([{ file, extract: parsed.extract!, sha256: parsed.sha256 } as ParsedExtract], []);
  }

  it("every archived text of the seeds is plain", () => {
    const texts = fs.readdirSync("seeds/sources").filter((name) => name.endsWith(".txt"));
    expect(texts.length).toBeGreaterThan(0);
    for (const name of texts) {
      const loaded = readSourceText(path.join("seeds/sources", name));
      expect("problem" in loaded ? loaded.problem : "plain", name).toBe("plain");
    }
  });

  for (const [label, inserted, expected] of [
    ["NUL", "\u0000", /NUL \(U\+0000\)/],
    ["a terminal escape code", "\u001B[2J", /escape code \(ESC\) \(U\+001B\)/],
    ["a right-to-left override", "\u202E", /right-to-left override \(U\+202E\)/],
    ["a bidi isolate", "\u2066", /bidirectional control \(U\+2066\)/],
    ["a C1 control", "\u009B", /control character \(U\+009B\)/],
  ] as const) {
    it(`refuses ${label} in a source text, naming the file, line and column`, () => {
      const issues = checkWith(label.replace(/\W/g, "_"), inserted);
      expect(issues, JSON.stringify(issues)).toHaveLength(1);
      expect(issues[0].path).toBe("source.text");
      expect(issues[0].message).toContain(`${TEXT_NAME}: line 3, column 5 holds `);
      expect(issues[0].message).toMatch(expected);
      // refused as unsafe, before its hash (which no longer matches) is compared
      expect(issues[0].message).not.toContain("SHA-256");
    });
  }

  it("allows the layout of a long text: tabs, CRLF line ends and form feeds between pages", () => {
    const issues = checkWith("layout", "\t\r\n\f");
    // accepted as text; refused only because the extract's recorded hash is of the text without them
    expect(issues, JSON.stringify(issues)).toHaveLength(1);
    expect(issues[0].message).toContain("has changed since the extract was checked against it");
  });
});
