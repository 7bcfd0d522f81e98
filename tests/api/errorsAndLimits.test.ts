import { beforeAll, describe, expect, it } from "vitest";
import { Graph } from "../../src/graph/graph.ts";
import { buildServer } from "../../src/server/server.ts";
import { createContext } from "../../src/schema/context.ts";
import { type TestApi, startApi, useSeededApi } from "../support/api.ts";

const seeded = useSeededApi();
let graph: Graph;
let api: TestApi;
beforeAll(() => {
  ({ graph, api } = seeded);
});

const codeOf = (body: { errors?: { extensions?: { code?: string } }[] }) => body.errors?.[0]?.extensions?.code;

describe("cursors bound to their list (issue 24, point 6)", () => {
  const page = async (query: string, variables: Record<string, unknown> = {}) => (await api.query(query, variables)).body;
  const CONTRADICTIONS = `query ($filter: ContradictionFilter, $orderBy: ContradictionOrder, $first: Int, $after: String, $before: String, $last: Int) {
    contradictions(first: $first, filter: $filter, orderBy: $orderBy, after: $after, before: $before, last: $last) { edges { cursor node { id } } pageInfo { endCursor } }
  }`;

  it("a cursor pages on in its own list, whatever the order of the filter's keys; in another filter, order or query it is BAD_USER_INPUT", async () => {
    const first = await page(CONTRADICTIONS, { filter: { organization: "facebook", minSeverity: 0 }, first: 2 });
    const cursor = first.data.contradictions.pageInfo.endCursor;
    expect(cursor).toBeTruthy();
    const next = await page(CONTRADICTIONS, { filter: { minSeverity: 0, organization: "facebook" }, first: 2, after: cursor });
    expect(next.errors).toBeUndefined();
    expect(next.data.contradictions.edges[0]?.node.id).not.toBe(first.data.contradictions.edges[0].node.id);
    for (const [what, variables] of [
      ["another filter", { filter: { organization: "netflix" }, after: cursor }],
      ["another order", { filter: { organization: "facebook", minSeverity: 0 }, orderBy: { field: "DATE" }, after: cursor }],
      ["backward, another filter", { filter: { organization: "netflix" }, before: cursor, last: 1 }],
    ] as const) {
      const body = await page(CONTRADICTIONS, variables as Record<string, unknown>);
      expect(codeOf(body), what).toBe("BAD_USER_INPUT");
      expect(body.errors![0].message, what).toContain("a cursor of another list");
    }
    const organizations = await page(`query ($after: String) { organizations(first: 1, after: $after) { totalCount } }`, { after: cursor });
    expect(codeOf(organizations)).toBe("BAD_USER_INPUT");
  });

  it("a cursor made by hand (the old bare offset, or a changed offset) is BAD_USER_INPUT", async () => {
    const first = await page(`{ organizations(first: 1) { pageInfo { endCursor } } }`);
    const cursor: string = first.data.organizations.pageInfo.endCursor;
    const [version, offset, tag] = Buffer.from(cursor, "base64url").toString("utf8").split(":");
    expect(version).toBe("v2");
    for (const forged of [Buffer.from("offset:3").toString("base64url"), Buffer.from(`v2:${Number(offset) + 5}:${tag}`).toString("base64url")]) {
      const body = await page(`query ($after: String) { organizations(first: 1, after: $after) { totalCount } }`, { after: forged });
      expect(codeOf(body), forged).toBe("BAD_USER_INPUT");
    }
    expect((await page(`query ($after: String) { organizations(first: 1, after: $after) { totalCount } }`, { after: cursor })).errors).toBeUndefined();
  });

  it("a nested list's cursor is its own: an organisation's statements do not take a cursor of its grants", async () => {
    const first = await page(`{ organization(id: "facebook") { grantsGiven(first: 1) { pageInfo { endCursor } } statements(first: 1) { pageInfo { endCursor } } } }`);
    const grantsCursor = first.data.organization.grantsGiven.pageInfo.endCursor;
    const statementsCursor = first.data.organization.statements.pageInfo.endCursor;
    const ok = await page(`query ($after: String) { organization(id: "facebook") { statements(first: 1, after: $after) { edges { node { id } } } } }`, { after: statementsCursor });
    expect(ok.errors).toBeUndefined();
    const foreign = await page(`query ($after: String) { organization(id: "facebook") { statements(first: 1, after: $after) { edges { node { id } } } } }`, { after: grantsCursor });
    expect(codeOf(foreign)).toBe("BAD_USER_INPUT");
  });
});

describe("errors a client can switch on", () => {
  it("NOT_FOUND names what and which id; other fields of the request still resolve", async () => {
    const { body } = await api.query(`{ organization(id: "no-such-org") { id } netflix: organization(id: "netflix") { name } }`);
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]).toMatchObject({ message: 'No organization with id "no-such-org".', path: ["organization"], extensions: { code: "NOT_FOUND" } });
    expect(body.data).toEqual({ organization: null, netflix: { name: "Netflix" } });
  });

  it("an unknown organisation in the contradictions filter is NOT_FOUND, not an empty list", async () => {
    const { body } = await api.query(`{ contradictions(filter: { organization: "nobody" }) { totalCount } }`);
    expect(codeOf(body)).toBe("NOT_FOUND");
  });

  it("BAD_USER_INPUT for a page size over the cap, a foreign cursor, a bad date and a bad contradiction id", async () => {
    for (const query of [
      `{ organizations(first: 1000) { totalCount } }`,
      `{ organizations(after: "bm9wZQ") { totalCount } }`,
      `{ contradictions(filter: { from: "2018-02-30" }) { totalCount } }`,
      `{ contradiction(id: "not an id") { id } }`,
      `{ contradictions(filter: { minSeverity: 101 }) { totalCount } }`,
      `{ search(text: "   ") { score } }`,
    ]) {
      const { body } = await api.query(query);
      expect(codeOf(body), query).toBe("BAD_USER_INPUT");
      expect(JSON.stringify(body)).not.toContain("    at ");
    }
  });

  it("an injection string as an id is just an id that does not exist", async () => {
    const { body } = await api.query(`query ($id: ID!) { statement(id: $id) { id } }`, { id: "x'}) MATCH (n) DETACH DELETE n //" });
    expect(codeOf(body)).toBe("NOT_FOUND");
    const { body: still } = await api.query(`{ organizations { totalCount } }`);
    expect(still.data.organizations.totalCount).toBe(11);
  });

  it("full-text search takes any text literally, Lucene syntax included", async () => {
    const { body } = await api.query(`{ search(text: "private messages\\" OR *:* AND (") { score node { __typename ... on Statement { id } ... on Report { id } } } }`);
    expect(body.errors).toBeUndefined();
    const { body: hits } = await api.query(`{ search(text: "privacy sett") { node { ... on Statement { id } } } }`);
    expect(hits.data.search.map((h: any) => h.node.id)).toContain("facebook-partners-dont-ignore-privacy-settings");
  });

  it("DATABASE_UNAVAILABLE when Neo4j cannot be reached, with no driver details", async () => {
    const dead = new Graph({ uri: "bolt://127.0.0.1:1" });
    const { apollo } = await buildServer(dead, { log: () => {} });
    try {
      const response = await apollo.executeOperation({ query: `{ organization(id: "netflix") { id } }` }, { contextValue: createContext(dead) });
      const result = response.body.kind === "single" ? response.body.singleResult : undefined;
      expect(result?.errors?.[0]).toMatchObject({ message: "The database is unavailable; try again shortly.", extensions: { code: "DATABASE_UNAVAILABLE" } });
    } finally {
      await apollo.stop();
      await dead.close();
    }
  });

  it("an unexpected failure is masked for the client and logged in full on the server", async () => {
    const logs: string[] = [];
    const broken = { ...graph, read: async () => { throw new TypeError("secret internal detail"); } } as unknown as Graph;
    const { apollo } = await buildServer(broken, { log: (line) => logs.push(line) });
    try {
      const response = await apollo.executeOperation({ query: `{ organization(id: "netflix") { id } }` }, { contextValue: createContext(broken) });
      const result = response.body.kind === "single" ? response.body.singleResult : undefined;
      expect(result?.errors?.[0]).toMatchObject({ message: "Unexpected error.", extensions: { code: "INTERNAL_SERVER_ERROR" } });
      expect(JSON.stringify(result)).not.toContain("secret internal detail");
      expect(logs.join("\n")).toContain("secret internal detail");
    } finally {
      await apollo.stop();
    }
  });
});

describe("limits on one request", () => {
  it("refuse a query nested too deep", async () => {
    const deep = `{ organization(id: "bing") { partOf { partOf { partOf { partOf { partOf { partOf { partOf { partOf { partOf { partOf { partOf { partOf { id } } } } } } } } } } } } } }`;
    const { status, body } = await api.query(deep);
    expect(status).toBe(400);
    expect(codeOf(body)).toBe("QUERY_TOO_COMPLEX");
    expect(body.errors![0].message).toMatch(/depth limit of 6 exceeded, found 14/);
  });

  it("refuse too many aliases", async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: organization(id: "netflix") { id }`).join(" ");
    const { body } = await api.query(`{ ${aliases} }`);
    expect(codeOf(body)).toBe("QUERY_TOO_COMPLEX");
    expect(body.errors![0].message).toContain("aliases");
  });

  it("refuse a query whose lists multiply past the cost budget, before touching the database", async () => {
    const before = graph.roundTrips;
    const { body } = await api.query(`{ organizations(first: 100) { edges { node {
      statements(first: 100) { edges { node { reportedIn { statements { reportedIn { id } } } } } } } } } }`);
    expect(codeOf(body)).toBe("QUERY_TOO_COMPLEX");
    expect(body.errors![0].extensions.cost).toBeGreaterThan(5_000);
    expect(graph.roundTrips).toBe(before);
  });

  it("accept the full evidence chain of a page of 100 contradictions", async () => {
    const { body } = await api.query(`{ contradictions(first: 100) { edges { node { id explanation
      statement { quote speaker onBehalfOf { name } reportedIn { title publisher { name } } }
      grant { grantor { name } grantee { name } data { name } documentedIn { quote report { title url publisher { name } } } }
      corroboration { statement { quote } } } } } }`);
    expect(body.errors).toBeUndefined();
  });
});

describe("HTTP", () => {
  it("a malformed JSON body gets 400 and a one-line log, not a stack trace", async () => {
    const response = await fetch(`${api.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"query": "{ organizations { totalCount } ' });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.errors[0].extensions.code).toBe("BAD_REQUEST");
    const line = api.logs.find((l) => l.includes("not valid JSON"));
    expect(line).toBeDefined();
    expect(line).not.toContain("\n");
  });

  it("/health answers while the process is up; /ready says whether Neo4j and the migrations are", async () => {
    expect(await (await fetch(`${api.url}/health`)).json()).toEqual({ status: "ok" });
    const ready = await fetch(`${api.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, neo4j: "up", migrations: "applied" });

    const dead = new Graph({ uri: "bolt://127.0.0.1:1" });
    const down = await startApi(dead);
    try {
      const notReady = await fetch(`${down.url}/ready`);
      expect(notReady.status).toBe(503);
      expect(await notReady.json()).toMatchObject({ ready: false, neo4j: "down" });
      expect((await fetch(`${down.url}/health`)).status).toBe(200);
    } finally {
      await down.close();
      await dead.close();
    }
  });
});

describe("variables", () => {
  it("a missing required variable is BAD_USER_INPUT with status 400", async () => {
    const { api } = seeded;
    const { status, body } = await api.query(`query ($id: ID!, $first: Int!) { organization(id: $id) { statements(first: $first) { totalCount } } }`, { id: "netflix" });
    expect(status).toBe(400);
    expect(codeOf(body)).toBe("BAD_USER_INPUT");
  });
});
