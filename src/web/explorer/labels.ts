/** Words for the API's enums, as a reader of the explorer sees them. */
export const KIND_LABELS: Record<string, { short: string; long: string }> = {
  DENIAL_VS_GRANT: { short: "denial vs grant", long: "A denial of access against a documented grant" },
  ENDED_VS_ACTIVE: { short: "ended vs active", long: "A claim that access ended against a grant still valid" },
  ASSURANCE_VS_EXEMPTION: { short: "assurance vs grant", long: "A privacy assurance against a documented grant in its scope" },
  UNAWARENESS_VS_GRANT: { short: "unaware vs grant", long: "A claim of unawareness against a documented grant" },
  USE_OR_REQUEST_VS_GRANT: {
    short: "use/request vs grant",
    long: "A denial of use or of asking against a grant (a tension: a grant is permission, not proof of use)",
  },
};

export const EVENT_LABELS: Record<string, string> = {
  GRANT_STARTED: "Grant starts",
  GRANT_ENDED: "Grant ends",
  REPORT_PUBLISHED: "Report",
  STATEMENT_MADE: "Statement",
};

export const STANCE_LABELS: Record<string, string> = {
  DENIES_ACCESS: "denies access",
  DENIES_REQUEST: "denies asking",
  DENIES_USE: "denies use",
  CLAIMS_UNAWARE: "claims unawareness",
  CLAIMS_ENDED: "claims it ended",
  ASSURES_SAFEGUARD: "assures a safeguard",
  AFFIRMS_ACCESS: "affirms access",
  CONTEXT: "context",
};

/** A finding's review status (the API's ReviewStatus), as the desk shows it. */
export const STATUS_LABELS: Record<string, string> = {
  NEW: "New",
  CONFIRMED: "Confirmed",
  DISMISSED: "Dismissed",
  NEEDS_REPLY: "Needs reply",
};

/** What an event of a review's history did (the API's ReviewAction). */
export const ACTION_LABELS: Record<string, string> = {
  STATUS_CHANGED: "Status set",
  REPLY_REQUESTED: "Comment asked for",
  REPLY_RECORDED: "Reply recorded",
  NOTE_ADDED: "Note added",
  EVIDENCE_CHANGED: "Evidence changed by a reload",
  NO_LONGER_FOUND: "No longer found by a reload",
  FOUND_AGAIN: "Found again by a reload",
};
