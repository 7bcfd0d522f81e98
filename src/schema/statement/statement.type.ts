import { Field, ID, ObjectType, createUnionType } from "type-graphql";
import { TextAnchorType } from "../common/anchor.ts";
import { CapabilityEnum, PartyRoleEnum, StanceEnum, StatementFormEnum } from "../common/enums.ts";
import { Connection } from "../common/connection.ts";
import { OrganizationType } from "../organization/organization.type.ts";
import { PersonType } from "../person/person.type.ts";
import { ReportType } from "../report/report.type.ts";

@ObjectType("Statement", { simpleResolvers: true, description: "What a company or its people said about access to data, verbatim, dated and sourced." })
export class StatementType {
  @Field(() => ID, { description: "Slug id." })
  id!: string;

  @Field(() => StatementFormEnum, { description: "How the source carries it: DIRECT (the speaker's words), REPORTED (the source's account only) or MIXED." })
  form!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "The speaker's own words, verbatim; null for a REPORTED statement, which has none. The only text that may be printed in quotation marks as the speaker's.",
  })
  quote!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The first source's sentence carrying it (its account), verbatim: the source's words, never the speaker's. See `reportings` for each source's.",
  })
  account!: string | null;

  @Field(() => Boolean, {
    description:
      "True when its words (the quote, or for a REPORTED statement the account) were found verbatim in at least one archived source text; false: unverified, no source of it has its text archived.",
  })
  verified!: boolean;

  @Field(() => String, { nullable: true, description: "The statement in plain words, where the quote needs it." })
  paraphrase!: string | null;

  @Field(() => String, { nullable: true, description: "When it was said: ISO 8601 at the precision known." })
  madeAt!: string | null;

  @Field(() => String, { nullable: true, description: 'Where it was said: "tweet", "statement to CNN".' })
  channel!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Non-null when the source never says who spoke and the speaker is the extract's inference: the reason (\"'He' follows the Facebook spokesperson of the first paragraph\"). Print the speaker as inferred wherever it is named. Null: the source names the speaker.",
  })
  speakerInferred!: string | null;

  @Field(() => String, { nullable: true, description: "The statement's own notes in its extract: choices made in reading it." })
  notes!: string | null;

  @Field(() => Boolean, {
    description:
      "True for a claim of not knowing the full scale (extent, scope) of an access: it concedes the access itself, a weaker unawareness (docs/rules.md, Severity).",
  })
  concedesAccess!: boolean;

  @Field(() => StanceEnum, { description: "What it claims about access." })
  stance!: string;

  @Field(() => [String], { description: "The extract files that state it." })
  sourceExtracts!: string[];
}

export const StatementConnection = Connection(StatementType, "Statement");

export const SpeakerUnion = createUnionType({
  name: "Speaker",
  description: "Who made a statement: a person or an organisation.",
  types: () => [PersonType, OrganizationType] as const,
  resolveType: (value) => ((value as { __label?: string }).__label === "Person" ? PersonType : OrganizationType),
});

@ObjectType("Reporting", { simpleResolvers: true, description: "A report that carried a statement: its own sentence, and where the speaker's words and that sentence stand in its archived text." })
export class ReportingType {
  @Field(() => ReportType, { description: "The report." })
  report!: ReportType;

  @Field(() => String, { nullable: true, description: "The report's own sentence carrying the statement (its account), verbatim: the report's words, not the speaker's." })
  account!: string | null;

  @Field(() => TextAnchorType, { nullable: true, description: "Where the speaker's words (the statement's quote) stand in this report's archived text." })
  quoteAnchor!: TextAnchorType | null;

  @Field(() => TextAnchorType, { nullable: true, description: "Where the account stands in this report's archived text." })
  accountAnchor!: TextAnchorType | null;

  @Field(() => Boolean, { description: "True when this report's text is archived and the quote and account were found in it; false: unverified." })
  verified!: boolean;
}

@ObjectType("ScopeParty", { simpleResolvers: true, description: "An organisation a statement's scope names, and how." })
export class ScopePartyType {
  @Field(() => OrganizationType, { description: "The organisation." })
  organization!: OrganizationType;

  @Field(() => PartyRoleEnum, { description: "Grantee, grantor, or excepted." })
  role!: string;
}

@ObjectType("StatementScope", { simpleResolvers: true, description: "What a statement speaks of: parties, data, capabilities, purpose and period." })
export class StatementScopeType {
  statementId!: string;

  @Field(() => [CapabilityEnum], { nullable: true, description: "Capabilities it speaks of; null: any." })
  capabilities!: string[] | null;

  @Field(() => String, { nullable: true, description: "The purpose it speaks of; null: any." })
  purpose!: string | null;

  @Field(() => String, { nullable: true, description: "Start of the period it speaks of; null: open." })
  periodFrom!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "End of the period it speaks of (for CLAIMS_ENDED: the claimed end); null: up to the statement's date.",
  })
  periodTo!: string | null;
}
