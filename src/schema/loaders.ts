import DataLoader from "dataloader";
import neo4j from "neo4j-driver";
import type { Graph } from "../graph/graph.ts";

/**
 * Per-request batch loaders: every nested field of the schema resolves through one of these, so a
 * GraphQL request costs one Cypher round trip per loader and depth, never one per row (no N+1).
 * Labels and relationship types below are constants; ids arrive as parameters.
 */

export type NodeRecord = Record<string, unknown> & { id: string };
export type Label = "Organization" | "Person" | "Report" | "Statement" | "AccessGrant" | "DataCategory";

/** A related node with the properties of the relationship that leads to it. */
export interface Related<T = NodeRecord> {
  node: T;
  rel: Record<string, unknown>;
}

export interface PageKey {
  id: string;
  skip: number;
  limit: number;
}

export interface PageResult {
  items: NodeRecord[];
  total: number;
}

/**
 * Stored properties no resolver reads, left out of what the loaders return: `facts` (the canonical
 * definition the loader compares files with) is the largest property of every node.
 */
const UNUSED = "facts: null";

/**
 * What a request reads of each node (src/schema/projection.ts): `properties`, the stored properties
 * its fields read (`id` always), or every property but UNUSED ones when unset.
 */
export interface Projection {
  properties?: readonly string[];
}

/** A node as the loaders return it: its properties (all but UNUSED ones, or those projected), and its label as `__label`. */
export function nodeProjection(variable: string, label?: Label, properties?: readonly string[]): string {
  const labelOf = `__label: ${label ? `'${label}'` : `head(labels(${variable}))`}`;
  if (!properties) return `${variable} {.*, ${UNUSED}, ${labelOf}}`;
  return `${variable} {${["id", ...properties.filter((p) => p !== "id")].map((p) => `.${p}`).join(", ")}, ${labelOf}}`;
}

/**
 * The Cypher of each kind of loader, exported so that benchmarks can run exactly what the API runs
 * (tests/bench compares the GraphQL layer with a bare driver handler sending the same statements).
 */
export function byIdCypher(label: Label, properties?: readonly string[]): string {
  return `UNWIND $ids AS id MATCH (n:${label} {id: id}) RETURN ${nodeProjection("n", label, properties)} AS node`;
}

/**
 * The rows of a related read from the parent `id`: `r` and `n` in the loader's order. `pattern`
 * binds `p` (the parent, matched by id), `r` (relationship) and `n` (related node). Shared with the
 * look-ahead (prefetch.ts), whose primed answers must be the loaders' own.
 */
export function relatedRows(pattern: string, orderBy = "n.id"): string {
  return `MATCH ${pattern}
         WITH r, n ORDER BY ${orderBy}`;
}

/** All related nodes of a paged read from the parent `id`, in the loader's order, as the list `matched`. */
export function pagedMatches(pattern: string, orderBy: string): string {
  return `MATCH ${pattern}
           WITH DISTINCT n ORDER BY ${orderBy}
           WITH collect(n) AS matched`;
}

export function relatedCypher(pattern: string, orderBy?: string, properties?: readonly string[]): string {
  return `UNWIND $ids AS id
       CALL (id) {
         ${relatedRows(pattern, orderBy)}
         RETURN collect({node: ${nodeProjection("n", undefined, properties)}, rel: properties(r)}) AS items
       }
       RETURN id, items`;
}

/** Parameters: `keys`, a list of {key, id, skip, limit}. */
export function pagedCypher(pattern: string, orderBy: string, properties?: readonly string[]): string {
  return `UNWIND $keys AS k
         CALL (k) {
           WITH k.id AS id
           ${pagedMatches(pattern, orderBy)}
           RETURN size(matched) AS total, [x IN matched[k.skip..(k.skip + k.limit)] | ${nodeProjection("x", undefined, properties)}] AS items
         }
         RETURN k.key AS key, items, total`;
}

/** A loader's statement for the request's projection, built once per projection. */
function perProjection(projection: Projection, build: (properties?: readonly string[]) => string): () => string {
  const built = new Map<string, string>();
  return () => {
    const key = projection.properties?.join(",") ?? "*";
    let cypher = built.get(key);
    if (cypher === undefined) built.set(key, (cypher = build(projection.properties)));
    return cypher;
  };
}

function byIdLoader(graph: Graph, label: Label, projection: Projection) {
  const cypher = perProjection(projection, (properties) => byIdCypher(label, properties));
  return new DataLoader<string, NodeRecord | null>(async (ids) => {
    const rows = await graph.read<{ node: NodeRecord }>(cypher(), { ids });
    const found = new Map(rows.map((row) => [row.node.id, row.node]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

function relatedLoader(graph: Graph, projection: Projection, pattern: string, orderBy?: string) {
  const cypher = perProjection(projection, (properties) => relatedCypher(pattern, orderBy, properties));
  return new DataLoader<string, Related[]>(async (ids) => {
    const rows = await graph.read<{ id: string; items: Related[] }>(cypher(), { ids });
    const found = new Map(rows.map((row) => [row.id, row.items]));
    return ids.map((id) => found.get(id) ?? []);
  });
}

/** Like relatedLoader, but a page (skip/limit) per parent and the total, for connection fields. */
function pagedLoader(graph: Graph, projection: Projection, pattern: string, orderBy: string) {
  const cypher = perProjection(projection, (properties) => pagedCypher(pattern, orderBy, properties));
  return new DataLoader<PageKey, PageResult, string>(
    async (keys) => {
      const rows = await graph.read<{ key: string; items: NodeRecord[]; total: number }>(cypher(), {
        keys: keys.map((k) => ({ key: pageKey(k), id: k.id, skip: neo4j.int(k.skip), limit: neo4j.int(k.limit) })),
      });
      const found = new Map(rows.map((row) => [row.key, row]));
      return keys.map((k) => found.get(pageKey(k)) ?? { items: [], total: 0 });
    },
    { cacheKeyFn: pageKey },
  );
}

export const pageKey = (k: PageKey) => `${k.id}|${k.skip}|${k.limit}`;

/** What the look-ahead primed, per loader of a request and cache key (a node id, or pageKey of a page). */
const PRIMED = new WeakMap<DataLoader<any, any, any>, Map<string, unknown>>();
const cacheKeyOf = (key: string | PageKey) => (typeof key === "string" ? key : pageKey(key));

/** Primes `loader` with `value` for `key`, and keeps the value for `withLoaded` to hand out at once. */
export function primeLoader<K extends string | PageKey, V>(loader: DataLoader<K, V, any>, key: K, value: V): void {
  loader.prime(key, value);
  let primed = PRIMED.get(loader);
  if (!primed) PRIMED.set(loader, (primed = new Map()));
  primed.set(cacheKeyOf(key), value);
}

/**
 * `shape` of the loader's answer for `key`: at once when the look-ahead primed it, so that graphql-js
 * completes the field and everything below it without a promise (a DataLoader answers with one even
 * from its cache: for a nested read of 20 statements, their reports and publishers, about 70 promises
 * and their microtasks a request); else when the loader has read it.
 */
export function withLoaded<K extends string | PageKey, V, R>(loader: DataLoader<K, V, any>, key: K, shape: (value: V) => R): R | Promise<R> {
  const primed = PRIMED.get(loader);
  if (primed) {
    const cacheKey = cacheKeyOf(key);
    if (primed.has(cacheKey)) return shape(primed.get(cacheKey) as V);
  }
  return loader.load(key).then(shape);
}

const NEWEST_STATEMENTS_FIRST = "n.madeStart DESC, n.id";

/** The related and paged loaders of the schema: [pattern, order]. */
export const RELATED = {
  organizationPartOf: ["(p:Organization {id: id})-[r:PART_OF]->(n:Organization)"],
  organizationMembers: ["(p:Organization {id: id})<-[r:PART_OF]-(n:Organization)"],
  organizationSpokespeople: ["(p:Organization {id: id})<-[r:SPEAKS_FOR]-(n:Person)"],
  organizationReportsPublished: ["(p:Organization {id: id})<-[r:PUBLISHED_BY]-(n:Report)", "n.publishedStart DESC, n.id"],
  organizationDocumentedIn: [
    "(p:Organization {id: id})<-[:GRANTED_TO|GRANTED_BY]-(:AccessGrant)-[r:DOCUMENTED_IN]->(n:Report)",
    "n.publishedStart DESC, n.id",
  ],

  personSpeaksFor: ["(p:Person {id: id})-[r:SPEAKS_FOR]->(n:Organization)"],
  personReports: ["(p:Person {id: id})<-[r:WRITTEN_BY]-(n:Report)", "n.publishedStart DESC, n.id"],

  reportPublisher: ["(p:Report {id: id})-[r:PUBLISHED_BY]->(n:Organization)"],
  reportAuthors: ["(p:Report {id: id})-[r:WRITTEN_BY]->(n:Person)"],
  reportGrants: ["(p:Report {id: id})<-[r:DOCUMENTED_IN]-(n:AccessGrant)"],
  reportStatements: ["(p:Report {id: id})<-[r:REPORTED_IN]-(n:Statement)", NEWEST_STATEMENTS_FIRST],
  reportCites: ["(p:Report {id: id})-[r:CITES]->(n:Report)", "n.publishedStart, n.id"],
  reportCitedBy: ["(p:Report {id: id})<-[r:CITES]-(n:Report)", "n.publishedStart, n.id"],

  statementMadeBy: ["(p:Statement {id: id})-[r:MADE_BY]->(n)"],
  statementOnBehalfOf: ["(p:Statement {id: id})-[r:ON_BEHALF_OF]->(n:Organization)"],
  statementReportedIn: ["(p:Statement {id: id})-[r:REPORTED_IN]->(n:Report)", "r.position"],
  statementAboutParties: ["(p:Statement {id: id})-[r:ABOUT]->(n:Organization)"],
  statementAboutData: ["(p:Statement {id: id})-[r:ABOUT]->(n:DataCategory)"],
  statementAboutGrants: ["(p:Statement {id: id})-[r:ABOUT]->(n:AccessGrant)"],

  grantGrantor: ["(p:AccessGrant {id: id})-[r:GRANTED_BY]->(n:Organization)"],
  grantGrantee: ["(p:AccessGrant {id: id})-[r:GRANTED_TO]->(n:Organization)"],
  grantData: ["(p:AccessGrant {id: id})-[r:COVERS]->(n:DataCategory)"],
  grantDerivedFrom: ["(p:AccessGrant {id: id})-[r:DERIVED_FROM]->(n:AccessGrant)"],
  grantDocumentedIn: ["(p:AccessGrant {id: id})-[r:DOCUMENTED_IN]->(n:Report)", "r.position"],
  grantStatements: ["(p:AccessGrant {id: id})<-[r:ABOUT]-(n:Statement)", NEWEST_STATEMENTS_FIRST],

  categoryPartOf: ["(p:DataCategory {id: id})-[r:PART_OF]->(n:DataCategory)"],
  categoryNarrower: ["(p:DataCategory {id: id})<-[r:PART_OF]-(n:DataCategory)"],
  categoryGrants: ["(p:DataCategory {id: id})<-[r:COVERS]-(n:AccessGrant)"],
} as const satisfies Record<string, readonly [string] | readonly [string, string]>;

export const PAGED = {
  organizationStatements: ["(:Organization {id: id})<-[:ON_BEHALF_OF|MADE_BY]-(n:Statement)", NEWEST_STATEMENTS_FIRST],
  organizationGrantsGiven: ["(:Organization {id: id})<-[:GRANTED_BY]-(n:AccessGrant)", "n.startDay, n.id"],
  organizationGrantsReceived: ["(:Organization {id: id})<-[:GRANTED_TO]-(n:AccessGrant)", "n.startDay, n.id"],
  personStatements: ["(:Person {id: id})<-[:MADE_BY]-(n:Statement)", NEWEST_STATEMENTS_FIRST],
} as const satisfies Record<string, readonly [string, string]>;

type RelatedLoaders = { [K in keyof typeof RELATED]: DataLoader<string, Related[]> };
type PagedLoaders = { [K in keyof typeof PAGED]: DataLoader<PageKey, PageResult, string> };

/** The byId loader of each label, by its name among the loaders. */
export const BY_ID = {
  organization: "Organization",
  person: "Person",
  report: "Report",
  statement: "Statement",
  grant: "AccessGrant",
  category: "DataCategory",
} as const satisfies Record<string, Label>;
type ByIdLoaders = { [K in keyof typeof BY_ID]: DataLoader<string, NodeRecord | null> };

export type Loaders = ByIdLoaders & RelatedLoaders & PagedLoaders;

type LoaderFactory = (graph: Graph, projection: Projection) => DataLoader<any, any, any>;
const FACTORIES: Record<string, LoaderFactory> = {
  ...Object.fromEntries(Object.entries(BY_ID).map(([name, label]) => [name, (graph: Graph, projection: Projection) => byIdLoader(graph, label, projection)])),
  ...Object.fromEntries(Object.entries(RELATED).map(([name, [pattern, orderBy]]) => [name, (graph: Graph, projection: Projection) => relatedLoader(graph, projection, pattern, orderBy)])),
  ...Object.fromEntries(Object.entries(PAGED).map(([name, [pattern, orderBy]]) => [name, (graph: Graph, projection: Projection) => pagedLoader(graph, projection, pattern, orderBy)])),
};

/**
 * One request's loaders, each made when first asked for: a request uses a few of the 36, and making
 * them all (each a DataLoader and its statement cache) cost about 20 µs on every request.
 */
class RequestLoaders {
  readonly made: Record<string, DataLoader<any, any, any>> = {};
  constructor(
    readonly graph: Graph,
    readonly projection: Projection,
  ) {}
}
for (const [name, make] of Object.entries(FACTORIES)) {
  Object.defineProperty(RequestLoaders.prototype, name, {
    get(this: RequestLoaders) {
      return (this.made[name] ??= make(this.graph, this.projection));
    },
  });
}

/** The loaders of one request; they read what `projection` says when their batches run (all properties until it is set). */
export function createLoaders(graph: Graph, projection: Projection = {}): Loaders {
  return new RequestLoaders(graph, projection) as unknown as Loaders;
}
