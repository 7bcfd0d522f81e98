/**
 * How reports and dates are named in prose, in one place for the explanations, the exports and the
 * pages (the explorer bundles this file for the browser: plain functions, no imports).
 */

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "18 December 2018", "December 2018", "2018" from a partial ISO date; anything else as given. */
export function dateInWords(value: string | null | undefined): string {
  if (!value) return "";
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) return value;
  const [, year, month, day] = match;
  if (!month) return year;
  const name = MONTHS[Number(month) - 1] ?? month;
  return day ? `${Number(day)} ${name} ${year}` : `${name} ${year}`;
}

const KIND_WORDS: Record<string, string> = {
  INVESTIGATION: "report",
  ARTICLE: "article",
  PRESS_STATEMENT: "press statement",
  SOCIAL_POST: "social media post",
  TESTIMONY: "testimony",
  FILING: "filing",
  HELP_PAGE: "help page",
};

export interface CitedReport {
  title?: string | null;
  kind?: string | null;
  publishedAt?: string | null;
  publisher?: { name: string } | null;
}

/** "report", "article", "press statement"… */
export const reportKindWord = (kind: string | null | undefined) => KIND_WORDS[kind ?? ""] ?? "report";

/**
 * A report as prose names it, short: its publisher ("The New York Times"), else its title ("the article
 * “Facebook allowed …”"), else what it is ("an untitled article"); with its date in words when known.
 */
export function reportName(report: CitedReport): string {
  const kind = reportKindWord(report.kind);
  const name = report.publisher?.name ?? (report.title ? `the ${kind} “${report.title}”` : `an untitled ${kind}`);
  return report.publishedAt ? `${name} (${dateInWords(report.publishedAt)})` : name;
}

/**
 * A report as a citation names it, whole: "The New York Times, “Title”, 18 December 2018", or for a
 * report without a title, what it is: "an untitled report by The New York Times, 18 December 2018".
 * A title is never invented.
 */
export function reportCitation(report: CitedReport): string {
  const kind = reportKindWord(report.kind);
  const date = report.publishedAt ? dateInWords(report.publishedAt) : null;
  const parts = report.title
    ? [report.publisher?.name, `“${report.title}”`, date]
    : [`an untitled ${kind}${report.publisher ? ` by ${report.publisher.name}` : ""}`, date];
  return parts.filter(Boolean).join(", ");
}
