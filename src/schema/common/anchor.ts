import { Field, Int, ObjectType } from "type-graphql";

@ObjectType("TextAnchor", {
  simpleResolvers: true,
  description:
    "Where a passage stands in its report's archived text: a W3C Web Annotation TextQuoteSelector (exact, prefix, suffix) with TextPositionSelector offsets (start, end), checked when the extract was loaded.",
})
export class TextAnchorType {
  @Field(() => String, { description: "The passage as it stands in the source text." })
  exact!: string;

  @Field(() => String, { description: "Up to 32 characters of the text before it." })
  prefix!: string;

  @Field(() => String, { description: "Up to 32 characters of the text after it." })
  suffix!: string;

  @Field(() => Int, { description: "Offset of its first character, in Unicode code points from the start of the text." })
  start!: number;

  @Field(() => Int, { description: "Offset just past its last character (exclusive), in code points." })
  end!: number;

  @Field(() => String, { description: "The sentence of the source text it stands in (whitespace collapsed), to show it in context." })
  sentence!: string;
}

/** An anchor as the loader stores it on a relationship (JSON text), or null. */
export function anchorFrom(stored: unknown): TextAnchorType | null {
  return typeof stored === "string" && stored ? (JSON.parse(stored) as TextAnchorType) : null;
}
