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

function byIdLoader(graph: Graph, label: Label) {
  return new DataLoader<string, NodeRecord | null>(async (ids) => {
    const rows = await graph.read<{ node: NodeRecord }>(
      `UNWIND $ids AS id MATCH (n:${label} {id: id}) RETURN n {.*, __label: '${label}'} AS node`,
      { ids },
    );
    const found = new Map(rows.map((row) => [row.node.id, row.node]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

/** `pattern` binds `p` (the parent, matched by id), `r` (relationship) and `n` (related node). */
function relatedLoader(graph: Graph, pattern: string, orderBy = "n.id") {
  return new DataLoader<string, Related[]>(async (ids) => {
    const rows = await graph.read<{ id: string; items: Related[] }>(
      `UNWIND $ids AS id
       CALL (id) {
         MATCH ${pattern}
         WITH r, n ORDER BY ${orderBy}
         RETURN collect({node: n {.*, __label: head(labels(n))}, rel: properties(r)}) AS items
       }
       RETURN id, items`,
      { ids },
    );
    const found = new Map(rows.map((row) => [row.id, row.items]));
    return ids.map((id) => found.get(id) ?? []);
  });
}

/** Like relatedLoader, but a page (skip/limit) per parent and the total, for connection fields. */
function pagedLoader(graph: Graph, pattern: string, orderBy: string) {
  return new DataLoader<PageKey, PageResult, string>(
    async (keys) => {
      const rows = await graph.read<{ key: string; items: NodeRecord[]; total: number }>(
        `UNWIND $keys AS k
         CALL (k) {
           WITH k.id AS id
           MATCH ${pattern}
           WITH DISTINCT n ORDER BY ${orderBy}
           WITH collect(n) AS matched
           RETURN size(matched) AS total, [x IN matched[k.skip..(k.skip + k.limit)] | x {.*, __label: head(labels(x))}] AS items
         }
         RETURN k.key AS key, items, total`,
        {
          keys: keys.map((k) => ({ key: pageKey(k), id: k.id, skip: neo4j.int(k.skip), limit: neo4j.int(k.limit) })),
        },
      );
      const found = new Map(rows.map((row) => [row.key, row]));
      return keys.map((k) => found.get(pageKey(k)) ?? { items: [], total: 0 });
    },
    { cacheKeyFn: pageKey },
  );
}

const pageKey = (k: PageKey) => `${k.id}|${k.skip}|${k.limit}`;

export function createLoaders(graph: Graph) {
  const related = (pattern: string, orderBy?: string) => relatedLoader(graph, pattern, orderBy);
  const paged = (pattern: string, orderBy: string) => pagedLoader(graph, pattern, orderBy);
  const newestStatementsFirst = "n.madeStart DESC, n.id";
  return {
    organization: byIdLoader(graph, "Organization"),
    person: byIdLoader(graph, "Person"),
    report: byIdLoader(graph, "Report"),
    statement: byIdLoader(graph, "Statement"),
    grant: byIdLoader(graph, "AccessGrant"),
    category: byIdLoader(graph, "DataCategory"),

    organizationPartOf: related("(p:Organization {id: id})-[r:PART_OF]->(n:Organization)"),
    organizationMembers: related("(p:Organization {id: id})<-[r:PART_OF]-(n:Organization)"),
    organizationSpokespeople: related("(p:Organization {id: id})<-[r:SPEAKS_FOR]-(n:Person)"),
    organizationReportsPublished: related("(p:Organization {id: id})<-[r:PUBLISHED_BY]-(n:Report)", "n.publishedStart DESC, n.id"),
    organizationDocumentedIn: related(
      "(p:Organization {id: id})<-[:GRANTED_TO|GRANTED_BY]-(:AccessGrant)-[r:DOCUMENTED_IN]->(n:Report)",
      "n.publishedStart DESC, n.id",
    ),
    organizationStatements: paged(
      "(:Organization {id: id})<-[:ON_BEHALF_OF|MADE_BY]-(n:Statement)",
      newestStatementsFirst,
    ),
    organizationGrantsGiven: paged("(:Organization {id: id})<-[:GRANTED_BY]-(n:AccessGrant)", "n.startDay, n.id"),
    organizationGrantsReceived: paged("(:Organization {id: id})<-[:GRANTED_TO]-(n:AccessGrant)", "n.startDay, n.id"),

    personSpeaksFor: related("(p:Person {id: id})-[r:SPEAKS_FOR]->(n:Organization)"),
    personStatements: paged("(:Person {id: id})<-[:MADE_BY]-(n:Statement)", newestStatementsFirst),
    personReports: related("(p:Person {id: id})<-[r:WRITTEN_BY]-(n:Report)", "n.publishedStart DESC, n.id"),

    reportPublisher: related("(p:Report {id: id})-[r:PUBLISHED_BY]->(n:Organization)"),
    reportAuthors: related("(p:Report {id: id})-[r:WRITTEN_BY]->(n:Person)"),
    reportGrants: related("(p:Report {id: id})<-[r:DOCUMENTED_IN]-(n:AccessGrant)"),
    reportStatements: related("(p:Report {id: id})<-[r:REPORTED_IN]-(n:Statement)", newestStatementsFirst),

    statementMadeBy: related("(p:Statement {id: id})-[r:MADE_BY]->(n)"),
    statementOnBehalfOf: related("(p:Statement {id: id})-[r:ON_BEHALF_OF]->(n:Organization)"),
    statementReportedIn: related("(p:Statement {id: id})-[r:REPORTED_IN]->(n:Report)", "r.position"),
    statementAboutParties: related("(p:Statement {id: id})-[r:ABOUT]->(n:Organization)"),
    statementAboutData: related("(p:Statement {id: id})-[r:ABOUT]->(n:DataCategory)"),
    statementAboutGrants: related("(p:Statement {id: id})-[r:ABOUT]->(n:AccessGrant)"),

    grantGrantor: related("(p:AccessGrant {id: id})-[r:GRANTED_BY]->(n:Organization)"),
    grantGrantee: related("(p:AccessGrant {id: id})-[r:GRANTED_TO]->(n:Organization)"),
    grantData: related("(p:AccessGrant {id: id})-[r:COVERS]->(n:DataCategory)"),
    grantDocumentedIn: related("(p:AccessGrant {id: id})-[r:DOCUMENTED_IN]->(n:Report)", "r.position"),
    grantStatements: related("(p:AccessGrant {id: id})<-[r:ABOUT]-(n:Statement)", newestStatementsFirst),

    categoryPartOf: related("(p:DataCategory {id: id})-[r:PART_OF]->(n:DataCategory)"),
    categoryNarrower: related("(p:DataCategory {id: id})<-[r:PART_OF]-(n:DataCategory)"),
    categoryGrants: related("(p:DataCategory {id: id})<-[r:COVERS]-(n:AccessGrant)"),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
