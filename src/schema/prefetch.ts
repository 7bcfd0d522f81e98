import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
  type ValueNode,
  Kind,
  getArgumentValues,
  isObjectType,
} from "graphql";
import neo4j from "neo4j-driver";
import { pageOf } from "./common/connection.ts";
import type { Context } from "./context.ts";
import { BY_ID, type Label, type Loaders, type NodeRecord, PAGED, RELATED, nodeProjection, pagedMatches, primeLoader, relatedRows } from "./loaders.ts";

/**
 * Look-ahead for nested reads: when a query asks for a node and, below it, relationships the
 * loaders serve (organisation → statements → reportedIn → publisher), the whole tree is read in ONE
 * Cypher statement and the loaders are primed with what it returned. The resolvers do not change:
 * they ask their loaders as always and find the answers already there. Whatever the look-ahead does
 * not understand (a union's fields, an argument it cannot read, a level beyond MAX_DEPTH) is simply
 * not prefetched and resolves through the loaders, one round trip per loader and depth.
 *
 * Each relationship is read with the loader's own pattern and order (RELATED / PAGED in loaders.ts)
 * and returned in the loader's own shape, so a primed answer is the one the loader would have given.
 */

type RelatedName = keyof typeof RELATED;
type PagedName = keyof typeof PAGED;

/** How a field of an object type is served, and where the related node's own selection is. */
type FieldSpec =
  /** A loader of related nodes; `via` names the wrapper field holding the node (Reporting.report). */
  | { related: RelatedName; target?: string; via?: string }
  /** A paged loader behind a connection (`edges { node }`). */
  | { paged: PagedName; target: string }
  /** Another object type resolved from the same node (Statement.about → StatementScope). */
  | { same: string };

export const PREFETCHABLE: Record<string, Record<string, FieldSpec>> = {
  Organization: {
    partOf: { related: "organizationPartOf", target: "Organization" },
    members: { related: "organizationMembers", target: "Organization" },
    spokespeople: { related: "organizationSpokespeople", target: "Person", via: "person" },
    statements: { paged: "organizationStatements", target: "Statement" },
    grantsGiven: { paged: "organizationGrantsGiven", target: "AccessGrant" },
    grantsReceived: { paged: "organizationGrantsReceived", target: "AccessGrant" },
    reportsPublished: { related: "organizationReportsPublished", target: "Report" },
    documentedIn: { related: "organizationDocumentedIn", target: "Report" },
  },
  Person: {
    speaksFor: { related: "personSpeaksFor", target: "Organization", via: "organization" },
    statements: { paged: "personStatements", target: "Statement" },
    reportsWritten: { related: "personReports", target: "Report" },
  },
  Report: {
    publisher: { related: "reportPublisher", target: "Organization" },
    authors: { related: "reportAuthors", target: "Person" },
    documents: { related: "reportGrants", target: "AccessGrant", via: "grant" },
    statements: { related: "reportStatements", target: "Statement" },
    cites: { related: "reportCites", target: "Report" },
    citedBy: { related: "reportCitedBy", target: "Report" },
  },
  Statement: {
    speaker: { related: "statementMadeBy" },
    // Person or Organization: the node is prefetched, the union's own fields are not.
    madeBy: { related: "statementMadeBy" },
    onBehalfOf: { related: "statementOnBehalfOf", target: "Organization" },
    reportedIn: { related: "statementReportedIn", target: "Report" },
    reportings: { related: "statementReportedIn", target: "Report", via: "report" },
    about: { same: "StatementScope" },
  },
  StatementScope: {
    parties: { related: "statementAboutParties", target: "Organization", via: "organization" },
    data: { related: "statementAboutData", target: "DataCategory" },
    grants: { related: "statementAboutGrants", target: "AccessGrant" },
  },
  AccessGrant: {
    grantor: { related: "grantGrantor", target: "Organization" },
    grantee: { related: "grantGrantee", target: "Organization" },
    data: { related: "grantData", target: "DataCategory" },
    documentedIn: { related: "grantDocumentedIn", target: "Report", via: "report" },
    statements: { related: "grantStatements", target: "Statement" },
  },
  DataCategory: {
    partOf: { related: "categoryPartOf", target: "DataCategory" },
    narrower: { related: "categoryNarrower", target: "DataCategory" },
    grants: { related: "categoryGrants", target: "AccessGrant" },
  },
};

/** Levels of relationships read in one statement; deeper ones go through the loaders. */
export const MAX_DEPTH = 4;

/** What to read below one node: a relationship per loader (and page), each with what to read below its nodes. */
export interface PrefetchPlan {
  children: PlanChild[];
}

export type PlanChild =
  | { related: RelatedName; plan: PrefetchPlan }
  | { paged: PagedName; skip: number; limit: number; plan: PrefetchPlan };

const childKey = (child: PlanChild) => ("related" in child ? child.related : `${child.paged}|${child.skip}|${child.limit}`);

// ------------------------------------------------------------------------------------------------
// From a GraphQL selection to a plan

function* fieldsOf(selectionSet: SelectionSetNode | undefined, typeName: string, fragments: Record<string, FragmentDefinitionNode>): Generator<FieldNode> {
  if (!selectionSet) return;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) yield selection;
    else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (!selection.typeCondition || selection.typeCondition.name.value === typeName) yield* fieldsOf(selection.selectionSet, typeName, fragments);
    } else {
      const fragment = fragments[selection.name.value];
      if (fragment?.typeCondition.name.value === typeName) yield* fieldsOf(fragment.selectionSet, typeName, fragments);
    }
  }
}

/** The selections of the fields named `name` among `fields` (of type `typeName`), merged. */
function subSelection(fields: Iterable<FieldNode>, name: string, typeName: string, info: Pick<GraphQLResolveInfo, "fragments">): FieldNode[] {
  const out: FieldNode[] = [];
  for (const field of fields) for (const sub of fieldsOf(field.selectionSet, typeName, info.fragments)) if (sub.name.value === name) out.push(sub);
  return out;
}

type SelectionInfo = Pick<GraphQLResolveInfo, "schema" | "fragments" | "variableValues">;

/**
 * The plan for the selections `fieldNodes` (all of object type `typeName`): every field of
 * PREFETCHABLE found in them, merged by loader and page, down to MAX_DEPTH levels.
 */
export function planFor(fieldNodes: readonly FieldNode[], typeName: string, info: SelectionInfo, depth = 0): PrefetchPlan {
  const children = new Map<string, PlanChild & { selections: { nodes: FieldNode[]; type?: string }[] }>();
  const visit = (nodes: readonly FieldNode[], type: string) => {
    const specs = PREFETCHABLE[type];
    const objectType = info.schema.getType(type);
    if (!specs || !isObjectType(objectType)) return;
    for (const node of nodes) {
      for (const field of fieldsOf(node.selectionSet, type, info.fragments)) {
        const spec = specs[field.name.value];
        if (!spec) continue;
        if ("same" in spec) {
          visit([field], spec.same);
          continue;
        }
        let child: PlanChild;
        let below: FieldNode[];
        if ("paged" in spec) {
          let page;
          try {
            const args = getArgumentValues(objectType.getFields()[field.name.value], field, info.variableValues);
            page = pageOf(args.first as number | undefined, args.after as string | undefined, spec.paged);
          } catch {
            continue; // the resolver will report the bad argument
          }
          child = { paged: spec.paged, skip: page.skip, limit: page.limit + 1, plan: { children: [] } };
          below = subSelection(subSelection([field], "edges", connectionName(spec.target), info), "node", edgeName(spec.target), info);
        } else {
          child = { related: spec.related, plan: { children: [] } };
          below = spec.via ? subSelection([field], spec.via, wrapperName(type, field.name.value, info), info) : [field];
        }
        const key = childKey(child);
        const existing = children.get(key) ?? { ...child, selections: [] };
        if (spec.target) existing.selections.push({ nodes: below, type: spec.target });
        children.set(key, existing);
      }
    }
  };
  visit(fieldNodes, typeName);
  return {
    children: [...children.values()].map(({ selections, ...child }) => {
      if (depth + 1 < MAX_DEPTH) {
        const nodes = selections.flatMap((s) => s.nodes);
        const type = selections[0]?.type;
        if (type && nodes.some((n) => n.selectionSet)) child.plan = planFor(nodes, type, info, depth + 1);
      }
      return child;
    }),
  };
}

/**
 * The variables the arguments below `fieldNodes` use (not the fields' own arguments): all a plan
 * depends on besides the document, since planFor reads only the nested fields' arguments (a page's
 * `first` and `after`).
 */
function nestedVariables(fieldNodes: readonly FieldNode[], fragments: Record<string, FragmentDefinitionNode>): string[] {
  const names = new Set<string>();
  const seen = new Set<string>();
  const inValue = (value: ValueNode) => {
    if (value.kind === Kind.VARIABLE) names.add(value.name.value);
    else if (value.kind === Kind.LIST) value.values.forEach(inValue);
    else if (value.kind === Kind.OBJECT) for (const field of value.fields) inValue(field.value);
  };
  const walk = (selectionSet: SelectionSetNode | undefined) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        for (const argument of selection.arguments ?? []) inValue(argument.value);
        walk(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        walk(fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const node of fieldNodes) walk(node.selectionSet);
  return [...names];
}

interface CachedPlans {
  nodes: readonly FieldNode[];
  typeName: string;
  variables: string[];
  plans: Map<string, PrefetchPlan>;
}
/** Plans per selection (the parsed document's own nodes, the same for every request of a source) and per value of its nested variables. */
const PLANS = new WeakMap<FieldNode, CachedPlans[]>();

/**
 * planFor, kept per selection and nested variables' values: building a plan walks the selection
 * (about 30 µs a request of the nested read), and a source's requests differ mostly in the root's id.
 */
export function cachedPlanFor(fieldNodes: readonly FieldNode[], typeName: string, info: SelectionInfo): PrefetchPlan {
  const [first] = fieldNodes;
  if (!first) return { children: [] };
  let entries = PLANS.get(first);
  if (!entries) PLANS.set(first, (entries = []));
  let entry = entries.find((e) => e.typeName === typeName && e.nodes.length === fieldNodes.length && e.nodes.every((n, i) => n === fieldNodes[i]));
  if (!entry) entries.push((entry = { nodes: [...fieldNodes], typeName, variables: nestedVariables(fieldNodes, info.fragments), plans: new Map() }));
  const key = JSON.stringify(entry.variables.map((name) => info.variableValues[name] ?? null));
  let plan = entry.plans.get(key);
  if (!plan) {
    plan = planFor(fieldNodes, typeName, info);
    if (entry.plans.size >= 50) entry.plans.delete(entry.plans.keys().next().value!);
    entry.plans.set(key, plan);
  }
  return plan;
}

const connectionName = (target: string) => `${target}Connection`;
const edgeName = (target: string) => `${target}Edge`;

/** The type of the wrapper objects a field returns (Statement.reportings → Reporting). */
function wrapperName(type: string, field: string, info: SelectionInfo): string {
  const objectType = info.schema.getType(type);
  if (!isObjectType(objectType)) return "";
  let fieldType = objectType.getFields()[field]?.type as any;
  while (fieldType?.ofType) fieldType = fieldType.ofType;
  return fieldType?.name ?? "";
}

// ------------------------------------------------------------------------------------------------
// From a plan to one Cypher statement

/**
 * One statement reading `$ids` (nodes labelled `label`) and, per plan child, a column of the
 * loader's answer for each node; every related node carries `children`, a map of its own columns.
 * Variables are numbered by depth; each relationship is a CALL subquery importing only its parent,
 * so the loaders' patterns (which bind `id`, `p`, `r`, `n`) can be used as they are.
 * Parameters: `$ids`, and `$skipK` / `$limitK` per page.
 */
export function prefetchCypher(label: Label, plan: PrefetchPlan, properties?: readonly string[]): { cypher: string; pages: { skip: string; limit: string }[] } {
  let column = 0;
  const pages: { skip: string; limit: string }[] = [];
  const below = (parent: string, plan: PrefetchPlan, depth: number): { calls: string; map: string } => {
    const calls: string[] = [];
    const entries: string[] = [];
    for (const child of plan.children) {
      const name = `c${column++}`;
      const node = `n${depth}`;
      if ("related" in child) {
        const [pattern, orderBy] = RELATED[child.related] as readonly [string, string?];
        const inner = below(node, child.plan, depth + 1);
        calls.push(`CALL (${parent}) {
  WITH ${parent}.id AS id
  ${relatedRows(pattern, orderBy)}
  WITH r AS r${depth}, n AS ${node}${inner.calls}
  RETURN collect({node: ${nodeProjection(node, undefined, properties)}, rel: properties(r${depth}), children: ${inner.map}}) AS ${name}
}`);
      } else {
        const [pattern, orderBy] = PAGED[child.paged];
        const skip = `skip${pages.length}`;
        const limit = `limit${pages.length}`;
        pages.push({ skip, limit });
        const inner = below(node, child.plan, depth + 1);
        calls.push(`CALL (${parent}) {
  WITH ${parent}.id AS id
  ${pagedMatches(pattern, orderBy)}
  CALL (matched) {
    UNWIND matched[$${skip}..($${skip} + $${limit})] AS ${node}${inner.calls}
    RETURN collect({node: ${nodeProjection(node, undefined, properties)}, children: ${inner.map}}) AS items
  }
  RETURN {total: size(matched), items: items} AS ${name}
}`);
      }
      entries.push(`${name}: ${name}`);
    }
    return { calls: calls.map((call) => `\n${call}`).join(""), map: `{${entries.join(", ")}}` };
  };
  const root = below("n0", plan, 1);
  // The root is read as the byId loader reads it.
  const cypher = `UNWIND $ids AS rootId
MATCH (n0:${label} {id: rootId})${root.calls}
RETURN ${nodeProjection("n0", label, properties)} AS node, ${root.map} AS children`;
  return { cypher, pages };
}

/** Parameters of a plan's statement: the page bounds, in the order prefetchCypher numbered them. */
function pageParams(plan: PrefetchPlan, params: Record<string, unknown> = {}): Record<string, unknown> {
  let index = 0;
  const walk = (plan: PrefetchPlan) => {
    for (const child of plan.children) {
      if ("paged" in child) {
        params[`skip${index}`] = neo4j.int(child.skip);
        params[`limit${index}`] = neo4j.int(child.limit);
        index++;
      }
      walk(child.plan);
    }
  };
  walk(plan);
  return params;
}

// ------------------------------------------------------------------------------------------------
// Reading and priming

type Row = { node: NodeRecord; children: Record<string, any> };

/** The byId loader of each label. */
const BY_LABEL = Object.fromEntries(Object.entries(BY_ID).map(([name, label]) => [label, name])) as Record<Label, keyof typeof BY_ID>;

/** Primes the loaders with one node's children as read by `prefetchCypher` (same column numbering). */
function prime(loaders: Loaders, plan: PrefetchPlan, id: string, children: Record<string, any>, column: { next: number }) {
  for (const child of plan.children) {
    const value = children[`c${column.next++}`];
    const start = column.next;
    const items: { node: NodeRecord; rel?: Record<string, unknown>; children: Record<string, any> }[] = "related" in child ? value : value.items;
    for (const item of items) {
      column.next = start;
      prime(loaders, child.plan, item.node.id, item.children, column);
    }
    column.next = start + countColumns(child.plan);
    if ("related" in child) {
      primeLoader(loaders[child.related], id, items.map(({ node, rel }) => ({ node, rel: rel ?? {} })));
    } else {
      primeLoader(loaders[child.paged], { id, skip: child.skip, limit: child.limit }, { items: items.map((i) => i.node), total: value.total });
    }
  }
}

function countColumns(plan: PrefetchPlan): number {
  return plan.children.reduce((n, child) => n + 1 + countColumns(child.plan), 0);
}

/** Statement text per plan shape, so a repeated query does not rebuild it. */
const CYPHER_CACHE = new Map<string, { cypher: string }>();
const CACHE_LIMIT = 500;

/** The same, per plan object (a cached plan's requests skip building the key). */
const CYPHER_BY_PLAN = new WeakMap<PrefetchPlan, Map<string, string>>();

function cachedCypher(label: Label, plan: PrefetchPlan, properties?: readonly string[]): string {
  const own = `${label}:${properties?.join(",") ?? "*"}`;
  let byPlan = CYPHER_BY_PLAN.get(plan);
  if (!byPlan) CYPHER_BY_PLAN.set(plan, (byPlan = new Map()));
  const known = byPlan.get(own);
  if (known !== undefined) return known;
  const key = `${own}:${JSON.stringify(plan, (k, v) => (k === "skip" || k === "limit" ? undefined : v))}`;
  let entry = CYPHER_CACHE.get(key);
  if (!entry) {
    entry = { cypher: prefetchCypher(label, plan, properties).cypher };
    if (CYPHER_CACHE.size >= CACHE_LIMIT) CYPHER_CACHE.delete(CYPHER_CACHE.keys().next().value!);
    CYPHER_CACHE.set(key, entry);
  }
  byPlan.set(own, entry.cypher);
  return entry.cypher;
}

/**
 * Reads the nodes `ids` (of `label`) and everything `plan` names below them in one round trip, and
 * primes the loaders with it. Returns the nodes by id (absent ids: none).
 */
export async function prefetch(context: Pick<Context, "graph" | "loaders" | "projection">, label: Label, ids: readonly string[], plan: PrefetchPlan): Promise<Map<string, NodeRecord>> {
  const rows = await context.graph.read<Row>(cachedCypher(label, plan, context.projection.properties), pageParams(plan, { ids: [...new Set(ids)] }));
  const found = new Map<string, NodeRecord>();
  for (const row of rows) {
    found.set(row.node.id, row.node);
    context.loaders[BY_LABEL[label]].prime(row.node.id, row.node);
    prime(context.loaders, plan, row.node.id, row.children, { next: 0 });
  }
  return found;
}

/**
 * A root field's node by id, with what the query asks below it read in the same round trip when
 * there is anything to prefetch (else the byId loader alone).
 */
export async function loadNode(context: Context, info: GraphQLResolveInfo, label: Label, id: string): Promise<NodeRecord | null> {
  const plan = context.prefetch ? cachedPlanFor(info.fieldNodes, label, info) : { children: [] };
  if (plan.children.length === 0) return context.loaders[BY_LABEL[label]].load(id);
  return (await prefetch(context, label, [id], plan)).get(id) ?? null;
}

/**
 * For a root connection of `label` nodes already read (`organizations`, `statements`...): what the
 * query asks below its `edges { node }` in one more round trip, whatever the page size.
 */
export async function prefetchBelowConnection(context: Context, info: GraphQLResolveInfo, label: Label, ids: readonly string[]): Promise<void> {
  if (ids.length === 0 || !context.prefetch) return;
  const nodes = subSelection(subSelection(info.fieldNodes, "edges", connectionName(label), info), "node", edgeName(label), info);
  const plan = cachedPlanFor(nodes, label, info);
  if (plan.children.length > 0) await prefetch(context, label, ids, plan);
}
