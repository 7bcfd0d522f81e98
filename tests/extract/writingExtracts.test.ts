import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../src/config.ts";
import { createHash } from "node:crypto";
import { parseExtractFile, parseExtractText } from "../../src/extract/parse.ts";
import { writeExtractSkeleton } from "../../src/extract/skeleton.ts";
import { validateExtracts } from "../../src/extract/validate.ts";

/** `claimgraph new extract`, and the hints validation gives: "required", and the closest key or id. */
describe("writing an extract", () => {
  it("new extract writes a skeleton whose schema reference resolves from where the file is, and never overwrites", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-new-"));
    try {
      for (const file of [path.join(dir, "a.yaml"), path.join(dir, "deep", "er", "b.yaml"), path.join(dir, "c.json")]) {
        const written = writeExtractSkeleton(file);
        const text = fs.readFileSync(file, "utf8");
        const reference = file.endsWith(".json") ? JSON.parse(text).$schema : /^# yaml-language-server: \$schema=(\S+)\n/.exec(text)![1];
        expect(reference).toBe(written.schemaReference);
        expect(path.resolve(path.dirname(file), reference)).toBe(path.join(projectRoot(), "schema", "extract.schema.json"));
        expect(text.endsWith("\n")).toBe(true);
        // No empty title to fill in (people invent titles to fill it): the title is a commented-out line.
        expect(text).not.toMatch(/"title": ""|title: ""/);
        // Filled in, the skeleton is a valid extract.
        const filled = text.replace('id: ""', "id: my-article").replace('publishedAt: ""', 'publishedAt: "2018-12"');
        const json = file.endsWith(".json") ? JSON.stringify({ ...JSON.parse(text), source: { id: "my-article", publishedAt: "2018-12", kind: "ARTICLE" } }) : filled;
        expect(parseExtractText(file, json).issues).toEqual([]);
      }
      expect(() => writeExtractSkeleton(path.join(dir, "a.yaml"))).toThrow(/exists; claimgraph new does not overwrite/);
      expect(() => writeExtractSkeleton(path.join(dir, "a.txt"))).toThrow(/ends in \.yaml, \.yml or \.json/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says "required" for a missing field and suggests the closest key', () => {
    const { issues } = parseExtractText("x.yaml", "format: 2\nsource:\n  title: T\n  kind: ARTICLE\n  autors: []\n");
    const messages = issues.map((i) => `${i.path}: ${i.message}`);
    expect(messages).toContain("source.id: required");
    expect(messages).toContain('source: unknown key: autors (did you mean "authors"?)');
  });

  it("suggests the closest id for a reference to no known entity, and nothing when none is close", () => {
    const text = (grantee: string) => `format: 2
source: { id: src, title: T, publishedAt: "2018", kind: ARTICLE }
organizations:
  - { id: netflix, name: Netflix, kind: COMPANY }
  - { id: facebook, name: Facebook, kind: PLATFORM }
dataCategories:
  - { id: messages, name: messages }
grants:
  - id: g
    grantor: facebook
    grantee: ${grantee}
    data: [messages]
    documentedIn:
      - { report: src, quote: Facebook gave them access. }
`;
    const parsed = (grantee: string) => {
      const result = parseExtractText("x.yaml", text(grantee));
      expect(result.issues).toEqual([]);
      return validateExtracts([{ file: "x.yaml", extract: result.extract! }], []).map((i) => i.message);
    };
    expect(parsed("netflx")).toContain('unknown organisation "netflx": not defined in this file, the other files given, or the graph (did you mean "netflix"?)');
    expect(parsed("zzzzzz").find((m) => m.includes('"zzzzzz"'))).not.toContain("did you mean");
  });

  it("the old format's message points to a document that exists", () => {
    const { issues } = parseExtractText("x.yaml", "source: { id: src, title: T, publishedAt: \"2018\", kind: ARTICLE }\n");
    expect(issues).toHaveLength(1);
    const linked = /See (docs\/[\w.-]+\.md)/.exec(issues[0].message)?.[1];
    expect(linked, issues[0].message).toBeDefined();
    const doc = fs.readFileSync(path.join(projectRoot(), linked!), "utf8");
    expect(doc).toContain("From the old format");
  });

  it("an empty title is refused saying to remove the key or give the title", () => {
    const { issues } = parseExtractText("x.yaml", 'format: 2\nsource: { id: src, title: "", publishedAt: "2018", kind: ARTICLE }\n');
    expect(issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      "source.title: a title must not be empty: give the title as the source prints it, or remove the `title` key if the source gives none (never invent one)",
    ]);
  });

  it('offers "did you mean" for a data category named by one word of its id', () => {
    const { extract, issues } = parseExtractText(
      "x.yaml",
      `format: 2
source: { id: src, title: T, publishedAt: "2018", kind: ARTICLE }
organizations:
  - { id: acme, name: Acme, kind: COMPANY }
dataCategories:
  - { id: location-data, name: location data }
grants:
  - { id: g, grantee: acme, data: [location], documentedIn: [{ report: src, quote: Acme collects location data. }] }
`,
    );
    expect(issues).toEqual([]);
    expect(validateExtracts([{ file: "x.yaml", extract: extract! }], []).map((i) => i.message)).toContain(
      'unknown data category "location": not defined in this file, the other files given, or the graph (did you mean "location-data"?)',
    );
  });

  it("explains unknown keys that come from a { … } mapping split at a comma", () => {
    const { issues } = parseExtractText(
      "x.yaml",
      `format: 2
source: { id: src, title: T, publishedAt: "2018", kind: ARTICLE }
grants:
  - { id: g, grantee: acme, data: [d], documentedIn: [{ report: src, quote: Acme gave them access, and more }] }
`,
    );
    expect(issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'grants[0].documentedIn[0]: unknown key: and more (a `{ … }` mapping was split at a comma: YAML ends an unquoted value at the comma, so "and more" became a key of its own; quote the value: "…, and more")',
    ]);
    // A misspelt key is not taken for a split.
    const misspelt = parseExtractText("x.yaml", "format: 2\nsource: { id: src, tittle: T, publishedAt: \"2018\", kind: ARTICLE }\n").issues;
    expect(misspelt.map((i) => i.message)).toEqual(['unknown key: tittle (did you mean "title"?)']);
  });

  describe("with an archived text", () => {
    const TEXT = 'Acme said on Monday that it "never shared anyone\'s location" with partners.\n';
    const write = (extract: string) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-extract-"));
      fs.mkdirSync(path.join(dir, "sources"));
      fs.writeFileSync(path.join(dir, "sources", "a.txt"), TEXT);
      fs.writeFileSync(path.join(dir, "a.yaml"), extract);
      return { dir, file: path.join(dir, "a.yaml") };
    };
    const hash = createHash("sha256").update(TEXT).digest("hex");
    const extract = (text: string, statement: string) => `format: 2
source: { id: src, title: T, publishedAt: "2018", kind: ARTICLE, text: ${text} }
organizations:
  - { id: acme, name: Acme, kind: COMPANY }
statements:
  - id: s
    ${statement}
    speaker: acme
    stance: DENIES_ACCESS
    about: { grantee: acme }
    reportedIn:
      - { report: src, account: "Acme said on Monday that it \\"never shared anyone's location\\" with partners." }
`;
    /** The schema's problems, and the further checks' on the file's well-formed parts (as claimgraph validate runs them). */
    const problems = (file: string) => {
      const parsed = parseExtractFile(file);
      const further = parsed.extract
        ? validateExtracts([{ file, extract: parsed.extract }], [])
        : validateExtracts([], [], new Set(), parsed.partial ? [{ file, extract: parsed.partial, refused: parsed.issues.map((i) => i.path) }] : []);
      return [...parsed.issues, ...further].map((i) => `${i.path}: ${i.message}`);
    };

    it("a missing sha256 is reported with the hash of the text as it stands", () => {
      const { dir, file } = write(extract("{ path: sources/a.txt }", 'form: MIXED\n    quote: "never shared anyone\'s location"'));
      try {
        expect(problems(file)).toEqual([
          `source.text.sha256: required: sources/a.txt as it stands now has SHA-256 ${hash}; check the extract's quotes against that text, then record \`sha256: ${hash}\``,
        ]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it("a misquote is reported in the same run as a schema problem", () => {
      const { dir, file } = write(extract(`{ path: sources/a.txt, sha256: ${hash} }`, 'form: MIXED\n    quote: "never shared anyone\'s location data"\n    madeAt: "2018-13"'));
      try {
        const found = problems(file);
        expect(found).toContain("statements[0].madeAt: this date does not exist in the calendar");
        expect(found.some((p) => p.startsWith('statements[0].quote: the quote is not in the text of report "src"'))).toBe(true);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it("a MIXED account no longer than its quote is refused: the account is the source's whole sentence", () => {
      const { dir, file } = write(
        extract(`{ path: sources/a.txt, sha256: ${hash} }`, 'form: MIXED\n    quote: "never shared anyone\'s location"').replace(
          /account: ".*"/,
          "account: \"never shared anyone's location\"",
        ),
      );
      try {
        expect(problems(file)).toContain(
          "statements[0].reportedIn[0].account: a MIXED statement's account is the source's whole sentence around the quoted words, longer than the quote: give the sentence as it stands in the source (or, if the source quotes nothing more than these words, make the form DIRECT)",
        );
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
