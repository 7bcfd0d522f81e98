import type { GraphQLResolveInfo } from "graphql";
import { withLoaded } from "../loaders.ts";
import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from "type-graphql";
import { pagedConnection } from "../common/connection.ts";
import { nodes, required } from "../common/nodes.ts";
import { loadNode } from "../prefetch.ts";
import type { Context } from "../context.ts";
import { ReportType } from "../report/report.type.ts";
import { StatementConnection } from "../statement/statement.type.ts";
import { AffiliationType, PersonType } from "./person.type.ts";

@Resolver(() => PersonType)
export class PersonResolver {
  @Query(() => PersonType, { nullable: true, description: "One person by id; NOT_FOUND when there is none." })
  async person(@Arg("id", () => ID) id: string, @Ctx() context: Context, @Info() info: GraphQLResolveInfo) {
    return required(await loadNode(context, info, "Person", id), "person", id);
  }

  @FieldResolver(() => [AffiliationType], { description: "The organisations they speak or write for." })
  speaksFor(@Root() person: PersonType, @Ctx() { loaders }: Context) {
    return withLoaded(loaders.personSpeaksFor, person.id, (items) => items.map((r) => ({ person, organization: r.node, role: r.rel.role ?? null })));
  }

  @FieldResolver(() => StatementConnection, { description: "Statements they made, newest first." })
  statements(
    @Root() person: PersonType,
    @Ctx() { loaders }: Context,
    @Arg("first", () => Int, { nullable: true }) firstArg?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ) {
    return pagedConnection(loaders.personStatements, "personStatements", person.id, firstArg, after);
  }

  @FieldResolver(() => [ReportType], { description: "Reports they wrote." })
  reportsWritten(@Root() person: PersonType, @Ctx() { loaders }: Context) {
    return withLoaded(loaders.personReports, person.id, nodes);
  }
}
