import { beforeAll, describe, expect, it } from "vitest";
import {
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  getNamedType,
  isAbstractType,
  isNonNullType,
  isObjectType,
} from "graphql";
import type { ApolloServer } from "@apollo/server";
import { claimgraphSchema } from "../../src/schema/index.ts";
import { type Context, createContext } from "../../src/schema/context.ts";
import { createApolloServer } from "../../src/server/apollo.ts";
import { useSeededApi } from "../support/api.ts";

/**
 * Projected reads (src/schema/projection.ts: only the properties a request asks for) answer exactly
 * what full reads answer: every field of every node type, asked alone below its node, with the
 * plain fields of the nodes it leads to, through the look-ahead and through the loaders alone.
 */
const NODE_ROOTS = {
  Organization: "organization",
  Person: "person",
  Report: "report",
  Statement: "statement",
  AccessGrant: "grant",
  DataCategory: "dataCategory",
} as const;
const NODE_TYPES = new Set(Object.keys(NODE_ROOTS));

const hasRequiredArgs = (field: GraphQLField<unknown, unknown>) => field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined);

/** The selection below a field of type `type`: a node's plain fields; all of a wrapper's or a connection's, down to the nodes. */
function selectionFor(type: GraphQLOutputType, depth = 0, alias = false): string {
  const named = getNamedType(type);
  if (isAbstractType(named)) {
    const schemaTypes = schema.getPossibleTypes(named);
    // Aliased: the members' fields of one name may differ in type (name: String! and String).
    return `{ __typename ${schemaTypes.map((t) => `... on ${t.name} ${selectionFor(t, depth + 1, true)}`).join(" ")} }`;
  }
  if (!isObjectType(named)) return "";
  const fields = Object.values((named as GraphQLObjectType).getFields()).filter((f) => !hasRequiredArgs(f));
  if (NODE_TYPES.has(named.name)) {
    const plain = fields.filter((f) => !f.resolve && !isObjectType(getNamedType(f.type)));
    return `{ ${plain.map((f) => (alias ? `${named.name}_${f.name}: ${f.name}` : f.name)).join(" ")} }`;
  }
  if (depth > 3) return "{ __typename }";
  return `{ __typename ${fields.map((f) => `${f.name} ${selectionFor(f.type, depth + 1)}`).join(" ")} }`;
}

let schema: Awaited<ReturnType<typeof claimgraphSchema>>;

describe("projected reads equal full reads", () => {
  const seeded = useSeededApi();
  let apollo: ApolloServer<Context>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    schema = await claimgraphSchema();
    apollo = await createApolloServer({ log: () => {} });
    // A node of each type that has relationships of every kind the seed has.
    for (const label of Object.keys(NODE_ROOTS)) {
      const [row] = await seeded.graph.read<{ id: string }>(`MATCH (n:${label}) RETURN n.id AS id ORDER BY COUNT { (n)--() } DESC, n.id LIMIT 1`);
      ids[label] = row.id;
    }
  });

  const run = async (query: string, variables: Record<string, unknown>, options: { prefetch: boolean; project: boolean }) => {
    const contextValue = createContext(seeded.graph, options);
    const response = await apollo.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== "single") throw new Error("incremental answer");
    return { result: response.body.singleResult, projected: contextValue.projection.properties };
  };

  it("every field of every node type, asked alone", async () => {
    let projectedCount = 0;
    let fieldCount = 0;
    for (const [typeName, root] of Object.entries(NODE_ROOTS)) {
      const type = schema.getType(typeName) as GraphQLObjectType;
      for (const field of Object.values(type.getFields())) {
        if (hasRequiredArgs(field)) continue;
        fieldCount += 1;
        const query = `query One($id: ID!) { ${root}(id: $id) { ${field.name} ${selectionFor(field.type)} } }`;
        const variables = { id: ids[typeName] };
        const full = await run(query, variables, { prefetch: true, project: false });
        const projected = await run(query, variables, { prefetch: true, project: true });
        const loadersOnly = await run(query, variables, { prefetch: false, project: true });
        expect(full.result.errors, query).toBeUndefined();
        expect(full.projected).toBeUndefined();
        expect(projected.result, query).toEqual(full.result);
        expect(loadersOnly.result, query).toEqual(full.result);
        if (projected.projected) projectedCount += 1;
      }
    }
    // Most fields are plain properties or relationships: those requests are projected.
    expect(fieldCount).toBeGreaterThan(40);
    expect(projectedCount).toBeGreaterThan(fieldCount / 2);
  }, 900_000); // three requests per field, some 60 fields

  it("a projected request reads only the properties it asks for, and a computed field reads them all", async () => {
    const sent: string[] = [];
    const graph = seeded.graph;
    const runIn = graph.runIn.bind(graph);
    graph.runIn = (tx, cypher, params) => {
      sent.push(cypher);
      return runIn(tx, cypher, params);
    };
    try {
      const nested = await run(`{ organization(id: "netflix") { name statements(first: 5) { edges { node { quote reportedIn { title } } } } } }`, {}, { prefetch: true, project: true });
      expect(nested.projected).toEqual(["id", "name", "quote", "title"]);
      const statement = sent.find((cypher) => cypher.includes("MATCH (n0:Organization"));
      expect(statement).toContain("{.id, .name, .quote, .title, __label");
      expect(statement).not.toContain(".*");
      const computed = await run(`{ statement(id: "${ids.Statement}") { speaker } }`, {}, { prefetch: true, project: true });
      expect(computed.projected).toBeUndefined();
      // A search hit is plumbing: the search is projected too, and answers as the full read does.
      const search = `{ search(text: "Facebook messages", first: 20) { score node { __typename ... on Statement { id quote madeAt } ... on Report { id title publisher { id name } } } } }`;
      const projectedSearch = await run(search, {}, { prefetch: true, project: true });
      expect(projectedSearch.projected).toEqual(["id", "madeAt", "name", "quote", "title"]);
      const fullSearch = await run(search, {}, { prefetch: true, project: false });
      expect(projectedSearch.result).toEqual(fullSearch.result);
      expect(JSON.stringify(projectedSearch.result)).toContain('"__typename":"Report"');
    } finally {
      graph.runIn = runIn;
    }
  });
});
