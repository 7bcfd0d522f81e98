import { Field, ID, InputType, Int } from "type-graphql";
import { ContradictionKindEnum } from "../common/enums.ts";

@InputType("ContradictionFilter", { description: "Narrows the contradictions; every given field must hold." })
export class ContradictionFilter {
  @Field(() => ID, {
    nullable: true,
    description: "Involving this organisation (or its group members): as the speaker's side, or as grantor or grantee of the grant.",
  })
  organization?: string;

  @Field(() => [ContradictionKindEnum], { nullable: true, description: "Any of these kinds." })
  kinds?: string[];

  @Field(() => String, { nullable: true, description: "Statements made on or after this date (ISO 8601, any precision)." })
  from?: string;

  @Field(() => String, { nullable: true, description: "Statements made on or before this date (ISO 8601, any precision)." })
  to?: string;

  @Field(() => Int, { nullable: true, description: "Only contradictions of at least this severity (0-100)." })
  minSeverity?: number;
}
