import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { type FindingRow, countFindings, findFindings } from "../../contradictions/contradictionService.ts";
import { badInput } from "../../domain/errors.ts";
import { connectionFrom, listName, pageOfEither } from "../common/connection.ts";
import { required } from "../common/nodes.ts";
import type { Context } from "../context.ts";
import { ContradictionFilter, ContradictionOrder } from "../contradiction/contradiction.input.ts";
import { contradictionQuery, toContradiction } from "../contradiction/contradiction.resolver.ts";
import { StatementType } from "../statement/statement.type.ts";
import { FindingConnection, FindingType } from "./finding.type.ts";

export function toFinding(row: FindingRow): FindingType {
  return { row, id: row.statementId, severity: row.severity, kind: row.kind, grantCount: row.pairs.length, contradictions: row.pairs.map(toContradiction) };
}

@Resolver(() => FindingType)
export class FindingResolver {
  @Query(() => FindingConnection, {
    description:
      "The contradictions grouped by statement: one finding per statement, its grants beneath, strongest first (or in `orderBy`, by each finding's strongest contradiction). The same filter as `contradictions`; `totalCount` counts statements.",
  })
  async findings(
    @Ctx() { graph, loaders }: Context,
    @Arg("filter", () => ContradictionFilter, { nullable: true }) filter?: ContradictionFilter,
    @Arg("first", () => Int, { nullable: true, description: "Page size (default 20, at most 100)." }) firstArg?: number,
    @Arg("after", () => String, { nullable: true, description: "Read the page after this cursor (a page's endCursor)." }) after?: string,
    @Arg("last", () => Int, { nullable: true, description: "Page size reading backward, with `before` (default 20, at most 100)." }) last?: number,
    @Arg("before", () => String, { nullable: true, description: "Read the page before this cursor (a page's startCursor), with `last`." }) before?: string,
    @Arg("orderBy", () => ContradictionOrder, { nullable: true, description: "The order of the list, which the cursors page through (default: SEVERITY, DESC)." })
    orderBy?: ContradictionOrder,
  ) {
    const page = pageOfEither({ first: firstArg, after, last, before }, listName("findings", { filter: { ...filter }, orderBy: { ...orderBy } }));
    const query = contradictionQuery(filter, orderBy, page);
    const [organization, rows] = await Promise.all([filter?.organization ? loaders.organization.load(filter.organization) : null, findFindings(graph, query)]);
    if (filter?.organization) required(organization, "organization", filter.organization);
    return connectionFrom(rows.map(toFinding), page, () => countFindings(graph, query));
  }

  @Query(() => FindingType, { nullable: true, description: "One finding by its id (the statement's id); NOT_FOUND when the statement conflicts with no grant." })
  async finding(@Arg("id", () => ID) id: string, @Ctx() { graph }: Context) {
    if (!/^[a-z0-9-]{1,120}$/.test(id)) throw badInput(`"${id.slice(0, 80)}" is not a finding id (a statement's id).`, { argument: "id" });
    const [row] = await findFindings(graph, { statementId: id, skip: 0, limit: 1 });
    return toFinding(required(row, "finding", id));
  }

  @FieldResolver(() => StatementType, { description: "The statement." })
  async statement(@Root() f: FindingType, @Ctx() { loaders }: Context) {
    return loaders.statement.load(f.row.statementId);
  }
}
