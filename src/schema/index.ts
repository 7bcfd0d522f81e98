import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { ContradictionResolver, CorroborationResolver } from "./contradiction/contradiction.resolver.ts";
import { DataCategoryResolver } from "./dataCategory/dataCategory.resolver.ts";
import { FindingResolver } from "./finding/finding.resolver.ts";
import { ContradictionReviewResolver, FindingReviewResolver, ReplyRequestResolver, ReviewResolver } from "./review/review.resolver.ts";
import { DocumentationResolver, GrantResolver } from "./grant/grant.resolver.ts";
import { OrganizationResolver } from "./organization/organization.resolver.ts";
import { OrganizationTimelineResolver } from "./organization/timeline.resolver.ts";
import { PersonResolver } from "./person/person.resolver.ts";
import { ReportResolver } from "./report/report.resolver.ts";
import { SearchResolver } from "./search/search.resolver.ts";
import { StatementResolver, StatementScopeResolver } from "./statement/statement.resolver.ts";
import { ViewerResolver } from "./viewer/viewer.resolver.ts";

export const RESOLVERS = [
  OrganizationResolver,
  OrganizationTimelineResolver,
  PersonResolver,
  ReportResolver,
  StatementResolver,
  StatementScopeResolver,
  GrantResolver,
  DocumentationResolver,
  DataCategoryResolver,
  ContradictionResolver,
  CorroborationResolver,
  FindingResolver,
  ReviewResolver,
  ReplyRequestResolver,
  FindingReviewResolver,
  ContradictionReviewResolver,
  SearchResolver,
  ViewerResolver,
] as const;

let schema: Promise<GraphQLSchema> | undefined;

/** The schema, built once per process from the type-graphql classes. */
export function claimgraphSchema(): Promise<GraphQLSchema> {
  schema ??= buildSchema({ resolvers: RESOLVERS, validate: false }).then((built) => {
    // type-graphql has no option for the root type's description; the playground shows it first.
    const query = built.getQueryType();
    if (query) {
      query.description =
        "claimgraph: what companies said about access to people's data, beside what reports documented. Start with `contradictions`.";
    }
    const mutation = built.getMutationType();
    if (mutation) {
      mutation.description =
        "The review of findings: statuses, requests for comment and their replies, notes. Each write is an event appended to the finding's log (none is ever edited or deleted) and needs the role reviewer.";
    }
    return built;
  });
  return schema;
}
