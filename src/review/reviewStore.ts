import neo4j from "neo4j-driver";
import path from "node:path";
import { projectRoot } from "../config.ts";
import { ClaimgraphError, badInput, notFound } from "../domain/errors.ts";
import { findPassage, readSourceText } from "../extract/sourceText.ts";
import type { Graph, Tx } from "../graph/graph.ts";
import type { Viewer } from "../server/roles.ts";
import { type FindingSnapshot, changesBetween, fingerprintOf, isFound, snapshotsOf } from "./fingerprint.ts";
import { DISMISS_REASONS, type DismissReason, LIMITS, QUEUE_STATUSES, type ReviewAction, type ReviewStatus, checkDate, checkText } from "./model.ts";

/**
 * The reviews in Neo4j. A finding's current review is a (:Review {findingId}) node; every change is
 * a (:ReviewEvent {findingId, version}) appended beside it in the same transaction, and the review's
 * state is what its events made it (each event says from → to; `derivedState` replays a log, and a
 * test holds the two equal). Nothing here updates or deletes an event.
 *
 * Concurrency: each write locks its review (a property set before anything is read, so two writers of
 * one finding take turns) and then checks the version the writer expects: optimistic versions, the
 * loser gets CONFLICT with the current state. Versions go up by one per event, per finding, and a
 * constraint holds (findingId, version) unique.
 */

export interface ReviewState {
  findingId: string;
  status: ReviewStatus;
  /** Events so far; 0 for a finding nobody touched. */
  version: number;
  dismissReason: DismissReason | null;
  dismissReasonText: string | null;
  /** The last person to change it (the load's events are not a person's). */
  lastReviewer: string | null;
  lastChangedAt: string | null;
  /** Since when it waits in the queue (NEW or NEEDS_REPLY), when it was sent back there. */
  queuedAt: string | null;
  /** A reload changed what the finding rests on since its last review: back in the queue. */
  evidenceChanged: boolean;
  /** What changed, in words (with evidenceChanged or noLongerFound). */
  changes: string[];
  /** A reload removed the finding; the review is kept. */
  noLongerFound: boolean;
}

export interface ReviewEvent {
  findingId: string;
  version: number;
  at: string;
  by: string;
  role: string;
  action: ReviewAction;
  fromStatus: ReviewStatus;
  toStatus: ReviewStatus;
  reason: DismissReason | null;
  reasonText: string | null;
  note: string | null;
  /** JSON of a note's anchor (NoteAnchor). */
  anchor: string | null;
  requestId: string | null;
  fingerprint: string | null;
  changes: string[];
}

export interface NoteAnchor {
  reportId: string;
  exact: string;
  start: number;
  end: number;
  /** The archived text's SHA-256 when the note was written: a text changed since leaves the anchor orphaned, never re-attached. */
  textSha256: string;
}

export interface ReplyRequest {
  id: string;
  findingId: string;
  party: string;
  askedAt: string;
  channel: string;
  deadline: string | null;
  note: string | null;
  askedBy: string;
  receivedAt: string | null;
  text: string | null;
  declined: boolean | null;
  statementId: string | null;
  recordedBy: string | null;
}

/** A finding nobody touched: NEW, version 0. */
export const untouched = (findingId: string): ReviewState => ({
  findingId,
  status: "NEW",
  version: 0,
  dismissReason: null,
  dismissReasonText: null,
  lastReviewer: null,
  lastChangedAt: null,
  queuedAt: null,
  evidenceChanged: false,
  changes: [],
  noLongerFound: false,
});

const STATE_FIELDS = Object.keys(untouched("")) as (keyof ReviewState)[];
const stateOf = (props: Record<string, unknown>): ReviewState =>
  Object.fromEntries(STATE_FIELDS.map((field) => [field, props[field] ?? untouched("")[field]])) as unknown as ReviewState;

/** The state a log of events makes, replayed: what the stored review must equal. */
export function derivedState(findingId: string, events: ReviewEvent[]): ReviewState {
  const state = untouched(findingId);
  for (const e of [...events].sort((a, b) => a.version - b.version)) {
    state.version = e.version;
    const person = !e.by.startsWith("system:");
    if (e.fromStatus !== e.toStatus && QUEUE_STATUSES.includes(e.toStatus) && !QUEUE_STATUSES.includes(e.fromStatus)) state.queuedAt = e.at;
    state.status = e.toStatus;
    if (e.action === "STATUS_CHANGED") {
      state.dismissReason = e.reason;
      state.dismissReasonText = e.reasonText;
      state.evidenceChanged = false;
      state.changes = [];
    }
    if (e.action === "EVIDENCE_CHANGED") Object.assign(state, { evidenceChanged: true, changes: e.changes });
    if (e.action === "NO_LONGER_FOUND") Object.assign(state, { noLongerFound: true, changes: e.changes });
    if (e.action === "FOUND_AGAIN") state.noLongerFound = false;
    if (person) Object.assign(state, { lastReviewer: e.by, lastChangedAt: e.at });
  }
  return state;
}

// ------------------------------------------------------------------------------------------------
// Reads (batched: the API's loaders ask for a page's findings at once)

export async function readReviews(graph: Graph, ids: readonly string[]): Promise<Map<string, ReviewState>> {
  const rows = await graph.read<{ review: Record<string, unknown> }>("UNWIND $ids AS id MATCH (r:Review {findingId: id}) RETURN r {.*} AS review", { ids });
  return new Map(rows.map(({ review }) => [String(review.findingId), stateOf(review)]));
}

export async function readHistories(graph: Graph, ids: readonly string[]): Promise<Map<string, ReviewEvent[]>> {
  const rows = await graph.read<{ id: string; events: ReviewEvent[] }>(
    "UNWIND $ids AS id RETURN id, COLLECT { MATCH (e:ReviewEvent {findingId: id}) RETURN e {.*} AS e ORDER BY e.version } AS events",
    { ids },
  );
  return new Map(rows.map((row) => [row.id, row.events]));
}

export async function readReplyRequests(graph: Graph, ids: readonly string[]): Promise<Map<string, ReplyRequest[]>> {
  const rows = await graph.read<{ id: string; requests: ReplyRequest[] }>(
    "UNWIND $ids AS id RETURN id, COLLECT { MATCH (q:ReplyRequest {findingId: id}) RETURN q {.*} AS q ORDER BY q.askedAt, q.id } AS requests",
    { ids },
  );
  return new Map(rows.map((row) => [row.id, row.requests]));
}

/** Reviews whose finding a reload removed, most recently changed first. */
export async function reviewsNoLongerFound(graph: Graph, limit: number): Promise<ReviewState[]> {
  const rows = await graph.read<{ review: Record<string, unknown> }>(
    "MATCH (r:Review) WHERE r.noLongerFound RETURN r {.*} AS review ORDER BY r.lastChangedAt DESC, r.findingId LIMIT $limit",
    { limit: neo4j.int(limit) },
  );
  return rows.map(({ review }) => stateOf(review));
}

// ------------------------------------------------------------------------------------------------
// Writes

export interface Written {
  review: ReviewState;
  event: ReviewEvent;
  bookmarks: string[];
}

interface Decision {
  action: ReviewAction;
  toStatus?: ReviewStatus;
  event?: Partial<ReviewEvent>;
  state?: Partial<ReviewState>;
  /** More to write in the same transaction (a reply request), given the event's version. */
  also?: (tx: Tx, version: number) => Promise<void>;
}

/** The review locked (made when missing) and read, in one round trip; `existed`: it was there before. */
const LOCK_AND_READ_REVIEW = `
OPTIONAL MATCH (old:Review {findingId: $id})
WITH old IS NOT NULL AS existed
MERGE (r:Review {findingId: $id})
  ON CREATE SET r.version = 0, r.status = 'NEW'
SET r._lock = true
RETURN existed, r {.*} AS review`;
const WRITE_EVENT = `
MATCH (r:Review {findingId: $id})
SET r += $state
CREATE (e:ReviewEvent)
SET e = $event`;

/**
 * One change of a finding's review: in one write transaction, the review locked, read, the
 * decision taken on what is current, the event appended and the review updated.
 */
async function change(
  graph: Graph,
  viewer: Viewer,
  findingId: string,
  decide: (current: ReviewState, snapshot: FindingSnapshot) => Decision,
  expectedVersion?: number,
): Promise<Written> {
  const { result, bookmarks } = await graph.writeTracked(async (tx) => {
    const [{ existed, review }] = await tx.run<{ existed: boolean; review: Record<string, unknown> }>(LOCK_AND_READ_REVIEW, { id: findingId });
    const current = { ...stateOf(review), findingId };
    // A stale version is refused before anything else is read: a writer who lost a race pays one
    // round trip (the transaction, and the review it may have made, rolled back).
    if (existed && expectedVersion !== undefined && current.version !== expectedVersion) throw conflict(current, expectedVersion);
    const snapshot = (await snapshotsOf(tx, [findingId])).get(findingId)!;
    if (!existed && !isFound(snapshot)) throw notFound("finding", findingId);
    const decision = decide(current, snapshot);
    const at = new Date().toISOString();
    const toStatus = decision.toStatus ?? current.status;
    const version = current.version + 1;
    const event: ReviewEvent = {
      findingId,
      version,
      at,
      by: viewer.subject,
      role: viewer.role,
      action: decision.action,
      fromStatus: current.status,
      toStatus,
      reason: null,
      reasonText: null,
      note: null,
      anchor: null,
      requestId: null,
      fingerprint: fingerprintOf(snapshot),
      changes: [],
      ...decision.event,
    };
    const enteredQueue = toStatus !== current.status && QUEUE_STATUSES.includes(toStatus) && !QUEUE_STATUSES.includes(current.status);
    const state: Partial<ReviewState> & { snapshot?: string } = {
      ...decision.state,
      status: toStatus,
      version,
      lastReviewer: viewer.subject,
      lastChangedAt: at,
      ...(enteredQueue ? { queuedAt: at } : {}),
    };
    await tx.run(WRITE_EVENT, { id: findingId, state, event });
    await decision.also?.(tx, version);
    return { review: { ...current, ...state } as ReviewState, event };
  });
  return { ...result, bookmarks };
}

const conflict = (current: ReviewState, expected: number) =>
  new ClaimgraphError(
    "CONFLICT",
    `The finding ${current.findingId} changed since you read it (version ${expected}; it is now at ${current.version}: ${current.status}${current.lastReviewer ? `, by ${current.lastReviewer} at ${current.lastChangedAt}` : ""}). Read it again and decide on what it is now.`,
    { current: { findingId: current.findingId, status: current.status, version: current.version, lastReviewer: current.lastReviewer, lastChangedAt: current.lastChangedAt } },
  );

export interface ReviewInput {
  status: ReviewStatus;
  reason?: DismissReason | null;
  reasonText?: string | null;
  note?: string | null;
  expectedVersion: number;
}

export function reviewFinding(graph: Graph, viewer: Viewer, findingId: string, input: ReviewInput): Promise<Written> {
  const reasonText = input.reasonText ? checkText("reasonText", input.reasonText, LIMITS.reasonText) : null;
  const note = input.note ? checkText("note", input.note, LIMITS.note) : null;
  if (input.status === "DISMISSED") {
    if (!input.reason) throw badInput(`Dismissing a finding needs a \`reason\`: one of ${DISMISS_REASONS.join(", ")}.`, { argument: "reason" });
    if (input.reason === "OTHER" && !reasonText) throw badInput("The reason OTHER needs a `reasonText` saying what it is.", { argument: "reasonText" });
  } else if (input.reason || reasonText) {
    throw badInput(`A reason is for dismissing; the status ${input.status} takes none (put what you want to say in \`note\`).`, { argument: "reason" });
  }
  return change(graph, viewer, findingId, (current, snapshot) => {
    if (current.version !== input.expectedVersion) throw conflict(current, input.expectedVersion);
    const reason = input.status === "DISMISSED" ? (input.reason ?? null) : null;
    return {
      action: "STATUS_CHANGED",
      toStatus: input.status,
      event: { reason, reasonText: reason ? reasonText : null, note },
      state: {
        dismissReason: reason,
        dismissReasonText: reason ? reasonText : null,
        evidenceChanged: false,
        changes: [],
        ...({ snapshot: JSON.stringify(snapshot) } as object),
      },
    };
  }, input.expectedVersion);
}

export interface ReplyRequestInput {
  party: string;
  askedAt: string;
  channel: string;
  deadline?: string | null;
  note?: string | null;
}

export async function requestReply(graph: Graph, viewer: Viewer, findingId: string, input: ReplyRequestInput): Promise<Written> {
  const askedAt = checkDate("askedAt", input.askedAt);
  const deadline = input.deadline ? checkDate("deadline", input.deadline) : null;
  if (deadline && deadline < askedAt) throw badInput(`The \`deadline\` (${deadline}) is before \`askedAt\` (${askedAt}).`, { argument: "deadline" });
  const channel = checkText("channel", input.channel, LIMITS.channel);
  const note = input.note ? checkText("note", input.note, LIMITS.note) : null;
  const [party] = await graph.read<{ id: string }>("MATCH (o:Organization {id: $id}) RETURN o.id AS id", { id: input.party });
  if (!party) throw notFound("organization", input.party);
  return change(graph, viewer, findingId, (current, snapshot) => {
    const requestId = `${findingId}~reply-${current.version + 1}`;
    return {
      action: "REPLY_REQUESTED",
      // asking for comment puts a finding nobody decided on among those awaiting a reply
      toStatus: current.status === "NEW" ? "NEEDS_REPLY" : current.status,
      event: { requestId, note },
      state: { ...({ snapshot: JSON.stringify(snapshot) } as object) },
      also: async (tx) => {
        const request: ReplyRequest = {
          id: requestId,
          findingId,
          party: party.id,
          askedAt,
          channel,
          deadline,
          note,
          askedBy: viewer.subject,
          receivedAt: null,
          text: null,
          declined: null,
          statementId: null,
          recordedBy: null,
        };
        await tx.run("CREATE (q:ReplyRequest) SET q = $request", { request });
      },
    };
  });
}

export interface ReplyInput {
  receivedAt: string;
  text?: string | null;
  declined: boolean;
  statementId?: string | null;
}

export async function recordReply(graph: Graph, viewer: Viewer, requestId: string, input: ReplyInput): Promise<Written> {
  const receivedAt = checkDate("receivedAt", input.receivedAt);
  const text = input.text ? checkText("text", input.text, LIMITS.reply) : null;
  if (!text && !input.declined) throw badInput("A reply needs its `text`, or `declined: true` when the party declined to comment.", { argument: "text" });
  const [request] = await graph.read<{ request: ReplyRequest }>("MATCH (q:ReplyRequest {id: $id}) RETURN q {.*} AS request", { id: requestId });
  if (!request) throw notFound("reply request", requestId);
  if (input.statementId) {
    const [statement] = await graph.read("MATCH (s:Statement {id: $id}) RETURN s.id AS id", { id: input.statementId });
    if (!statement) throw notFound("statement", input.statementId);
  }
  return change(graph, viewer, request.request.findingId, () => ({
    action: "REPLY_RECORDED",
    event: { requestId, note: text },
    also: async (tx) => {
      // the lock on the review serialises this with any other reply to the same request
      const [updated] = await tx.run(
        `MATCH (q:ReplyRequest {id: $id}) WHERE q.receivedAt IS NULL
         SET q.receivedAt = $receivedAt, q.text = $text, q.declined = $declined, q.statementId = $statementId, q.recordedBy = $by
         RETURN q.id AS id`,
        { id: requestId, receivedAt, text, declined: input.declined, statementId: input.statementId ?? null, by: viewer.subject },
      );
      if (!updated) throw new ClaimgraphError("CONFLICT", `The reply to ${requestId} is recorded already; ask again (requestReply) for a further reply.`, { requestId });
    },
  }));
}

export interface AnchorInput {
  reportId: string;
  exact: string;
  start?: number | null;
}

/**
 * A note's anchor: a passage of a report's archived text, checked against the text now (the exact
 * words, at `start` when given, else where they first occur), with the text's hash kept so a later
 * change of the text shows the anchor as orphaned instead of moving it to look-alike words.
 */
async function checkedAnchor(graph: Graph, input: AnchorInput): Promise<NoteAnchor> {
  const exact = checkText("anchor.exact", input.exact, LIMITS.note);
  const [report] = await graph.read<{ textFile: string | null; textSha256: string | null }>(
    "MATCH (r:Report {id: $id}) RETURN r.textFile AS textFile, r.textSha256 AS textSha256",
    { id: input.reportId },
  );
  if (!report) throw notFound("report", input.reportId);
  if (!report.textFile) throw badInput(`The report ${input.reportId} has no archived text to anchor a note in.`, { argument: "anchor.reportId" });
  const loaded = readSourceText(path.resolve(projectRoot(), report.textFile));
  if ("problem" in loaded) throw badInput(`The archived text of ${input.reportId} cannot be read: ${loaded.problem}`, { argument: "anchor.reportId" });
  const { sha256 } = loaded;
  if (report.textSha256 && sha256 !== report.textSha256) {
    throw badInput(`The archived text of ${input.reportId} changed since it was loaded (its SHA-256 is not the one loaded); reload its extract first.`, { argument: "anchor.reportId" });
  }
  // positions in code points, as the extracts' anchors give them
  if (typeof input.start === "number") {
    const length = [...exact].length;
    if ([...loaded.original].slice(input.start, input.start + length).join("") !== exact) {
      throw badInput(`The archived text of ${input.reportId} does not read \`anchor.exact\` at ${input.start}.`, { argument: "anchor.start" });
    }
    return { reportId: input.reportId, exact, start: input.start, end: input.start + length, textSha256: sha256 };
  }
  const found = findPassage(loaded, exact);
  if (!found) throw badInput(`The archived text of ${input.reportId} does not contain \`anchor.exact\` ("${exact.slice(0, 60)}").`, { argument: "anchor.exact" });
  return { reportId: input.reportId, exact: found.anchor.exact, start: found.anchor.start, end: found.anchor.end, textSha256: sha256 };
}

export async function addNote(graph: Graph, viewer: Viewer, findingId: string, text: string, anchorInput?: AnchorInput | null): Promise<Written> {
  const note = checkText("text", text, LIMITS.note);
  const anchor = anchorInput ? await checkedAnchor(graph, anchorInput) : null;
  return change(graph, viewer, findingId, () => ({ action: "NOTE_ADDED", event: { note, anchor: anchor ? JSON.stringify(anchor) : null } }));
}

// ------------------------------------------------------------------------------------------------
// After a load

/**
 * Keeps every review true to what its finding now rests on (run by the load, in its transaction,
 * after the contradictions were decided again): a finding whose fingerprint changed since its review
 * is flagged "evidence changed since review" and, when decided (CONFIRMED or DISMISSED), goes back to
 * the queue as NEW; a finding the load removed is flagged "no longer found", its review kept; one
 * that comes back is found again. Each is an event of `system:load`.
 */
export async function refreshReviews(tx: Tx, findingIds: readonly string[] | null = null): Promise<{ changed: number; noLongerFound: number; foundAgain: number }> {
  // `findingIds`: the findings the load may have changed (the statements whose contradictions it
  // decided again, and those it changed or deleted); null: all (a load that decided every statement
  // again). What a finding rests on changes only with those, so the other reviews are left alone,
  // and a load into a graph of many reviews does not read them all.
  // The reviews concerned are locked first: a reviewer's write on one of them waits for the load
  // rather than interleaving with it.
  const reviews =
    findingIds === null
      ? await tx.run<{ review: Record<string, unknown> }>("MATCH (r:Review) SET r._lock = true RETURN r {.*} AS review")
      : await tx.run<{ review: Record<string, unknown> }>(
          "UNWIND $ids AS id MATCH (r:Review {findingId: id}) SET r._lock = true RETURN r {.*} AS review",
          { ids: [...new Set(findingIds)] },
        );
  const counts = { changed: 0, noLongerFound: 0, foundAgain: 0 };
  if (reviews.length === 0) return counts;
  const now = await snapshotsOf(tx, reviews.map(({ review }) => String(review.findingId)));
  const at = new Date().toISOString();
  const rows: { id: string; state: Record<string, unknown>; events: ReviewEvent[] }[] = [];
  for (const { review } of reviews) {
    const current = stateOf(review);
    const id = String(review.findingId);
    const snapshot = now.get(id)!;
    const before: FindingSnapshot | null = typeof review.snapshot === "string" ? JSON.parse(review.snapshot) : null;
    const events: ReviewEvent[] = [];
    let status = current.status;
    const event = (action: ReviewAction, toStatus: ReviewStatus, changes: string[]) => {
      events.push({
        findingId: id,
        version: current.version + events.length + 1,
        at,
        by: "system:load",
        role: "system",
        action,
        fromStatus: status,
        toStatus,
        reason: null,
        reasonText: null,
        note: null,
        anchor: null,
        requestId: null,
        fingerprint: fingerprintOf(snapshot),
        changes,
      });
      status = toStatus;
    };
    const state: Record<string, unknown> = {};
    const found = isFound(snapshot);
    if (!found && !current.noLongerFound) {
      const changes = before ? changesBetween(before, snapshot) : ["the statement no longer conflicts with any grant"];
      event("NO_LONGER_FOUND", status, changes.length ? changes : ["the statement no longer conflicts with any grant"]);
      Object.assign(state, { noLongerFound: true, changes: events.at(-1)!.changes });
      counts.noLongerFound += 1;
    } else if (found && current.noLongerFound) {
      event("FOUND_AGAIN", status, []);
      state.noLongerFound = false;
      counts.foundAgain += 1;
    }
    if (found && before && fingerprintOf(before) !== fingerprintOf(snapshot)) {
      const changes = changesBetween(before, snapshot);
      const back = current.status === "CONFIRMED" || current.status === "DISMISSED" ? "NEW" : current.status;
      event("EVIDENCE_CHANGED", back, changes);
      Object.assign(state, { evidenceChanged: true, changes, status: back, snapshot: JSON.stringify(snapshot), ...(back !== current.status ? { queuedAt: at } : {}) });
      counts.changed += 1;
    }
    if (events.length === 0) continue;
    rows.push({ id, state: { ...state, version: current.version + events.length }, events });
  }
  if (rows.length > 0) {
    await tx.run(
      `UNWIND $rows AS row
       MATCH (r:Review {findingId: row.id})
       SET r += row.state
       WITH row
       UNWIND row.events AS event
       CREATE (e:ReviewEvent)
       SET e = event`,
      { rows },
    );
  }
  return counts;
}
