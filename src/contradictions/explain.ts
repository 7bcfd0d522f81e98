import { grantAccess, grantPeriod, listOf } from "../domain/describeGrant.ts";
import { dateInWords } from "../domain/citation.ts";
import type { ContradictionKind, StatementForm } from "../domain/model.ts";

/** One grant of an onward-transfer chain: who gave it (null: users, self-collection) and who received it. */
export interface ChainLink {
  grantor: string | null;
  grantee: string;
}

/**
 * Where the speaker stands: the grant's grantee itself, a grantor (of the grant, or of a grant it
 * passes on), or another party (a member of either's corporate group, or a third party), who is
 * then named rather than spoken for.
 */
export type SpeakerSide = "GRANTEE" | "GRANTOR" | "OTHER";

/** What an explanation names: both sides, in the words a citation would use. */
export interface ExplanationFacts {
  kind: ContradictionKind;
  speaker: string;
  organization: string | null;
  side: SpeakerSide;
  /** How the source carries the statement: only DIRECT and MIXED have words of the speaker's (quote). */
  form: StatementForm;
  quote: string | null;
  /** The source's sentence carrying the statement, and how that source is named: its words, not the speaker's. */
  account: string | null;
  source: string | null;
  /** The same source named short, for "in the words of the article": its publisher, or "the article". */
  sourceShort: string | null;
  /**
   * When the source carrying a REPORTED statement is published by the speaker's own organisation:
   * what it is ("press statement"), so it is not said to be someone else's account.
   */
  ownSource?: string | null;
  madeAt: string | null;
  /**
   * Non-null when the source never says who spoke: the extract's reason for the speaker. A REPORTED
   * statement is then the source's sentence attributed to no one ("The article, in a sentence it
   * attributes to no one, says that …"); a quote's speaker is named as inferred.
   */
  speakerInferred?: string | null;
  claimedEnd: string | null;
  /** A claim of not knowing the full scale of an access: it concedes the access itself (a weaker unawareness). */
  concedesAccess?: boolean;
  grantor: string | null;
  grantee: string;
  data: string[];
  capabilities: string[] | null;
  validFrom: string | null;
  validTo: string | null;
  openEnded: boolean;
  exemptFromPrivacyRules: boolean;
  /** The grants this one passes on, nearest first (onward transfer). */
  chain: ChainLink[];
  reports: string[];
  /**
   * Those of `reports` whose evidence for this grant names neither its grantee (nor its group) nor
   * its data: they report access in general, and are not said to document this grant.
   */
  reportsInGeneral?: string[];
  admittedBy: string[];
  /**
   * Those of admittedBy known to admit it only through a source's account (REPORTED admissions), with
   * that source named short ("the article"): the explanation says whose account it is.
   */
  admittedInReportedSpeech?: { by: string; source: string }[];
}

/** The speaker's side, from organisation ids: the speaker's own, and the grant's and its chain's parties. */
export function sideOf(speakerIds: (string | null)[], grant: { grantee: string | null; grantors: (string | null)[] }): SpeakerSide {
  const ids = speakerIds.filter((id): id is string => !!id);
  if (grant.grantee && ids.includes(grant.grantee)) return "GRANTEE";
  if (grant.grantors.some((id) => id && ids.includes(id))) return "GRANTOR";
  return "OTHER";
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
  const whose = f.organization ?? f.speaker;
  if (f.ownSource) {
    // The speaker's own publication, in reported speech: its words are the speaker's side's, not a third party's account.
    return { lead: `in its own ${f.ownSource}, `, said: `in the words of its ${f.ownSource}: “${f.account ?? ""}”` };
  }
  return { lead: `according to ${source}, `, said: `in the words of ${f.sourceShort ?? "the source"}, not ${whose}'s: “${f.account ?? ""}”` };
}

/** "Facebook admitted the access itself." or, known only from a source's account, "By the article's account, Facebook admitted …". */
function admissions(f: ExplanationFacts): string {
  const reported = new Map((f.admittedInReportedSpeech ?? []).map((a) => [a.by, a.source]));
  const direct = f.admittedBy.filter((by) => !reported.has(by));
  const sentence = (names: string[]) => `${listOf(names)} admitted the access ${names.length === 1 ? "itself" : "themselves"}.`;
  const bySource = new Map<string, string[]>();
  for (const [by, source] of reported) bySource.set(source, [...(bySource.get(source) ?? []), by]);
  return [direct.length ? ` ${sentence(direct)}` : "", ...[...bySource].map(([source, names]) => ` By ${source}'s account, ${sentence(names)}`)].join("");
}

/** One or two plain sentences: who said what, when, and the documented grant it conflicts with. */
export function explainContradiction(f: ExplanationFacts): string {
  const sentence = explain(f);
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/**
 * The documented access in words: "Facebook gave Spotify read access to private messages",
 * "Acme collects its users' location data" (no grantor), or along an onward-transfer chain
 * "Facebook gave Kogan access to friends' data, and Kogan passed it on to Cambridge Analytica".
 */
function documentedAccess(f: ExplanationFacts): string {
  const access = grantAccess({ capabilities: f.capabilities, data: f.data.map((name) => ({ name })) });
  // Dates in words, as in the rest of the sentence ("from 2019 to November 2020").
  const during = grantPeriod({ validFrom: f.validFrom && dateInWords(f.validFrom), validTo: f.validTo && dateInWords(f.validTo), openEnded: f.openEnded });
  const period = during === null ? "" : during === "still open" ? `, ${during}` : ` ${during}`;
  const links = [...f.chain].reverse().concat({ grantor: f.grantor, grantee: f.grantee });
  const [origin, ...onward] = links;
  const first =
    origin.grantor === null
      ? `${origin.grantee} collects its users' ${listOf(f.data) || "data"}`
      : `${origin.grantor} gave ${origin.grantee} ${access}`;
  const passedOn = onward.map((link) => `${link.grantor ?? "its users"} passed it on to ${link.grantee}`);
  return `${passedOn.length ? `${first}, and ${listOf(passedOn)}` : first}${period}`;
}

/**
 * ", exempt from the usual privacy rules", said only of access given to another party: a company's
 * collection from its own users (no grantor, and nothing passed on) is exempt from nothing.
 */
const exempt = (f: ExplanationFacts) => (f.exemptFromPrivacyRules && !(f.grantor === null && f.chain.length === 0) && f.grantor !== f.grantee ? ", exempt from the usual privacy rules" : "");

/**
 * A sentence the source attributes to no one, read by the extract as the speaker's: the source is
 * the subject, and what it says is told of the parties by name (never "its access": the source has none).
 */
function explainUnattributed(f: ExplanationFacts, documented: string, admitted: string): string {
  const source = f.source ?? "the source";
  const speaker = f.organization ?? f.speaker;
  const who = `${source}, in a sentence it attributes to no one (read as ${speaker}'s; inferred: ${f.speakerInferred}),`;
  const said = `“${f.account ?? ""}”`;
  switch (f.kind) {
    case "DENIAL_VS_GRANT":
      return `${who} says that ${f.grantee} did not have this access (${said}), but ${documented}.${admitted}`;
    case "ENDED_VS_ACTIVE":
      return `${who} says that ${f.grantee}'s access had ended${f.claimedEnd ? ` by ${dateInWords(f.claimedEnd)}` : ""} (${said}), but ${documented}, still valid after that.${admitted}`;
    case "ASSURANCE_VS_EXEMPTION":
      return `${who} gives a privacy assurance (${said}), but ${documented}${exempt(f)}.${admitted}`;
    case "UNAWARENESS_VS_GRANT":
      return `${who} says that ${speaker} did not know the ${f.concedesAccess ? "full " : ""}extent of ${f.grantee}'s access (${said}), ${f.concedesAccess ? "conceding the access itself; " : "but "}${documented}.${admitted}`;
    case "USE_OR_REQUEST_VS_GRANT":
      return `${who} says that ${f.grantee} did not ask for or use the data (${said}), while ${documented}; a grant is permission, not proof of use, so this is a tension rather than a proven falsehood.${admitted}`;
  }
}

/**
 * "The New York Times documents that Facebook gave Apple access to personal data", said only of
 * reports whose evidence names the grant's parties or data; a report whose evidence speaks in general
 * ("the social network gave business partners plenty of access") "reports in general" instead.
 */
function documentedBy(f: ExplanationFacts): string {
  const general = new Set(f.reportsInGeneral ?? []);
  const naming = f.reports.filter((r) => !general.has(r));
  const inGeneral = f.reports.filter((r) => general.has(r));
  const parts: string[] = [];
  if (naming.length) parts.push(`${listOf(naming)} document${naming.length === 1 ? "s" : ""} that ${documentedAccess(f)}`);
  if (inGeneral.length) {
    const what = `${f.grantor ?? "it"} gave partners access to users' data, without naming ${f.grantee} or ${listOf(f.data) || "the data"}`;
    parts.push(`${listOf(inGeneral)} report${inGeneral.length === 1 ? "s" : ""} in general that ${what}`);
  }
  return parts.join(", and ");
}

function explain(f: ExplanationFacts): string {
  const name = f.organization && f.organization !== f.speaker ? `${f.speaker} (${f.organization})` : f.speaker;
  const inferred = f.speakerInferred ? ` [not named by the source; inferred: ${f.speakerInferred}]` : "";
  const who = `${attributed(f).lead}${name}${inferred}`;
  const { said } = attributed(f);
  const collected = f.grantor === null && f.chain.length === 0;
  const documented = documentedBy(f);
  const admitted = admissions(f);
  const byGrantee = { GRANTEE: true, GRANTOR: false, OTHER: false }[f.side];
  if (f.speakerInferred && f.form === "REPORTED") return explainUnattributed(f, documented, admitted);
  switch (f.kind) {
    case "DENIAL_VS_GRANT": {
      // a grantor, like another party, speaks of the grantee's access ("not accessible to our parent")
      const denied = f.side === "GRANTEE" ? (collected ? "denied collecting this data" : "denied having this access") : `denied that ${f.grantee} had this access`;
      return `${who} ${denied} (${said}), but ${documented}.${admitted}`;
    }
    case "ENDED_VS_ACTIVE": {
      const ended = { GRANTEE: "its access had ended", GRANTOR: "the access it gave had ended", OTHER: `${f.grantee}'s access had ended` }[f.side];
      return `${who} said ${ended}${f.claimedEnd ? ` by ${dateInWords(f.claimedEnd)}` : ""} (${said}), but ${documented}, still valid after that.${admitted}`;
    }
    case "ASSURANCE_VS_EXEMPTION":
      return `${who} gave a privacy assurance (${said}), but ${documented}${exempt(f)}.${admitted}`;
    case "UNAWARENESS_VS_GRANT": {
      const extent = { GRANTEE: "its access", GRANTOR: "the access it gave", OTHER: `${f.grantee}'s access` }[f.side];
      if (f.concedesAccess) return `${who} claimed not to know the full extent of ${extent}, which concedes the access itself (${said}); ${documented}.${admitted}`;
      return `${who} claimed not to know the extent of ${extent} (${said}), but ${documented}.${admitted}`;
    }
    case "USE_OR_REQUEST_VS_GRANT": {
      const denied = byGrantee ? "denied asking for or using the data" : `denied that ${f.grantee} asked for or used the data`;
      return `${who} ${denied} (${said}), while ${documented}; a grant is permission, not proof of use, so this is a tension rather than a proven falsehood.${admitted}`;
    }
  }
}
