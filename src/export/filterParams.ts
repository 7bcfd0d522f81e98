import { dateInWords } from "../domain/citation.ts";
import { CONTRADICTION_KINDS, type ContradictionKind, MAX_TEXT_FILTER, REVIEW_STATUSES, REVIEW_STATUS_WORDS, type ReviewStatus } from "../domain/model.ts";

/**
 * The API's contradiction filter (organisation, kinds, least severity, statement dates, text, review
 * statuses) as the
 * exports, the pages and the explorer take it in a URL or on the command line, in one place: the
 * same names and the same checks everywhere. Plain code with no Node imports: the browser pages
 * bundle this file.
 *
 * URL: ?organization=netflix&kind=DENIAL_VS_GRANT&kind=ENDED_VS_ACTIVE&minSeverity=80&from=2018&to=2018-12&text=private+messages&status=NEW,NEEDS_REPLY
 * (kind and status may also be comma-separated, or repeated, and lower case). CLI: --organization,
 * --kind (repeatable or comma-separated), --min-severity, --from, --to, --text, --status (as --kind).
 * The text is words that must all appear (the API's `filter.text`), at most MAX_TEXT_FILTER
 * characters (src/domain/model.ts); the statuses are the review's of each finding (`filter.statuses`).
 */
export interface ContradictionFilterInput {
  organization?: string;
  kinds?: ContradictionKind[];
  minSeverity?: number;
  from?: string;
  to?: string;
  text?: string;
  /** Only the contradictions whose finding's review has one of these statuses (NEW: nobody decided yet). */
  statuses?: ReviewStatus[];
}

/** The URL parameter names, in the order a URL lists them. */
export const FILTER_PARAMS = ["organization", "kind", "minSeverity", "from", "to", "text", "status"] as const;


const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** A filter from raw values; `problems` says in plain sentences what was wrong, naming where (`name`). */
export function parseFilter(
  raw: { organization?: string | null; kinds?: string[]; minSeverity?: string | null; from?: string | null; to?: string | null; text?: string | null; statuses?: string[] },
  names: { kind: string; minSeverity: string; from: string; to: string; organization: string; text: string; status: string } = {
    kind: "kind",
    minSeverity: "minSeverity",
    from: "from",
    to: "to",
    organization: "organization",
    text: "text",
    status: "status",
  },
): { filter: ContradictionFilterInput; problems: string[] } {
  const filter: ContradictionFilterInput = {};
  const problems: string[] = [];
  const organization = raw.organization?.trim();
  if (raw.organization !== undefined && raw.organization !== null && !organization) problems.push(`${names.organization} needs an organisation id.`);
  if (organization) filter.organization = organization;
  const kinds = (raw.kinds ?? []).flatMap((k) => k.split(",")).map((k) => k.trim().toUpperCase()).filter(Boolean);
  for (const kind of kinds) {
    if (!(CONTRADICTION_KINDS as readonly string[]).includes(kind)) problems.push(`${names.kind} "${kind}" is not a kind of contradiction; the kinds are ${CONTRADICTION_KINDS.join(", ")}.`);
  }
  const known = kinds.filter((k): k is ContradictionKind => (CONTRADICTION_KINDS as readonly string[]).includes(k));
  if (known.length) filter.kinds = [...new Set(known)];
  const severity = raw.minSeverity?.trim();
  if (severity) {
    const value = Number(severity);
    if (!/^\d{1,3}$/.test(severity) || value > 100) problems.push(`${names.minSeverity} is a whole number from 0 to 100; got "${severity}".`);
    else filter.minSeverity = value;
  }
  for (const key of ["from", "to"] as const) {
    const value = raw[key]?.trim();
    if (!value) continue;
    if (!DATE.test(value)) problems.push(`${names[key]} is a date as YYYY, YYYY-MM or YYYY-MM-DD; got "${value}".`);
    else filter[key] = value;
  }
  // White space inside the text only parts words: one space between them.
  const text = raw.text?.trim().replace(/\s+/g, " ");
  if (text && text.length > MAX_TEXT_FILTER) problems.push(`${names.text} is at most ${MAX_TEXT_FILTER} characters; got ${text.length}.`);
  else if (text) filter.text = text;
  const statuses = (raw.statuses ?? []).flatMap((k) => k.split(",")).map((k) => k.trim().toUpperCase()).filter(Boolean);
  for (const status of statuses) {
    if (!(REVIEW_STATUSES as readonly string[]).includes(status)) problems.push(`${names.status} "${status}" is not a review status; the statuses are ${REVIEW_STATUSES.join(", ")}.`);
  }
  const knownStatuses = statuses.filter((k): k is ReviewStatus => (REVIEW_STATUSES as readonly string[]).includes(k));
  if (knownStatuses.length) filter.statuses = [...new Set(knownStatuses)];
  return { filter, problems };
}

/** The filter read from a URL's parameters. */
export function filterFromSearchParams(params: URLSearchParams): { filter: ContradictionFilterInput; problems: string[] } {
  return parseFilter({
    organization: params.get("organization") || undefined,
    kinds: params.getAll("kind"),
    minSeverity: params.get("minSeverity"),
    from: params.get("from"),
    to: params.get("to"),
    text: params.get("text"),
    statuses: params.getAll("status"),
  });
}

/** The filter written into URL parameters (what filterFromSearchParams reads back). */
export function filterToSearchParams(filter: ContradictionFilterInput, params = new URLSearchParams()): URLSearchParams {
  if (filter.organization) params.set("organization", filter.organization);
  for (const kind of filter.kinds ?? []) params.append("kind", kind);
  if (filter.minSeverity !== undefined) params.set("minSeverity", String(filter.minSeverity));
  if (filter.from) params.set("from", filter.from);
  if (filter.to) params.set("to", filter.to);
  if (filter.text) params.set("text", filter.text);
  if (filter.statuses?.length) params.set("status", filter.statuses.join(","));
  return params;
}

/** "Netflix, denial vs grant, severity 80 or more, said from 2018 to December 2018, with the words “never asked”, confirmed or new": a filter in words, for headings. */
export function describeFilter(filter: ContradictionFilterInput, organizationName?: string | null): string {
  const parts = [
    filter.organization ? (organizationName ?? filter.organization) : null,
    filter.kinds?.length ? filter.kinds.map((k) => k.toLowerCase().replace(/_/g, " ")).join(" or ") : null,
    filter.minSeverity !== undefined ? `severity ${filter.minSeverity} or more` : null,
    filter.from && filter.to ? `said from ${dateInWords(filter.from)} to ${dateInWords(filter.to)}` : filter.from ? `said from ${dateInWords(filter.from)}` : filter.to ? `said until ${dateInWords(filter.to)}` : null,
    filter.text ? `with the words “${filter.text}”` : null,
    filter.statuses?.length ? filter.statuses.map((s) => REVIEW_STATUS_WORDS[s] ?? s.toLowerCase()).join(" or ") : null,
  ].filter(Boolean);
  return parts.join(", ");
}
