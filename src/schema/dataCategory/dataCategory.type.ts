import { Field, ID, ObjectType } from "type-graphql";

@ObjectType("DataCategory", { simpleResolvers: true, description: "A kind of personal data, in a hierarchy: private messages ⊂ messages ⊂ personal data." })
export class DataCategoryType {
  @Field(() => ID, { description: "Slug id." })
  id!: string;

  @Field(() => String, { description: 'Its name: "private messages".' })
  name!: string;

  @Field(() => [String], { description: 'Other names sources use for it ("private user messages").' })
  aliases!: string[];

  @Field(() => [String], { description: "The extract files that state this category." })
  sourceExtracts!: string[];
}
