import { Field, ID, Int, ObjectType } from "type-graphql";
import type { FindingRow } from "../../contradictions/contradictionService.ts";
import { ContradictionKindEnum } from "../common/enums.ts";
import { Connection } from "../common/connection.ts";
import { ContradictionType } from "../contradiction/contradiction.type.ts";
import { StatementType } from "../statement/statement.type.ts";

@ObjectType("Finding", {
  simpleResolvers: true,
  description:
    "One statement with every documented grant it conflicts with: what an editor reads as one finding (a half-sentence that conflicts with three grants is one finding with three grants, not three). Its pairs are the `contradictions` (ids STATEMENT~GRANT, as listed by `contradictions`), strongest first; the finding takes the severity and kind of the strongest.",
})
export class FindingType {
  row!: FindingRow;

  @Field(() => ID, { description: "The statement's id: a finding is its statement's, and keeps its id across reloads." })
  id!: string;

  @Field(() => StatementType, { description: "The statement." })
  statement?: StatementType;

  @Field(() => Int, { description: "The strongest severity among its contradictions (0-100)." })
  severity!: number;

  @Field(() => ContradictionKindEnum, { description: "The kind of its strongest contradiction." })
  kind!: string;

  @Field(() => Int, { description: "How many grants it conflicts with (within the list's filter)." })
  grantCount!: number;

  @Field(() => [ContradictionType], { description: "Its contradictions, one per grant, strongest first: each with its grant, evidence and explanation." })
  contradictions!: ContradictionType[];
}

export const FindingConnection = Connection(FindingType, "Finding");
