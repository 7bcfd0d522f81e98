import { Field, ID, InputType } from "type-graphql";

@InputType("GrantFilter", { description: "Narrows a list of grants; every given field must hold." })
export class GrantFilter {
  @Field(() => ID, { nullable: true, description: "Given by this organisation." })
  grantor?: string;

  @Field(() => ID, { nullable: true, description: "Given to this organisation." })
  grantee?: string;

  @Field(() => ID, { nullable: true, description: "Covering this data category or a narrower one." })
  dataCategory?: string;

  @Field(() => Boolean, { nullable: true, description: "Only grants exempt (true) or not exempt (false) from privacy rules." })
  exemptFromPrivacyRules?: boolean;
}
