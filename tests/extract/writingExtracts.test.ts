import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../src/config.ts";
import { parseExtractText } from "../../src/extract/parse.ts";
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
        // Filled in, the skeleton is a valid extract.
        const filled = text.replace('id: ""', "id: my-article").replace('title: ""', "title: My article").replace('publishedAt: ""', 'publishedAt: "2018-12"');
        const json = file.endsWith(".json") ? JSON.stringify({ ...JSON.parse(text), source: { id: "my-article", title: "My article", publishedAt: "2018-12", kind: "ARTICLE" } }) : filled;
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
});
