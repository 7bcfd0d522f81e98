import { badInput } from "../domain/errors.ts";
import { DISMISS_REASONS, DISMISS_REASON_WORDS, type DismissReason, REVIEW_STATUSES, type ReviewStatus } from "../domain/model.ts";
import { unsafeText } from "../extract/textSafety.ts";

/**
 * The review of a finding (issue 23): what a reporter decided of a machine's finding, whom they asked
 * for comment and what came back, and every note, as an append-only log of events (who, when, what,
 * from → to). The current state is derived from the log; nothing edits or deletes an event.
 *
 * A finding is a statement with every grant it conflicts with (src/schema/finding): one decision and
 * one request for comment per statement, as an editor reads it and as a company is asked. Its id is
 * the statement's, which a reload keeps; when a reload changes what the finding rests on (its
 * fingerprint, see fingerprint.ts) or removes it, the review is kept and flagged (refresh.ts).
 */
export { REVIEW_STATUSES, type ReviewStatus };

export { DISMISS_REASONS, DISMISS_REASON_WORDS, type DismissReason };

/** What an event did. The last three are the load's, not a person's (by `system:load`). */
export const REVIEW_ACTIONS = ["STATUS_CHANGED", "REPLY_REQUESTED", "REPLY_RECORDED", "NOTE_ADDED", "EVIDENCE_CHANGED", "NO_LONGER_FOUND", "FOUND_AGAIN"] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/** The statuses a finding waits in: the review queue. */
export const QUEUE_STATUSES: ReviewStatus[] = ["NEW", "NEEDS_REPLY"];

export const LIMITS = { note: 4000, reply: 20_000, reasonText: 500, channel: 100, party: 120 };

/**
 * A person's text for a note, a reply, a reason: within its length, and plain (no NUL, no other
 * control character, no bidirectional control, no terminal escape: the rule extracts follow, so a
 * note cannot reorder what a reader sees or write to a terminal). Trimmed; empty is refused.
 */
export function checkText(field: string, value: string, max: number): string {
  const text = value.trim();
  if (text === "") throw badInput(`\`${field}\` is empty.`, { argument: field });
  if ([...text].length > max) throw badInput(`\`${field}\` is at most ${max} characters; got ${[...text].length}.`, { argument: field });
  const [unsafe] = unsafeText(text);
  if (unsafe) throw badInput(`\`${field}\` ${unsafe.message}.`, { argument: field });
  return text;
}

/** A date given by a person: YYYY-MM-DD, or a full ISO 8601 time; kept as given (normalised to ISO for times). */
export function checkDate(field: string, value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))) return value;
  const time = Date.parse(value);
  if (/^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(time)) return new Date(time).toISOString();
  throw badInput(`\`${field}\` is a date (YYYY-MM-DD) or an ISO 8601 time; got "${value.slice(0, 40)}".`, { argument: field });
}
