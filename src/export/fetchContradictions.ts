import { graphql } from "graphql";
import type { TextAnchor } from "../domain/attribution.ts";
import { ClaimgraphError, isClaimgraphError } from "../domain/errors.ts";
import type { Graph } from "../graph/graph.ts";
import { MAX_PAGE_SIZE } from "../schema/common/connection.ts";
import { createContext } from "../schema/context.ts";
import { claimgraphSchema } from "../schema/index.ts";
import type { ContradictionFilterInput } from "./filterParams.ts";

/**
 * The data of an export, read through the GraphQL schema itself (not a Cypher of its own), so an
 * export carries exactly the evidence chain the API serves: the same rules, the same reports, the
 * same explanation.
 */
export const EXPORT_QUERY = /* GraphQL */ `
query ExportContradictions($filter: ContradictionFilter, $first: Int!, $after: String, $organization: ID!, $withOrganization: Boolean!) {
  organization(id: $organization) @include(if: $withOrganization) { id name kind }
  contradictions(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      id kind severity reportPredatesStatement explanation
      statement {
        id form quote account verified paraphrase madeAt channel stance concedesAccess speaker speakerInferred notes
        onBehalfOf { id name }
        reportings { account verified quoteAnchor { ...Anchor } accountAnchor { ...Anchor } report { ...Citation extractNotes } }
      }
      grant {
        id capabilities validFrom validTo openEnded exemptFromPrivacyRules purpose description
        grantor { id name }
        grantee { id name }
        data { id name }
        documentedIn { quote account reportInferred verified anchor { ...Anchor } report { ...Citation } carriedBy { ...Citation } }
      }
      evidence { ...Citation }
      corroboration { byOtherParty statement { id form quote account verified speaker speakerInferred madeAt onBehalfOf { id name } reportings { account report { ...Citation } } } }
    } }
  }
}
fragment Citation on Report { id title url publishedAt kind textFile publisher { id name } authors { name description } }
fragment Anchor on TextAnchor { exact prefix suffix start end sentence }`;

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
}

export interface ContradictionExport {
  /** The organisation asked for, or null for all contradictions. */
  organization: { id: string; name: string; kind: string } | null;
  /** The filter the contradictions were read with (the organisation's id included). */
  filter?: ContradictionFilterInput;
  exportedAt: string;
  contradictions: ExportedContradiction[];
}

interface ExportPage {
  organization?: { id: string; name: string; kind: string } | null;
  contradictions: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: ExportedContradiction }[];
  };
}

/**
 * Every contradiction the filter keeps (the API's ContradictionFilter: organisation, kinds, least
 * severity, statement dates, text), strongest first, paging through the API's connection at its largest
 * page size. An unknown organisation is NOT_FOUND, a bad date or severity BAD_USER_INPUT, as in the API.
 */
export async function fetchContradictions(
  graph: Graph,
  options: { filter?: ContradictionFilterInput; organization?: string | null; pageSize?: number } = {},
): Promise<ContradictionExport> {
  const schema = await claimgraphSchema();
  const filter: ContradictionFilterInput = { ...options.filter, ...(options.organization ? { organization: options.organization } : {}) };
  const organization = filter.organization ?? null;
  const contradictions: ExportedContradiction[] = [];
  let after: string | null = null;
  let found: ContradictionExport["organization"] = null;
  for (;;) {
    const result = await graphql({
      schema,
      source: EXPORT_QUERY,
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
    const page = result.data as unknown as ExportPage;
    found = page.organization ?? null;
    contradictions.push(...page.contradictions.edges.map((edge) => edge.node));
    if (!page.contradictions.pageInfo.hasNextPage) break;
    after = page.contradictions.pageInfo.endCursor;
  }
  return { organization: found, filter, exportedAt: new Date().toISOString(), contradictions };
}

/** The first error, as the typed error the API would have shown (NOT_FOUND, BAD_USER_INPUT), else as is. */
function exportError(errors: readonly import("graphql").GraphQLError[]): Error {
  const [first] = errors;
  if (isClaimgraphError(first.originalError)) return first.originalError;
  const code = first.extensions?.code;
  if (code === "NOT_FOUND" || code === "BAD_USER_INPUT") return new ClaimgraphError(code, first.message);
  return first.originalError ?? new Error(first.message);
}
