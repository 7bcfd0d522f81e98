import { beforeAll, describe, expect, it } from "vitest";
import { claimgraphSchema } from "../../src/schema/index.ts";
import { LIMITS, earlyRefusal } from "../../src/server/limits.ts";
import {
  CONTRADICTIONS_QUERY,
  CONTRADICTION_FIELDS,
  CONTRADICTION_FRAGMENTS,
  ORGANIZATION_QUERY,
  SEARCH_QUERY,
  STRONGEST_QUERY,
} from "../../src/web/explorer/api.ts";
import { EXAMPLE_TABS } from "../../src/web/playground/exampleTabs.ts";
import { NO_LONGER_FOUND_QUERY, readState, tableQueryOf, tableVariables } from "../../src/web/desk/table.ts";
import { FINDING_QUERY } from "../../src/web/desk/findingPage.ts";
import { REVIEW_QUERY } from "../../src/web/desk/review.ts";
import { encodeCursor, listName } from "../../src/schema/common/connection.ts";
import { type TestApi, useSeededApi } from "../support/api.ts";

const seeded = useSeededApi();
let api: TestApi;
beforeAll(() => {
  ({ api } = seeded);
});

/** `fragment F0 on Query { __typename ...F1 ...F1 }` ... : about 1 KB that expands to 2^levels fields. */
function fanOut(levels: number): string {
  let query = "query FanOut { ...F0 }\n";
  for (let i = 0; i < levels; i++) query += `fragment F${i} on Query { __typename ...F${i + 1} ...F${i + 1} }\n`;
  return `${query}fragment F${levels} on Query { __typename }`;
}

const codeOf = (body: { errors?: { extensions?: { code?: string } }[] }) => body.errors?.[0]?.extensions?.code;


/** The desk table's variables for the page before row `offset` of the list the URL names (its cursor, as the API makes it). */
function tableBefore(params: URLSearchParams, offset: number): [string, Record<string, unknown>] {
  const state = readState(params);
  const forward = tableVariables(state) as { filter: object; orderBy: object };
  params.set("before", encodeCursor(offset, listName(state.group === "pairs" ? "contradictions" : "findings", { filter: { ...forward.filter }, orderBy: { ...forward.orderBy } })));
  return [tableQueryOf(state), tableVariables(readState(params))];
}

/** The desk table's query and variables for a URL's parameters. */
function table(search: string): [string, Record<string, unknown>] {
  const state = readState(new URLSearchParams(search));
  expect(state.problems, search).toEqual([]);
  return [tableQueryOf(state), tableVariables(state)];
}

describe("query limits (graphql-armor's defaults, measured in time linear in the document)", () => {
  it("a 30-level fragment fan-out is refused as QUERY_TOO_COMPLEX in under 100 ms, /health answering meanwhile", async () => {
    const query = fanOut(30);
    expect(query.length).toBeLessThan(2000);
    // Unbounded, this took 16 s for 22 levels and minutes for 26 (each fragment measured again at
    // every spread). Each round sends it beside a /health; the fastest round is held to the bound, so
    // a busy test machine's pauses do not decide the result, while any super-linear work would.
    const rounds: { refused: number; health: number }[] = [];
    for (let round = 0; round < 5; round++) {
      const started = performance.now();
      const [refused, health] = await Promise.all([
        api.query(query).then((result) => ({ ...result, millis: performance.now() - started })),
        fetch(`${api.url}/health`).then(async (response) => ({ status: response.status, millis: performance.now() - started })),
      ]);
      expect(refused.status).toBe(400);
      expect(codeOf(refused.body)).toBe("QUERY_TOO_COMPLEX");
      expect(refused.body.errors![0].message).toContain("fragments are spread out");
      expect(health.status).toBe(200);
      rounds.push({ refused: refused.millis, health: health.millis });
    }
    expect(Math.min(...rounds.map((r) => r.refused)), JSON.stringify(rounds)).toBeLessThan(100);
    expect(Math.min(...rounds.map((r) => r.health)), JSON.stringify(rounds)).toBeLessThan(100);
  });

  it("a small fan-out within the limits is answered", async () => {
    const { body } = await api.query(fanOut(4));
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ __typename: "Query" });
  });

  it("refuses more than 1,000 tokens, more than 50 directives, each as QUERY_TOO_COMPLEX", async () => {
    const long = `{ ${Array.from({ length: 1100 }, () => "__typename").join(" ")} }`;
    const tokens = await api.query(long);
    expect(tokens.status).toBe(400);
    expect(codeOf(tokens.body)).toBe("QUERY_TOO_COMPLEX");
    expect(tokens.body.errors![0].message).toContain(`at most ${LIMITS.maxTokens} tokens`);

    const directives = await api.query(`{ __typename ${"@skip(if: false) ".repeat(51)} }`);
    expect(codeOf(directives.body)).toBe("QUERY_TOO_COMPLEX");
    expect(directives.body.errors![0].message).toMatch(/Directives limit of 50 exceeded/i);
  });

  it("limits are at or below graphql-armor's defaults", () => {
    expect(LIMITS.maxDepth).toBeLessThanOrEqual(6);
    expect(LIMITS.maxAliases).toBeLessThanOrEqual(15);
    expect(LIMITS.maxTokens).toBeLessThanOrEqual(1000);
    expect(LIMITS.maxDirectives).toBeLessThanOrEqual(50);
    expect(LIMITS.maxCost).toBeLessThanOrEqual(5000);
  });

  it("the playground's example queries pass the limits", async () => {
    for (const tab of EXAMPLE_TABS) {
      const { body } = await api.query(tab.query!, JSON.parse(tab.variables ?? "{}"));
      expect(codeOf(body), tab.query!.split("\n")[0]).not.toBe("QUERY_TOO_COMPLEX");
    }
  }, 300_000);

  it("the explorer's queries are within the depth, alias and size limits (depth counts nodes: reportings { report } is one level)", async () => {
    const schema = await claimgraphSchema();
    for (const [name, query] of Object.entries({ ORGANIZATION_QUERY, CONTRADICTIONS_QUERY, STRONGEST_QUERY, SEARCH_QUERY })) {
      expect(earlyRefusal(schema, query)?.message, name).toBeUndefined();
    }
    const sevenNodesDeep = `{ organization(id: "bing") { partOf { partOf { partOf { partOf { partOf { id } } } } } } }`;
    expect(earlyRefusal(schema, sevenNodesDeep)?.extensions.code).toBe("QUERY_TOO_COMPLEX");
  });

  it("every query the pages send is answered within all the limits, its cost included", async () => {
    const pages: [string, string, Record<string, unknown>][] = [
      ["explorer organisation", ORGANIZATION_QUERY, { id: "netflix" }],
      ["explorer contradictions", CONTRADICTIONS_QUERY, { filter: { organization: "facebook" } }],
      ["explorer strongest", STRONGEST_QUERY, { first: 12 }],
      ["explorer search", SEARCH_QUERY, { text: "spot" }],
      [
        "contradiction page",
        `query ($id: ID!) { contradiction(id: $id) { ${CONTRADICTION_FIELDS} } }\n${CONTRADICTION_FRAGMENTS}`,
        { id: "netflix-never-asked-or-accessed-messages~facebook-netflix-private-messages" },
      ],
      // The desk's table at its largest page, filtered by text, in another order, forward and back
      // (the cursor: the API's for the third row of that list, as encodeCursor makes it).
      // One row per finding (the default) and per pair, and the review queue, with statuses.
      ["desk table", ...table("size=100&text=messages&sort=organization&dir=desc&minSeverity=10")],
      ["desk table, pairs", ...table("group=pairs&size=100&text=messages&sort=organization&dir=desc&minSeverity=10&status=NEW,CONFIRMED")],
      ["desk table, page before", ...tableBefore(new URLSearchParams("size=100&sort=date"), 2)],
      ["desk table, pairs, page before", ...tableBefore(new URLSearchParams("group=pairs&size=100&sort=date"), 2)],
      ["desk review queue", ...table("view=queue&size=100")],
      ["desk reviews no longer found", NO_LONGER_FOUND_QUERY, {}],
      ["desk finding page", FINDING_QUERY, { id: "facebook-partners-dont-ignore-privacy-settings" }],
      ["desk review section", REVIEW_QUERY, { id: "facebook-partners-dont-ignore-privacy-settings" }],
      ...EXAMPLE_TABS.map((tab) => [`playground tab ${(tab.query ?? "").slice(0, 40)}`, tab.query ?? "", tab.variables ? JSON.parse(tab.variables) : {}] as [string, string, Record<string, unknown>]),
    ];
    for (const [name, query, variables] of pages) {
      const { status, body } = await api.query(query, variables);
      expect(body.errors, name).toBeUndefined();
      expect(status, name).toBe(200);
    }
  });

  it("a source's cost is kept per value of its page sizes: the same source with a larger `first` is refused, a small one answered again", async () => {
    // Cost: 1 + first x (1 + 20 x 1) for the contradictions, their grants and each grant's reports.
    const query = `query Sized($n: Int) { organizations(first: $n) { edges { node { id statements(first: 20) { edges { node { id reportedIn { id } } } } } } } }`;
    for (const [n, accepted] of [[5, true], [100, false], [5, true], [100, false]] as const) {
      const { status, body } = await api.query(query, { n });
      if (accepted) expect(body.errors, `first: ${n}`).toBeUndefined();
      else {
        expect(status, `first: ${n}`).toBe(400);
        expect(codeOf(body)).toBe("QUERY_TOO_COMPLEX");
        expect(body.errors?.[0]?.extensions).toMatchObject({ limit: "cost" });
      }
    }
  });

  it("a syntax error is still GRAPHQL_PARSE_FAILED, not a limit", async () => {
    const { status, body } = await api.query("{ organizations { ");
    expect(status).toBe(400);
    expect(codeOf(body)).toBe("GRAPHQL_PARSE_FAILED");
  });
});
