import type { ApolloServerPlugin } from "@apollo/server";
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  getNamedType,
  getNullableType,
  isLeafType,
  isListType,
} from "graphql";
import { createRequire } from "node:module";
import type { ComplexityEstimator, getComplexity as GetComplexity } from "graphql-query-complexity";

// The package's ESM build imports graphql's .mjs files, while everything else here (type-graphql,
// Apollo under Node) uses graphql's CommonJS build: two copies of graphql cannot share a schema.
// Loading its CommonJS build keeps one copy.
const { getComplexity } = createRequire(import.meta.url)("graphql-query-complexity") as { getComplexity: typeof GetComplexity };

/**
 * Bounds on one request, so a query cannot make Neo4j walk the whole graph: nesting depth, aliases
 * (each alias can repeat an expensive field), and an estimated cost in which a field's children
 * count once per item it may return (`first`, or a default for plain lists).
 */
export const LIMITS = { maxDepth: 12, maxAliases: 30, maxCost: 50_000 };
/** Plain lists of the model are short (a grant's reports, a statement's data categories). */
const PLAIN_LIST_ESTIMATE = 3;

function tooComplex(message: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "QUERY_TOO_COMPLEX", http: { status: 400 }, ...extensions } });
}

const INTROSPECTION_ROOTS = new Set(["__schema", "__type"]);

function measure(document: DocumentNode, operation: OperationDefinitionNode) {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  let aliases = 0;
  const depthOf = (selectionSet: SelectionSetNode | undefined, seen: Set<string>): number => {
    if (!selectionSet) return 0;
    let deepest = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) aliases += 1;
        // Introspection reads the schema, not the graph, and is as deep as the schema's type
        // wrappers: the standard query (GraphiQL's, every client's) is 15 levels deep.
        if (INTROSPECTION_ROOTS.has(selection.name.value)) continue;
        deepest = Math.max(deepest, selection.selectionSet ? 1 + depthOf(selection.selectionSet, seen) : 1);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, depthOf(selection.selectionSet, seen));
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (fragment && !seen.has(name)) deepest = Math.max(deepest, depthOf(fragment.selectionSet, new Set([...seen, name])));
      }
    }
    return deepest;
  };
  const depth = depthOf(operation.selectionSet, new Set());
  return { depth, aliases };
}

/** Scalars cost nothing (they come with their node); each object costs 1, times how many may come. */
const costEstimator: ComplexityEstimator = ({ type: parent, field, args, childComplexity }) => {
  const type = getNullableType(field.type);
  if (isLeafType(getNamedType(type))) return 0;
  // A connection's `first` already counted its edges.
  if (parent.name.endsWith("Connection") && field.name === "edges") return 1 + childComplexity;
  const items = typeof args.first === "number" ? args.first : getNamedType(type).name.endsWith("Connection") ? 20 : isListType(type) ? PLAIN_LIST_ESTIMATE : 1;
  return 1 + childComplexity * Math.max(items, 1);
};

export function checkLimits(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> = {}) {
  const { depth, aliases } = measure(document, operation);
  if (depth > LIMITS.maxDepth) {
    throw tooComplex(`The query is nested ${depth} levels deep; at most ${LIMITS.maxDepth} are allowed.`, { depth, maxDepth: LIMITS.maxDepth });
  }
  if (aliases > LIMITS.maxAliases) {
    throw tooComplex(`The query uses ${aliases} aliases; at most ${LIMITS.maxAliases} are allowed.`, { aliases, maxAliases: LIMITS.maxAliases });
  }
  let cost: number;
  try {
    cost = getComplexity({
      schema,
      query: document,
      variables,
      operationName: operation.name?.value,
      estimators: [costEstimator],
    });
  } catch (error) {
    // It reads arguments through the variables, so it throws when they are missing or of the wrong
    // type; that is the client's mistake, and told as such.
    throw new GraphQLError(`Invalid variables: ${(error as Error).message}`, { extensions: { code: "BAD_USER_INPUT", http: { status: 400 } } });
  }
  if (cost > LIMITS.maxCost) {
    throw tooComplex(
      `The query's estimated cost is ${cost}; at most ${LIMITS.maxCost} is allowed. Ask for smaller pages (\`first\`) or fewer nested lists.`,
      { cost, maxCost: LIMITS.maxCost },
    );
  }
  return { depth, aliases, cost };
}

export function limitsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (operation) checkLimits(schema, document, operation, request.variables ?? {});
        },
      };
    },
  };
}
