import DataLoader from "dataloader";
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { ClaimgraphError, badInput } from "../../domain/errors.ts";
import type { DismissReason, ReviewStatus } from "../../review/model.ts";
import {
  type ReplyRequest,
  type ReviewEvent,
  type ReviewState,
  type Written,
  addNote,
  readHistories,
  readReplyRequests,
  readReviews,
  recordReply,
  requestReply,
  reviewFinding,
  reviewsNoLongerFound,
  untouched,
} from "../../review/reviewStore.ts";
import { mayWrite } from "../../server/roles.ts";
import type { Context } from "../context.ts";
import { ContradictionType } from "../contradiction/contradiction.type.ts";
import { FindingType } from "../finding/finding.type.ts";
import { OrganizationType } from "../organization/organization.type.ts";
import { StatementType } from "../statement/statement.type.ts";
import { DismissReasonEnum, ReviewStatusEnum } from "./review.enums.ts";
import { NoteAnchorInput, type NoteAnchorType, ReplyRequestType, ReviewChangeType, ReviewEventType, ReviewType } from "./review.type.ts";

/** The review loaders of a request: a page's reviews, histories and reply requests in one round trip each. */
const perRequest = new WeakMap<Context, ReturnType<typeof createReviewLoaders>>();
function createReviewLoaders(ctx: Context) {
  const batched = <T>(read: (ids: readonly string[]) => Promise<Map<string, T>>, missing: (id: string) => T) =>
    new DataLoader<string, T>(async (ids) => {
      const found = await read(ids);
      return ids.map((id) => found.get(id) ?? missing(id));
    });
  return {
    review: batched((ids) => readReviews(ctx.graph, ids), untouched),
    history: batched((ids) => readHistories(ctx.graph, ids), () => [] as ReviewEvent[]),
    replies: batched((ids) => readReplyRequests(ctx.graph, ids), () => [] as ReplyRequest[]),
  };
}
const reviewLoaders = (ctx: Context) => perRequest.get(ctx) ?? perRequest.set(ctx, createReviewLoaders(ctx)).get(ctx)!;

export const toReview = (state: ReviewState): ReviewType => ({ state, ...state });

function toEvent(row: ReviewEvent, textShas?: Map<string, string | null>): ReviewEventType {
  let anchor: NoteAnchorType | null = null;
  if (row.anchor) {
    const parsed = JSON.parse(row.anchor) as Omit<NoteAnchorType, "orphaned"> & { textSha256: string };
    anchor = { reportId: parsed.reportId, exact: parsed.exact, start: parsed.start, end: parsed.end, orphaned: textShas ? textShas.get(parsed.reportId) !== parsed.textSha256 : false };
  }
  return { row, ...row, changes: row.changes ?? [], anchor };
}

const today = () => new Date().toISOString().slice(0, 10);
const toRequest = (row: ReplyRequest): ReplyRequestType => {
  const { party: _party, statementId: _statement, ...fields } = row;
  return { row, ...fields, overdue: !row.receivedAt && !!row.deadline && row.deadline.slice(0, 10) < today() };
};

const FINDING_ID = /^[a-z0-9-]{1,120}$/;
function findingId(id: string, argument: string): string {
  if (!FINDING_ID.test(id)) throw badInput(`"${id.slice(0, 80)}" is not a finding id (a statement's id).`, { argument });
  return id;
}

/**
 * Writes are for reviewers: a reader's is refused with FORBIDDEN and the role it needs. Every write,
 * and every refused one, goes to the server's log with who asked.
 */
async function write(ctx: Context, what: string, subject: string, work: () => Promise<Written>): Promise<ReviewChangeType> {
  const { viewer } = ctx;
  if (!mayWrite(viewer.role)) {
    ctx.log(`[claimgraph] refused ${what} ${subject} by ${viewer.subject} (${viewer.role}): needs reviewer`);
    throw new ClaimgraphError("FORBIDDEN", `${what} needs the role reviewer (or admin); ${viewer.subject} is a ${viewer.role}.`, { needs: "reviewer", role: viewer.role });
  }
  try {
    const written = await work();
    ctx.log(`[claimgraph] ${what} ${subject} by ${viewer.subject} (${viewer.role}): ${written.event.action} ${written.event.fromStatus} → ${written.event.toStatus}, version ${written.event.version}`);
    ctx.bookmarksOut.push(...written.bookmarks);
    return { review: toReview(written.review), event: toEvent(written.event), bookmarks: written.bookmarks };
  } catch (error) {
    ctx.log(`[claimgraph] ${what} ${subject} by ${viewer.subject} (${viewer.role}) failed: ${(error as Error).message}`);
    throw error;
  }
}

@Resolver(() => ReviewType)
export class ReviewResolver {
  @Query(() => [ReviewType], { description: "Reviews whose finding a reload removed, kept with what changed; most recently changed first." })
  async reviewsNoLongerFound(@Ctx() { graph }: Context, @Arg("first", () => Int, { nullable: true, description: "At most this many (default 50, at most 500)." }) first?: number) {
    const limit = first ?? 50;
    if (!Number.isInteger(limit) || limit < 0 || limit > 500) throw badInput(`\`first\` must be between 0 and 500; got ${first}.`, { argument: "first" });
    return (await reviewsNoLongerFound(graph, limit)).map(toReview);
  }

  @FieldResolver(() => [ReviewEventType])
  async history(@Root() review: ReviewType, @Ctx() ctx: Context) {
    const events = await reviewLoaders(ctx).history.load(review.findingId);
    const reports = [...new Set(events.filter((e) => e.anchor).map((e) => (JSON.parse(e.anchor!) as { reportId: string }).reportId))];
    const shas = new Map<string, string | null>();
    if (reports.length > 0) {
      const rows = await ctx.loaders.report.loadMany(reports);
      reports.forEach((id, i) => {
        const row = rows[i];
        shas.set(id, row && !(row instanceof Error) ? ((row.textSha256 as string | null) ?? null) : null);
      });
    }
    return events.map((e) => toEvent(e, shas));
  }

  @FieldResolver(() => [ReplyRequestType])
  async replyRequests(@Root() review: ReviewType, @Ctx() ctx: Context) {
    return (await reviewLoaders(ctx).replies.load(review.findingId)).map(toRequest);
  }

  @Mutation(() => ReviewChangeType, {
    description:
      "Sets a finding's status. DISMISSED needs a `reason` (OTHER also a `reasonText`). `expectedVersion` is the review's `version` as you read it: when someone changed it since, CONFLICT, with the current state in `extensions.current`. Needs the role reviewer.",
  })
  reviewFinding(
    @Ctx() ctx: Context,
    @Arg("id", () => ID, { description: "The finding's id (its statement's)." }) id: string,
    @Arg("status", () => ReviewStatusEnum) status: ReviewStatus,
    @Arg("expectedVersion", () => Int, { description: "The review's version as you read it (0 for a finding nobody touched)." }) expectedVersion: number,
    @Arg("reason", () => DismissReasonEnum, { nullable: true, description: "Why it is dismissed (required with DISMISSED)." }) reason?: DismissReason,
    @Arg("reasonText", () => String, { nullable: true, description: "The reason in words (required with OTHER), at most 500 characters." }) reasonText?: string,
    @Arg("note", () => String, { nullable: true, description: "A note with the decision, at most 4,000 characters." }) note?: string,
  ) {
    findingId(id, "id");
    return write(ctx, "reviewFinding", id, () => reviewFinding(ctx.graph, ctx.viewer, id, { status, reason, reasonText, note, expectedVersion }));
  }

  @Mutation(() => ReviewChangeType, { description: "Records that a party was asked for comment on a finding (the right of reply); a NEW finding then NEEDS_REPLY. Needs the role reviewer." })
  requestReply(
    @Ctx() ctx: Context,
    @Arg("findingId", () => ID) id: string,
    @Arg("party", () => ID, { description: "The organisation asked." }) party: string,
    @Arg("askedAt", () => String, { description: "When (YYYY-MM-DD or an ISO 8601 time)." }) askedAt: string,
    @Arg("channel", () => String, { description: "How: email to the press office, phone …" }) channel: string,
    @Arg("deadline", () => String, { nullable: true, description: "The deadline given (YYYY-MM-DD or ISO 8601); past it without a reply, the request is overdue." }) deadline?: string,
    @Arg("note", () => String, { nullable: true, description: "What was asked, at most 4,000 characters." }) note?: string,
  ) {
    findingId(id, "findingId");
    return write(ctx, "requestReply", id, () => requestReply(ctx.graph, ctx.viewer, id, { party, askedAt, channel, deadline, note }));
  }

  @Mutation(() => ReviewChangeType, { description: "Records a party's reply to a request for comment (or that it declined). Needs the role reviewer." })
  recordReply(
    @Ctx() ctx: Context,
    @Arg("requestId", () => ID) requestId: string,
    @Arg("receivedAt", () => String, { description: "When it came (YYYY-MM-DD or ISO 8601)." }) receivedAt: string,
    @Arg("text", () => String, { nullable: true, description: "The reply, at most 20,000 characters." }) text?: string,
    @Arg("declined", () => Boolean, { nullable: true, description: "True when the party declined to comment." }) declined?: boolean,
    @Arg("statementId", () => ID, { nullable: true, description: "The statement of an extract that records the reply, when it was loaded as one." }) statementId?: string,
  ) {
    if (!/^[a-z0-9-]{1,120}~reply-\d{1,9}$/.test(requestId)) throw badInput(`"${requestId.slice(0, 80)}" is not a reply request's id (FINDING~reply-N).`, { argument: "requestId" });
    return write(ctx, "recordReply", requestId, () => recordReply(ctx.graph, ctx.viewer, requestId, { receivedAt, text, declined: declined ?? false, statementId }));
  }

  @Mutation(() => ReviewChangeType, { description: "Adds a note to a finding, optionally anchored to a passage of a report's archived text. Needs the role reviewer." })
  addNote(
    @Ctx() ctx: Context,
    @Arg("findingId", () => ID) id: string,
    @Arg("text", () => String, { description: "The note, at most 4,000 characters." }) text: string,
    @Arg("anchor", () => NoteAnchorInput, { nullable: true }) anchor?: NoteAnchorInput,
  ) {
    findingId(id, "findingId");
    return write(ctx, "addNote", id, () => addNote(ctx.graph, ctx.viewer, id, text, anchor));
  }
}

@Resolver(() => ReplyRequestType)
export class ReplyRequestResolver {
  @FieldResolver(() => OrganizationType, { nullable: true })
  async party(@Root() request: ReplyRequestType, @Ctx() { loaders }: Context) {
    return loaders.organization.load(request.row.party);
  }

  @FieldResolver(() => StatementType, { nullable: true })
  async statement(@Root() request: ReplyRequestType, @Ctx() { loaders }: Context) {
    return request.row.statementId ? loaders.statement.load(request.row.statementId) : null;
  }
}

@Resolver(() => FindingType)
export class FindingReviewResolver {
  @FieldResolver(() => ReviewType, { description: "Its review: status, who decided, history, replies (NEW and version 0 when nobody touched it)." })
  async review(@Root() finding: FindingType, @Ctx() ctx: Context) {
    return toReview(await reviewLoaders(ctx).review.load(finding.id));
  }
}

@Resolver(() => ContradictionType)
export class ContradictionReviewResolver {
  @FieldResolver(() => ReviewType, { description: "The review of its finding (its statement's): reviews attach to findings, not to each grant." })
  async review(@Root() contradiction: ContradictionType, @Ctx() ctx: Context) {
    return toReview(await reviewLoaders(ctx).review.load(contradiction.row.statementId));
  }
}
