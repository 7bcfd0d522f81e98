import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseExtractFile } from "../../src/extract/parse.ts";

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
