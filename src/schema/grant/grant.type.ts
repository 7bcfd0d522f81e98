import { TextAnchorType, anchorFrom } from "../common/anchor.ts";
import { Field, ID, ObjectType } from "type-graphql";
import { CapabilityEnum } from "../common/enums.ts";
import { Connection } from "../common/connection.ts";
import { ReportType } from "../report/report.type.ts";

@ObjectType("AccessGrant", { simpleResolvers: true, description: "Documented access: who gave whom which data, when, per which reports." })
export class GrantType {
  @Field(() => ID, { description: "Slug id." })
  id!: string;

  @Field(() => [CapabilityEnum], { nullable: true, description: "What the access allows; null when the sources do not say." })
  capabilities!: string[] | null;

  @Field(() => String, { nullable: true, description: "Start of validity (ISO 8601, precision as known); null: not known." })
  validFrom!: string | null;

  @Field(() => String, { nullable: true, description: "End of validity; null: open or not known (see openEnded)." })
  validTo!: string | null;

  @Field(() => Boolean, { description: "True when sources document the access as still open; false when its end is known or unknown." })
  openEnded!: boolean;

  @Field(() => Boolean, { description: "True when the access was exempt from the grantor's usual privacy rules." })
  exemptFromPrivacyRules!: boolean;

  @Field(() => String, { nullable: true, description: "What the access was for (a slug such as messaging-features)." })
  purpose!: string | null;

  @Field(() => String, { nullable: true, description: "The grant in plain words." })
  description!: string | null;

  @Field(() => [String], { description: "The extract files that state it." })
  sourceExtracts!: string[];
}

export const GrantConnection = Connection(GrantType, "AccessGrant");

@ObjectType("Documentation", {
  simpleResolvers: true,
  description: "A report's evidence for a grant: in the report's own words (quote), or as another report carries it (account, carriedBy).",
})
export class DocumentationType {
  @Field(() => GrantType, { description: "The grant documented." })
  grant!: GrantType;

  @Field(() => ReportType, { description: "The report whose evidence this is." })
  report!: ReportType;

  @Field(() => String, { nullable: true, description: "The report's own words documenting the grant; null when only another report's account of it is known." })
  quote!: string | null;

  @Field(() => String, { nullable: true, description: "The carrying report's sentence about this report's evidence (carriedBy's words, not this report's)." })
  account!: string | null;

  carriedById!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Non-null when the source does not name the report whose evidence this is and `report` is the extract's inference: the reason. Null: the source names it.",
  })
  reportInferred!: string | null;

  @Field(() => TextAnchorType, { nullable: true, description: "Where the quote (or the account, in the carrying report) stands in the archived text." })
  anchor!: TextAnchorType | null;

  @Field(() => Boolean, { description: "True when the text holding the words is archived and they were found in it; false: unverified." })
  verified!: boolean;
}

/** A DOCUMENTED_IN relationship as the API serves it. */
export function documentation(grant: GrantType, report: ReportType, rel: Record<string, unknown>): DocumentationType {
  return {
    grant,
    report,
    quote: (rel.quote as string | null) ?? null,
    account: (rel.account as string | null) ?? null,
    carriedById: (rel.carriedBy as string | null) ?? null,
    reportInferred: (rel.reportInferred as string | null) ?? null,
    anchor: anchorFrom(rel.anchor),
    verified: rel.verified === true,
  };
}
