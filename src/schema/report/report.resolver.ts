import neo4j from "neo4j-driver";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from "type-graphql";
import { ReportKindEnum } from "../common/enums.ts";
import { connectionFrom, listName, pageOf } from "../common/connection.ts";
import { first, nodes, required } from "../common/nodes.ts";
import { loadNode, prefetchBelowConnection } from "../prefetch.ts";
import type { Context } from "../context.ts";
import { type NodeRecord, withLoaded } from "../loaders.ts";
import { DocumentationType, GrantType, documentation } from "../grant/grant.type.ts";
import { OrganizationType } from "../organization/organization.type.ts";
import { PersonType } from "../person/person.type.ts";
import { StatementType } from "../statement/statement.type.ts";
import { ReportConnection, ReportType } from "./report.type.ts";

const LIST_REPORTS = `
MATCH (node:Report) WHERE $kind IS NULL OR node.kind = $kind
RETURN node {.*, __label: 'Report'} AS node ORDER BY node.publishedStart DESC, node.id SKIP $skip LIMIT $limit`;
const COUNT_REPORTS = `MATCH (node:Report) WHERE $kind IS NULL OR node.kind = $kind RETURN count(node) AS total`;

@Resolver(() => ReportType)
export class ReportResolver {
  @Query(() => ReportType, { nullable: true, description: "One report by id; NOT_FOUND when there is none." })
  async report(@Arg("id", () => ID) id: string, @Ctx() context: Context, @Info() info: GraphQLResolveInfo) {
    return required(await loadNode(context, info, "Report", id), "report", id);
  }

  @Query(() => ReportConnection, { description: "Reports, newest first." })
  async reports(
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg("kind", () => ReportKindEnum, { nullable: true }) kind?: string,
    @Arg("first", () => Int, { nullable: true, description: "Page size (default 20, at most 100)." }) firstArg?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ) {
    const { graph } = context;
    const page = pageOf(firstArg, after, listName("reports", { kind }));
    const params = { kind: kind ?? null, skip: neo4j.int(page.skip), limit: neo4j.int(page.limit + 1) };
    const rows = await graph.read<{ node: NodeRecord }>(LIST_REPORTS, params);
    await prefetchBelowConnection(context, info, "Report", rows.slice(0, page.limit).map((r) => r.node.id));
    return connectionFrom(rows.map((r) => r.node), page, async () => (await graph.read<{ total: number }>(COUNT_REPORTS, params))[0].total);
  }

  @FieldResolver(() => OrganizationType, { nullable: true, description: "Who published it, when known." })
  publisher(@Root() report: ReportType, @Ctx() { loaders }: Context) {
    return withLoaded(loaders.reportPublisher, report.id, first);
  }

  @FieldResolver(() => [PersonType], { description: "Who wrote it." })
  authors(@Root() report: ReportType, @Ctx() { loaders }: Context) {
    return withLoaded(loaders.reportAuthors, report.id, nodes);
  }

  @FieldResolver(() => [DocumentationType], { description: "The grants it documents, in its own words." })
  documents(@Root() report: ReportType, @Ctx() { loaders }: Context) {
    return withLoaded(loaders.reportGrants, report.id, (items) => items.map((r) => documentation(r.node as unknown as GrantType, report, r.rel)));
  }

  @FieldResolver(() => [ReportType], { description: "The reports it cites or summarises (it is not independent of them)." })
  cites(@Root() report: ReportType, @Ctx() { loaders }: Context) {
    return withLoaded(loaders.reportCites, report.id, nodes);
  }

  @FieldResolver(() => [ReportType], { description: "The reports that cite or summarise it." })
  citedBy(@Root() report: ReportType, @Ctx() { loaders }: Context) {
    return withLoaded(loaders.reportCitedBy, report.id, nodes);
  }

  @FieldResolver(() => [StatementType], { description: "The statements it carried." })
  statements(@Root() report: ReportType, @Ctx() { loaders }: Context) {
    return withLoaded(loaders.reportStatements, report.id, nodes);
  }
}
