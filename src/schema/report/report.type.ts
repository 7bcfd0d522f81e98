import { Field, ID, ObjectType } from "type-graphql";
import { ReportKindEnum } from "../common/enums.ts";
import { Connection } from "../common/connection.ts";

@ObjectType("Report", { simpleResolvers: true, description: "A source: an investigation, article, press statement, post, testimony, filing or help page." })
export class ReportType {
  @Field(() => ID, { description: "Slug id." })
  id!: string;

  @Field(() => String, { nullable: true, description: "Its own title; null when the source does not give it (cite it as an untitled report)." })
  title!: string | null;

  @Field(() => String, { nullable: true, description: "Its address, when known." })
  url!: string | null;

  @Field(() => String, { nullable: true, description: "ISO 8601 date at the precision known: 2018, 2018-12 or 2018-12-18." })
  publishedAt!: string | null;

  @Field(() => ReportKindEnum, { description: "What sort of source it is." })
  kind!: string;

  @Field(() => String, { nullable: true, description: "Its archived text: the file (from the project root) its quotes were checked against; null: not archived, its quotes are unverified." })
  textFile!: string | null;

  @Field(() => String, { nullable: true, description: "SHA-256 of the archived text the quotes were checked against." })
  textSha256!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The notes of the extract made from this report (its `notes`): what the extract could not express, the choices and inferences made in reading it; null when none, or when no extract was made from it.",
  })
  extractNotes!: string | null;

  @Field(() => [String], { description: "The extract files that state this report." })
  sourceExtracts!: string[];
}

export const ReportConnection = Connection(ReportType, "Report");
