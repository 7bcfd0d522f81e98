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

@ObjectType("Documentation", { simpleResolvers: true, description: "A report documenting a grant, in the report's own words." })
export class DocumentationType {
  @Field(() => GrantType, { description: "The grant documented." })
  grant!: GrantType;

  @Field(() => ReportType, { description: "The report." })
  report!: ReportType;

  @Field(() => String, { description: "The report's words documenting the grant." })
  quote!: string;
}
