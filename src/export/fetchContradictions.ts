import { graphql } from "graphql";
import type { TextAnchor } from "../domain/attribution.ts";
import { ClaimgraphError, isClaimgraphError } from "../domain/errors.ts";
import type { Graph } from "../graph/graph.ts";
import { MAX_PAGE_SIZE } from "../schema/common/connection.ts";
import { createContext } from "../schema/context.ts";
import { claimgraphSchema } from "../schema/index.ts";
import type { ExportGroup } from "./exportGroups.ts";
import type { ContradictionFilterInput } from "./filterParams.ts";

/**
 * The data of an export, read through the GraphQL schema itself (not a Cypher of its own), so an
 * export carries exactly the evidence chain the API serves: the same rules, the same reports, the
 * same explanation, the same reviews. By statement (the default) it reads the API's `findings`, one
 * per statement with its grants beneath; in pairs, `contradictions`, one per statement and grant. The
 * reviews come with each page (the API's review loaders: one round trip per page, not per row).
 */
const FRAGMENTS = /* GraphQL */ `
fragment Statement on Statement {
  id form quote account verified paraphrase madeAt channel stance concedesAccess speaker speakerInferred notes
  onBehalfOf { id name }
  reportings { account verified quoteAnchor { ...Anchor } accountAnchor { ...Anchor } report { ...Citation extractNotes } }
}
fragment Pair on Contradiction {
  id kind severity reportPredatesStatement explanation
  grant {
    id capabilities validFrom validTo openEnded exemptFromPrivacyRules purpose description
    grantor { id name }
    grantee { id name }
    data { id name }
    documentedIn { quote account reportInferred verified anchor { ...Anchor } report { ...Citation } carriedBy { ...Citation } }
  }
  evidence { ...Citation }
  corroboration { byOtherParty statement { id form quote account verified speaker speakerInferred madeAt onBehalfOf { id name } reportings { account report { ...Citation } } } }
}
fragment Review on Review {
  status version dismissReason dismissReasonText lastReviewer lastChangedAt evidenceChanged changes noLongerFound
  history { version at by role action fromStatus toStatus reason reasonText note }
}
fragment Citation on Report { id title url publishedAt kind textFile publisher { id name } authors { name description } }
fragment Anchor on TextAnchor { exact prefix suffix start end sentence }`;

export const EXPORT_QUERY = /* GraphQL */ `
query ExportContradictions($filter: ContradictionFilter, $first: Int!, $after: String, $organization: ID!, $withOrganization: Boolean!) {
  organization(id: $organization) @include(if: $withOrganization) { id name kind }
  contradictions(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { ...Pair statement { ...Statement } review { ...Review } } }
  }
}
${FRAGMENTS}`;

export const EXPORT_FINDINGS_QUERY = /* GraphQL */ `
query ExportFindings($filter: ContradictionFilter, $first: Int!, $after: String, $organization: ID!, $withOrganization: Boolean!) {
  organization(id: $organization) @include(if: $withOrganization) { id name kind }
  findings(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id kind severity grantCount statement { ...Statement } review { ...Review } contradictions { ...Pair } } }
  }
}
${FRAGMENTS}`;

export type ExportedAnchor = TextAnchor;

export interface ExportedReport {
  id: string;
  title: string | null;
  textFile: string | null;
  url: string | null;
  publishedAt: string | null;
  kind: string;
  publisher: { id: string; name: string } | null;
  authors: { name: string | null; description: string | null }[];
}

export interface ExportedContradiction {
  id: string;
  kind: string;
  severity: number;
  reportPredatesStatement: boolean | null;
  explanation: string;
  statement: {
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
    speakerInferred?: string | null;
    notes?: string | null;
    onBehalfOf: { id: string; name: string } | null;
    reportings: { account: string | null; verified: boolean; quoteAnchor: ExportedAnchor | null; accountAnchor: ExportedAnchor | null; report: ExportedReport & { extractNotes?: string | null } }[];
  };
  grant: {
    id: string;
    capabilities: string[] | null;
    validFrom: string | null;
    validTo: string | null;
    openEnded: boolean;
    exemptFromPrivacyRules: boolean;
    purpose: string | null;
    description: string | null;
    grantor: { id: string; name: string } | null;
    grantee: { id: string; name: string } | null;
    data: { id: string; name: string }[];
    documentedIn: { quote: string | null; account: string | null; reportInferred?: string | null; verified: boolean; anchor: ExportedAnchor | null; report: ExportedReport; carriedBy: ExportedReport | null }[];
  };
  evidence: ExportedReport[];
  corroboration: {
    byOtherParty: boolean;
    statement: Pick<ExportedContradiction["statement"], "id" | "form" | "quote" | "account" | "verified" | "speaker" | "speakerInferred" | "madeAt" | "onBehalfOf"> & {
      reportings: { account: string | null; report: ExportedReport }[];
    };
  }[];
  /** The review of its finding (its statement's): reviews attach to findings, not to each grant. */
  review?: ExportedReview;
}

/** A finding's review as the API gives it (Review): its status now, who changed it last and when, and its log. */
export interface ExportedReview {
  status: string;
  version: number;
  dismissReason: string | null;
  dismissReasonText: string | null;
  lastReviewer: string | null;
  lastChangedAt: string | null;
  evidenceChanged: boolean;
  changes: string[];
  noLongerFound: boolean;
  history: {
    version: number;
    at: string;
    by: string;
    role: string;
    action: string;
    fromStatus: string;
    toStatus: string;
    reason: string | null;
    reasonText: string | null;
    note: string | null;
  }[];
}

/** One of a finding's contradictions: its grant, evidence and explanation (the statement is the finding's). */
export type ExportedPair = Omit<ExportedContradiction, "statement" | "review">;

/** A statement with every grant it conflicts with (the API's Finding), strongest first. */
export interface ExportedFinding {
  /** The statement's id. */
  id: string;
  kind: string;
  severity: number;
  grantCount: number;
  statement: ExportedContradiction["statement"];
  review: ExportedReview;
  contradictions: ExportedPair[];
}

/** An export in pairs: one entry per statement and grant. */
export interface ContradictionExport {
  /** The organisation asked for, or null for all contradictions. */
  organization: { id: string; name: string; kind: string } | null;
  /** The filter the contradictions were read with (the organisation's id included). */
  filter?: ContradictionFilterInput;
  exportedAt: string;
  contradictions: ExportedContradiction[];
}

/** An export by statement: one entry per finding, its grants beneath. */
export interface FindingExport {
  organization: { id: string; name: string; kind: string } | null;
  filter?: ContradictionFilterInput;
  exportedAt: string;
  findings: ExportedFinding[];
}

export type ExportData = ContradictionExport | FindingExport;

interface ExportPage<T> {
  organization?: { id: string; name: string; kind: string } | null;
  list: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: T }[];
  };
}

interface FetchOptions {
  filter?: ContradictionFilterInput;
  organization?: string | null;
  pageSize?: number;
}

/**
 * Every contradiction the filter keeps (the API's ContradictionFilter: organisation, kinds, least
 * severity, statement dates, text, review statuses), strongest first, paging through the API's
 * connection at its largest page size. An unknown organisation is NOT_FOUND, a bad date or severity
 * BAD_USER_INPUT, as in the API.
 */
export async function fetchContradictions(graph: Graph, options: FetchOptions = {}): Promise<ContradictionExport> {
  const { organization, filter, items } = await fetchAll<ExportedContradiction>(graph, EXPORT_QUERY, "contradictions", options);
  return { organization, filter, exportedAt: new Date().toISOString(), contradictions: items };
}

/** Every finding the filter keeps (the API's `findings`: one per statement, its grants beneath), strongest first. */
export async function fetchFindings(graph: Graph, options: FetchOptions = {}): Promise<FindingExport> {
  const { organization, filter, items } = await fetchAll<ExportedFinding>(graph, EXPORT_FINDINGS_QUERY, "findings", options);
  return { organization, filter, exportedAt: new Date().toISOString(), findings: items };
}

/** The export's data, grouped as asked (by statement unless `group` is "pairs"). */
export function fetchExport(graph: Graph, options: FetchOptions & { group?: ExportGroup }): Promise<ExportData> {
  return options.group === "pairs" ? fetchContradictions(graph, options) : fetchFindings(graph, options);
}

async function fetchAll<T>(graph: Graph, source: string, field: "contradictions" | "findings", options: FetchOptions) {
  const schema = await claimgraphSchema();
  const filter: ContradictionFilterInput = { ...options.filter, ...(options.organization ? { organization: options.organization } : {}) };
  const organization = filter.organization ?? null;
  const items: T[] = [];
  let after: string | null = null;
  let found: ContradictionExport["organization"] = null;
  for (;;) {
    const result = await graphql({
      schema,
      source,
      // A fresh context per page: loaders cache for one request, as they do over HTTP.
      contextValue: createContext(graph),
      variableValues: {
        filter: Object.keys(filter).length ? filter : null,
        first: options.pageSize ?? MAX_PAGE_SIZE,
        after,
        organization: organization ?? "",
        withOrganization: organization !== null,
      },
    });
    if (result.errors?.length) throw exportError(result.errors);
    const data = result.data as Record<string, unknown>;
    const page = { organization: data.organization, list: data[field] } as ExportPage<T>;
    found = page.organization ?? null;
    items.push(...page.list.edges.map((edge) => edge.node));
    if (!page.list.pageInfo.hasNextPage) break;
    after = page.list.pageInfo.endCursor;
  }
  return { organization: found, filter, items };
}

/** The first error, as the typed error the API would have shown (NOT_FOUND, BAD_USER_INPUT), else as is. */
function exportError(errors: readonly import("graphql").GraphQLError[]): Error {
  const [first] = errors;
  if (isClaimgraphError(first.originalError)) return first.originalError;
  const code = first.extensions?.code;
  if (code === "NOT_FOUND" || code === "BAD_USER_INPUT") return new ClaimgraphError(code, first.message);
  return first.originalError ?? new Error(first.message);
}
