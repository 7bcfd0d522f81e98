import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeGrant } from "../../src/domain/describeGrant.ts";
import { type ContradictionExport, fetchContradictions, fetchFindings } from "../../src/export/fetchContradictions.ts";
import { memoOf, toCsv } from "../../src/export/formats.ts";
import { memoToText } from "../../src/export/memoModel.ts";
import type { Graph } from "../../src/graph/graph.ts";
import { seedExtractObjects, seedObjects } from "../support/extracts.ts";
import { cleanGraph } from "../support/graph.ts";
import { scenarioExtracts } from "../scenarios/scenarios.ts";
import { csvObjects } from "./parseCsv.ts";

/**
 * Sentences no editor would print (issue 22, point 7), looked for in every explanation, memo
 * sentence, CSV cell and grant description of the seed, of the scenario suite, and of a story of
 * the shapes they were seen on: a description capitalised mid-sentence ("quoting An Amazon
 * spokesman"), a possessive after a parenthesis ("A Bellmore spokesperson (Bellmore Wireless)'s
 * words"), a company's own words said not to be its own ("ACME's words, not ACME's"), an
 * institution without its article ("According to US Senate Commerce subcommittee"), a date in
 * digits where the sentence gives dates in words ("ended by 2018-03"), a raw slug
 * ("messaging-features"), and a company's collection from its own users called "exempt from the
 * usual privacy rules".
 */

/** Another story, fictional, of the shapes the defects were seen on: an institution's report, a self-collection flagged exempt, a claimed end. */
const otherStory = {
  format: 2,
  source: { id: "wording-hearing", title: "Hearing on location data", publisher: "senate-subcommittee", publishedAt: "2019-02-12", kind: "TESTIMONY" },
  organizations: [
    { id: "senate-subcommittee", name: "US Senate Commerce subcommittee", kind: "GOVERNMENT" },
    { id: "shopco", name: "ShopCo", kind: "COMPANY" },
    { id: "mapco", name: "MapCo", kind: "COMPANY" },
  ],
  people: [{ id: "shopco-spokesman", description: "a ShopCo spokesman", anonymous: true, speaksFor: "shopco", role: "SPOKESPERSON" }],
  reports: [],
  dataCategories: [{ id: "wording-location", name: "location data" }],
  grants: [
    {
      id: "shopco-collects-location",
      grantee: "shopco",
      data: ["wording-location"],
      validFrom: "2017-01",
      validTo: null,
      exemptFromPrivacyRules: true,
      purpose: "delivery-tracking",
      documentedIn: [{ report: "wording-hearing", quote: "ShopCo collects the location data of its own customers." }],
    },
    {
      id: "shopco-mapco-location",
      grantor: "shopco",
      grantee: "mapco",
      data: ["wording-location"],
      validFrom: "2017-06",
      validTo: null,
      exemptFromPrivacyRules: true,
      purpose: "map-improvement",
      documentedIn: [{ report: "wording-hearing", quote: "ShopCo gave MapCo its customers' location data." }],
    },
  ],
  statements: [
    {
      id: "shopco-location-private",
      form: "MIXED",
      quote: "stays private",
      madeAt: "2019-01",
      speaker: "shopco-spokesman",
      onBehalfOf: "shopco",
      stance: "ASSURES_SAFEGUARD",
      about: { grantee: "shopco", data: ["wording-location"] },
      reportedIn: [{ report: "wording-hearing", account: 'A ShopCo spokesman told the subcommittee that location data "stays private".' }],
    },
    {
      id: "mapco-access-ended",
      form: "REPORTED",
      madeAt: "2019-01",
      speaker: "mapco",
      onBehalfOf: "mapco",
      stance: "CLAIMS_ENDED",
      about: { grantor: "shopco", grantee: "mapco", data: ["wording-location"], period: { to: "2018-03" } },
      reportedIn: [{ report: "wording-hearing", account: "MapCo said its access to ShopCo's location data ended in March 2018." }],
    },
  ],
};

let graph: Graph;
let data: ContradictionExport;
/** Every text to read: explanations, the memo's sentences, the CSV's cells, the grants described. */
let texts: { where: string; text: string }[];

beforeAll(async () => {
  graph = await cleanGraph();
  await seedObjects(graph, [...seedExtractObjects(), ...scenarioExtracts(), otherStory]);
  data = await fetchContradictions(graph, {});
  const memo = memoToText(memoOf(data));
  // By statement, the exports' default: its memo and its CSV's prose columns too.
  const findings = await fetchFindings(graph, {});
  const grouped = memoToText(memoOf(findings));
  texts = [
    ...grouped.split("\n").map((line, i) => ({ where: `memo by statement line ${i + 1}`, text: line })),
    ...csvObjects(toCsv(findings)).flatMap((row) =>
      ["grants", "explanations", "documented_quotes", "evidence", "statement_reported_in"].flatMap((column) =>
        row[column].split("\n").map((text) => ({ where: `CSV by statement ${row.finding_id} ${column}`, text })),
      ),
    ),
    ...data.contradictions.map((c) => ({ where: `explanation of ${c.id}`, text: c.explanation })),
    ...memo.split("\n").map((line, i) => ({ where: `memo line ${i + 1}`, text: line })),
    // The CSV's prose columns (the others hold ISO dates, ids and slugs, as data).
    ...csvObjects(toCsv(data)).flatMap((row) =>
      ["explanation", "documented_quotes", "evidence", "statement_reported_in"].map((column) => ({ where: `CSV ${row.id} ${column}`, text: row[column] })),
    ),
    ...data.contradictions.map((c) => ({ where: `grant of ${c.id}`, text: describeGrant(c.grant) })),
  ];
}, 600_000);
afterAll(() => graph?.close());

/** The text with what is quoted (the sources' own words, titles) blanked: only generated prose is judged. */
const prose = (text: string) => text.replace(/“[^”]*”/g, "“…”");
const found = (pattern: RegExp) => texts.filter((t) => pattern.test(prose(t.text))).map((t) => `${t.where}: ${t.text}`);

describe("generated sentences an editor would print", () => {
  it("reads a story of every shape: the institution's report, the self-collection, the claimed end", () => {
    const ids = data.contradictions.map((c) => c.id);
    expect(ids).toContain("mapco-access-ended~shopco-mapco-location");
    expect(ids).toContain("shopco-location-private~shopco-collects-location");
    expect(data.contradictions.length).toBeGreaterThan(20);
  });

  it("no description capitalised mid-sentence, no possessive after a parenthesis", () => {
    expect(found(/[a-z,;] (A|An) [A-Za-z]/)).toEqual([]);
    expect(found(/\)'s\b/)).toEqual([]);
  });

  it("a company's own words are never said not to be its own", () => {
    expect(found(/\b([A-Z][\w&.]*(?: [A-Z][\w&.]*)*)'s words, not \1's\b/)).toEqual([]);
    expect(found(/in the words of (?:the )?([^,:]+?), not (?:the )?\1's/i)).toEqual([]);
  });

  it("an institution with its article", () => {
    expect(found(/(^|[^e] )US Senate Commerce subcommittee/)).toEqual([]);
    expect(texts.some((t) => /\b[Tt]he US Senate Commerce subcommittee\b/.test(t.text))).toBe(true);
  });

  it("dates in words, slugs in words", () => {
    expect(found(/\b\d{4}-\d{2}(-\d{2})?\b/)).toEqual([]);
    expect(found(/\b(delivery-tracking|map-improvement|messaging-features)\b/)).toEqual([]);
    const ended = data.contradictions.find((c) => c.id === "mapco-access-ended~shopco-mapco-location")!;
    expect(ended.explanation).toContain("ended by March 2018");
  });

  it("a company's collection from its own users is never called exempt from the usual privacy rules", () => {
    const selfCollected = data.contradictions.filter((c) => !c.grant.grantor || c.grant.grantor.id === c.grant.grantee?.id);
    expect(selfCollected.some((c) => c.grant.exemptFromPrivacyRules)).toBe(true);
    for (const c of selfCollected) {
      expect(c.explanation, c.id).not.toContain("exempt from");
      expect(describeGrant(c.grant), c.id).not.toContain("exempt from");
    }
    // Access given to another party still says so.
    const given = data.contradictions.find((c) => c.grant.id === "shopco-mapco-location")!;
    expect(given.grant.exemptFromPrivacyRules).toBe(true);
    expect(describeGrant(given.grant)).toContain("exempt from the usual privacy rules");
  });
});
