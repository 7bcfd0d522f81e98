import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import type { ReplyRequest, ReviewEvent, ReviewState } from "../../review/reviewStore.ts";
import { OrganizationType } from "../organization/organization.type.ts";
import { StatementType } from "../statement/statement.type.ts";
import { DismissReasonEnum, ReviewActionEnum, ReviewStatusEnum } from "./review.enums.ts";

@ObjectType("NoteAnchor", { simpleResolvers: true, description: "The passage of a report's archived text a note is about." })
export class NoteAnchorType {
  @Field(() => ID, { description: "The report whose archived text holds the passage." })
  reportId!: string;

  @Field(() => String, { description: "The passage, as it reads." })
  exact!: string;

  @Field(() => Int, { description: "Where it starts in the text (code points)." })
  start!: number;

  @Field(() => Int, { description: "Where it ends (code points, exclusive)." })
  end!: number;

  @Field(() => Boolean, { description: "True when the report's archived text changed since the note was written: the anchor is not moved to look-alike words." })
  orphaned!: boolean;
}

@ObjectType("ReviewEvent", { simpleResolvers: true, description: "One change of a review, as the append-only log keeps it: nothing edits or deletes an event." })
export class ReviewEventType {
  row!: ReviewEvent;

  @Field(() => Int, { description: "Its place in the finding's log: 1, 2, 3 …, strictly increasing." })
  version!: number;

  @Field(() => String, { description: "When (ISO 8601, UTC)." })
  at!: string;

  @Field(() => String, { description: "Who: token:NAME, oidc:SUB, local:USER, or system:load for a reload's flags." })
  by!: string;

  @Field(() => String, { description: "Their role then (reader, reviewer, admin; system for the load)." })
  role!: string;

  @Field(() => ReviewActionEnum, { description: "What it did." })
  action!: string;

  @Field(() => ReviewStatusEnum, { description: "The status before." })
  fromStatus!: string;

  @Field(() => ReviewStatusEnum, { description: "The status after." })
  toStatus!: string;

  @Field(() => DismissReasonEnum, { nullable: true, description: "Why it was dismissed." })
  reason!: string | null;

  @Field(() => String, { nullable: true, description: "The reason's text (with OTHER, or to say more)." })
  reasonText!: string | null;

  @Field(() => String, { nullable: true, description: "The note, or the reply's text, given with it." })
  note!: string | null;

  @Field(() => NoteAnchorType, { nullable: true, description: "The passage a note is about." })
  anchor?: NoteAnchorType | null;

  @Field(() => ID, { nullable: true, description: "The reply request it concerns." })
  requestId!: string | null;

  @Field(() => [String], { description: "What a reload changed (EVIDENCE_CHANGED, NO_LONGER_FOUND)." })
  changes!: string[];
}

@ObjectType("ReplyRequest", { simpleResolvers: true, description: "A request for comment sent to a party (the right of reply), and its reply once recorded." })
export class ReplyRequestType {
  row!: ReplyRequest;

  @Field(() => ID, { description: "FINDING~reply-N." })
  id!: string;

  @Field(() => ID, { description: "The finding asked about." })
  findingId!: string;

  @Field(() => OrganizationType, { nullable: true, description: "Who was asked." })
  party?: OrganizationType | null;

  @Field(() => String, { description: "When they were asked." })
  askedAt!: string;

  @Field(() => String, { description: "How (email to the press office, phone …)." })
  channel!: string;

  @Field(() => String, { nullable: true, description: "The deadline given." })
  deadline!: string | null;

  @Field(() => Boolean, { description: "True when the deadline passed without a reply recorded." })
  overdue!: boolean;

  @Field(() => String, { nullable: true, description: "What was asked, or a note on it." })
  note!: string | null;

  @Field(() => String, { description: "Who asked." })
  askedBy!: string;

  @Field(() => String, { nullable: true, description: "When the reply came; null while none." })
  receivedAt!: string | null;

  @Field(() => String, { nullable: true, description: "The reply's text." })
  text!: string | null;

  @Field(() => Boolean, { nullable: true, description: "True when the party declined to comment." })
  declined!: boolean | null;

  @Field(() => StatementType, { nullable: true, description: "The statement (loaded from an extract) that records the reply, when there is one." })
  statement?: StatementType | null;

  @Field(() => String, { nullable: true, description: "Who recorded the reply." })
  recordedBy!: string | null;
}

@ObjectType("Review", { simpleResolvers: true, description: "A finding's review now: derived from its log of events (`history`)." })
export class ReviewType {
  state!: ReviewState;

  @Field(() => ID, { description: "The finding's id (its statement's)." })
  findingId!: string;

  @Field(() => ReviewStatusEnum, { description: "Where it stands (NEW when nobody decided)." })
  status!: string;

  @Field(() => Int, { description: "How many events its log holds: pass it as reviewFinding's expectedVersion (0 when untouched)." })
  version!: number;

  @Field(() => DismissReasonEnum, { nullable: true, description: "Why it was dismissed." })
  dismissReason!: string | null;

  @Field(() => String, { nullable: true, description: "The dismissal's text." })
  dismissReasonText!: string | null;

  @Field(() => String, { nullable: true, description: "Who changed it last (a person; the load's flags are not counted)." })
  lastReviewer!: string | null;

  @Field(() => String, { nullable: true, description: "When a person changed it last." })
  lastChangedAt!: string | null;

  @Field(() => String, { nullable: true, description: "Since when it waits in the queue, when it was sent (back) there." })
  queuedAt!: string | null;

  @Field(() => Boolean, { description: "True when a reload changed what it rests on (statement, grants, evidence) since it was reviewed: it is back in the queue." })
  evidenceChanged!: boolean;

  @Field(() => [String], { description: "What changed, in words (with evidenceChanged or noLongerFound)." })
  changes!: string[];

  @Field(() => Boolean, { description: "True when a reload removed the finding; the review is kept (see reviewsNoLongerFound)." })
  noLongerFound!: boolean;

  @Field(() => [ReviewEventType], { description: "Every change, oldest first." })
  history?: ReviewEventType[];

  @Field(() => [ReplyRequestType], { description: "Requests for comment, oldest first, with their replies." })
  replyRequests?: ReplyRequestType[];
}

@ObjectType("ReviewChange", { simpleResolvers: true, description: "What a review mutation wrote." })
export class ReviewChangeType {
  @Field(() => ReviewType, { description: "The review now." })
  review!: ReviewType;

  @Field(() => ReviewEventType, { description: "The event appended." })
  event!: ReviewEventType;

  @Field(() => [String], {
    description:
      "The write's bookmarks (also in the response's Neo4j-Bookmarks header): send them as the Neo4j-Bookmarks header of your next request, and it reads this write through any API process or cluster member.",
  })
  bookmarks!: string[];
}

@InputType("NoteAnchorInput", { description: "A passage of a report's archived text." })
export class NoteAnchorInput {
  @Field(() => ID, { description: "The report." })
  reportId!: string;

  @Field(() => String, { description: "The passage's words, exactly." })
  exact!: string;

  @Field(() => Int, { nullable: true, description: "Where it starts (code points); default: its first occurrence." })
  start?: number;
}
