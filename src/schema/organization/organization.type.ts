import { Field, ID, ObjectType } from "type-graphql";
import { OrganizationKindEnum } from "../common/enums.ts";
import { Connection } from "../common/connection.ts";

@ObjectType("Organization", { simpleResolvers: true, description: "A company, platform, media outlet or other body that gives, receives or reports on access to data." })
export class OrganizationType {
  @Field(() => ID, { description: 'Slug id shared across extracts, e.g. "facebook".' })
  id!: string;

  @Field(() => String, { description: "The name sources use." })
  name!: string;

  @Field(() => [String], { description: 'Other names sources use ("the social network").' })
  aliases!: string[];

  @Field(() => OrganizationKindEnum, { description: "What sort of organisation it is." })
  kind!: string;

  @Field(() => [String], { description: "The extract files that state this organisation." })
  sourceExtracts!: string[];
}

export const OrganizationConnection = Connection(OrganizationType, "Organization");
