import { Field, ID, InputType, Int } from "type-graphql";
import { ContradictionKindEnum, ContradictionOrderFieldEnum, OrderDirectionEnum } from "../common/enums.ts";
import { ReviewStatusEnum } from "../review/review.enums.ts";

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

  @Field(() => [ReviewStatusEnum], { nullable: true, description: "Only those whose finding's review has any of these statuses (NEW: nobody decided yet)." })
  statuses?: string[];

  @Field(() => String, {
    nullable: true,
    description:
      "Words that must all appear (case-insensitive, anywhere within a word, ’ and ' alike; each word may appear in a different place) in the statement's quote, paraphrase or source's account, the name of its speaker or of the organisation it was said for, the grant's description, the names (or aliases) of its grantor and grantee, or the names of the data it covers. Blank: no text filter. At most 200 characters.",
  })
  text?: string;
}

@InputType("ContradictionOrder", { description: "The order of a list of contradictions (default: SEVERITY, DESC)." })
export class ContradictionOrder {
  @Field(() => ContradictionOrderFieldEnum, { description: "What to order by." })
  field!: string;

  @Field(() => OrderDirectionEnum, { nullable: true, description: "Which way; default DESC for SEVERITY and DATE, ASC for KIND and SPEAKER." })
  direction?: string;
}
