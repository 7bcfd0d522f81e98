import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditServer } from "graphql-http";
import type { Graph } from "../../src/graph/graph.ts";
import { type TestApi, startApi } from "../support/api.ts";
import { cleanGraph } from "../support/graph.ts";

/** The GraphQL over HTTP spec's audits (graphql-http), against the real /graphql endpoint. */
let graph: Graph;
let api: TestApi;
beforeAll(async () => {
  graph = await cleanGraph();
  api = await startApi(graph);
});
afterAll(async () => {
  await api.close();
  await graph.close();
});

describe("GraphQL over HTTP", () => {
  it("passes every MUST audit", async () => {
    const results = await auditServer({ url: `${api.url}/graphql` });
    const must = results.filter((r) => r.name.startsWith("MUST"));
    expect(must.length).toBeGreaterThan(10);
    const failed = must.filter((r) => r.status !== "ok").map((r) => `${r.name}: ${"reason" in r ? r.reason : ""}`);
    expect(failed).toEqual([]);
  });
});
