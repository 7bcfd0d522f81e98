import neo4j from "neo4j-driver";
import type { GraphQLResolveInfo } from "graphql";
import { anchorFrom } from "../common/anchor.ts";
import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from "type-graphql";
import { connectionFrom, listName, pageOf } from "../common/connection.ts";
import { dayBound } from "../common/dateArgs.ts";
import { first, nodes, required } from "../common/nodes.ts";
import { loadNode, prefetchBelowConnection } from "../prefetch.ts";
import type { Context } from "../context.ts";
import { type NodeRecord, withLoaded } from "../loaders.ts";
import { DataCategoryType } from "../dataCategory/dataCategory.type.ts";
import { GrantType } from "../grant/grant.type.ts";
import { OrganizationType } from "../organization/organization.type.ts";
import { ReportType } from "../report/report.type.ts";
import { luceneQuery } from "../search/lucene.ts";
import { StatementFilter } from "./statement.input.ts";
import {
  ReportingType,
  ScopePartyType,
  SpeakerUnion,
  StatementConnection,
  StatementScopeType,
  StatementType,
} from "./statement.type.ts";

/** Candidates come from the narrowest index available: full-text, the speaker, or all statements. */
const FILTERED_STATEMENTS = `
CALL () {
  WITH $text AS text WHERE text IS NOT NULL
  CALL db.index.fulltext.queryNodes('statement_text', text) YIELD node
  RETURN node AS s
  UNION
  WITH $text AS text, $speaker AS speaker WHERE text IS NULL AND speaker IS NOT NULL
  MATCH (s:Statement)-[:MADE_BY]->(:Person {id: speaker}) RETURN s
  UNION
  WITH $text AS text, $speaker AS speaker WHERE text IS NULL AND speaker IS NOT NULL
  MATCH (s:Statement)-[:MADE_BY]->(:Organization {id: speaker}) RETURN s
  UNION
  WITH $text AS text, $speaker AS speaker, $organization AS organization WHERE text IS NULL AND speaker IS NULL AND organization IS NOT NULL
  MATCH (s:Statement)-[:ON_BEHALF_OF|MADE_BY]->(:Organization {id: organization}) RETURN s
  UNION
  WITH $text AS text, $speaker AS speaker, $organization AS organization WHERE text IS NULL AND speaker IS NULL AND organization IS NULL
  MATCH (s:Statement) RETURN s
}
WITH DISTINCT s
WHERE ($stances IS NULL OR s.stance IN $stances)
  AND ($from IS NULL OR s.madeEnd >= $from)
  AND ($to IS NULL OR s.madeStart <= $to)
  AND ($speaker IS NULL OR EXISTS { (s)-[:MADE_BY]->(speaker) WHERE speaker.id = $speaker })
  AND ($organization IS NULL OR EXISTS { (s)-[:ON_BEHALF_OF|MADE_BY]->(o:Organization) WHERE o.id = $organization })`;

@Resolver(() => StatementType)
export class StatementResolver {
  @Query(() => StatementType, { nullable: true, description: "One statement by id; NOT_FOUND when there is none." })
  async statement(@Arg("id", () => ID) id: string, @Ctx() context: Context, @Info() info: GraphQLResolveInfo) {
    return required(await loadNode(context, info, "Statement", id), "statement", id);
  }

  @Query(() => StatementConnection, { description: "Statements matching a filter, newest first." })
  async statements(
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg("filter", () => StatementFilter, { nullable: true }) filter?: StatementFilter,
    @Arg("first", () => Int, { nullable: true, description: "Page size (default 20, at most 100)." }) firstArg?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ) {
    const { graph } = context;
    const page = pageOf(firstArg, after, listName("statements", { ...filter }));
    const params = {
      text: filter?.text ? luceneQuery(filter.text) : null,
      speaker: filter?.speaker ?? null,
      organization: filter?.organization ?? null,
      stances: filter?.stances?.length ? filter.stances : null,
      from: dayBound(filter?.from, "start", "filter.from"),
      to: dayBound(filter?.to, "end", "filter.to"),
      skip: neo4j.int(page.skip),
      limit: neo4j.int(page.limit + 1),
    };
    const rows = await graph.read<{ node: NodeRecord }>(
      `${FILTERED_STATEMENTS}
       RETURN s {.*, __label: 'Statement'} AS node ORDER BY s.madeStart DESC, s.id SKIP $skip LIMIT $limit`,
      params,
    );
    await prefetchBelowConnection(context, info, "Statement", rows.slice(0, page.limit).map((r) => r.node.id));
    return connectionFrom(
      rows.map((r) => r.node),
      page,
      async () => (await graph.read<{ total: number }>(`${FILTERED_STATEMENTS} RETURN count(s) AS total`, params))[0].total,
    );
  }

  @FieldResolver(() => String, {
    description: 'Who said it, as a citation names them: "Netflix", "a Facebook spokesperson", "Kashmir Hill".',
  })
  speaker(@Root() statement: StatementType, @Ctx() { loaders }: Context) {
    return withLoaded(loaders.statementMadeBy, statement.id, (related) => speakerName(first<NodeRecord>(related)));
  }

  @FieldResolver(() => SpeakerUnion, { nullable: true, description: "The person or organisation who made it." })
  madeBy(@Root() statement: StatementType, @Ctx() { loaders }: Context) {
    return withLoaded(loaders.statementMadeBy, statement.id, first);
  }

  @FieldResolver(() => OrganizationType, { nullable: true, description: "The organisation it was made for." })
  onBehalfOf(@Root() statement: StatementType, @Ctx() { loaders }: Context) {
    return withLoaded(loaders.statementOnBehalfOf, statement.id, first);
  }

  @FieldResolver(() => [ReportType], { description: "Reports that carried it." })
  reportedIn(@Root() statement: StatementType, @Ctx() { loaders }: Context) {
    return withLoaded(loaders.statementReportedIn, statement.id, nodes);
  }

  @FieldResolver(() => [ReportingType], { description: "Reports that carried it, each with its own words." })
  reportings(@Root() statement: StatementType, @Ctx() { loaders }: Context) {
    return withLoaded(loaders.statementReportedIn, statement.id, (items) => items.map((r) => ({
      report: r.node,
      account: (r.rel.account as string | null) ?? null,
      quoteAnchor: anchorFrom(r.rel.quoteAnchor),
      accountAnchor: anchorFrom(r.rel.accountAnchor),
      verified: r.rel.verified === true,
    })));
  }

  @FieldResolver(() => StatementScopeType, { description: "What it speaks of." })
  about(@Root() statement: StatementType & Record<string, unknown>): StatementScopeType {
    return {
      statementId: statement.id,
      capabilities: (statement.aboutCapabilities as string[] | null) ?? null,
      purpose: (statement.aboutPurpose as string | null) ?? null,
      periodFrom: (statement.periodFrom as string | null) ?? null,
      periodTo: (statement.periodTo as string | null) ?? null,
    };
  }
}

export function speakerName(madeBy: NodeRecord | null): string {
  if (!madeBy) return "unknown";
  return String(madeBy.name ?? madeBy.description ?? madeBy.id);
}

@Resolver(() => StatementScopeType)
export class StatementScopeResolver {
  @FieldResolver(() => [ScopePartyType], { description: "Organisations named: grantees, grantors and exceptions." })
  parties(@Root() scope: StatementScopeType, @Ctx() { loaders }: Context) {
    return withLoaded(loaders.statementAboutParties, scope.statementId, (items) => items.map((r) => ({ organization: r.node, role: r.rel.role })));
  }

  @FieldResolver(() => [DataCategoryType], { description: "Data categories named; empty: any data." })
  data(@Root() scope: StatementScopeType, @Ctx() { loaders }: Context) {
    return withLoaded(loaders.statementAboutData, scope.statementId, nodes);
  }

  @FieldResolver(() => [GrantType], { description: "Grants it names directly." })
  grants(@Root() scope: StatementScopeType, @Ctx() { loaders }: Context) {
    return withLoaded(loaders.statementAboutGrants, scope.statementId, nodes);
  }
}
