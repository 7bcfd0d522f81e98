import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from "type-graphql";
import { first, nodes, required } from "../common/nodes.ts";
import type { Context } from "../context.ts";
import { loadNode } from "../prefetch.ts";
import { type NodeRecord, withLoaded } from "../loaders.ts";
import { GrantType } from "../grant/grant.type.ts";
import { DataCategoryType } from "./dataCategory.type.ts";

@Resolver(() => DataCategoryType)
export class DataCategoryResolver {
  @Query(() => DataCategoryType, { nullable: true, description: "One data category by id; NOT_FOUND when there is none." })
  async dataCategory(@Arg("id", () => ID) id: string, @Ctx() context: Context, @Info() info: GraphQLResolveInfo) {
    return required(await loadNode(context, info, "DataCategory", id), "data category", id);
  }

  @Query(() => [DataCategoryType], { description: "All data categories, by name (a small vocabulary)." })
  async dataCategories(@Ctx() { graph }: Context) {
    const rows = await graph.read<{ node: NodeRecord }>(
      "MATCH (node:DataCategory) RETURN node {.*, __label: 'DataCategory'} AS node ORDER BY node.name LIMIT 1000",
    );
    return rows.map((r) => r.node);
  }

  @FieldResolver(() => DataCategoryType, { nullable: true, description: "The broader category." })
  partOf(@Root() category: DataCategoryType, @Ctx() { loaders }: Context) {
    return withLoaded(loaders.categoryPartOf, category.id, first);
  }

  @FieldResolver(() => [DataCategoryType], { description: "The narrower categories." })
  narrower(@Root() category: DataCategoryType, @Ctx() { loaders }: Context) {
    return withLoaded(loaders.categoryNarrower, category.id, nodes);
  }

  @FieldResolver(() => [GrantType], { description: "Grants that cover this category directly." })
  grants(@Root() category: DataCategoryType, @Ctx() { loaders }: Context) {
    return withLoaded(loaders.categoryGrants, category.id, nodes);
  }
}
