/** The closed vocabularies of the model (DESIGN.md). Plain values: no decorators, no driver. */

export const ORGANIZATION_KINDS = ["PLATFORM", "COMPANY", "MEDIA", "GOVERNMENT", "RESEARCH", "OTHER"] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export const REPORT_KINDS = [
  "INVESTIGATION",
  "ARTICLE",
  "PRESS_STATEMENT",
  "SOCIAL_POST",
  "TESTIMONY",
  "FILING",
  "HELP_PAGE",
] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/**
 * How a source carries a statement (see docs/attribution.md). Only a DIRECT or MIXED statement has
 * words of the speaker's own (`quote`); a REPORTED one has only the source's account of it.
 */
export const STATEMENT_FORMS = ["DIRECT", "REPORTED", "MIXED"] as const;
export type StatementForm = (typeof STATEMENT_FORMS)[number];

/** Report kinds that are the speaker's own text (a tweet, a press release): first-party sources. */
export const FIRST_PARTY_REPORT_KINDS: readonly ReportKind[] = ["PRESS_STATEMENT", "SOCIAL_POST"];

export const CAPABILITIES = ["READ", "WRITE", "DELETE", "COLLECT", "TRANSFER"] as const;
export type Capability = (typeof CAPABILITIES)[number];

export const STANCES = [
  "DENIES_ACCESS",
  "DENIES_REQUEST",
  "DENIES_USE",
  "CLAIMS_UNAWARE",
  "CLAIMS_ENDED",
  "ASSURES_SAFEGUARD",
  "AFFIRMS_ACCESS",
  "CONTEXT",
] as const;
export type Stance = (typeof STANCES)[number];

/** Contradiction kinds, strongest first; the index is used to rank and to derive severity. */
export const CONTRADICTION_KINDS = [
  "DENIAL_VS_GRANT",
  "ENDED_VS_ACTIVE",
  "ASSURANCE_VS_EXEMPTION",
  "UNAWARENESS_VS_GRANT",
  "USE_OR_REQUEST_VS_GRANT",
] as const;
export type ContradictionKind = (typeof CONTRADICTION_KINDS)[number];

/**
 * The orders a list of contradictions can be read in (the API's `orderBy`): by severity, by the
 * statement's date, by kind (in the order above) or by who said it (the organisation it was said
 * for, else the speaker), each either way.
 */
export const CONTRADICTION_ORDER_FIELDS = ["SEVERITY", "DATE", "KIND", "SPEAKER", "WAITING"] as const;
export type ContradictionOrderField = (typeof CONTRADICTION_ORDER_FIELDS)[number];
export const ORDER_DIRECTIONS = ["ASC", "DESC"] as const;
export type OrderDirection = (typeof ORDER_DIRECTIONS)[number];
/** Strongest and latest first; kinds in their order, speakers A to Z. */
export const DEFAULT_ORDER_DIRECTION: Record<ContradictionOrderField, OrderDirection> = { SEVERITY: "DESC", DATE: "DESC", KIND: "ASC", SPEAKER: "ASC", WAITING: "ASC" };

/**
 * Where a finding stands in review (src/review/model.ts; issue 23): here, with their words, so the
 * filters of the exports, the desk and the explorer (bundled for the browser) read them from one place.
 */
export const REVIEW_STATUSES = ["NEW", "CONFIRMED", "DISMISSED", "NEEDS_REPLY"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const REVIEW_STATUS_WORDS: Record<ReviewStatus, string> = { NEW: "new", CONFIRMED: "confirmed", DISMISSED: "dismissed", NEEDS_REPLY: "waiting for a reply" };

/** Why a finding was dismissed: a fixed list (with OTHER and a text), so a desk's dismissals can be counted. */
export const DISMISS_REASONS = ["OUT_OF_SCOPE", "MISATTRIBUTED", "DATES", "NOT_DOCUMENTED", "DUPLICATE", "OTHER"] as const;
export type DismissReason = (typeof DISMISS_REASONS)[number];

export const DISMISS_REASON_WORDS: Record<DismissReason, string> = {
  OUT_OF_SCOPE: "out of scope",
  MISATTRIBUTED: "misattributed",
  DATES: "the dates do not fit",
  NOT_DOCUMENTED: "not documented",
  DUPLICATE: "a duplicate",
  OTHER: "other",
};

/** The longest text filter on contradictions (the API's `filter.text`), in characters. */
export const MAX_TEXT_FILTER = 200;
