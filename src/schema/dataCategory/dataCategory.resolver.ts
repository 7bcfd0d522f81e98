import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from "type-graphql";
import { first, nodes, required } from "../common/nodes.ts";
import type { Context } from "../context.ts";
import { loadNode } from "../prefetch.ts";
import type { NodeRecord } from "../loaders.ts";
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
  async partOf(@Root() category: DataCategoryType, @Ctx() { loaders }: Context) {
    return first(await loaders.categoryPartOf.load(category.id));
  }

  @FieldResolver(() => [DataCategoryType], { description: "The narrower categories." })
  async narrower(@Root() category: DataCategoryType, @Ctx() { loaders }: Context) {
    return nodes(await loaders.categoryNarrower.load(category.id));
  }

  @FieldResolver(() => [GrantType], { description: "Grants that cover this category directly." })
  async grants(@Root() category: DataCategoryType, @Ctx() { loaders }: Context) {
    return nodes(await loaders.categoryGrants.load(category.id));
  }
}
