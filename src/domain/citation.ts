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
 * An institution's name as prose names it, with its article: "the US Senate Commerce subcommittee",
 * "the Federal Trade Commission", "the Department of Justice"; a company's or a newspaper's name as
 * it is ("Netflix", "The New York Times"). Told by the name's head noun (the last word, or the one
 * before "of", "on" or "for"), since an organisation records no article.
 */
const INSTITUTION = /^(?!the\s).*\b(committee|subcommittee|commission|senate|parliament|ministry|agency|authority|court|council|board|administration|department|bureau|office|inquiry|tribunal|ombudsman|regulator|government|service)(\s+(of|on|for)\s.+)?$/i;
export const withArticle = (name: string) => (INSTITUTION.test(name) ? `the ${name}` : name);

/**
 * A report as prose names it, short: its publisher ("The New York Times"), else its title ("the article
 * “Facebook allowed …”"), else what it is ("an untitled article"); with its date in words when known.
 */
export function reportName(report: CitedReport): string {
  const kind = reportKindWord(report.kind);
  const name = (report.publisher ? withArticle(report.publisher.name) : null) ?? (report.title ? `the ${kind} “${report.title}”` : `an untitled ${kind}`);
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
  const publisher = report.publisher ? withArticle(report.publisher.name) : null;
  const parts = report.title ? [publisher, `“${report.title}”`, date] : [`an untitled ${kind}${publisher ? ` by ${publisher}` : ""}`, date];
  return parts.filter(Boolean).join(", ");
}
