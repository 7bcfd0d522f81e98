import { Ctx, Field, ObjectType, Query, Resolver } from "type-graphql";
import { mayWrite } from "../../server/roles.ts";
import type { Context } from "../context.ts";

@ObjectType("Viewer", { simpleResolvers: true, description: "Who is asking, as the API sees this request: what the desk shows a reader and a reviewer differently by." })
export class ViewerType {
  @Field(() => String, { description: "token:NAME, oidc:SUB, local:USER (the open local desk), anyone (a public API) or internal: what a write records as its author." })
  subject!: string;

  @Field(() => String, { description: "reader, reviewer or admin." })
  role!: string;

  @Field(() => Boolean, { description: "True when this role may write reviews, replies and notes (reviewer or admin)." })
  mayReview!: boolean;
}

@Resolver(() => ViewerType)
export class ViewerResolver {
  @Query(() => ViewerType, { description: "Who is asking and what they may do: the desk hides the review controls from a reader." })
  viewer(@Ctx() { viewer }: Context): ViewerType {
    return { subject: viewer.subject, role: viewer.role, mayReview: mayWrite(viewer.role) };
  }
}
