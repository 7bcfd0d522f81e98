import { Field, ID, InputType } from "type-graphql";
import { StanceEnum } from "../common/enums.ts";

@InputType("StatementFilter", { description: "Narrows a list of statements; every given field must hold." })
export class StatementFilter {
  @Field(() => ID, { nullable: true, description: "Made by or on behalf of this organisation." })
  organization?: string;

  @Field(() => ID, { nullable: true, description: "Made by this person or organisation." })
  speaker?: string;

  @Field(() => [StanceEnum], { nullable: true, description: "Any of these stances." })
  stances?: string[];

  @Field(() => String, { nullable: true, description: "Made on or after this date (ISO 8601, any precision)." })
  from?: string;

  @Field(() => String, { nullable: true, description: "Made on or before this date (ISO 8601, any precision)." })
  to?: string;

  @Field(() => String, { nullable: true, description: "Words of the quote or paraphrase (full-text)." })
  text?: string;
}
