import neo4j from "neo4j-driver";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from "type-graphql";
import { connectionFrom, listName, pageOf } from "../common/connection.ts";
import { first, nodes, required } from "../common/nodes.ts";
import { loadNode, prefetchBelowConnection } from "../prefetch.ts";
import type { Context } from "../context.ts";
import { type NodeRecord, withLoaded } from "../loaders.ts";
import { DataCategoryType } from "../dataCategory/dataCategory.type.ts";
import { OrganizationType } from "../organization/organization.type.ts";
import { StatementType } from "../statement/statement.type.ts";
import { GrantFilter } from "./grant.input.ts";
import { ReportType } from "../report/report.type.ts";
import { DocumentationType, GrantConnection, GrantType, documentation } from "./grant.type.ts";

const FILTERED_GRANTS = `
CALL () {
  WITH $grantee AS grantee WHERE grantee IS NOT NULL
  MATCH (g:AccessGrant)-[:GRANTED_TO]->(:Organization {id: grantee}) RETURN g
  UNION
  WITH $grantee AS grantee, $grantor AS grantor WHERE grantee IS NULL AND grantor IS NOT NULL
  MATCH (g:AccessGrant)-[:GRANTED_BY]->(:Organization {id: grantor}) RETURN g
  UNION
  WITH $grantee AS grantee, $grantor AS grantor WHERE grantee IS NULL AND grantor IS NULL
  MATCH (g:AccessGrant) RETURN g
}
WITH g
WHERE ($grantor IS NULL OR EXISTS { (g)-[:GRANTED_BY]->(o:Organization) WHERE o.id = $grantor })
  AND ($exempt IS NULL OR g.exemptFromPrivacyRules = $exempt)
  AND ($category IS NULL OR EXISTS { (g)-[:COVERS]->(:DataCategory)-[:PART_OF*0..6]->(c:DataCategory) WHERE c.id = $category })`;

@Resolver(() => GrantType)
export class GrantResolver {
  @Query(() => GrantType, { nullable: true, description: "One access grant by id; NOT_FOUND when there is none." })
  async grant(@Arg("id", () => ID) id: string, @Ctx() context: Context, @Info() info: GraphQLResolveInfo) {
    return required(await loadNode(context, info, "AccessGrant", id), "grant", id);
  }

  @Query(() => GrantConnection, { description: "Documented access grants matching a filter." })
  async grants(
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg("filter", () => GrantFilter, { nullable: true }) filter?: GrantFilter,
    @Arg("first", () => Int, { nullable: true, description: "Page size (default 20, at most 100)." }) firstArg?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ) {
    const { graph } = context;
    const page = pageOf(firstArg, after, listName("grants", { ...filter }));
    const params = {
      grantor: filter?.grantor ?? null,
      grantee: filter?.grantee ?? null,
      category: filter?.dataCategory ?? null,
      exempt: filter?.exemptFromPrivacyRules ?? null,
      skip: neo4j.int(page.skip),
      limit: neo4j.int(page.limit + 1),
    };
    const rows = await graph.read<{ node: NodeRecord }>(
      `${FILTERED_GRANTS} RETURN g {.*, __label: 'AccessGrant'} AS node ORDER BY g.startDay, g.id SKIP $skip LIMIT $limit`,
      params,
    );
    await prefetchBelowConnection(context, info, "AccessGrant", rows.slice(0, page.limit).map((r) => r.node.id));
    return connectionFrom(
      rows.map((r) => r.node),
      page,
      async () => (await graph.read<{ total: number }>(`${FILTERED_GRANTS} RETURN count(g) AS total`, params))[0].total,
    );
  }

  @FieldResolver(() => OrganizationType, { nullable: true, description: "Who gave the access; null when users gave it themselves." })
  grantor(@Root() grant: GrantType, @Ctx() { loaders }: Context) {
    return withLoaded(loaders.grantGrantor, grant.id, first);
  }

  @FieldResolver(() => OrganizationType, { description: "Who received the access." })
  grantee(@Root() grant: GrantType, @Ctx() { loaders }: Context) {
    return withLoaded(loaders.grantGrantee, grant.id, first);
  }

  @FieldResolver(() => GrantType, {
    nullable: true,
    description: "Onward transfer: the grant this one passes on (the grantor received the data by it); null when the grantor's own.",
  })
  derivedFrom(@Root() grant: GrantType, @Ctx() { loaders }: Context) {
    return withLoaded(loaders.grantDerivedFrom, grant.id, first);
  }

  @FieldResolver(() => [DataCategoryType], { description: "The data it covers." })
  data(@Root() grant: GrantType, @Ctx() { loaders }: Context) {
    return withLoaded(loaders.grantData, grant.id, nodes);
  }

  @FieldResolver(() => [DocumentationType], { description: "The reports documenting it, each in its own words." })
  documentedIn(@Root() grant: GrantType, @Ctx() { loaders }: Context) {
    return withLoaded(loaders.grantDocumentedIn, grant.id, (items) => items.map((r) => documentation(grant, r.node as unknown as ReportType, r.rel)));
  }

  @FieldResolver(() => [StatementType], { description: "Statements that name this grant directly." })
  statements(@Root() grant: GrantType, @Ctx() { loaders }: Context) {
    return withLoaded(loaders.grantStatements, grant.id, nodes);
  }
}

@Resolver(() => DocumentationType)
export class DocumentationResolver {
  @FieldResolver(() => ReportType, { nullable: true, description: "The report whose sentence `account` is: it carries this report's evidence (and so is not independent of it)." })
  async carriedBy(@Root() d: DocumentationType, @Ctx() { loaders }: Context) {
    return d.carriedById ? loaders.report.load(d.carriedById) : null;
  }
}
