import { Field, ID, Int, ObjectType } from "type-graphql";
import { ContradictionKindEnum } from "../common/enums.ts";
import { Connection } from "../common/connection.ts";
import { StatementType } from "../statement/statement.type.ts";
import type { ContradictionRow } from "../../contradictions/contradictionService.ts";

@ObjectType("Corroboration", { simpleResolvers: true, description: "An admission (AFFIRMS_ACCESS statement) that strengthens the evidence of a grant." })
export class CorroborationType {
  statementId!: string;

  @Field(() => StatementType, { description: "The admission." })
  statement?: StatementType;

  @Field(() => Boolean, { description: "True when it comes from a party other than the contradicted speaker's side: stronger evidence." })
  byOtherParty!: boolean;
}

@ObjectType("Contradiction", {
  simpleResolvers: true,
  description:
    "A statement paired with a documented grant it conflicts with, with the whole evidence chain. Decided by the rules of docs/rules.md: parties (with corporate groups, exceptions and access passed on), data hierarchy, capabilities and purpose, time, and independent evidence.",
})
export class ContradictionType {
  row!: ContradictionRow;

  @Field(() => ID, { description: "Stable id: STATEMENT_ID~GRANT_ID." })
  id!: string;

  @Field(() => ContradictionKindEnum, { description: "How the two conflict." })
  kind!: string;

  @Field(() => Int, {
    description:
      "0-100 (docs/rules.md, Severity): the kind's strength (denial 90 … use or request 40; an assurance 70 against an exempt grant, 60 against another), then the statement's form (MIXED -5, REPORTED -10), an inferred speaker -10, naming neither grantee, grant nor data -5, a group claim -10, a claim conceding the access -10, evidence known only through another report's account -5, +5/+10 for a second/third independent report, +5 when the other party admitted the access in scope.",
  })
  severity!: number;

  @Field(() => Boolean, {
    nullable: true,
    description: "True when an independent documenting report was published before the statement; false when all came after; null when the dates cannot tell.",
  })
  reportPredatesStatement!: boolean | null;
}

export const ContradictionConnection = Connection(ContradictionType, "Contradiction");
