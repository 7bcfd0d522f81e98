import { Field, ID, ObjectType } from "type-graphql";
import { OrganizationType } from "../organization/organization.type.ts";

@ObjectType("Person", { simpleResolvers: true, description: "Someone who spoke or wrote: a spokesperson, executive or author, possibly unnamed." })
export class PersonType {
  @Field(() => ID, { description: "Slug id." })
  id!: string;

  @Field(() => String, { nullable: true, description: "Their name; null when the source does not name them." })
  name!: string | null;

  @Field(() => String, { nullable: true, description: 'How the source describes them: "a Facebook spokesperson".' })
  description!: string | null;

  @Field(() => Boolean, { description: "True when the source does not name them." })
  anonymous!: boolean;

  @Field(() => [String], { description: "The extract files that state this person." })
  sourceExtracts!: string[];
}

@ObjectType("Affiliation", { simpleResolvers: true, description: "A person speaking for an organisation, and in what role." })
export class AffiliationType {
  @Field(() => PersonType, { description: "The person." })
  person!: PersonType;

  @Field(() => OrganizationType, { description: "The organisation." })
  organization!: OrganizationType;

  @Field(() => String, { nullable: true, description: "SPOKESPERSON, EXECUTIVE, AUTHOR, EMPLOYEE or OTHER." })
  role!: string | null;
}
