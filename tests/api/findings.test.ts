import { beforeAll, describe, expect, it } from "vitest";
import { contradictionParams } from "../../src/contradictions/contradictionService.ts";
import { contradictionsQuery, liveContradictionsQuery } from "../../src/contradictions/contradictionCypher.ts";
import type { Graph } from "../../src/graph/graph.ts";
import { type TestApi, useSeededApi } from "../support/api.ts";

/**
 * Issue 22, point 6: one finding per statement, its grants beneath. The pairs stay as they are
 * (`contradictions`, ids STATEMENT~GRANT); `findings` groups them by statement.
 */
const seeded = useSeededApi();
let api: TestApi;
let graph: Graph;
beforeAll(() => {
  ({ api, graph } = seeded);
});

const FINDINGS = `query ($filter: ContradictionFilter, $first: Int, $after: String, $orderBy: ContradictionOrder) {
  findings(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id severity kind grantCount statement { id quote }
      contradictions { id severity kind grant { id grantee { id } } evidence { id } explanation } } }
  }
}`;
const PAIRS = `query ($filter: ContradictionFilter) { contradictions(filter: $filter, first: 100) { totalCount edges { node { id severity kind statement { id } } } } }`;

type Node = any;
async function findings(variables: Record<string, unknown> = {}) {
  const { status, body } = await api.query(FINDINGS, { first: 100, ...variables });
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  expect(status).toBe(200);
  return body.data.findings as { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: Node }[] };
}
async function pairs(filter: Record<string, unknown> = {}) {
  const { body } = await api.query(PAIRS, { filter });
  expect(body.errors).toBeUndefined();
  return body.data.contradictions as { totalCount: number; edges: { node: Node }[] };
}

describe("findings: the contradictions grouped by statement", () => {
  it("the seed's half-sentence on privacy settings is one finding with its three grants, not three rows", async () => {
    const list = await findings();
    const nodes = list.edges.map((e) => e.node);
    expect(list.totalCount).toBe(5);
    expect(nodes.map((n) => n.id)).toEqual([
      "facebook-partners-dont-ignore-privacy-settings",
      "netflix-never-asked-or-accessed-messages",
      // the three unawareness claims, equal in severity, by date then id
      ...nodes.slice(2).map((n) => n.id),
    ]);
    expect(new Set(nodes.slice(2).map((n) => n.id))).toEqual(new Set(["apple-unaware-of-access", "netflix-unaware-of-access", "spotify-unaware-of-access"]));
    const [assurance] = nodes;
    expect(assurance).toMatchObject({ grantCount: 3, severity: 45, kind: "ASSURANCE_VS_EXEMPTION" });
    expect(assurance.statement.id).toBe(assurance.id);
    expect(assurance.contradictions.map((c: Node) => c.grant.grantee.id).sort()).toEqual(["amazon", "apple", "yahoo"]);
    for (const c of assurance.contradictions) {
      expect(c.id).toBe(`${assurance.id}~${c.grant.id}`);
      expect(c.explanation.length).toBeGreaterThan(40);
      expect(c.evidence.length).toBeGreaterThan(0);
    }
  });

  it("hold exactly the pairs of `contradictions`, with the same ids, severities and kinds, and take their strongest", async () => {
    for (const filter of [{}, { organization: "facebook" }, { organization: "netflix" }, { kinds: ["UNAWARENESS_VS_GRANT"] }, { minSeverity: 40 }, { text: "messages" }]) {
      const [grouped, flat] = await Promise.all([findings({ filter }), pairs(filter)]);
      const fromGroups = grouped.edges.flatMap((e) => e.node.contradictions.map((c: Node) => `${c.id} ${c.severity} ${c.kind}`)).sort();
      expect(fromGroups, JSON.stringify(filter)).toEqual(flat.edges.map((e) => `${e.node.id} ${e.node.severity} ${e.node.kind}`).sort());
      expect(grouped.totalCount).toBe(new Set(flat.edges.map((e) => e.node.statement.id)).size);
      for (const { node } of grouped.edges) {
        const severities = node.contradictions.map((c: Node) => c.severity);
        expect(severities).toEqual([...severities].sort((a, b) => b - a));
        expect(node.severity).toBe(severities[0]);
        expect(node.kind).toBe(node.contradictions[0].kind);
        expect(node.grantCount).toBe(node.contradictions.length);
      }
    }
  });

  it("pages by finding with cursors of their own list, in every order", async () => {
    for (const orderBy of [undefined, { field: "DATE" }, { field: "KIND" }, { field: "SPEAKER", direction: "DESC" }]) {
      const all = (await findings({ orderBy })).edges.map((e) => e.node.id);
      const walked: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await findings({ orderBy, first: 2, after });
        walked.push(...page.edges.map((e) => e.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(walked, JSON.stringify(orderBy)).toEqual(all);
    }
    // a findings cursor is not a contradictions cursor
    const page = await findings({ first: 1 });
    const { body } = await api.query(`query ($after: String) { contradictions(first: 1, after: $after) { totalCount } }`, { after: page.pageInfo.endCursor });
    expect(body.errors?.[0].extensions.code).toBe("BAD_USER_INPUT");
  });

  it("one finding by its id; NOT_FOUND for a statement without contradictions, BAD_USER_INPUT for a malformed id", async () => {
    const { body } = await api.query(`{ finding(id: "netflix-never-asked-or-accessed-messages") { id grantCount contradictions { id } } }`);
    expect(body.data.finding).toEqual({
      id: "netflix-never-asked-or-accessed-messages",
      grantCount: 1,
      contradictions: [{ id: "netflix-never-asked-or-accessed-messages~facebook-netflix-private-messages" }],
    });
    const missing = await api.query(`{ finding(id: "no-such-statement") { id } }`);
    expect(missing.body.errors?.[0].extensions.code).toBe("NOT_FOUND");
    const malformed = await api.query(`{ finding(id: "Not An Id!") { id } }`);
    expect(malformed.body.errors?.[0].extensions.code).toBe("BAD_USER_INPUT");
  });

  it("the precomputed and the from-scratch queries group alike, and count statements", async () => {
    for (const [start, organization] of [["all", null], ["organization", "facebook"], ["organization", "netflix"]] as const) {
      const params = contradictionParams({ organization, skip: 0, limit: 100 });
      const precomputed = await graph.read(contradictionsQuery({ start, group: true }), params);
      expect(precomputed.length).toBeGreaterThan(0);
      expect(await graph.read(liveContradictionsQuery({ start, group: true }), params), `${start} ${organization}`).toEqual(precomputed);
      const [{ total }] = await graph.read<{ total: number }>(contradictionsQuery({ start, group: true, count: true }), params);
      const [{ total: live }] = await graph.read<{ total: number }>(liveContradictionsQuery({ start, group: true, count: true }), params);
      expect([Number(total), Number(live)]).toEqual([precomputed.length, precomputed.length]);
    }
  }, 120_000);
});
