import { LRUCache } from "lru-cache";
import type { ApolloServerPlugin } from "@apollo/server";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type InlineFragmentNode,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
  getNamedType,
  getNullableType,
  isLeafType,
  isListType,
  parse,
  TypeInfo,
  visitWithTypeInfo,
  validate,
  visit,
} from "graphql";
import { createRequire } from "node:module";
import type { ComplexityEstimator, getComplexity as GetComplexity } from "graphql-query-complexity";

// The package's ESM build imports graphql's .mjs files, while everything else here (type-graphql,
// Apollo under Node) uses graphql's CommonJS build: two copies of graphql cannot share a schema.
// Loading its CommonJS build keeps one copy.
const { getComplexity } = createRequire(import.meta.url)("graphql-query-complexity") as { getComplexity: typeof GetComplexity };

/**
 * Bounds on one request, at graphql-armor's defaults (depth 6, aliases 15, tokens 1,000, directives
 * 50, cost 5,000), measured by graphql-js's parser (tokens), graphql-armor's rules (depth, aliases, directives) and by
 * graphql-query-complexity (cost, with per-field estimates below). Every measure takes time linear
 * in the document's size: a fragment is measured once however often it is spread (the armor rules
 * memoize fragments; the cost estimate runs only after `maxFields` bounded the expanded document).
 * A refusal of any of them is QUERY_TOO_COMPLEX, status 400, before the database is touched.
 */
export const LIMITS = { maxTokens: 1000, maxDepth: 6, maxAliases: 15, maxDirectives: 50, maxCost: 5000, maxFields: 5000 };
/** Plain lists of the model are short (a grant's reports, a statement's data categories). */
const PLAIN_LIST_ESTIMATE = 3;
/**
 * Root fields that run a query of their own over much of the graph, beyond reading one node: what
 * each costs on top of the 1 of an object (contradictions joins every statement with every grant).
 */
const FIELD_COST: Record<string, number> = { contradictions: 100, contradiction: 10, findings: 100, finding: 10, search: 20, timeline: 10 };

function tooComplex(message: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "QUERY_TOO_COMPLEX", http: { status: 400 }, ...extensions } });
}

/** graphql-armor reports "Syntax Error: <what>"; it is no syntax error, so the prefix goes. */
const armorMessage = (error: GraphQLError) => error.message.replace(/^Syntax Error:\s*/, "");

/**
 * Apollo parses with graphql-js's own token limit (`parseOptions.maxTokens`, which stops the lexer at
 * the first token over); its refusal comes out as a GRAPHQL_PARSE_FAILED syntax error, and a limit's
 * refusal is QUERY_TOO_COMPLEX. Apollo wraps refusals of the limits rule as validation errors, too.
 * The refusal as a client should see it, or undefined for any other error.
 */
export function limitRefusal(error: unknown): GraphQLError | undefined {
  if (!(error instanceof GraphQLError)) return undefined;
  const original = error.originalError;
  if (original instanceof GraphQLError && original.extensions.code === "QUERY_TOO_COMPLEX") return original;
  if (/Document contains more th(?:an|at) \d+ tokens/.test(error.message)) {
    return tooComplex(`The query is too long: at most ${LIMITS.maxTokens} tokens are allowed.`, { limit: "tokens", maxTokens: LIMITS.maxTokens });
  }
  return undefined;
}

/** A refusal as the client sees it (its HTTP status is the response's, not an extension). */
export function formatRefusal(refusal: GraphQLError): GraphQLFormattedError {
  const { http: _http, ...extensions } = refusal.extensions;
  return { message: refusal.message, locations: refusal.locations, extensions };
}

/**
 * The token and shape limits on a query's source, before Apollo parses and validates it (graphql-js's
 * own validation, though not exponential, takes tens of milliseconds on a 30-level fan-out): the
 * refusal, or undefined when the source is within them or is not for the limits to judge (not a
 * string, a syntax error: Apollo reports those).
 */
export function earlyRefusal(schema: GraphQLSchema, source: unknown): GraphQLError | undefined {
  if (typeof source !== "string") return undefined;
  // A source's verdict depends on the source and the schema alone: kept for the sources clients send
  // again and again (about 0.3 ms of parsing and walking saved per request; 1,000 sources, 5 MB at most).
  let verdicts = VERDICTS.get(schema);
  if (!verdicts) VERDICTS.set(schema, (verdicts = new LRUCache({ max: 1000, maxSize: 5_000_000, sizeCalculation: (_verdict, key) => key.length })));
  const known = verdicts.get(source);
  if (known) return known.refusal;
  const refusal = judge(schema, source);
  if (source.length <= 100_000) verdicts.set(source, { refusal });
  return refusal;
}

const VERDICTS = new WeakMap<GraphQLSchema, LRUCache<string, { refusal: GraphQLError | undefined }>>();

function judge(schema: GraphQLSchema, source: string): GraphQLError | undefined {
  let document: DocumentNode;
  try {
    document = parse(source, { maxTokens: LIMITS.maxTokens });
  } catch (error) {
    return limitRefusal(error);
  }
  try {
    checkShape(schema, document);
  } catch (error) {
    if (error instanceof GraphQLError) return error;
    throw error;
  }
  return undefined;
}

/**
 * Objects that stand for a relationship of the graph, with its properties, rather than a node: a
 * connection's edges, a statement's reportings, a grant's documentation, a contradiction's
 * corroborations, a search hit.
 */
const LINK_TYPES = new Set(["Reporting", "Documentation", "Corroboration", "SearchHit"]);
const isLink = (typeName: string) => typeName.endsWith("Edge") || LINK_TYPES.has(typeName);

/**
 * Depth counts the nodes a query walks through: a link object (see LINK_TYPES) and an edge's `node`
 * are no level of their own, so `contradictions { edges { node { grant { documentedIn { report {
 * publisher { name } } } } } } }` is 6 deep (contradictions, grant, report, publisher, name: and the
 * page of contradictions itself). They are flattened into inline fragments, which armor's depth rule
 * does not count.
 */
function withoutLinkLevels(schema: GraphQLSchema, document: DocumentNode): DocumentNode {
  const typeInfo = new TypeInfo(schema);
  const flatten = (field: FieldNode): InlineFragmentNode => ({ kind: Kind.INLINE_FRAGMENT, selectionSet: field.selectionSet as SelectionSetNode, directives: [] });
  return visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: {
        leave(field) {
          if (!field.selectionSet) return undefined;
          const type = typeInfo.getType();
          const parent = typeInfo.getParentType();
          const link = type != null && isLink(getNamedType(type).name);
          const edgeNode = field.name.value === "node" && parent != null && isLink(parent.name);
          return link || edgeNode ? flatten(field) : undefined;
        },
      },
    }),
  );
}

/**
 * How many fields the operation has once every fragment is spread out, computed once per fragment
 * (so in time linear in the document, whatever it expands to). A fragment spreading the next one
 * twice, 30 levels down, expands to about 2^30 fields.
 */
export function expandedFields(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const sizes = new Map<string, number>();
  const sizeOf = (selectionSet: SelectionSetNode | undefined): number => {
    if (!selectionSet) return 0;
    let size = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) size += 1 + sizeOf(selection.selectionSet);
      else if (selection.kind === Kind.INLINE_FRAGMENT) size += sizeOf(selection.selectionSet);
      else {
        const name = selection.name.value;
        if (!sizes.has(name)) {
          sizes.set(name, 0); // a cycle (refused by validation anyway) counts nothing more
          sizes.set(name, sizeOf(fragments.get(name)?.selectionSet));
        }
        size += sizes.get(name)!;
      }
    }
    return size;
  };
  return sizeOf(operation.selectionSet);
}

/** Depth, aliases and directives by graphql-armor's rules, and the expanded size; throws the first refusal. */
export function checkShape(schema: GraphQLSchema, document: DocumentNode): void {
  const refusals: { limit: string; error: GraphQLError }[] = [];
  const onReject = (limit: string) => [(_context: unknown, error: GraphQLError) => void refusals.push({ limit, error })];
  const common = { propagateOnRejection: false, exposeLimits: true };
  validate(schema, withoutLinkLevels(schema, document), [
    maxDepthRule({ ...common, n: LIMITS.maxDepth, flattenFragments: true, ignoreIntrospection: true, onReject: onReject("depth") }),
  ]);
  validate(schema, document, [
    maxAliasesRule({ ...common, n: LIMITS.maxAliases, onReject: onReject("aliases") }),
    maxDirectivesRule({ ...common, n: LIMITS.maxDirectives, onReject: onReject("directives") }),
  ]);
  const [first] = refusals;
  if (first) {
    const what = { depth: "is nested too deep", aliases: "uses too many aliases", directives: "uses too many directives" }[first.limit];
    const advice = first.limit === "depth" ? " (a relationship and the node it leads to, such as edges { node } or reportings { report }, count as one level)" : "";
    throw tooComplex(`The query ${what}: ${armorMessage(first.error)}${advice}`, { limit: first.limit });
  }
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const fields = expandedFields(document, definition);
    if (fields > LIMITS.maxFields) {
      throw tooComplex(
        `The query has ${fields > 1e9 ? "over a billion" : fields} fields once its fragments are spread out; at most ${LIMITS.maxFields} are allowed.`,
        { limit: "fields", maxFields: LIMITS.maxFields },
      );
    }
  }
}

/**
 * Scalars cost nothing (they come with their node); each object costs 1 (plus FIELD_COST for the
 * fields that run a query of their own), times how many may come.
 */
const costEstimator: ComplexityEstimator = ({ type: parent, field, args, childComplexity }) => {
  const type = getNullableType(field.type);
  if (isLeafType(getNamedType(type))) return 0;
  // A connection's `first` (or `last`) already counted its edges.
  if (parent.name.endsWith("Connection") && field.name === "edges") return 1 + childComplexity;
  const own = 1 + (parent.name === "Query" || parent.name === "Organization" ? (FIELD_COST[field.name] ?? 0) : 0);
  const size = typeof args.first === "number" ? args.first : args.last;
  const items = typeof size === "number" ? size : getNamedType(type).name.endsWith("Connection") ? 20 : isListType(type) ? PLAIN_LIST_ESTIMATE : 1;
  return own + childComplexity * Math.max(items, 1);
};

export function checkCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> = {}) {
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
      { limit: "cost", cost, maxCost: LIMITS.maxCost },
    );
  }
  return { cost };
}

/**
 * The shape limits as a validation rule for Apollo's `validationRules` (it runs them with graphql-js's
 * own rules, after parsing under the token limit), reporting a refusal as QUERY_TOO_COMPLEX.
 */
export const limitsRule: ValidationRule = (context) => {
  try {
    checkShape(context.getSchema(), context.getDocument());
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    context.reportError(error);
  }
  return {};
};

/**
 * The names of the variables a document passes to a `first` or `last` argument: the only arguments
 * the cost estimate reads, so a cost depends on the document, the operation and these variables' values.
 */
function sizeVariables(document: DocumentNode): string[] {
  let names = SIZE_VARIABLES.get(document);
  if (!names) {
    const found = new Set<string>();
    visit(document, {
      Argument(argument) {
        if ((argument.name.value === "first" || argument.name.value === "last") && argument.value.kind === Kind.VARIABLE) found.add(argument.value.name.value);
      },
    });
    SIZE_VARIABLES.set(document, (names = [...found]));
  }
  return names;
}
const SIZE_VARIABLES = new WeakMap<DocumentNode, string[]>();

/**
 * The cost of an operation, kept per parsed document (Apollo hands the same document for the same
 * source) and per value of its size variables: the estimate walks the whole document with type
 * information, about 0.1 ms on every request of a nested read otherwise.
 */
function cachedCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): void {
  let costs = COSTS.get(document);
  if (!costs) COSTS.set(document, (costs = new LRUCache({ max: 100 })));
  const key = JSON.stringify([operation.name?.value ?? null, ...sizeVariables(document).map((name) => (name in variables ? variables[name] : { absent: true }))]);
  if (costs.has(key)) return;
  checkCost(schema, document, operation, variables); // throws a refusal, which is not kept
  costs.set(key, true);
}
const COSTS = new WeakMap<DocumentNode, LRUCache<string, true>>();

/** The cost, once the operation and its variables are known; a refusal thrown here is sent as it is. */
export function limitsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (operation && operation.operation === "subscription") {
            // The schema has no subscriptions; said so plainly (graphql-js would fail it at
            // execution, as an internal error with a stack trace in the log).
            throw new GraphQLError("This API serves queries and mutations, not subscriptions.", {
              extensions: { code: "BAD_REQUEST", http: { status: 400 } },
            });
          }
          if (operation) cachedCost(schema, document, operation, request.variables ?? {});
        },
      };
    },
  };
}
