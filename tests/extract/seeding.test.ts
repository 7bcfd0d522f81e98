import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Graph } from "../../src/graph/graph.ts";
import { ExtractValidationError, graphStats, seed } from "../../src/extract/load.ts";
import { cleanGraph, resetGraph } from "../support/graph.ts";
import { ARTICLE_STATS, SEED_FILE, SEED_TEXT, article, minimal, snapshot, tempDir, writeExtract, writeText } from "./fixtures.ts";

/** Issue 3/4: the article loads with the expected counts, and loading again changes nothing. */

let graph: Graph;
let dir: string;

beforeAll(async () => {
  graph = await cleanGraph();
  dir = tempDir();
});
beforeEach(async () => {
  await resetGraph(graph);
  expect(await graphStats(graph)).toEqual({ nodes: {}, relationships: {} });
});
afterAll(async () => {
  await graph.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("seeding the article's extract", () => {
  it("loads the expected nodes and relationships", async () => {
    const result = await seed(graph, [SEED_FILE]);
    expect(result.files).toEqual([SEED_FILE]);
    expect(result.nodes).toBe(51);
    expect(await graphStats(graph)).toEqual(ARTICLE_STATS);
  });

  it("stores what the file says, traced back to the file", async () => {
    await seed(graph, [SEED_FILE]);
    const [grant] = await graph.read<Record<string, unknown>>(
      `MATCH (g:AccessGrant {id: 'facebook-apple-personal-data'})
       MATCH (g)-[:GRANTED_BY]->(by) MATCH (g)-[:GRANTED_TO]->(to)
       RETURN g.validTo AS validTo, g.openEnded AS openEnded, g.exemptFromPrivacyRules AS exempt,
              by.id AS grantor, to.id AS grantee, g.sourceExtracts AS sources`,
    );
    expect(grant).toEqual({ validTo: null, openEnded: true, exempt: true, grantor: "facebook", grantee: "apple", sources: [SEED_FILE] });
    const [statement] = await graph.read<Record<string, unknown>>(
      `MATCH (s:Statement {id: 'facebook-partners-dont-ignore-privacy-settings'})-[:MADE_BY]->(p:Person)
       MATCH (s)-[r:REPORTED_IN]->(report)
       RETURN s.quote AS quote, s.stance AS stance, p.id AS speaker, r.account AS reportQuote, report.id AS report`,
    );
    expect(statement).toEqual({
      quote: "don't get to ignore people's privacy settings",
      stance: "ASSURES_SAFEGUARD",
      speaker: "facebook-spokesperson",
      reportQuote: `He added that Facebook's partners "don't get to ignore people's privacy settings"`,
      report: "facebook-partners-private-messages-2018-12-20",
    });
    const partOf = await graph.read<{ from: string; to: string }>(
      "MATCH (a)-[:PART_OF]->(b) RETURN a.id AS from, b.id AS to ORDER BY from",
    );
    expect(partOf).toEqual([
      { from: "bing", to: "microsoft" },
      { from: "contacts", to: "personal-data" },
      { from: "friends-lists", to: "personal-data" },
      { from: "messages", to: "personal-data" },
      { from: "private-messages", to: "messages" },
    ]);
  });

  it("loads the same from JSON as from YAML", async () => {
    const json = writeText(dir, "article.json", JSON.stringify(article()));
    await seed(graph, [json]);
    expect(await graphStats(graph)).toEqual(ARTICLE_STATS);
  });
});

describe("idempotence", () => {
  it("seeding the same file twice gives identical counts and identical property values", async () => {
    await seed(graph, [SEED_FILE]);
    const stats = await graphStats(graph);
    const first = await snapshot(graph);
    await seed(graph, [SEED_FILE]);
    expect(await graphStats(graph)).toEqual(stats);
    expect(await snapshot(graph)).toEqual(first);
    expect(stats).toEqual(ARTICLE_STATS);
  });

  it("seeding a folder twice gives identical counts and property values", async () => {
    const folder = fs.mkdtempSync(path.join(dir, "folder-"));
    fs.copyFileSync(SEED_FILE, path.join(folder, path.basename(SEED_FILE)));
    fs.cpSync("seeds/sources", path.join(folder, "sources"), { recursive: true });
    await seed(graph, [folder]);
    const first = await snapshot(graph);
    await seed(graph, [folder]);
    expect(await snapshot(graph)).toEqual(first);
    expect(await graphStats(graph)).toEqual(ARTICLE_STATS);
  });

  it("two files stating the same nodes, seeded together, create each relationship once", async () => {
    const a = writeText(dir, "twin-a.yaml", SEED_TEXT);
    const b = writeText(dir, "twin-b.yaml", SEED_TEXT);
    await seed(graph, [a, b]);
    expect(await graphStats(graph)).toEqual(ARTICLE_STATS);
    const [row] = await graph.read<{ sources: string[] }>("MATCH (g:AccessGrant {id: 'facebook-netflix-private-messages'}) RETURN g.sourceExtracts AS sources");
    expect(row.sources).toEqual([a, b]);
    const first = await snapshot(graph);
    await seed(graph, [a, b]);
    expect(await snapshot(graph)).toEqual(first);
  });

  it("reloading an edited file replaces the relationships it states, without duplicates", async () => {
    const extract = article();
    const file = writeExtract(dir, "edited.yaml", extract);
    await seed(graph, [file]);
    extract.statements[0].about = { grantor: "facebook", grantee: ["netflix", "spotify"] };
    extract.grants[1].documentedIn.pop();
    writeExtract(dir, "edited.yaml", extract);
    await seed(graph, [file]);
    const stats = await graphStats(graph);
    expect(stats.nodes).toEqual(ARTICLE_STATS.nodes);
    expect(stats.relationships).toEqual({ ...ARTICLE_STATS.relationships, ABOUT: 44, DOCUMENTED_IN: 8 });
  });
});

describe("a second extract adding to the graph", () => {
  it("links a statement to a speaker the graph holds from another file", async () => {
    await seed(graph, [SEED_FILE]);
    const second = {
      format: 2,
      source: { id: "second-article-2019-01", title: "A later article", publishedAt: "2019-01-02" },
      statements: [
        {
          id: "facebook-spokesperson-later",
          form: "DIRECT",
          quote: "We take privacy seriously.",
          madeAt: "2019-01",
          speaker: "facebook-spokesperson", // a Person, defined only in the article's file
          onBehalfOf: "facebook",
          stance: "ASSURES_SAFEGUARD",
          about: { grantor: "facebook" },
          reportedIn: [{ report: "second-article-2019-01" }],
        },
        {
          id: "netflix-later",
          form: "DIRECT",
          quote: "We never asked.",
          madeAt: "2019-01",
          speaker: "netflix", // an Organization, defined only in the article's file
          stance: "DENIES_REQUEST",
          about: { grantee: "netflix" },
          reportedIn: [{ report: "second-article-2019-01" }],
        },
      ],
    };
    await seed(graph, [writeExtract(dir, "second.yaml", second)]);
    const rows = await graph.read<{ id: string; label: string; speaker: string }>(
      `MATCH (s:Statement)-[:MADE_BY]->(b) WHERE s.id IN ['facebook-spokesperson-later', 'netflix-later']
       RETURN s.id AS id, labels(b)[0] AS label, b.id AS speaker ORDER BY id`,
    );
    expect(rows).toEqual([
      { id: "facebook-spokesperson-later", label: "Person", speaker: "facebook-spokesperson" },
      { id: "netflix-later", label: "Organization", speaker: "netflix" },
    ]);
    const stats = await graphStats(graph);
    expect(stats.relationships.MADE_BY).toBe(ARTICLE_STATS.relationships.MADE_BY + 2);
  });

  it("stores a Cypher injection inside a quote verbatim, and it does nothing", async () => {
    await seed(graph, [SEED_FILE]);
    const quote = `x' }) MATCH (n) DETACH DELETE n // "; MATCH (m) DETACH DELETE m; \` } RETURN 1 /* \\u0027 $rows {id: 'a'}`;
    const paraphrase = "'); CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {}) //";
    const extract = {
      format: 2,
      source: { id: "injection-article", title: "'}) DETACH DELETE n //", publishedAt: "2019" },
      statements: [
        {
          id: "injection-statement",
          form: "DIRECT",
          quote,
          paraphrase,
          speaker: "facebook",
          stance: "CONTEXT",
          about: { grantor: "facebook" },
          reportedIn: [{ report: "injection-article", account: quote }],
        },
      ],
    };
    for (const file of [writeExtract(dir, "injection.yaml", extract), writeExtract(dir, "injection.json", extract)]) {
      await resetGraph(graph);
      await seed(graph, [SEED_FILE]);
      await seed(graph, [file]);
      const stats = await graphStats(graph);
      expect(stats).toEqual({
        nodes: { ...ARTICLE_STATS.nodes, Report: 7, Statement: 19 },
        relationships: { ...ARTICLE_STATS.relationships, ABOUT: 43, MADE_BY: 19, REPORTED_IN: 23 },
      });
      const [row] = await graph.read<{ quote: string; paraphrase: string; cited: string; title: string }>(
        `MATCH (s:Statement {id: 'injection-statement'})-[r:REPORTED_IN]->(report)
         RETURN s.quote AS quote, s.paraphrase AS paraphrase, r.account AS cited, report.title AS title`,
      );
      expect(row).toEqual({ quote, paraphrase, cited: quote, title: "'}) DETACH DELETE n //" });
    }
  });
});

describe("what a file no longer says", () => {
  /** Everything a load leaves: stated nodes and properties, counts, and the contradictions decided. */
  async function everything() {
    const contradictions = await graph.read("MATCH (s)-[c:CONTRADICTS]->(g) RETURN s.id AS s, g.id AS g, properties(c) AS c ORDER BY s, g");
    return { stats: await graphStats(graph), nodes: await snapshot(graph, ["firstLoadedAt"]), contradictions };
  }

  it("leaves the graph when the file is loaded again: the same graph as loading the edited file afresh", async () => {
    const extract = article();
    const file = writeExtract(dir, "shrinking.yaml", extract);
    await seed(graph, [file]);
    // Facebook's acknowledgement about Apple, Amazon and Yahoo (it corroborates Apple's contradiction,
    // which stays), and a grant no statement names.
    const admission = extract.statements.findIndex((s: any) => /did not consider any of those three companies/.test(s.reportedIn[0].account));
    expect(admission).toBeGreaterThanOrEqual(0);
    const [removedStatement] = extract.statements.splice(admission, 1);
    const named = new Set(extract.statements.flatMap((s: any) => s.about.grants ?? []));
    const grantIndex = extract.grants.findIndex((g: any) => !named.has(g.id));
    const [removedGrant] = extract.grants.splice(grantIndex, 1);
    const before = await everything();
    expect(JSON.stringify(before.contradictions)).toContain(removedStatement.id);
    writeExtract(dir, "shrinking.yaml", extract);
    const result = await seed(graph, [file]);
    expect(result.removed).toEqual({ deleted: 2, released: 0 });
    const reloaded = await everything();
    expect(reloaded.stats.nodes).toEqual({ ...ARTICLE_STATS.nodes, Statement: 17, AccessGrant: 6 });
    expect(JSON.stringify(reloaded)).not.toContain(`"${removedStatement.id}"`);
    expect(JSON.stringify(reloaded)).not.toContain(`"${removedGrant.id}"`);
    // Loading the edited file into an empty graph gives exactly the same.
    await resetGraph(graph);
    await seed(graph, [file]);
    expect(await everything()).toEqual(reloaded);
  });

  it("a node two files define stays until neither does", async () => {
    const shared = { id: "shared-co", name: "Shared Co", kind: "COMPANY" };
    const a = minimal("keep-a");
    const b = minimal("keep-b");
    a.organizations.push(shared);
    b.organizations.push(shared);
    const fa = writeExtract(dir, "keep-a.yaml", a);
    const fb = writeExtract(dir, "keep-b.yaml", b);
    await seed(graph, [SEED_FILE, fa, fb]);
    const sources = async () => (await graph.read<{ s: string[] }>("MATCH (o:Organization {id: 'shared-co'}) RETURN o.sourceExtracts AS s")).map((r) => r.s);
    expect(await sources()).toEqual([[fa, fb]]);
    a.organizations.pop();
    writeExtract(dir, "keep-a.yaml", a);
    expect((await seed(graph, [fa])).removed).toEqual({ deleted: 0, released: 1 });
    expect(await sources()).toEqual([[fb]]);
    b.organizations.pop();
    writeExtract(dir, "keep-b.yaml", b);
    expect((await seed(graph, [fb])).removed).toEqual({ deleted: 1, released: 0 });
    expect(await sources()).toEqual([]);
  });

  it("is not deleted from under another file that still refers to it: the load is refused, naming both, and nothing changes", async () => {
    const a = minimal("owner");
    a.organizations.push({ id: "owned-co", name: "Owned Co", kind: "COMPANY" });
    const b = minimal("user");
    b.statements[0].about = { grantee: "owned-co" };
    const fa = writeExtract(dir, "owner.yaml", a);
    const fb = writeExtract(dir, "user.yaml", b);
    await seed(graph, [SEED_FILE, fa, fb]);
    a.organizations.pop();
    writeExtract(dir, "owner.yaml", a);
    const before = await everything();
    const error = await seed(graph, [fa]).then(
      () => null,
      (e) => e,
    );
    expect(error).toBeInstanceOf(ExtractValidationError);
    expect(error.issues).toEqual([
      {
        file: fa,
        path: "",
        message: `organisation "owned-co" is no longer defined here and no other file defines it, but statement "${b.statements[0].id}" (from ${fb}) still refers to it (ABOUT); keep its definition or change those files in the same load`,
      },
    ]);
    expect(await everything()).toEqual(before);
    // Changing the other file in the same load is fine; a reference to the removed node is not.
    b.statements[0].about = { grantee: "facebook" };
    writeExtract(dir, "user.yaml", b);
    expect((await seed(graph, [fa, fb])).removed.deleted).toBe(1);
    expect(await graph.read("MATCH (o:Organization {id: 'owned-co'}) RETURN o")).toEqual([]);
  });
});
