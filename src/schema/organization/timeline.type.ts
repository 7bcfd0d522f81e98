import { Field, ObjectType, registerEnumType } from "type-graphql";
import { GrantType } from "../grant/grant.type.ts";
import type { NodeRecord } from "../loaders.ts";
import { ReportType } from "../report/report.type.ts";
import { StatementType } from "../statement/statement.type.ts";

/** What happened on a timeline date; also the order of events that share a date. */
export const TIMELINE_EVENT_KINDS = ["GRANT_STARTED", "GRANT_ENDED", "REPORT_PUBLISHED", "STATEMENT_MADE"] as const;
export type TimelineEventKind = (typeof TIMELINE_EVENT_KINDS)[number];

export const TimelineEventKindEnum = Object.fromEntries(TIMELINE_EVENT_KINDS.map((k) => [k, k])) as {
  [K in TimelineEventKind]: K;
};

registerEnumType(TimelineEventKindEnum, {
  name: "TimelineEventKind",
  description: "What happened on a date of an organisation's timeline.",
  valuesConfig: {
    GRANT_STARTED: { description: "A grant the organisation gave or received became valid (its validFrom)." },
    GRANT_ENDED: { description: "A grant the organisation gave or received ended (its validTo)." },
    REPORT_PUBLISHED: {
      description: "A report was published that the organisation published, that documents one of its grants, or that carried one of its statements.",
    },
    STATEMENT_MADE: { description: "The organisation, or someone on its behalf, made a statement." },
  },
});

@ObjectType("TimelineEvent", {
  description:
    "One dated event of an organisation's timeline: a statement made, a grant starting or ending, a report published. Exactly one of statement, grant and report is set, by kind.",
})
export class TimelineEventType {
  @Field(() => String, { description: "When: ISO 8601 at the precision known (2018, 2018-12 or 2018-12-18), as the source gives it." })
  date!: string;

  @Field(() => TimelineEventKindEnum, { description: "What happened." })
  kind!: TimelineEventKind;

  @Field(() => String, { description: 'The event in one plain line: "Netflix said (tweet): \\"Netflix never asked for…\\"".' })
  summary!: string;

  @Field(() => StatementType, { nullable: true, description: "The statement made (STATEMENT_MADE)." })
  statement!: NodeRecord | null;

  @Field(() => GrantType, { nullable: true, description: "The grant that started or ended (GRANT_STARTED, GRANT_ENDED)." })
  grant!: NodeRecord | null;

  @Field(() => ReportType, { nullable: true, description: "The report published (REPORT_PUBLISHED)." })
  report!: NodeRecord | null;

  @Field(() => [GrantType], {
    description: "For REPORT_PUBLISHED: the organisation's grants (given or received) the report documents; empty otherwise.",
  })
  documentsGrants!: NodeRecord[];

  @Field(() => [StatementType], { description: "For REPORT_PUBLISHED: the organisation's statements the report carried; empty otherwise." })
  carriesStatements!: NodeRecord[];
}
