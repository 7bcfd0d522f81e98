import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "../../src/graph/graph.ts";
import { ExtractValidationError, graphStats, readAndValidate, seed } from "../../src/extract/load.ts";
import { type ExtractIssue, formatIssue, parseExtractText } from "../../src/extract/parse.ts";
import { dataCategorySchema, grantSchema, organizationSchema, personSchema, reportSchema, sourceSchema, statementSchema } from "../../src/extract/format.ts";
import { cleanGraph } from "../support/graph.ts";
import {
  ARTICLE_STATS,
  SEED_FILE,
  SEED_TEXT,
  article,
  expectRefused,
  minimal,
  tempDir,
  writeExtract,
  writeText,
} from "./fixtures.ts";

/**
 * Issue 3: every kind of broken extract is refused with a message naming the file and the path, and
 * the database (which already holds the article) is left exactly as it was.
 */

const INJECTION = "x' }) DETACH DELETE n //";

let graph: Graph;
let dir: string;

beforeAll(async () => {
  graph = await cleanGraph();
  await seed(graph, [SEED_FILE]);
  expect(await graphStats(graph)).toEqual(ARTICLE_STATS);
  dir = tempDir();
});
afterAll(async () => {
  await graph.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The one issue at `file` + `issuePath`, whose printed form names both. */
function issueAt(issues: ExtractIssue[], file: string, issuePath: string): ExtractIssue {
  const found = issues.filter((issue) => issue.file === file && issue.path === issuePath);
  expect(found, `an issue at ${file}: ${issuePath} among ${JSON.stringify(issues, null, 1)}`).toHaveLength(1);
  const printed = formatIssue(found[0]);
  expect(printed).toContain(file);
  expect(printed).toContain(issuePath);
  return found[0];
}

let counter = 0;
const fresh = (ext = "yaml") => `extract-${++counter}.${ext}`;

describe("a valid extract", () => {
  it("is accepted (so the refusals below are about what each test breaks)", async () => {
    const parsed = await readAndValidate(graph, [writeExtract(dir, fresh(), article())]);
    expect(parsed).toHaveLength(1);
    const json = await readAndValidate(graph, [writeExtract(dir, fresh("json"), minimal("valid"))]);
    expect(json[0].extract.statements[0].id).toBe("acme-valid-denial");
  });
});

describe("broken extracts are refused with file and path; the database is unchanged", () => {
  it("bad YAML syntax", async () => {
    const file = writeText(dir, fresh(), SEED_TEXT.replace("authors: [muriel-colon]", "authors: [muriel-colon"));
    const issues = await expectRefused(graph, [file]);
    expect(issues.every((issue) => issue.file === file)).toBe(true);
    expect(issues[0].path).toMatch(/^line \d+, column \d+$/);
    expect(issues[0].message).toMatch(/^invalid YAML: /);
  });

  it("duplicate keys in a YAML mapping", async () => {
    const text = SEED_TEXT.replace('  publishedAt: "2018-12-20"\n', '  publishedAt: "2018-12-20"\n  publishedAt: "2018-12-21"\n');
    const line = text.split("\n").indexOf('  publishedAt: "2018-12-21"') + 1;
    const file = writeText(dir, fresh(), text);
    const issues = await expectRefused(graph, [file]);
    expect(issues).toEqual([{ file, path: `line ${line}, column 3`, message: expect.stringMatching(/invalid YAML: .*unique/i) }]);
  });

  it("a YAML alias to no anchor, and an alias bomb, are refused rather than thrown", async () => {
    const dangling = writeText(dir, fresh(), SEED_TEXT.replace("authors: [muriel-colon]", "authors: *authors"));
    expect(await expectRefused(graph, [dangling])).toEqual([
      { file: dangling, path: "", message: expect.stringMatching(/^invalid YAML: Unresolved alias.*authors/) },
    ]);
    let bomb = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (const [name, previous] of ["ba", "cb", "dc", "ed", "fe", "gf", "hg", "ih"]) bomb += `${name}: &${name} [${Array(10).fill(`*${previous}`).join(", ")}]\n`;
    const bombFile = writeText(dir, fresh(), bomb);
    expect(await expectRefused(graph, [bombFile])).toEqual([
      { file: bombFile, path: "", message: expect.stringMatching(/^invalid YAML: .*alias/i) },
    ]);
  });

  it("bad JSON syntax, located by line and column", async () => {
    const valid = JSON.stringify(article(), null, 2);
    const text = valid.replace('"publishedAt": "2018-12-20",', '"publishedAt": "2018-12-20"');
    expect(text).not.toBe(valid);
    const file = writeText(dir, fresh("json"), text);
    const issues = await expectRefused(graph, [file]);
    // The parser stumbles on the key after the missing comma, at the start of the next line's text.
    const line = text.split("\n").findIndex((l) => l.includes('"publishedAt": "2018-12-20"')) + 2;
    const column = text.split("\n")[line - 1].indexOf('"') + 1;
    expect(issues).toEqual([{ file, path: `line ${line}, column ${column}`, message: expect.stringMatching(/^invalid JSON: /) }]);
  });

  it("a JSON file with a byte-order mark is read like any other", async () => {
    const file = writeText(dir, fresh("json"), `\uFEFF${JSON.stringify(minimal("bom"))}`);
    expect(await readAndValidate(graph, [file])).toHaveLength(1);
  });

  it("an unknown reference", async () => {
    const extract = article();
    extract.statements[3].about.grantee = "nobody-corp";
    const file = writeExtract(dir, fresh(), extract);
    const issue = issueAt(await expectRefused(graph, [file]), file, "statements[3].about.grantee");
    expect(issue.message).toMatch(/unknown organisation "nobody-corp"/);
  });

  it("a reference to an id of the wrong kind", async () => {
    const extract = minimal("kind");
    extract.statements[0].about.data = ["netflix"];
    const file = writeExtract(dir, fresh(), extract);
    const issue = issueAt(await expectRefused(graph, [file]), file, "statements[0].about.data[0]");
    expect(issue.message).toMatch(/unknown data category "netflix".*organisation/);
  });

  it("an impossible date (2018-02-30)", async () => {
    const extract = article();
    extract.reports[0].publishedAt = "2018-02-30";
    extract.grants[5].validTo = "2014-13";
    const file = writeExtract(dir, fresh(), extract);
    const issues = await expectRefused(graph, [file]);
    expect(issueAt(issues, file, "reports[0].publishedAt").message).toMatch(/does not exist/);
    expect(issueAt(issues, file, "grants[5].validTo").message).toMatch(/does not exist/);
  });

  it("a date that is not ISO 8601", async () => {
    const extract = minimal("date");
    extract.statements[0].madeAt = "15/01/2019";
    const file = writeExtract(dir, fresh(), extract);
    expect(issueAt(await expectRefused(graph, [file]), file, "statements[0].madeAt").message).toMatch(/ISO 8601/);
  });

  it("a missing quote", async () => {
    const extract = article();
    delete extract.statements[0].quote;
    const file = writeExtract(dir, fresh(), extract);
    expect(issueAt(await expectRefused(graph, [file]), file, "statements[0].quote").message).toMatch(/^required for a MIXED statement/);
  });

  it("an empty quote, and one of blanks only", async () => {
    const extract = article();
    extract.statements[5].quote = "";
    extract.grants[0].documentedIn[0].quote = "   \n ";
    const file = writeExtract(dir, fresh(), extract);
    const issues = await expectRefused(graph, [file]);
    expect(issueAt(issues, file, "statements[5].quote").message).toMatch(/must not be empty/);
    expect(issueAt(issues, file, "grants[0].documentedIn[0].quote").message).toMatch(/must not be empty/);
  });

  it("a duplicate id within a file", async () => {
    const extract = article();
    extract.organizations[2].id = "netflix";
    const file = writeExtract(dir, fresh(), extract);
    const issue = issueAt(await expectRefused(graph, [file]), file, "organizations[2].id");
    expect(issue.message).toMatch(/duplicate id "netflix", already used at organizations\[1\]/);
  });

  it("a duplicate id across kinds within a file", async () => {
    const extract = minimal("dupkind");
    extract.statements[0].id = "acme-dupkind";
    const file = writeExtract(dir, fresh(), extract);
    expect(issueAt(await expectRefused(graph, [file]), file, "statements[0].id").message).toMatch(/duplicate id/);
  });

  it("an unknown stance", async () => {
    const extract = article();
    extract.statements[4].stance = "DENIES_EVERYTHING";
    const file = writeExtract(dir, fresh(), extract);
    const issue = issueAt(await expectRefused(graph, [file]), file, "statements[4].stance");
    expect(issue.message).toMatch(/must be one of .*DENIES_ACCESS/);
  });

  it("a 5 MB quote: refused at its path, and a file over 2 MB is refused before it is parsed", async () => {
    const extract = article();
    extract.statements[3].quote = "x".repeat(5 * 1024 * 1024);
    // The text check names the path.
    const { extract: parsed, issues } = parseExtractText("five-mb.yaml", JSON.stringify(extract));
    expect(parsed).toBeUndefined();
    expect(issues).toEqual([{ file: "five-mb.yaml", path: "statements[3].quote", message: expect.stringMatching(/at most 4,000 characters/) }]);
    // As a file it is over 2 MB: refused by size, naming the file.
    const file = writeExtract(dir, fresh(), extract);
    expect(fs.statSync(file).size).toBeGreaterThan(5 * 1024 * 1024);
    const refused = await expectRefused(graph, [file]);
    expect(refused).toEqual([{ file, path: "", message: expect.stringMatching(/5\.0 MB.*at most 2 MB/) }]);
    // A quote just over the limit in a small file is refused at its path.
    extract.statements[3].quote = "y".repeat(4001);
    const small = writeExtract(dir, fresh(), extract);
    expect(issueAt(await expectRefused(graph, [small]), small, "statements[3].quote").message).toMatch(/at most 4,000/);
  });

  it("a file just over 2 MB, even of harmless notes", async () => {
    const file = writeText(dir, fresh(), `${SEED_TEXT}\n# ${"padding ".repeat(270_000)}\n`);
    expect(fs.statSync(file).size).toBeGreaterThan(2 * 1024 * 1024);
    expect(await expectRefused(graph, [file])).toEqual([{ file, path: "", message: expect.stringMatching(/at most 2 MB/) }]);
  });

  it("an injection string as an id, and as a reference", async () => {
    const extract = article();
    extract.organizations[1].id = INJECTION;
    extract.statements[0].speaker = INJECTION;
    const file = writeExtract(dir, fresh(), extract);
    const issues = await expectRefused(graph, [file]);
    expect(issueAt(issues, file, "organizations[1].id").message).toMatch(/lowercase slug/);
    expect(issueAt(issues, file, "statements[0].speaker").message).toMatch(/lowercase slug/);
    const json = writeExtract(dir, fresh("json"), { ...minimal("inj"), source: { ...minimal("inj").source, id: INJECTION } });
    issueAt(await expectRefused(graph, [json]), json, "source.id");
    expect(await graphStats(graph)).toEqual(ARTICLE_STATS);
  });

  it("an unknown key (a typo)", async () => {
    const extract = article();
    extract.statements[5].qoute = extract.statements[5].quote;
    delete extract.statements[5].quote;
    extract.grants[1].capabilites = ["READ"];
    const file = writeExtract(dir, fresh(), extract);
    const issues = await expectRefused(graph, [file]);
    expect(issueAt(issues, file, "statements[5]").message).toMatch(/^unknown key: qoute\b/);
    expect(issueAt(issues, file, "grants[1]").message).toBe('unknown key: capabilites (did you mean "capabilities"?)');
  });

  it("a period that ends before it starts", async () => {
    const extract = article();
    extract.grants[5].validFrom = "2015-03";
    extract.statements[12].about.period = { from: "2014-06", to: "2014-01-31" };
    const file = writeExtract(dir, fresh(), extract);
    const issues = await expectRefused(graph, [file]);
    expect(issueAt(issues, file, "grants[5].validTo").message).toMatch(/ends \(2014\) before it starts \(2015-03\)/);
    expect(issueAt(issues, file, "statements[12].about.period.to").message).toMatch(/ends .* before it starts/);
  });

  it("a period of partial dates that overlap is not reversed", async () => {
    const extract = minimal("overlap");
    extract.statements[0].about.period = { from: "2018-12-05", to: "2018-12" };
    expect(await readAndValidate(graph, [writeExtract(dir, fresh(), extract)])).toHaveLength(1);
  });

  it("a statement whose about names nothing", async () => {
    const extract = article();
    extract.statements[0].about = {};
    extract.statements[16].about = { except: ["apple", "amazon"], period: { to: "2018-12" } };
    const file = writeExtract(dir, fresh(), extract);
    const issues = await expectRefused(graph, [file]);
    expect(issueAt(issues, file, "statements[0].about").message).toMatch(/names at least one/);
    expect(issueAt(issues, file, "statements[16].about").message).toMatch(/names at least one/);
  });

  it("a partOf cycle, among data categories and among organisations", async () => {
    const extract = article();
    extract.dataCategories[0].partOf = "private-messages"; // personal-data ⊂ private-messages ⊂ messages ⊂ personal-data
    extract.organizations[6].partOf = "bing"; // microsoft ⊂ bing ⊂ microsoft
    const file = writeExtract(dir, fresh(), extract);
    const issues = await expectRefused(graph, [file]);
    const cycles = issues.filter((issue) => /cycle/.test(issue.message));
    expect(cycles).toHaveLength(2);
    expect(cycles.map((issue) => issue.path).sort()).toEqual(["dataCategories[0].partOf", "organizations[6].partOf"]);
    expect(cycles.every((issue) => issue.file === file)).toBe(true);
  });

  it("a partOf cycle split across two files", async () => {
    const a = minimal("cycle-a");
    a.organizations.push({ id: "holding-a", name: "Holding A", kind: "COMPANY", partOf: "holding-b" });
    const b = minimal("cycle-b");
    b.organizations.push({ id: "holding-b", name: "Holding B", kind: "COMPANY", partOf: "holding-a" });
    const fa = writeExtract(dir, fresh(), a);
    const fb = writeExtract(dir, fresh(), b);
    const issues = await expectRefused(graph, [fa, fb]);
    expect(issues).toHaveLength(1);
    expect(issues[0].message).toMatch(/cycle: holding-a → holding-b → holding-a/);
  });

  it("a partOf cycle closed through links already in the graph", async () => {
    const a = minimal("group-a");
    a.organizations.push({ id: "group-top", name: "Top", kind: "COMPANY" }, { id: "group-mid", name: "Mid", kind: "COMPANY", partOf: "group-top" });
    const b = minimal("group-b");
    b.organizations.push({ id: "group-leaf", name: "Leaf", kind: "COMPANY", partOf: "group-mid" });
    const fa = writeExtract(dir, fresh(), a);
    const fb = writeExtract(dir, fresh(), b);
    await seed(graph, [fa]);
    await seed(graph, [fb]);
    // The file that states the top now puts it under the leaf: top → leaf → mid → top.
    a.organizations[a.organizations.length - 2].partOf = "group-leaf";
    fs.writeFileSync(fa, JSON.stringify(a));
    const before = await graphStats(graph);
    const issues = await expectRefused(graph, [fa]);
    expect(issues).toEqual([
      {
        file: fa,
        path: `organizations[${a.organizations.length - 2}].partOf`,
        message: "partOf makes a cycle: group-top → group-leaf → group-mid → group-top (group-leaf → group-mid already in the graph)",
      },
    ]);
    expect(await graphStats(graph)).toEqual(before);
    // Not vacuous: under another organisation it loads.
    a.organizations[a.organizations.length - 2].partOf = "netflix";
    fs.writeFileSync(fa, JSON.stringify(a));
    await seed(graph, [fa]);
    await graph.write("MATCH (n) WHERE any(f IN n.sourceExtracts WHERE f IN $files) DETACH DELETE n", { files: [fa, fb] });
    expect(await graphStats(graph)).toEqual(ARTICLE_STATS);
  });

  it("all problems in one run: a file failing the schema and another's own problems, without flagging references to the first", async () => {
    const broken = minimal("broken");
    broken.statements[0].stance = "NOT_A_STANCE";
    const other = minimal("other");
    other.statements[0].about = { grantee: [`acme-broken`, "nobody-at-all"] };
    const fb = writeExtract(dir, fresh(), broken);
    const fo = writeExtract(dir, fresh(), other);
    const issues = await expectRefused(graph, [fb, fo]);
    expect(issues).toEqual([
      { file: fb, path: "statements[0].stance", message: expect.stringMatching(/must be one of/) },
      { file: fo, path: "statements[0].about.grantee[1]", message: expect.stringMatching(/^unknown organisation "nobody-at-all"/) },
    ]);
  });

  it("schema and reference problems of one file in one run: a missing field and an unknown reference, even in the same statement", async () => {
    const extract = minimal("both");
    delete extract.statements[0].stance;
    extract.statements[0].about.grantee = "acme-bothh";
    extract.statements[0].madeAt = "15/01/2019";
    extract.statements[0].about.data = ["private-mesages", 42];
    extract.organizations.push({ id: "acme-both-child", name: "Acme child", kind: "COMPANY", partOf: "nobody-parent" });
    const file = writeExtract(dir, fresh(), extract);
    const issues = await expectRefused(graph, [file]);
    expect(issueAt(issues, file, "statements[0].stance").message).toMatch(/^required: one of DENIES_ACCESS, /);
    expect(issueAt(issues, file, "statements[0].madeAt").message).toMatch(/ISO 8601/);
    expect(issueAt(issues, file, "statements[0].about.data[1]").message).not.toMatch(/unknown/);
    // The references, in the same run, with the closest of this file's own well-formed ids.
    expect(issueAt(issues, file, "statements[0].about.grantee").message).toBe('unknown organisation "acme-bothh": not defined in this file, the other files given, or the graph (did you mean "acme-both"?)');
    expect(issueAt(issues, file, "statements[0].about.data[0]").message).toMatch(/^unknown data category "private-mesages"/);
    expect(issueAt(issues, file, "organizations[1].partOf").message).toMatch(/^unknown organisation "nobody-parent"/);
    // The well-formed references are not reported, nor a refused value as a reference.
    expect(issues.map((issue) => issue.path).sort()).toEqual([
      "organizations[1].partOf",
      "statements[0].about.data[0]",
      "statements[0].about.data[1]",
      "statements[0].about.grantee",
      "statements[0].madeAt",
      "statements[0].stance",
    ]);
  });

  it("a malformed reference is a schema problem only, and a file unreadable as YAML still stops the reference checks", async () => {
    const extract = minimal("malformed");
    extract.statements[0].speaker = "Not An Id";
    extract.statements[0].about.grantee = "nobody-malformed";
    const file = writeExtract(dir, fresh(), extract);
    const issues = await expectRefused(graph, [file]);
    expect(issues.filter((issue) => issue.path === "statements[0].speaker")).toHaveLength(1);
    expect(issues.find((issue) => issue.path === "statements[0].speaker")!.message).not.toMatch(/unknown/);
    expect(issueAt(issues, file, "statements[0].about.grantee").message).toMatch(/^unknown organisation "nobody-malformed"/);
    const unreadable = writeText(dir, fresh(), "format: 2\nsource: [unclosed\n");
    const other = minimal("beside-unreadable");
    other.statements[0].about.grantee = "nobody-beside";
    const fo = writeExtract(dir, fresh(), other);
    expect((await expectRefused(graph, [unreadable, fo])).every((issue) => issue.file === unreadable)).toBe(true);
  });

  it("a folder holding one good and one bad file writes nothing", async () => {
    const folder = fs.mkdtempSync(path.join(dir, "folder-"));
    const good = writeExtract(folder, "a-good.yaml", minimal("good"));
    const badExtract = minimal("bad");
    badExtract.statements[0].stance = "NOT_A_STANCE";
    const bad = writeExtract(folder, "b-bad.json", badExtract);
    const issues = await expectRefused(graph, [folder]);
    expect(issues).toEqual([{ file: bad, path: "statements[0].stance", message: expect.stringMatching(/must be one of/) }]);
    // Not vacuous: the good file alone does load.
    await seed(graph, [good]);
    expect((await graphStats(graph)).nodes.Statement).toBe(ARTICLE_STATS.nodes.Statement + 1);
    await graph.write("MATCH (n) WHERE any(f IN n.sourceExtracts WHERE f = $good) DETACH DELETE n", { good });
    expect(await graphStats(graph)).toEqual(ARTICLE_STATS);
  });

  it("a good file written after a bad one in the same call is not written either", async () => {
    const bad = minimal("bad2");
    bad.statements[0].about.grantee = "nobody-at-all";
    const issues = await expectRefused(graph, [writeExtract(dir, fresh(), bad), writeExtract(dir, fresh(), minimal("good2"))]);
    expect(issues).toHaveLength(1);
  });

  it("the same id with conflicting facts in two files names both files", async () => {
    const a = minimal("conflict-a");
    a.organizations.push({ id: "globex", name: "Globex", kind: "COMPANY" });
    const b = minimal("conflict-b");
    b.organizations.push({ id: "globex", name: "Globex Corporation", kind: "COMPANY" });
    const fa = writeExtract(dir, fresh(), a);
    const fb = writeExtract(dir, fresh("json"), b);
    const issues = await expectRefused(graph, [fa, fb]);
    expect(issues).toHaveLength(1);
    const issue = issueAt(issues, fb, "organizations[1]");
    expect(issue.message).toContain(fa);
    expect(issue.message).toMatch(/name: "Globex" there, "Globex Corporation" here/);
    // The same facts in both files (aliases may differ) are fine.
    b.organizations[1] = { id: "globex", name: "Globex", kind: "COMPANY", aliases: ["Globex Inc."] };
    expect(await readAndValidate(graph, [fa, writeExtract(dir, fresh(), b)])).toHaveLength(2);
  });

  it("the same id with facts conflicting with what the graph holds from another file names that file", async () => {
    const extract = minimal("against-graph");
    extract.organizations.push({ id: "netflix", name: "Netflix", kind: "MEDIA" });
    const file = writeExtract(dir, fresh(), extract);
    const issue = issueAt(await expectRefused(graph, [file]), file, "organizations[1]");
    expect(issue.message).toContain(SEED_FILE);
    expect(issue.message).toMatch(/already in the graph/);
    expect(issue.message).toMatch(/kind: "COMPANY" there, "MEDIA" here/);
  });

  it("an id the graph holds as another kind of thing", async () => {
    const extract = minimal("kind-graph");
    extract.people = [{ id: "netflix", name: "Net Flix" }];
    const file = writeExtract(dir, fresh(), extract);
    const issue = issueAt(await expectRefused(graph, [file]), file, "people[0].id");
    expect(issue.message).toMatch(/person here but the graph already holds it as an organisation/);
    expect(issue.message).toContain(SEED_FILE);
  });

  it("an id defined as two kinds of thing in two files", async () => {
    const a = minimal("twokinds-a");
    a.organizations.push({ id: "initech", name: "Initech", kind: "COMPANY" });
    const b = minimal("twokinds-b");
    b.people = [{ id: "initech", name: "Bill Lumbergh" }];
    b.statements[0].speaker = "initech";
    const fa = writeExtract(dir, fresh(), a);
    const fb = writeExtract(dir, fresh(), b);
    const issue = issueAt(await expectRefused(graph, [fa, fb]), fb, "people[0].id");
    expect(issue.message).toContain(fa);
  });

  it("a missing file or an empty folder", async () => {
    const missing = path.join(dir, "does-not-exist.yaml");
    expect(await expectRefused(graph, [missing])).toEqual([{ file: missing, path: "", message: "no such file or folder" }]);
    const empty = fs.mkdtempSync(path.join(dir, "empty-"));
    expect(await expectRefused(graph, [empty])).toEqual([{ file: empty, path: "", message: expect.stringMatching(/no extract files/) }]);
  });
});

describe("all errors of a file come at once", () => {
  it("three schema problems yield three issues", async () => {
    const extract = minimal("three-schema");
    extract.source.publishedAt = "2019-02-29";
    extract.statements[0].stance = "SHRUGS";
    extract.organizations[0].kindd = "COMPANY";
    const file = writeExtract(dir, fresh(), extract);
    const issues = await expectRefused(graph, [file]);
    expect(issues.map((issue) => issue.path).sort()).toEqual(["organizations[0]", "source.publishedAt", "statements[0].stance"]);
  });

  it("three reference and meaning problems yield three issues", async () => {
    const extract = minimal("three-refs");
    extract.statements[0].onBehalfOf = "nobody-one";
    extract.statements[0].reportedIn[0].report = "nobody-two";
    extract.statements[0].about.period = { from: "2019-01-10", to: "2019-01-09" };
    const file = writeExtract(dir, fresh(), extract);
    const issues = await expectRefused(graph, [file]);
    expect(issues.map((issue) => issue.path).sort()).toEqual([
      "statements[0].about.period.to",
      "statements[0].onBehalfOf",
      "statements[0].reportedIn[0].report",
    ]);
  });

  it("problems of several files are all reported", async () => {
    const one = minimal("several-one");
    one.statements[0].stance = "NOPE";
    const two = minimal("several-two");
    two.statements[0].quote = "";
    const f1 = writeExtract(dir, fresh(), one);
    const f2 = writeExtract(dir, fresh("json"), two);
    const issues = await expectRefused(graph, [f1, f2]);
    expect(issues.map((issue) => [issue.file, issue.path])).toEqual([
      [f1, "statements[0].stance"],
      [f2, "statements[0].quote"],
    ]);
  });

  it("the error says how many problems there were and that nothing was written", async () => {
    const extract = minimal("message");
    extract.statements[0].stance = "NOPE";
    extract.statements[0].quote = "";
    const error = await seed(graph, [writeExtract(dir, fresh(), extract)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExtractValidationError);
    expect((error as Error).message).toBe("2 problems in the extracts; nothing was written.");
  });
});

describe("stored facts", () => {
  it("list a definition's keys in the order they were always stored in", () => {
    // The graph keeps each node's facts as text, compared with the facts of the file loaded again: a
    // change of key order would make every node read as changed. Keys are sorted by code unit; they
    // were sorted by localeCompare, which agrees as long as no two keys differ only in case.
    const schemas = [sourceSchema, organizationSchema, personSchema, reportSchema, dataCategorySchema, grantSchema, statementSchema];
    for (const schema of schemas) {
      const keys = Object.keys(schema.shape);
      expect(keys.length).toBeGreaterThan(2);
      expect([...keys].sort()).toEqual([...keys].sort((a, b) => a.localeCompare(b)));
    }
  });
});
