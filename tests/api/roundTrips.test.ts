import { beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "../../src/graph/graph.ts";
import { type TestApi, useSeededApi } from "../support/api.ts";

/** A resolver tree must not run one query per row: count the Cypher round trips of nested queries. */
const seeded = useSeededApi();
let graph: Graph;
let api: TestApi;
beforeAll(() => {
  ({ graph, api } = seeded);
});

async function roundTrips(query: string, variables?: Record<string, unknown>) {
  const before = graph.roundTrips;
  const { body } = await api.query(query, variables);
  expect(body.errors, `${JSON.stringify(body.errors)} ${api.logs.join("\n")}`).toBeUndefined();
  return { trips: graph.roundTrips - before, data: body.data };
}

const NESTED = `query ($first: Int) {
  organizations(first: $first) { edges { node { id name
    statements(first: 20) { edges { node { id quote speaker
      reportedIn { id title publisher { id name } }
    } } }
  } } }
}`;

describe("nested queries", () => {
  it("organisations → statements → reports → publishers cost the same round trips whatever the page size", async () => {
    const one = await roundTrips(NESTED, { first: 1 });
    const all = await roundTrips(NESTED, { first: 11 }); // every organisation of the seed, within the query cost limit
    expect(one.data.organizations.edges).toHaveLength(1);
    expect(all.data.organizations.edges.length).toBe(11);
    const statements = all.data.organizations.edges.flatMap((e: any) => e.node.statements.edges);
    expect(statements.length).toBeGreaterThan(10);
    // the organisations, then everything below them in one statement (src/schema/prefetch.ts)
    expect(all.trips).toBe(2);
    expect(one.trips).toBe(all.trips);
  });

  it("the contradictions evidence chain costs a bounded number of round trips for any number of contradictions", async () => {
    const query = `query ($first: Int) { contradictions(first: $first) { edges { node { id explanation
      statement { quote speaker onBehalfOf { name } reportedIn { title publisher { name } } }
      grant { grantor { name } grantee { name } data { name } documentedIn { quote report { title publisher { name } } } }
      corroboration { byOtherParty statement { quote onBehalfOf { name } } }
    } } } }`;
    const one = await roundTrips(query, { first: 1 });
    const all = await roundTrips(query, { first: 100 });
    expect(all.data.contradictions.edges).toHaveLength(7);
    // one per loader and depth (a loader can be reached at two depths): not one per row
    expect(all.trips).toBeLessThanOrEqual(one.trips + 2);
    expect(all.trips).toBeLessThanOrEqual(16);
  });
});

describe("findings", () => {
  it("the findings, each with its grants and their evidence, cost a bounded number of round trips", async () => {
    const query = `query ($first: Int) { findings(first: $first) { totalCount edges { node { id severity
      statement { quote speaker onBehalfOf { name } reportedIn { title publisher { name } } }
      contradictions { id explanation grant { grantor { name } grantee { name } data { name } documentedIn { quote report { title publisher { name } } } } }
    } } } }`;
    const one = await roundTrips(query, { first: 1 });
    const all = await roundTrips(query, { first: 100 });
    expect(all.data.findings.edges).toHaveLength(5);
    expect(all.trips).toBeLessThanOrEqual(one.trips + 2);
    expect(all.trips).toBeLessThanOrEqual(18);
  });
});
