import type { TextAnchor } from "../../domain/attribution.ts";
import type { ContradictionFilterInput } from "../../export/filterParams.ts";

/**
 * The explorer's only data source: the public GraphQL API of this server (POST /graphql), with the
 * same queries any client could send.
 */

export interface Named {
  id: string;
  name: string;
}

export interface Report {
  id: string;
  title: string | null;
  textFile?: string | null;
  url: string | null;
  publishedAt: string | null;
  kind: string;
  publisher: Named | null;
}

export type Anchor = TextAnchor;

export interface Statement {
  id: string;
  form: string;
  quote: string | null;
  account: string | null;
  verified: boolean;
  paraphrase: string | null;
  madeAt: string | null;
  channel: string | null;
  stance: string;
  /** A claim of not knowing the full scale of an access: it concedes the access itself. */
  concedesAccess?: boolean | null;
  speaker: string;
  /** Non-null when the source never says who spoke: the extract's reason for the speaker. */
  speakerInferred: string | null;
  notes?: string | null;
  onBehalfOf: Named | null;
  reportings: { account: string | null; verified: boolean; quoteAnchor: Anchor | null; accountAnchor: Anchor | null; report: Report & { extractNotes?: string | null } }[];
}

export interface Grant {
  id: string;
  description: string | null;
  capabilities: string[] | null;
  validFrom: string | null;
  validTo: string | null;
  openEnded: boolean;
  exemptFromPrivacyRules: boolean;
  purpose: string | null;
  grantor: Named | null;
  grantee: Named | null;
  data: Named[];
  documentedIn: { quote: string | null; account: string | null; reportInferred?: string | null; verified: boolean; anchor: Anchor | null; report: Report; carriedBy: Report | null }[];
}

export interface Contradiction {
  id: string;
  kind: string;
  severity: number;
  explanation: string;
  reportPredatesStatement: boolean | null;
  statement: Statement;
  grant: Grant;
  /** Onward transfer: the grants the grant passes on, nearest first. */
  /** The grants this one passes on, without their documentation (each has its own, read where it is contradicted): the API's cost limit. */
  chain: Omit<Grant, "documentedIn">[];
  evidence: Report[];
  corroboration: { byOtherParty: boolean; statement: Pick<Statement, "id" | "form" | "quote" | "account" | "verified" | "speaker" | "speakerInferred" | "madeAt" | "onBehalfOf" | "reportings"> }[];
}

export interface TimelineEvent {
  date: string;
  kind: "GRANT_STARTED" | "GRANT_ENDED" | "REPORT_PUBLISHED" | "STATEMENT_MADE";
  summary: string;
  statement: { id: string } | null;
  grant: { id: string } | null;
  report: { id: string } | null;
}

export interface Organization extends Named {
  kind: string;
  aliases: string[];
  partOf: Named | null;
  members: Named[];
  statements: { totalCount: number; edges: { node: Statement }[] };
  grantsGiven: { totalCount: number; edges: { node: Grant }[] };
  grantsReceived: { totalCount: number; edges: { node: Grant }[] };
  reportsPublished: Report[];
  timeline: TimelineEvent[];
}

export interface Neighbourhood {
  organization: Organization;
  contradictions: { totalCount: number; edges: { node: Contradiction }[] };
}

/** A statement with its reportings (fragment S, with the R and A it spreads). */
export const STATEMENT_FRAGMENTS = `
fragment R on Report { id title url publishedAt kind textFile publisher { id name } }
fragment A on TextAnchor { exact prefix suffix start end sentence }
fragment S on Statement {
  id form quote account verified paraphrase madeAt channel stance concedesAccess speaker speakerInferred notes onBehalfOf { id name }
  reportings { account verified quoteAnchor { ...A } accountAnchor { ...A } report { ...R extractNotes } }
}`;

export const FRAGMENTS = `${STATEMENT_FRAGMENTS}
fragment G on AccessGrant {
  id description capabilities validFrom validTo openEnded exemptFromPrivacyRules purpose
  grantor { id name } grantee { id name } data { id name } documentedIn { quote account reportInferred verified anchor { ...A } report { ...R } carriedBy { ...R } }
}`;

/** The fragments of CONTRADICTION_FIELDS: the shared ones, and an onward-transfer chain's grants without their documentation. */
export const CONTRADICTION_FRAGMENTS = `${FRAGMENTS}
fragment GC on AccessGrant {
  id description capabilities validFrom validTo openEnded exemptFromPrivacyRules purpose
  grantor { id name } grantee { id name } data { id name }
}`;

/** Nodes around the organisation: bounded pages, so a large organisation stays drawable. */
export const PAGE = 50;

export const ORGANIZATION_QUERY = `
query ExplorerOrganization($id: ID!) {
  organization(id: $id) {
    id name kind aliases
    partOf { id name }
    members { id name }
    statements(first: ${PAGE}) { totalCount edges { node { ...S } } }
    grantsGiven(first: ${PAGE}) { totalCount edges { node { ...G } } }
    grantsReceived(first: ${PAGE}) { totalCount edges { node { ...G } } }
    reportsPublished { ...R }
    timeline { date kind summary statement { id } grant { id } report { id } }
  }
}
${FRAGMENTS}`;

/**
 * A contradiction's whole evidence chain, as the explorer and the contradiction page show it. An
 * admission's reports are read without their publisher: with it the query is 7 levels deep, past
 * the API's depth limit of 6.
 */
export const CONTRADICTION_FIELDS = `
  id kind severity explanation reportPredatesStatement
  statement { ...S }
  grant { ...G }
  chain { ...GC }
  evidence { ...R }
  corroboration { byOtherParty statement { id form quote account verified speaker speakerInferred madeAt onBehalfOf { id name } reportings { account verified report { id title url publishedAt kind textFile } } } }`;

export const CONTRADICTIONS_QUERY = `
query ExplorerContradictions($filter: ContradictionFilter!) {
  contradictions(filter: $filter, first: ${PAGE}) {
    totalCount
    edges { node { ${CONTRADICTION_FIELDS} } }
  }
}
${CONTRADICTION_FRAGMENTS}`;

export const STRONGEST_QUERY = `
query ExplorerStrongest($filter: ContradictionFilter, $first: Int!) {
  contradictions(filter: $filter, first: $first) {
    totalCount
    edges { node { ${CONTRADICTION_FIELDS} } }
  }
}
${CONTRADICTION_FRAGMENTS}`;

export const SEARCH_QUERY = `
query ExplorerSearch($text: String!) {
  organizations(search: $text, first: 10) { edges { node { id name kind } } }
}`;

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    /** The error's `extensions` (CONFLICT's `current`, FORBIDDEN's `needs` and `role` …). */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/**
 * Causal consistency across API processes (and a cluster): a write answers with a `Neo4j-Bookmarks`
 * header; every request after it, from any page of this tab, sends it back, so its reads wait for
 * that write wherever they land. Kept in the tab's sessionStorage, so it survives the navigation
 * that follows a write; the latest write's bookmarks replace the earlier ones.
 */
const BOOKMARKS_HEADER = "neo4j-bookmarks";
const BOOKMARKS_KEY = "claimgraph.bookmarks";

function storedBookmarks(): string | null {
  try {
    return sessionStorage.getItem(BOOKMARKS_KEY);
  } catch {
    return null; // storage refused (a sandboxed frame): no causal reads across processes, nothing else lost
  }
}

function storeBookmarks(value: string | null) {
  try {
    if (value) sessionStorage.setItem(BOOKMARKS_KEY, value);
    else sessionStorage.removeItem(BOOKMARKS_KEY);
  } catch {
    // as above
  }
}

type GraphQLBody<T> = { data?: T; errors?: { message: string; extensions?: { code?: string } & Record<string, unknown> }[] };

async function post<T>(source: string, variables: Record<string, unknown>, bookmarks: string | null): Promise<{ response: Response; body: GraphQLBody<T> }> {
  // application/json: a request Apollo's CSRF prevention accepts (a browser form could not send it cross-site).
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/graphql-response+json, application/json" };
  if (bookmarks) headers[BOOKMARKS_HEADER] = bookmarks;
  const response = await fetch("/graphql", { method: "POST", headers, body: JSON.stringify({ query: source, variables }) });
  return { response, body: (await response.json()) as GraphQLBody<T> };
}

/** A query or a mutation, POSTed to /graphql with this tab's latest bookmarks; a write's bookmarks are kept for the next request. */
export async function query<T>(source: string, variables: Record<string, unknown>): Promise<T> {
  const bookmarks = storedBookmarks();
  let { response, body } = await post<T>(source, variables, bookmarks);
  // Bookmarks of another database (it was reset since) are refused: forget them and ask once more.
  const refused = body.errors?.[0];
  if (bookmarks && refused && /Neo4j-Bookmarks/.test(refused.message) && !body.data) {
    storeBookmarks(null);
    ({ response, body } = await post<T>(source, variables, null));
  }
  const written = response.headers.get(BOOKMARKS_HEADER);
  if (written) storeBookmarks(written);
  if (body.errors?.length) {
    const { code, ...extensions } = body.errors[0].extensions ?? {};
    throw new ApiError(body.errors[0].message, code, extensions);
  }
  if (!body.data) throw new ApiError(`The API answered ${response.status} without data.`, undefined);
  return body.data;
}

/**
 * The organisation and its contradictions, in two requests sent together: each stays well inside
 * the API's cost limit, and together they are one round trip of latency.
 */
export async function loadNeighbourhood(id: string, filter: ContradictionFilterInput = {}): Promise<Neighbourhood> {
  const [org, contradictions] = await Promise.all([
    query<{ organization: Organization }>(ORGANIZATION_QUERY, { id }),
    query<{ contradictions: Neighbourhood["contradictions"] }>(CONTRADICTIONS_QUERY, { filter: { ...filter, organization: id } }),
  ]);
  return { organization: org.organization, contradictions: contradictions.contradictions };
}

/** The strongest contradictions overall (the explorer without an organisation opens on them). */
export async function loadStrongest(filter: ContradictionFilterInput, first: number): Promise<Neighbourhood["contradictions"]> {
  return (await query<{ contradictions: Neighbourhood["contradictions"] }>(STRONGEST_QUERY, { filter, first })).contradictions;
}

export async function searchOrganizations(text: string): Promise<{ id: string; name: string; kind: string }[]> {
  const data = await query<{ organizations: { edges: { node: { id: string; name: string; kind: string } }[] } }>(SEARCH_QUERY, { text });
  return data.organizations.edges.map((e) => e.node);
}
