import "reflect-metadata";
import { type GraphQLNamedType, type GraphQLOutputType, execute, getNamedType, graphql, parse, isLeafType, isNonNullType, isObjectType, isUnionType } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "../../src/graph/graph.ts";
import { encodeCursor } from "../../src/schema/common/connection.ts";
import { createContext } from "../../src/schema/context.ts";
import { type PageResult, withLoaded } from "../../src/schema/loaders.ts";
import { prefetch } from "../../src/schema/prefetch.ts";
import { claimgraphSchema } from "../../src/schema/index.ts";
import { type TestApi, useSeededApi } from "../support/api.ts";

/**
 * The look-ahead (src/schema/prefetch.ts) reads what a query asks below a root node in one Cypher
 * statement and primes the loaders: the answers must be exactly those of the loaders alone, for
 * every relationship it knows, through fragments, aliases, pages and wrappers, in fewer round trips.
 */
const seeded = useSeededApi();
let graph: Graph;
let api: TestApi;
beforeAll(() => {
  ({ graph, api } = seeded);
});

async function both(source: string, variableValues?: Record<string, unknown>) {
  const schema = await claimgraphSchema();
  const run = async (prefetch: boolean) => {
    const before = graph.roundTrips;
    const result = await graphql({ schema, source, variableValues, contextValue: createContext(graph, { prefetch }) });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return { data: JSON.parse(JSON.stringify(result.data)), trips: graph.roundTrips - before };
  };
  return { on: await run(true), off: await run(false) };
}

/** (a function: its cursor is made with the key the server set up in beforeAll) */
const ORGANIZATION = () => `
fragment Party on Organization { id name kind partOf { id name } members { id name } }
query ($id: ID!, $first: Int) {
  organization(id: $id) {
    ...Party
    spokespeople { role person { id name speaksFor { role organization { id } } reportsWritten { id } statements(first: 2) { totalCount edges { cursor node { id } } } } }
    statements(first: $first) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node {
        id quote stance madeAt speaker
        madeBy { __typename ... on Person { id name } ... on Organization { id } }
        onBehalfOf { ...Party }
        reportedIn { id title publisher { id name } authors { id name } }
        reportings { account verified quoteAnchor { exact start } report { id cites { id } documents { quote account carriedBy { id } grant { id } } } }
        about { capabilities purpose parties { role organization { id name } } data { id name partOf { id } } grants { id grantee { id } } }
      } }
    }
    later: statements(first: 2, after: "${encodeCursor(0, "organizationStatements")}") { edges { node { id quote } } }
    grantsGiven(first: 10) { totalCount edges { node {
      id exemptFromPrivacyRules grantor { id } grantee { id name partOf { id } }
      data { id name narrower { id } grants { id } }
      documentedIn { quote report { id title publisher { id } } }
      statements { id stance }
    } } }
    grantsReceived { edges { node { id } } }
    reportsPublished { id statements { id } }
    documentedIn { id title }
  }
}`;

describe("the look-ahead", () => {
  it("answers an organisation's whole neighbourhood exactly as the loaders do, in one round trip", async () => {
    for (const id of ["facebook", "netflix", "microsoft", "bing", "new-york-times"]) {
      const { on, off } = await both(ORGANIZATION(), { id, first: 20 });
      expect(on.data, id).toEqual(off.data);
      expect(on.trips, id).toBe(1);
      expect(off.trips, id).toBeGreaterThan(5);
    }
    const facebook = (await both(ORGANIZATION(), { id: "facebook", first: 20 })).on.data.organization;
    expect(facebook.statements.edges.length).toBeGreaterThan(3);
    expect(facebook.grantsGiven.edges.length).toBe(7);
    expect(facebook.later.edges).toHaveLength(2);
  });

  it("reads every root by id the same way, with or without anything below it", async () => {
    const queries: [string, Record<string, unknown>][] = [
      [`query ($id: ID!) { statement(id: $id) { id speaker about { parties { organization { id } } } reportedIn { id } } }`, { id: (await graph.read<{ id: string }>("MATCH (s:Statement) RETURN s.id AS id ORDER BY id LIMIT 1"))[0].id }],
      [`query ($id: ID!) { report(id: $id) { id title publisher { id } authors { id } documents { grant { id grantee { id } } } statements { id } } }`, { id: "nyt-2018-12-18-facebook-partners" }],
      [`query ($id: ID!) { person(id: $id) { id speaksFor { organization { id name } } statements { edges { node { id quote } } } } }`, { id: "muriel-colon" }],
      [`query ($id: ID!) { dataCategory(id: $id) { id partOf { id } narrower { id narrower { id } } grants { id grantor { id } } } }`, { id: "messages" }],
      [`query ($id: ID!) { organization(id: $id) { id name } }`, { id: "netflix" }],
    ];
    for (const [query, variables] of queries) {
      const { on, off } = await both(query, variables);
      expect(on.data, query).toEqual(off.data);
      expect(Object.values(on.data)[0], query).not.toBeNull();
      expect(on.trips, query).toBe(1);
    }
  });

  it("below a root list: one more round trip whatever the page size", async () => {
    const query = `query ($first: Int) {
      organizations(first: $first) { edges { node { id statements(first: 3) { edges { node { id speaker reportedIn { id publisher { id } } } } } } } }
      statements(first: $first) { edges { node { id about { parties { organization { id } } } } } }
      grants(first: $first) { edges { node { id grantor { id } documentedIn { report { id } } } } }
      reports(first: $first) { edges { node { id publisher { id } } } }
    }`;
    const small = await both(query, { first: 1 });
    const large = await both(query, { first: 100 });
    expect(small.on.data).toEqual(small.off.data);
    expect(large.on.data).toEqual(large.off.data);
    expect(large.on.trips).toBe(8); // four lists, and below each one statement
    expect(small.on.trips).toBe(large.on.trips);
  });

  it("leaves what it cannot read to the loaders: a bad page argument is still the resolver's error", async () => {
    const { body } = await api.query(`{ organization(id: "facebook") { id statements(first: 1000) { edges { node { id } } } } }`);
    expect(body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(body.errors?.[0]?.message).toMatch(/first/);
    const missing = await api.query(`{ organization(id: "no-such-org") { id statements { edges { node { id } } } } }`);
    expect(missing.body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });
});

describe("the look-ahead on random queries", () => {
  it("answers 40 random nested queries over the whole schema exactly as the loaders do", { timeout: 240_000 }, async () => {
    const schema = await claimgraphSchema();
    let state = 12345;
    const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T,>(items: readonly T[]) => items[Math.floor(random() * items.length)];
    const named = (type: GraphQLOutputType): GraphQLNamedType => getNamedType(type);

    /** The nested lists and the names their cursors are bound to (src/schema/prefetch.ts). */
    const NESTED_LISTS: Record<string, string> = {
      "Organization.statements": "organizationStatements",
      "Organization.grantsGiven": "organizationGrantsGiven",
      "Organization.grantsReceived": "organizationGrantsReceived",
      "Person.statements": "personStatements",
    };
    /** A random selection on `type`, `depth` levels deep at most. */
    const selection = (type: GraphQLNamedType, depth: number): string => {
      // (the members' own fields could conflict by type across branches: their ids only)
      if (isUnionType(type)) return `{ __typename ${type.getTypes().map((t) => `... on ${t.name} { id }`).join(" ")} }`;
      if (!isObjectType(type)) return "";
      const fields = Object.values(type.getFields());
      const parts: string[] = [];
      for (const field of fields) {
        const target = named(field.type);
        const leaf = isLeafType(target);
        if (field.args.some((a) => isNonNullType(a.type))) continue;
        if (!leaf && (depth === 0 || random() < 0.45)) continue;
        if (leaf && field.name !== "id" && random() < 0.5) continue;
        const args = field.args.some((a) => a.name === "first")
          ? `(first: ${pick([0, 1, 2, 5, 20])}${NESTED_LISTS[`${type.name}.${field.name}`] && random() < 0.3 ? `, after: "${encodeCursor(0, NESTED_LISTS[`${type.name}.${field.name}`])}"` : ""})`
          : "";
        const alias = random() < 0.1 ? `a${Math.floor(random() * 1000)}: ` : "";
        parts.push(`${alias}${field.name}${args} ${leaf ? "" : selection(target, depth - 1)}`);
      }
      if (!parts.some((p) => !p.includes("{"))) parts.push(fields.some((f) => f.name === "id") ? "id" : "__typename");
      return `{ ${parts.join(" ")} }`;
    };

    const ids = async (label: string) => (await graph.read<{ id: string }>(`MATCH (n:${label}) RETURN n.id AS id ORDER BY id`)).map((r) => r.id);
    const roots: [string, string, string[]][] = [
      ["organization", "Organization", await ids("Organization")],
      ["statement", "Statement", await ids("Statement")],
      ["report", "Report", await ids("Report")],
      ["person", "Person", await ids("Person")],
      ["grant", "AccessGrant", await ids("AccessGrant")],
      ["dataCategory", "DataCategory", await ids("DataCategory")],
      ["organizations", "OrganizationConnection", []],
      ["statements", "StatementConnection", []],
    ];
    let fewerTrips = 0;
    for (let i = 0; i < 40; i++) {
      const [field, typeName, rootIds] = pick(roots);
      const type = schema.getType(typeName)!;
      const query = rootIds.length
        ? `{ ${field}(id: "${pick(rootIds)}") ${selection(type, 3)} }`
        : `{ ${field}(first: ${pick([1, 3, 10])}) ${selection(type, 3)} }`;
      const { on, off } = await both(query);
      expect(on.data, query).toEqual(off.data);
      expect(on.trips, query).toBeLessThanOrEqual(off.trips);
      if (on.trips < off.trips) fewerTrips++;
    }
    expect(fewerTrips).toBeGreaterThan(10);
  });
});

describe("the look-ahead's plans, kept per parsed document", () => {
  it("the same document asked for other page sizes and ids reads each request's own page, in one round trip", async () => {
    const schema = await claimgraphSchema();
    // One parsed document for every request, as Apollo hands it out for a repeated source.
    const document = parse(`query ($id: ID!, $first: Int, $reports: Int) {
      organization(id: $id) { id statements(first: $first) { totalCount edges { node { id reportedIn { id publisher { id } } } } } }
      statements(first: $reports) { edges { node { id } } }
    }`);
    const ask = async (variableValues: Record<string, unknown>, prefetch: boolean) => {
      const before = graph.roundTrips;
      const result = await execute({ schema, document, variableValues, contextValue: createContext(graph, { prefetch }) });
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      return { data: JSON.parse(JSON.stringify(result.data)), trips: graph.roundTrips - before };
    };
    const sizes: [string, number][] = [["facebook", 1], ["facebook", 3], ["netflix", 2], ["facebook", 1], ["netflix", 5]];
    for (const [id, first] of sizes) {
      const on = await ask({ id, first, reports: 1 }, true);
      const off = await ask({ id, first, reports: 1 }, false);
      expect(on.data, `${id}, first ${first}`).toEqual(off.data);
      expect(on.data.organization.id).toBe(id);
      expect(on.data.organization.statements.edges.length).toBe(Math.min(first, on.data.organization.statements.totalCount));
      expect(on.data.organization.statements.edges.length, `${id} has statements`).toBeGreaterThan(0);
      // The organisation and everything below it in one round trip, the root list of statements in another.
      expect(on.trips, `${id}, first ${first}: round trips with the look-ahead`).toBe(2);
      expect(off.trips).toBeGreaterThan(2);
    }
  });
});

describe("what the look-ahead primed is handed out at once", () => {
  it("a primed relationship or page comes back as a value, not a promise; anything else through the loader", async () => {
    const context = createContext(graph);
    const plan = { children: [{ paged: "organizationStatements" as const, skip: 0, limit: 3, plan: { children: [{ related: "statementReportedIn" as const, plan: { children: [] } }] } }] };
    await prefetch(context, "Organization", ["facebook"], plan);
    const page = withLoaded(context.loaders.organizationStatements, { id: "facebook", skip: 0, limit: 3 }, (p) => p);
    expect(page).not.toBeInstanceOf(Promise);
    const [statement] = (page as PageResult).items;
    expect(statement).toBeDefined();
    const reports = withLoaded(context.loaders.statementReportedIn, statement.id, (r) => r);
    expect(reports).not.toBeInstanceOf(Promise);
    // Not primed: another page, another relationship; answered by the loaders, the same as a fresh request's.
    const other = withLoaded(context.loaders.organizationStatements, { id: "facebook", skip: 0, limit: 2 }, (p) => p.items.map((s) => s.id));
    expect(other).toBeInstanceOf(Promise);
    expect(await other).toEqual((page as PageResult).items.slice(0, 2).map((s) => s.id));
    const madeBy = withLoaded(context.loaders.statementMadeBy, statement.id, (r) => r.length);
    expect(madeBy).toBeInstanceOf(Promise);
    expect(await madeBy).toBe(1);
  });
});
