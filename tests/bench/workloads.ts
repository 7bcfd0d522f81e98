import neo4j, { type Driver } from "neo4j-driver";
import { contradictionsQuery } from "../../src/contradictions/contradictionCypher.ts";
import { contradictionParams as contradictionParamsOf } from "../../src/contradictions/contradictionService.ts";
import { byIdCypher } from "../../src/schema/loaders.ts";
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

export const CLAIMGRAPH_CONTRADICTIONS = `query Contradictions($organization: ID!) {
  contradictions(filter: { organization: $organization }, first: ${PAGE}) { edges { node {
    id kind severity
    statement { id quote madeAt }
    grant { id validFrom validTo }
    evidence { id title }
  } } }
}`;

export const CLAIMGRAPH_FIRST_PAGE_OF_ALL = `query FirstPage {
  contradictions(first: ${PAGE}) { edges { node {
    id kind severity
    statement { id quote madeAt }
    grant { id validFrom validTo }
    evidence { id title }
  } } }
}`;

/** The schema a user of @neo4j/graphql would write for the same graph (statements on behalf of an organisation). */
export const NEO4J_GRAPHQL_TYPEDEFS = `
type Organization @node {
  id: ID!
  name: String!
  statements: [Statement!]! @relationship(type: "ON_BEHALF_OF", direction: IN)
}
type Statement @node {
  id: ID!
  quote: String!
  madeAt: String
  madeStart: String
  stance: String!
  reportedIn: [Report!]! @relationship(type: "REPORTED_IN", direction: OUT)
}
type Report @node {
  id: ID!
  title: String!
  publisher: [Organization!]! @relationship(type: "PUBLISHED_BY", direction: OUT)
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
const NESTED_CYPHER = prefetchCypher("Organization", NESTED_PLAN).cypher;

/** Every statement the bare handlers send, to check they are claimgraph's own. */
export const BARE_CYPHER = [
  ORGANIZATION_BY_ID,
  STATEMENT_BY_ID,
  GRANT_BY_ID,
  REPORT_BY_ID,
  NESTED_CYPHER,
  CONTRADICTIONS_OF_ORGANIZATION,
];


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
  const [[org], all] = await Promise.all([read(ORGANIZATION_BY_ID, { ids: [organization] }), read(CONTRADICTIONS_OF_ORGANIZATION, contradictionParams(organization))]);
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
