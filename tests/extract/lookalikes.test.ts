import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../../src/extract/load.ts";
import type { Graph } from "../../src/graph/graph.ts";
import { cleanGraph } from "../support/graph.ts";
import { SEED_FILE, expectRefused, minimal, tempDir, writeExtract } from "./fixtures.ts";

/**
 * Issue 24, point 6: files nested a million levels deep are refused by name with the other files'
 * problems still reported; names and ids that look like others load with a warning; "did you mean"
 * offers the graph's ids. Against the real Neo4j, the article's extract loaded first.
 */
let graph: Graph;
beforeAll(async () => {
  graph = await cleanGraph();
  await seed(graph, [SEED_FILE]);
});
afterAll(async () => {
  await graph?.close();
});

describe("deep nesting", () => {
  it("a million-deep JSON and YAML are refused naming each file and where, and the other files' problems are still reported", async () => {
    const dir = tempDir();
    const deepJson = path.join(dir, "deep.json");
    fs.writeFileSync(deepJson, `{"format": 2, "source": ${"[".repeat(1_000_000)}${"]".repeat(1_000_000)}}`);
    const deepYaml = path.join(dir, "deep.yaml");
    fs.writeFileSync(deepYaml, `format: 2\nsource: ${"[".repeat(1_000_000)}${"]".repeat(1_000_000)}\n`);
    // nested by indentation: no bracket to count; found on the parsed data, or the parser's overflow caught
    const indented = path.join(dir, "indented.yaml");
    fs.writeFileSync(indented, `format: 2\nsource:\n${Array.from({ length: 1800 }, (_, i) => `${" ".repeat(i + 1)}a${i}:`).join("\n")} x\n`);
    const broken = minimal("deep-neighbour");
    broken.statements[0].stance = "DENIES_EVERYTHING";
    const other = writeExtract(dir, "other.yaml", broken);
    const issues = await expectRefused(graph, [deepJson, deepYaml, indented, other]);
    expect(JSON.stringify(issues)).not.toMatch(/call stack/i);
    const deep = /^nested more than 64 levels deep; an extract's values nest a few levels/;
    expect(issues.find((i) => i.file === deepJson)).toMatchObject({ path: "line 1, column 88", message: expect.stringMatching(deep) });
    expect(issues.find((i) => i.file === deepYaml)).toMatchObject({ path: "line 2, column 73", message: expect.stringMatching(deep) });
    expect(issues.find((i) => i.file === indented)?.message).toMatch(deep);
    expect(issues.find((i) => i.file === other)).toMatchObject({ path: "statements[0].stance", message: expect.stringMatching(/must be one of/) });
  });

  it("an extract of ordinary depth is not affected", async () => {
    const dir = tempDir();
    await expect(seed(graph, [writeExtract(dir, "ordinary.json", minimal("ordinary-depth"))])).resolves.toMatchObject({ nodes: expect.any(Number) });
  });
});

describe("names and ids that look like others", () => {
  it("warns of a name mixing Latin and Cyrillic letters, naming the odd letter, and loads", async () => {
    const dir = tempDir();
    const extract = minimal("mixed-script");
    extract.organizations[0].name = "N\u0435tflix Partners"; // a Cyrillic е
    extract.organizations[0].aliases = ["Яндекс Market", "Plain"]; // two scripts in two words: a name, not a disguise
    const result = await seed(graph, [writeExtract(dir, "mixed.yaml", extract)]);
    const warnings = result.warnings!.filter((w) => w.path.startsWith("organizations[0]."));
    expect(warnings).toEqual([
      expect.objectContaining({ path: "organizations[0].name", message: expect.stringContaining('"Nеtflix" mixes Latin and Cyrillic letters (Cyrillic е (U+0435))') }),
    ]);
  });

  it("warns of a new id one letter from one in the graph, with its name, and loads", async () => {
    const dir = tempDir();
    const extract = minimal("one-letter");
    extract.organizations.push({ id: "netfiix", name: "Netflix", kind: "COMPANY" });
    const result = await seed(graph, [writeExtract(dir, "netfiix.yaml", extract)]);
    expect(result.warnings).toEqual([
      expect.objectContaining({
        path: "organizations[1].id",
        message: 'warning: the new organisation "netfiix" is one letter from "netflix" in the graph, with the same name "Netflix": did you mean "netflix"? (if both are meant, ignore this)',
      }),
    ]);
    // loading the same file again: netfiix is in the graph now, no longer new
    expect((await seed(graph, [path.join(dir, "netfiix.yaml")])).warnings).toEqual([]);
  });

  it("does not warn of ids a digit apart (dated reports, numbered things) or of a known id", async () => {
    const dir = tempDir();
    const extract = minimal("two");
    extract.organizations.push({ id: "acme-three", name: "Acme three", kind: "COMPANY" }, { id: "netflix", name: "Netflix", kind: "COMPANY" });
    const result = await seed(graph, [writeExtract(dir, "numbered.yaml", extract)]);
    expect(result.warnings?.filter((w) => /one letter/.test(w.message))).toEqual([]);
  });

  it("'did you mean' offers an id the graph holds though no file refers to it", async () => {
    const dir = tempDir();
    const extract = minimal("did-you-mean");
    extract.statements[0].about.grantee = "spotfy";
    const issues = await expectRefused(graph, [writeExtract(dir, "misspelt.yaml", extract)]);
    expect(issues).toEqual([expect.objectContaining({ path: "statements[0].about.grantee", message: expect.stringContaining('unknown organisation "spotfy"') })]);
    expect(issues[0].message).toContain('(did you mean "spotify"?)');
  });
});
