import { registerEnumType } from "type-graphql";
import { DISMISS_REASONS, type DismissReason, REVIEW_ACTIONS, REVIEW_STATUSES, type ReviewAction, type ReviewStatus } from "../../review/model.ts";

const asEnum = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };

export const ReviewStatusEnum = asEnum<ReviewStatus>(REVIEW_STATUSES);
registerEnumType(ReviewStatusEnum, {
  name: "ReviewStatus",
  description: "Where a finding stands in review.",
  valuesConfig: {
    NEW: { description: "Nobody decided on it yet (or a reload changed its evidence since it was decided): in the queue." },
    CONFIRMED: { description: "A reviewer confirmed it against the sources." },
    DISMISSED: { description: "A reviewer dismissed it, with a reason." },
    NEEDS_REPLY: { description: "Waiting for the party's reply (the right of reply): in the queue." },
  },
});

export const DismissReasonEnum = asEnum<DismissReason>(DISMISS_REASONS);
registerEnumType(DismissReasonEnum, {
  name: "DismissReason",
  description: "Why a finding was dismissed (OTHER with a text).",
});

export const ReviewActionEnum = asEnum<ReviewAction>(REVIEW_ACTIONS);
registerEnumType(ReviewActionEnum, {
  name: "ReviewAction",
  description: "What an event of a review's history did.",
  valuesConfig: {
    STATUS_CHANGED: { description: "A reviewer set the status (reviewFinding)." },
    REPLY_REQUESTED: { description: "A reviewer asked the party for comment (requestReply)." },
    REPLY_RECORDED: { description: "A reviewer recorded the party's reply, or that it declined (recordReply)." },
    NOTE_ADDED: { description: "A reviewer added a note (addNote)." },
    EVIDENCE_CHANGED: { description: "A reload changed what the finding rests on since its review: back to the queue (by system:load)." },
    NO_LONGER_FOUND: { description: "A reload removed the finding; the review is kept (by system:load)." },
    FOUND_AGAIN: { description: "A reload found the finding again (by system:load)." },
  },
});
