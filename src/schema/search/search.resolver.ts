import neo4j from "neo4j-driver";
import { Arg, Ctx, Field, Float, Int, ObjectType, Query, Resolver, createUnionType } from "type-graphql";
import { MAX_PAGE_SIZE } from "../common/connection.ts";
import { badInput } from "../../domain/errors.ts";
import type { Context } from "../context.ts";
import type { NodeRecord } from "../loaders.ts";
import { ReportType } from "../report/report.type.ts";
import { StatementType } from "../statement/statement.type.ts";
import { luceneQuery } from "./lucene.ts";

export const SearchNodeUnion = createUnionType({
  name: "SearchNode",
  description: "A statement (by its quote or paraphrase) or a report (by its title).",
  types: () => [StatementType, ReportType] as const,
  resolveType: (value) => ((value as { __label?: string }).__label === "Report" ? ReportType : StatementType),
});

@ObjectType("SearchHit", { simpleResolvers: true, description: "One full-text match with its relevance." })
export class SearchHitType {
  @Field(() => Float, { description: "Lucene relevance score; higher is better." })
  score!: number;

  @Field(() => SearchNodeUnion, { description: "The statement or report found." })
  node!: NodeRecord;
}

export const SEARCH = `
CALL () {
  CALL db.index.fulltext.queryNodes('statement_text', $query, {limit: $limit}) YIELD node, score
  RETURN node {.*, __label: 'Statement'} AS node, score
  UNION ALL
  CALL db.index.fulltext.queryNodes('report_text', $query, {limit: $limit}) YIELD node, score
  RETURN node {.*, __label: 'Report'} AS node, score
}
RETURN node, score ORDER BY score DESC, node.id LIMIT $limit`;

@Resolver()
export class SearchResolver {
  @Query(() => [SearchHitType], { description: "Full-text search over statement quotes and paraphrases and report titles, best first." })
  async search(
    @Ctx() { graph }: Context,
    @Arg("text", () => String, { description: "Words to find; the last may be a prefix." }) text: string,
    @Arg("first", () => Int, { nullable: true, description: "How many hits (default 20, at most 100)." }) firstArg?: number,
  ) {
    const limit = firstArg ?? 20;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      throw badInput(`\`first\` must be between 1 and ${MAX_PAGE_SIZE}; got ${firstArg}.`, { argument: "first" });
    }
    return graph.read<{ node: NodeRecord; score: number }>(SEARCH, { query: luceneQuery(text), limit: neo4j.int(limit) });
  }
}
