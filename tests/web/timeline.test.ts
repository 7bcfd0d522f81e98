import path from "node:path";
import { graphql } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../src/config.ts";
import { comparePartialDates } from "../../src/domain/dates.ts";
import { seed } from "../../src/extract/load.ts";
import type { Graph } from "../../src/graph/graph.ts";
import { createContext } from "../../src/schema/context.ts";
import { claimgraphSchema } from "../../src/schema/index.ts";
import { cleanGraph } from "../support/graph.ts";

/** Organization.timeline on the seed article and on a fixture with dates at every precision. */
let graph: Graph;

beforeAll(async () => {
  graph = await cleanGraph();
  await seed(graph, [path.join(projectRoot(), "seeds"), path.join(import.meta.dirname, "fixtures", "timeline-dates.yaml")]);
});
afterAll(() => graph?.close());

async function run(source: string, variableValues: Record<string, unknown> = {}) {
  return graphql({ schema: await claimgraphSchema(), source, variableValues, contextValue: createContext(graph) });
}

async function timeline(id: string, args: { from?: string; to?: string; first?: number } = {}) {
  const result = await run(
    `query ($id: ID!, $from: String, $to: String, $first: Int) {
       organization(id: $id) { timeline(from: $from, to: $to, first: $first) {
         date kind summary statement { id } grant { id } report { id } documentsGrants { id } carriesStatements { id }
       } }
     }`,
    { id, ...args },
  );
  expect(result.errors).toBeUndefined();
  return (result.data as any).organization.timeline as any[];
}

const ref = (e: any) => e.statement?.id ?? e.grant?.id ?? e.report?.id;

describe("Organization.timeline", () => {
  it("orders partial dates by their first day, the more precise first, and leaves undated events out", async () => {
    const events = await timeline("datebook");
    expect(events.map((e) => [e.date, e.kind, ref(e)])).toEqual([
      ["2018", "STATEMENT_MADE", "datebook-said-2018"],
      ["2018-06", "GRANT_STARTED", "platform-x-datebook-labs"],
      ["2018-11-30", "STATEMENT_MADE", "datebook-said-2018-11-30"],
      // Same first day: the day, then the month; on one date, the report before the statement.
      ["2018-12-01", "REPORT_PUBLISHED", "datebook-blog-2018-12-01"],
      ["2018-12-01", "STATEMENT_MADE", "datebook-said-2018-12-01"],
      ["2018-12", "STATEMENT_MADE", "datebook-said-2018-12"],
      ["2019-01-15", "REPORT_PUBLISHED", "datebook-article"],
      ["2019-02-10", "GRANT_ENDED", "platform-x-datebook-labs"],
    ]);
    const dates = events.map((e) => e.date);
    expect(dates).toEqual([...dates].sort(comparePartialDates));
  });

  it("includes its group members' grants, and says what each report does for the organisation", async () => {
    const [article] = (await timeline("datebook")).filter((e) => ref(e) === "datebook-article");
    expect(article.documentsGrants).toEqual([{ id: "platform-x-datebook-labs" }]);
    expect(article.carriesStatements.map((s: any) => s.id).sort()).toEqual(["datebook-said-2018", "datebook-said-2018-11-30", "datebook-said-2018-12"]);
    expect(article.summary).toBe("“Datebook's year, an invented article for tests” published (documents 1 grant; carries 3 statements).");
    const start = (await timeline("datebook")).find((e) => e.kind === "GRANT_STARTED");
    expect(start.summary).toBe("Platform X's grant to Datebook Labs (read access to test data) starts.");
  });

  it("keeps events whose date overlaps [from, to] at any precision", async () => {
    const within = async (from?: string, to?: string) => (await timeline("datebook", { from, to })).map(ref);
    // "2018" overlaps December 2018; "2018-12" and its first day do too; November 30 does not.
    expect(await within("2018-12", "2018-12")).toEqual(["datebook-said-2018", "datebook-blog-2018-12-01", "datebook-said-2018-12-01", "datebook-said-2018-12"]);
    expect(await within("2018-12-02", "2018-12-31")).toEqual(["datebook-said-2018", "datebook-said-2018-12"]);
    expect(await within("2019")).toEqual(["datebook-article", "platform-x-datebook-labs"]);
    expect(await within(undefined, "2018-06-01")).toEqual(["datebook-said-2018", "platform-x-datebook-labs"]);
    expect((await timeline("datebook", { first: 2 })).map(ref)).toEqual(["datebook-said-2018", "platform-x-datebook-labs"]);
  });

  it("shows Netflix's side of the seed article: its statements, its reports and the article documenting its grant by name", async () => {
    const events = await timeline("netflix");
    // the article's headline names Netflix and the messages: it is the grant's evidence (issue 22)
    const article = events.find((e) => ref(e) === "facebook-partners-private-messages-2018-12-20");
    expect(article).toMatchObject({ date: "2018-12-20", kind: "REPORT_PUBLISHED" });
    expect(article.documentsGrants.map((g: { id: string }) => g.id)).toContain("facebook-netflix-private-messages");
    expect(article.summary).toContain("(documents");
    const tweet = events.find((e) => ref(e) === "netflix-never-asked-or-accessed-messages");
    expect(tweet.summary).toBe("Netflix said (tweet): “Netflix never asked for, or accessed, anyone's private messages”");
    // Microsoft's timeline holds Bing's instant personalisation ending in 2014 (Bing is part of Microsoft).
    expect((await timeline("microsoft")).map((e) => [e.date, e.kind, ref(e)])).toContainEqual(["2014", "GRANT_ENDED", "facebook-microsoft-instant-personalization"]);
  });

  it("costs one Cypher round trip for any number of organisations", async () => {
    const before = graph.roundTrips;
    const result = await run("{ organizations(first: 20) { edges { node { id timeline { date kind } } } } }");
    expect(result.errors).toBeUndefined();
    const organizations = (result.data as any).organizations.edges;
    expect(organizations.length).toBeGreaterThan(10);
    expect(organizations.filter((e: any) => e.node.timeline.length > 0).length).toBeGreaterThan(5);
    // One for the organisations, one for all their timelines.
    expect(graph.roundTrips - before).toBe(2);
  });

  it("rejects dates that are not ISO 8601, an inverted range and a page too large, naming the argument", async () => {
    for (const [args, argument] of [
      [{ from: "December 2018" }, "from"],
      [{ to: "2018-13" }, "to"],
      [{ from: "2019", to: "2018" }, "from"],
      [{ first: 501 }, "first"],
    ] as const) {
      const result = await run(`query ($from: String, $to: String, $first: Int) { organization(id: "datebook") { timeline(from: $from, to: $to, first: $first) { date } } }`, args);
      expect(result.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument });
    }
  });
});
