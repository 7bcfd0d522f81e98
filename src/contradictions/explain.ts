import { grantAccess, grantPeriod, listOf } from "../domain/describeGrant.ts";
import { dateInWords } from "../domain/citation.ts";
import type { ContradictionKind, StatementForm } from "../domain/model.ts";

/** What an explanation names: both sides, in the words a citation would use. */
export interface ExplanationFacts {
  kind: ContradictionKind;
  speaker: string;
  organization: string | null;
  /** How the source carries the statement: only DIRECT and MIXED have words of the speaker's (quote). */
  form: StatementForm;
  quote: string | null;
  /** The source's sentence carrying the statement, and how that source is named: its words, not the speaker's. */
  account: string | null;
  source: string | null;
  /** The same source named short, for "the article's words": its publisher, or "the article". */
  sourceShort: string | null;
  madeAt: string | null;
  claimedEnd: string | null;
  grantor: string | null;
  grantee: string;
  data: string[];
  capabilities: string[] | null;
  validFrom: string | null;
  validTo: string | null;
  openEnded: boolean;
  reports: string[];
  admittedBy: string[];
}

/**
 * What was said, attributed as the source carries it (docs/attribution.md). Quotation marks go around
 * the speaker's own words only: a DIRECT or MIXED quote is printed as the speaker's; a REPORTED
 * statement leads with "according to <source>" and quotes the source's sentence as the source's.
 */
function attributed(f: ExplanationFacts): { lead: string; said: string } {
  const when = f.madeAt ? `, ${dateInWords(f.madeAt)}` : "";
  if (f.form !== "REPORTED" && f.quote) {
    const via = f.form === "MIXED" && f.source ? `, as quoted by ${f.source}` : "";
    return { lead: "", said: `“${f.quote}”${when}${via}` };
  }
  const source = f.source ?? "the source";
  return { lead: `according to ${source}, `, said: `${f.sourceShort ?? "the source"}'s words, not ${f.organization ?? f.speaker}'s: “${f.account ?? ""}”` };
}

/** One or two plain sentences: who said what, when, and the documented grant it conflicts with. */
export function explainContradiction(f: ExplanationFacts): string {
  const sentence = explain(f);
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

function explain(f: ExplanationFacts): string {
  const who = `${attributed(f).lead}${f.organization && f.organization !== f.speaker ? `${f.speaker} (${f.organization})` : f.speaker}`;
  const { said } = attributed(f);
  const access = grantAccess({ capabilities: f.capabilities, data: f.data.map((name) => ({ name })) });
  const during = grantPeriod(f);
  const period = during === null ? "" : during === "still open" ? `, ${during}` : ` ${during}`;
  const grant = `${f.grantor ?? "users"} gave ${f.grantee} ${access}${period}`;
  const documented = `${listOf(f.reports)} document${f.reports.length === 1 ? "s" : ""} that ${grant}`;
  const admitted = f.admittedBy.length ? ` ${listOf(f.admittedBy)} admitted the access ${f.admittedBy.length === 1 ? "itself" : "themselves"}.` : "";
  switch (f.kind) {
    case "DENIAL_VS_GRANT":
      return `${who} denied having this access (${said}), but ${documented}.${admitted}`;
    case "ENDED_VS_ACTIVE":
      return `${who} said the access had ended${f.claimedEnd ? ` by ${f.claimedEnd}` : ""} (${said}), but ${documented}, still valid after that.${admitted}`;
    case "ASSURANCE_VS_EXEMPTION":
      return `${who} gave a privacy assurance (${said}), but ${documented}, exempt from the usual privacy rules.${admitted}`;
    case "UNAWARENESS_VS_GRANT":
      return `${who} claimed not to know the extent of its access (${said}), but ${documented}.${admitted}`;
    case "USE_OR_REQUEST_VS_GRANT":
      return `${who} denied asking for or using the data (${said}), while ${documented}; a grant is permission, not proof of use, so this is a tension rather than a proven falsehood.${admitted}`;
  }
}
