import neo4j, { type Driver } from "neo4j-driver";
import { contradictionsQuery, liveContradictionsQuery } from "../../src/contradictions/contradictionCypher.ts";
import { READ_PRECOMPUTED_VERSION } from "../../src/contradictions/precompute.ts";
import { contradictionParams as contradictionParamsOf, precomputedOrLive } from "../../src/contradictions/contradictionService.ts";
import { RELATED, byIdCypher, relatedCypher } from "../../src/schema/loaders.ts";
import { luceneQuery } from "../../src/schema/search/lucene.ts";
import { SEARCH } from "../../src/schema/search/search.resolver.ts";
import { type PrefetchPlan, prefetchCypher } from "../../src/schema/prefetch.ts";

/**
 * The two requests of the HTTP comparison, as each server is asked for them:
 *
 * - nested: one organisation's 20 newest statements, each with the reports that carried it and their
 *   publishers (claimgraph's organisation → statements → reportedIn → publisher; the same read in
 *   @neo4j/graphql's generated schema; the bare handler runs the one Cypher statement claimgraph's
 *   look-ahead makes of it);
 * - contradictions: the first page of one organisation's contradictions with statement, grant and
 *   evidence (claimgraph and the bare handler; @neo4j/graphql has no such rule engine).
 *
 * The bare handler sends exactly the Cypher text claimgraph's loaders send (imported from
 * src/schema/loaders.ts and src/contradictions/contradictionCypher.ts), in the same order and
 * batching, so the difference between the two is the GraphQL layer.
 */

export const PAGE = 20;

export const CLAIMGRAPH_NESTED = `query Nested($id: ID!) {
  organization(id: $id) { id name
    statements(first: ${PAGE}) { edges { node { id quote madeAt stance
      reportedIn { id title publisher { id name } }
    } } }
  }
}`;

export const NEO4J_GRAPHQL_NESTED = `query Nested($id: ID!) {
  organizations(where: { id: { eq: $id } }) { id name
    statements(limit: ${PAGE}, sort: [{ madeStart: DESC }, { id: ASC }]) { id quote madeAt stance
      reportedIn { id title publisher { id name } }
    }
  }
}`;

/** What the contradictions reads ask of each row (`more`: further fields, such as its review). */
export const contradictionRow = (more = "") => `
    id kind severity
    statement { id quote madeAt }
    grant { id validFrom validTo }
    evidence { id title }${more}`;

/** One organisation's first page of contradictions (`name`, `more`: the bench's variants). */
export const contradictionsOfOrganization = (name = "Contradictions", more = "") => `query ${name}($organization: ID!) {
  contradictions(filter: { organization: $organization }, first: ${PAGE}) { edges { node {${contradictionRow(more)}
  } } }
}`;

/** The first page of all contradictions. */
export const firstPageOfAll = (name = "FirstPage", more = "") => `query ${name} {
  contradictions(first: ${PAGE}) { edges { node {${contradictionRow(more)}
  } } }
}`;

export const CLAIMGRAPH_CONTRADICTIONS = contradictionsOfOrganization();
export const CLAIMGRAPH_FIRST_PAGE_OF_ALL = firstPageOfAll();

/**
 * Full-text search: the best statements (by quote) and reports (by title) for some words, a report
 * with its publisher. @neo4j/graphql has a query per full-text index; its two lists are merged by
 * score, as claimgraph's one list is ordered.
 */
export const CLAIMGRAPH_SEARCH = `query Search($text: String!) {
  search(text: $text, first: ${PAGE}) { score node { __typename
    ... on Statement { id quote madeAt }
    ... on Report { id title publisher { id name } }
  } }
}`;

export const NEO4J_GRAPHQL_SEARCH = `query Search($phrase: String!) {
  statementsFulltext(phrase: $phrase, first: ${PAGE}) { edges { score node { id quote madeAt } } }
  reportsFulltext(phrase: $phrase, first: ${PAGE}) { edges { score node { id title publisher { id name } } } }
}`;

/** A grant's evidence chain: the reports documenting it (their words, their publishers) and the statements about it with their speakers. */
export const CLAIMGRAPH_EVIDENCE = `query Evidence($id: ID!) {
  grant(id: $id) { id validFrom validTo
    documentedIn { quote report { id title publisher { id name } } }
    statements { id quote madeBy { __typename ... on Person { id personName: name } ... on Organization { id name } } }
  }
}`;

export const NEO4J_GRAPHQL_EVIDENCE = `query Evidence($id: ID!) {
  accessGrants(where: { id: { eq: $id } }) { id validFrom validTo
    documentedInConnection { edges { properties { quote } node { id title publisher { id name } } } }
    statements { id quote madeBy { __typename ... on Person { id personName: name } ... on Organization { id name } } }
  }
}`;

/** The schema a user of @neo4j/graphql would write for the same graph (statements on behalf of an organisation). */
export const NEO4J_GRAPHQL_TYPEDEFS = `
type Organization @node {
  id: ID!
  name: String!
  statements: [Statement!]! @relationship(type: "ON_BEHALF_OF", direction: IN)
}
type Person @node {
  id: ID!
  name: String
}
union Speaker = Organization | Person
type Statement @node @fulltext(indexes: [{ indexName: "statement_text", queryName: "statementsFulltext", fields: ["quote", "paraphrase"] }]) {
  id: ID!
  quote: String
  paraphrase: String
  madeAt: String
  madeStart: String
  stance: String!
  reportedIn: [Report!]! @relationship(type: "REPORTED_IN", direction: OUT)
  madeBy: [Speaker!]! @relationship(type: "MADE_BY", direction: OUT)
}
type Report @node @fulltext(indexes: [{ indexName: "report_text", queryName: "reportsFulltext", fields: ["title"] }]) {
  id: ID!
  title: String
  publisher: [Organization!]! @relationship(type: "PUBLISHED_BY", direction: OUT)
}
type Documentation @relationshipProperties {
  quote: String
  position: Int
}
type AccessGrant @node {
  id: ID!
  validFrom: String
  validTo: String
  documentedIn: [Report!]! @relationship(type: "DOCUMENTED_IN", direction: OUT, properties: "Documentation")
  statements: [Statement!]! @relationship(type: "ABOUT", direction: IN)
}`;

type Row = Record<string, any>;

async function readIn(driver: Driver, cypher: string, params: Row, database?: string): Promise<Row[]> {
  const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
  try {
    return await session.executeRead(async (tx) => (await tx.run(cypher, params)).records.map((r) => r.toObject()));
  } finally {
    await session.close();
  }
}

const ORGANIZATION_BY_ID = byIdCypher("Organization");
const STATEMENT_BY_ID = byIdCypher("Statement");
const GRANT_BY_ID = byIdCypher("AccessGrant");
const REPORT_BY_ID = byIdCypher("Report");
const CONTRADICTIONS_OF_ORGANIZATION = contradictionsQuery({ start: "organization" });
const LIVE_CONTRADICTIONS_OF_ORGANIZATION = liveContradictionsQuery({ start: "organization" });

/**
 * The nested read's plan, as claimgraph's look-ahead (src/schema/prefetch.ts) makes it from
 * CLAIMGRAPH_NESTED: organisation → a page of statements → reportedIn → publisher, in one statement.
 */
const NESTED_PLAN: PrefetchPlan = {
  children: [
    {
      paged: "organizationStatements",
      skip: 0,
      limit: PAGE + 1,
      plan: { children: [{ related: "statementReportedIn", plan: { children: [{ related: "reportPublisher", plan: { children: [] } }] } }] },
    },
  ],
};
/** The properties claimgraph reads for each request (src/schema/projection.ts: the fields asked; the bench checks the Cypher is the same). */
const NESTED_PROPERTIES = ["id", "madeAt", "name", "quote", "stance", "title"];
const SEARCH_PROPERTIES = ["id", "madeAt", "name", "quote", "title"];
const EVIDENCE_PROPERTIES = ["id", "name", "quote", "title", "validFrom", "validTo"];
const NESTED_CYPHER = prefetchCypher("Organization", NESTED_PLAN, NESTED_PROPERTIES).cypher;

/** The evidence chain's plan, as the look-ahead makes it from CLAIMGRAPH_EVIDENCE (fields in the query's order). */
const EVIDENCE_PLAN: PrefetchPlan = {
  children: [
    { related: "grantDocumentedIn", plan: { children: [{ related: "reportPublisher", plan: { children: [] } }] } },
    { related: "grantStatements", plan: { children: [{ related: "statementMadeBy", plan: { children: [] } }] } },
  ],
};
const EVIDENCE_CYPHER = prefetchCypher("AccessGrant", EVIDENCE_PLAN, EVIDENCE_PROPERTIES).cypher;
const REPORT_PUBLISHER = relatedCypher(RELATED.reportPublisher[0], undefined, SEARCH_PROPERTIES);

/** Every statement the bare handlers send, to check they are claimgraph's own. */
export const BARE_CYPHER = [
  ORGANIZATION_BY_ID,
  STATEMENT_BY_ID,
  GRANT_BY_ID,
  REPORT_BY_ID,
  NESTED_CYPHER,
  CONTRADICTIONS_OF_ORGANIZATION,
  READ_PRECOMPUTED_VERSION,
  LIVE_CONTRADICTIONS_OF_ORGANIZATION,
  SEARCH,
  REPORT_PUBLISHER,
  EVIDENCE_CYPHER,
];

const nameOf = (node: Row) => ({ id: node.id, name: node.name ?? null });

/** Full-text search with the driver alone: claimgraph's search statement, then the reports' publishers in one batch, as its loader does. */
export async function bareSearch(driver: Driver, text: string, database?: string): Promise<Row> {
  const hits = await readIn(driver, SEARCH, { query: luceneQuery(text), limit: neo4j.int(PAGE) }, database);
  const reportIds = hits.filter((h) => h.node.__label === "Report").map((h) => h.node.id as string);
  const publishers = new Map<string, Row | undefined>();
  if (reportIds.length > 0) {
    for (const row of await readIn(driver, REPORT_PUBLISHER, { ids: reportIds }, database)) publishers.set(row.id, row.items[0]?.node);
  }
  return {
    search: hits.map(({ node, score }) => ({
      score,
      node:
        node.__label === "Report"
          ? { __typename: "Report", id: node.id, title: node.title, publisher: publishers.get(node.id) ? nameOf(publishers.get(node.id)!) : null }
          : { __typename: "Statement", id: node.id, quote: node.quote, madeAt: node.madeAt ?? null },
    })),
  };
}

/** A grant's evidence chain with the driver alone: the look-ahead's one statement, shaped by hand. */
export async function bareEvidence(driver: Driver, id: string, database?: string): Promise<Row> {
  const [grant] = await readIn(driver, EVIDENCE_CYPHER, { ids: [id] }, database);
  if (!grant) return { grant: null };
  const g = grant.node;
  return {
    grant: {
      id: g.id,
      validFrom: g.validFrom ?? null,
      validTo: g.validTo ?? null,
      documentedIn: grant.children.c0.map(({ node: r, rel, children }: Row) => ({
        quote: rel.quote,
        report: { id: r.id, title: r.title, publisher: children.c1[0] ? nameOf(children.c1[0].node) : null },
      })),
      statements: grant.children.c2.map(({ node: s, children }: Row) => {
        const speaker = children.c3[0]?.node;
        return { id: s.id, quote: s.quote, madeBy: speaker ? { __typename: speaker.__label, ...nameOf(speaker) } : null };
      }),
    },
  };
}

/** What the three servers must agree on for a search: the first hits (kind, id), merged by score as claimgraph orders them. */
export function normalizeSearch(data: Row): Row {
  if (data.search) {
    // Hits tied with the last one kept may differ at the cut (Lucene keeps any of them): a full
    // page is compared without its last score's hits; the rest in order of score, then id.
    const hits = (data.search as Row[]).slice(0, PAGE);
    const last = hits.length === PAGE ? Math.fround(hits.at(-1)!.score) : undefined;
    return hits
      .filter((h: Row) => last === undefined || Math.fround(h.score) !== last)
      .sort((a: Row, b: Row) => b.score - a.score || a.node.id.localeCompare(b.node.id))
      .map((h: Row) => `${h.node.__typename}:${h.node.id}:${h.node.publisher?.id ?? ""}`);
  }
  const hits = [
    ...data.statementsFulltext.edges.map((e: Row) => ({ score: e.score, node: { __typename: "Statement", ...e.node } })),
    ...data.reportsFulltext.edges.map((e: Row) => ({ score: e.score, node: { __typename: "Report", ...e.node, publisher: e.node.publisher[0] ?? null } })),
  ].sort((a, b) => b.score - a.score || a.node.id.localeCompare(b.node.id));
  return normalizeSearch({ search: hits });
}

/** What the three must agree on for an evidence chain: documents and statements, order left aside. */
export function normalizeEvidence(data: Row): Row {
  const grant = data.grant ?? data.accessGrants?.[0];
  if (!grant) return { grant: null };
  const documents = grant.documentedIn ?? grant.documentedInConnection.edges.map((e: Row) => ({ quote: e.properties.quote, report: { ...e.node, publisher: e.node.publisher[0] ?? null } }));
  return {
    id: grant.id,
    documents: documents.map((d: Row) => `${d.report.id}|${d.report.publisher?.id ?? ""}|${d.quote ?? null}`).sort(),
    statements: grant.statements.map((s: Row) => `${s.id}|${(Array.isArray(s.madeBy) ? s.madeBy[0] : s.madeBy)?.id ?? ""}`).sort(),
  };
}


/** The nested read with the driver alone: claimgraph's one statement, its answer shaped by hand. */
export async function bareNested(driver: Driver, id: string, database?: string): Promise<Row> {
  const [org] = await readIn(driver, NESTED_CYPHER, { ids: [id], skip0: neo4j.int(0), limit0: neo4j.int(PAGE + 1) }, database);
  if (!org) return { organization: null };
  const statements: Row[] = org.children.c0.items.slice(0, PAGE);
  return {
    organization: {
      id: org.node.id,
      name: org.node.name,
      statements: {
        edges: statements.map(({ node: s, children }) => ({
          node: {
            id: s.id,
            quote: s.quote,
            madeAt: s.madeAt ?? null,
            stance: s.stance,
            reportedIn: children.c1.map(({ node: r, children }: Row) => {
              const p = children.c2[0]?.node;
              return { id: r.id, title: r.title, publisher: p ? { id: p.id, name: p.name } : null };
            }),
          },
        })),
      },
    },
  };
}

/** claimgraph's parameters for one organisation's first page, as the API passes them. */
export function contradictionParams(organization: string | null, limit = PAGE + 1): Row {
  return contradictionParamsOf({ organization, skip: 0, limit });
}

/** One organisation's contradictions with the driver alone: the same statements as claimgraph. */
export async function bareContradictions(driver: Driver, organization: string, database?: string): Promise<Row> {
  const read = (cypher: string, params: Row) => readIn(driver, cypher, params, database);
  // As claimgraph's service decides (one transaction there; here, one read per statement).
  const contradictions = () =>
    precomputedOrLive<Row>(read, { start: "organization" }, contradictionParams(organization), (rows) => rows.length === 0);
  const [[org], all] = await Promise.all([read(ORGANIZATION_BY_ID, { ids: [organization] }), contradictions()]);
  if (!org) return { contradictions: null };
  const rows = all.slice(0, PAGE);
  const statementIds = [...new Set(rows.map((r) => r.statementId as string))];
  const grantIds = [...new Set(rows.map((r) => r.grantId as string))];
  const reportIds = [...new Set(rows.flatMap((r) => r.independentReportIds as string[]))];
  const byId = async (cypher: string, ids: string[]) =>
    ids.length === 0 ? new Map<string, Row>() : new Map((await read(cypher, { ids })).map((r) => [r.node.id as string, r.node as Row]));
  const [statements, grants, reports] = await Promise.all([byId(STATEMENT_BY_ID, statementIds), byId(GRANT_BY_ID, grantIds), byId(REPORT_BY_ID, reportIds)]);
  return {
    contradictions: {
      edges: rows.map((r) => {
        const s = statements.get(r.statementId)!;
        const g = grants.get(r.grantId)!;
        return {
          node: {
            id: `${r.statementId}~${r.grantId}`,
            kind: r.kind,
            severity: r.severity,
            statement: { id: s.id, quote: s.quote, madeAt: s.madeAt ?? null },
            grant: { id: g.id, validFrom: g.validFrom ?? null, validTo: g.validTo ?? null },
            evidence: (r.independentReportIds as string[]).map((id) => reports.get(id)).filter(Boolean).map((x) => ({ id: x!.id, title: x!.title })),
          },
        };
      }),
    },
  };
}

/** @neo4j/graphql's answer in claimgraph's shape, to compare the two. */
export function neo4jGraphqlAsClaimgraph(data: Row): Row {
  const org = data.organizations?.[0];
  if (!org) return { organization: null };
  return {
    organization: {
      id: org.id,
      name: org.name,
      statements: {
        edges: org.statements.map((s: Row) => ({
          node: {
            id: s.id,
            quote: s.quote,
            madeAt: s.madeAt ?? null,
            stance: s.stance,
            reportedIn: s.reportedIn.map((r: Row) => ({ id: r.id, title: r.title, publisher: r.publisher[0] ? { id: r.publisher[0].id, name: r.publisher[0].name } : null })),
          },
        })),
      },
    },
  };
}

/** Lists whose order is not part of the answer (a statement's reports) sorted, for comparison. */
export function normalizeNested(data: Row): Row {
  const copy = JSON.parse(JSON.stringify(data));
  for (const edge of copy.organization?.statements?.edges ?? []) edge.node.reportedIn.sort((a: Row, b: Row) => a.id.localeCompare(b.id));
  return copy;
}
