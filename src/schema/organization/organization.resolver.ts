import neo4j from "neo4j-driver";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from "type-graphql";
import { OrganizationKindEnum } from "../common/enums.ts";
import { connectionFrom, listName, pageOf, pagedConnection } from "../common/connection.ts";
import { first, nodes, required } from "../common/nodes.ts";
import { loadNode, prefetchBelowConnection } from "../prefetch.ts";
import type { Context } from "../context.ts";
import { type NodeRecord, withLoaded } from "../loaders.ts";
import { GrantConnection } from "../grant/grant.type.ts";
import { AffiliationType } from "../person/person.type.ts";
import { ReportType } from "../report/report.type.ts";
import { luceneQuery } from "../search/lucene.ts";
import { StatementConnection } from "../statement/statement.type.ts";
import { OrganizationConnection, OrganizationType } from "./organization.type.ts";

const SEARCH_ORGANIZATIONS = `
CALL db.index.fulltext.queryNodes('organization_text', $query) YIELD node, score
WHERE $kind IS NULL OR node.kind = $kind
RETURN node {.*, __label: 'Organization'} AS node ORDER BY score DESC, node.name SKIP $skip LIMIT $limit`;
const COUNT_SEARCH_ORGANIZATIONS = `
CALL db.index.fulltext.queryNodes('organization_text', $query) YIELD node
WHERE $kind IS NULL OR node.kind = $kind RETURN count(node) AS total`;
const LIST_ORGANIZATIONS = `
MATCH (node:Organization) WHERE $kind IS NULL OR node.kind = $kind
RETURN node {.*, __label: 'Organization'} AS node ORDER BY node.name, node.id SKIP $skip LIMIT $limit`;
const COUNT_ORGANIZATIONS = `MATCH (node:Organization) WHERE $kind IS NULL OR node.kind = $kind RETURN count(node) AS total`;

@Resolver(() => OrganizationType)
export class OrganizationResolver {
  @Query(() => OrganizationType, { nullable: true, description: "One organisation by id; NOT_FOUND when there is none." })
  async organization(@Arg("id", () => ID) id: string, @Ctx() context: Context, @Info() info: GraphQLResolveInfo) {
    return required(await loadNode(context, info, "Organization", id), "organization", id);
  }

  @Query(() => OrganizationConnection, { description: "Organisations by name (full-text, prefix-matching) and kind, sorted by name or relevance." })
  async organizations(
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg("search", () => String, { nullable: true, description: "Words of the name or an alias." }) search?: string,
    @Arg("kind", () => OrganizationKindEnum, { nullable: true }) kind?: string,
    @Arg("first", () => Int, { nullable: true, description: "Page size (default 20, at most 100)." }) firstArg?: number,
    @Arg("after", () => String, { nullable: true, description: "Cursor of the edge to continue after." }) after?: string,
  ) {
    const { graph } = context;
    const page = pageOf(firstArg, after, listName("organizations", { search, kind }));
    const params = {
      query: search ? luceneQuery(search) : null,
      kind: kind ?? null,
      skip: neo4j.int(page.skip),
      limit: neo4j.int(page.limit + 1),
    };
    const rows = await graph.read<{ node: NodeRecord }>(search ? SEARCH_ORGANIZATIONS : LIST_ORGANIZATIONS, params);
    await prefetchBelowConnection(context, info, "Organization", rows.slice(0, page.limit).map((r) => r.node.id));
    return connectionFrom(
      rows.map((r) => r.node),
      page,
      async () => (await graph.read<{ total: number }>(search ? COUNT_SEARCH_ORGANIZATIONS : COUNT_ORGANIZATIONS, params))[0].total,
    );
  }

  @FieldResolver(() => OrganizationType, { nullable: true, description: "The corporate group it belongs to (Bing → Microsoft)." })
  partOf(@Root() org: OrganizationType, @Ctx() { loaders }: Context) {
    return withLoaded(loaders.organizationPartOf, org.id, first);
  }

  @FieldResolver(() => [OrganizationType], { description: "Organisations that belong to its group." })
  members(@Root() org: OrganizationType, @Ctx() { loaders }: Context) {
    return withLoaded(loaders.organizationMembers, org.id, nodes);
  }

  @FieldResolver(() => [AffiliationType], { description: "People who speak or write for it, with their roles." })
  spokespeople(@Root() org: OrganizationType, @Ctx() { loaders }: Context) {
    return withLoaded(loaders.organizationSpokespeople, org.id, (items) => items.map((r) => ({ person: r.node, organization: org, role: r.rel.role ?? null })));
  }

  @FieldResolver(() => StatementConnection, { description: "Statements it made, or made on its behalf, newest first." })
  statements(
    @Root() org: OrganizationType,
    @Ctx() { loaders }: Context,
    @Arg("first", () => Int, { nullable: true }) firstArg?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ) {
    return pagedConnection(loaders.organizationStatements, "organizationStatements", org.id, firstArg, after);
  }

  @FieldResolver(() => GrantConnection, { description: "Access it gave to others." })
  grantsGiven(
    @Root() org: OrganizationType,
    @Ctx() { loaders }: Context,
    @Arg("first", () => Int, { nullable: true }) firstArg?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ) {
    return pagedConnection(loaders.organizationGrantsGiven, "organizationGrantsGiven", org.id, firstArg, after);
  }

  @FieldResolver(() => GrantConnection, { description: "Access it received from others." })
  grantsReceived(
    @Root() org: OrganizationType,
    @Ctx() { loaders }: Context,
    @Arg("first", () => Int, { nullable: true }) firstArg?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ) {
    return pagedConnection(loaders.organizationGrantsReceived, "organizationGrantsReceived", org.id, firstArg, after);
  }

  @FieldResolver(() => [ReportType], { description: "Reports it published." })
  reportsPublished(@Root() org: OrganizationType, @Ctx() { loaders }: Context) {
    return withLoaded(loaders.organizationReportsPublished, org.id, nodes);
  }

  @FieldResolver(() => [ReportType], { description: "Reports that document grants it gave or received." })
  documentedIn(@Root() org: OrganizationType, @Ctx() { loaders }: Context) {
    const seen = new Set<string>();
    return withLoaded(loaders.organizationDocumentedIn, org.id, (related) => nodes<NodeRecord>(related).filter((r) => !seen.has(r.id) && seen.add(r.id)));
  }
}
