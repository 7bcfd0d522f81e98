/**
 * The rules of DESIGN.md ("Stances and contradictions"), decided inside Neo4j. Each rule is one
 * Cypher fragment over a statement variable `s` and a grant variable `g`, so the contradictions query
 * and the corroboration lookup share them. Fragments contain variable names and constants only;
 * every value arrives as a parameter.
 */

import { CONTRADICTION_KINDS, type ContradictionOrderField, type OrderDirection } from "../domain/model.ts";

/** Corporate groups and category hierarchies are shallow; the bound keeps a bad import from looping. */
const DEPTH = 6;

/** Stances that can contradict, and the kind each yields. */
export const KIND_BY_STANCE = {
  DENIES_ACCESS: "DENIAL_VS_GRANT",
  CLAIMS_ENDED: "ENDED_VS_ACTIVE",
  ASSURES_SAFEGUARD: "ASSURANCE_VS_EXEMPTION",
  CLAIMS_UNAWARE: "UNAWARENESS_VS_GRANT",
  DENIES_USE: "USE_OR_REQUEST_VS_GRANT",
  DENIES_REQUEST: "USE_OR_REQUEST_VS_GRANT",
} as const;

/**
 * Severity before evidence: stronger kinds first (docs/rules.md's order). An assurance weighs 70
 * against a grant exempt from the privacy rules, 60 against another grant in its scope.
 */
export const BASE_SEVERITY = {
  DENIAL_VS_GRANT: 90,
  ENDED_VS_ACTIVE: 80,
  ASSURANCE_VS_EXEMPTION: 70,
  UNAWARENESS_VS_GRANT: 55,
  USE_OR_REQUEST_VS_GRANT: 40,
} as const;
export const NOT_EXEMPT_ASSURANCE_SEVERITY = 60;

/** What is added to (or taken from) the kind's strength: the table of docs/rules.md, "Severity". */
export const SEVERITY_WEIGHTS = {
  direct: 0,
  mixed: -5,
  reported: -10,
  speakerInferred: -10,
  vague: -5,
  groupClaim: -10,
  concedesAccess: -10,
  evidenceOnlyCarried: -5,
  corroborated: 5,
} as const;

/**
 * Stances that reach grants through a grantor named without a grantee: what a grantor says of what
 * it gave (it ended it, it denies giving it, it assures it is safe) or admits.
 */
const GRANTOR_ROUTE_STANCES = "['CLAIMS_ENDED', 'ASSURES_SAFEGUARD', 'DENIES_ACCESS', 'AFFIRMS_ACCESS']";
const GRANTOR_ROUTE_CONTRADICTING = "['CLAIMS_ENDED', 'ASSURES_SAFEGUARD', 'DENIES_ACCESS']";

/**
 * Onward transfer: a grant and the grants it passes on, up to DEPTH links (`derivedFrom`): B gives C
 * what A granted B. A pattern step from a grant to itself or one of the grants it derives from.
 */
const FROM_ITSELF_OR_SOURCES = `<-[:DERIVED_FROM*0..${DEPTH}]-`;

/**
 * Rule 1 for an assurance reached only through the grantor it names: unless its scope also names
 * data or a purpose, it speaks of the grantor's privacy rules, so only grants exempt from them.
 */
const grantorOnlyAssuranceGate = (s: string, g: string) =>
  `(${s}.stance <> 'ASSURES_SAFEGUARD' OR ${g}.exemptFromPrivacyRules OR ${s}.aboutPurpose IS NOT NULL OR EXISTS { (${s})-[:ABOUT]->(:DataCategory) })`;

/**
 * Rule 1, parties: the grants a statement's scope can speak of, as rows of `g` and `grantorToCheck`.
 * A statement naming a grantee and a grantor reaches a grant to the grantee only if the grant's
 * grantor is named too, or the grantor of a grant it passes on (onward transfer, `derivedFrom`);
 * that test is left to the caller as `grantorToCheck` (true: still to check, with
 * `grantorMatches`) so that cheaper rules can turn the pair away first. A grantor's claim naming no
 * grantee reaches the grantor's own grants (not what its grantees passed on). A grant may come in
 * several rows; it is a candidate when one of them passes.
 */
export const candidateGrants = (s: string, g: string) => `
CALL (${s}) {
  WITH ${s}, EXISTS { (${s})-[:ABOUT {role: 'GRANTOR'}]->() } AS grantorToCheck
  MATCH (${s})-[:ABOUT {role: 'GRANTEE'}]->(:Organization)<-[:PART_OF*0..${DEPTH}]-(:Organization)<-[:GRANTED_TO]-(${g}:AccessGrant)
  RETURN ${g}, grantorToCheck
  UNION
  MATCH (${s})-[:ABOUT {role: 'GRANTOR'}]->(:Organization)<-[:PART_OF*0..${DEPTH}]-(:Organization)<-[:GRANTED_BY]-(${g}:AccessGrant)
  WHERE ${s}.stance IN ${GRANTOR_ROUTE_STANCES}
    AND NOT EXISTS { (${s})-[:ABOUT {role: 'GRANTEE'}]->() }
    AND ${grantorOnlyAssuranceGate(s, g)}
  RETURN ${g}, false AS grantorToCheck
  UNION
  MATCH (${s})-[:ABOUT]->(${g}:AccessGrant)
  RETURN ${g}, false AS grantorToCheck
}`;

/**
 * UNION branches of a `CALL (o, role)` subquery: the grants organisation `o` is party to in `role`
 * ('GRANTEE': granted to it; 'GRANTOR': granted by it), as rows of `g`.
 */
const grantsOfParty = (o: string, role: string, g: string) => `
    WITH ${o}, ${role} WHERE ${role} = 'GRANTEE'
    MATCH (${o})<-[:GRANTED_TO]-(${g}:AccessGrant)
    RETURN ${g}
    UNION
    WITH ${o}, ${role} WHERE ${role} = 'GRANTOR'
    MATCH (${o})<-[:GRANTED_BY]-(${g}:AccessGrant)
    RETURN ${g}`;

/**
 * UNION branches of a `CALL (g)` subquery: the organisations grant `g` is reached through, its
 * grantee's and its grantor's with the corporate groups above them, as rows of `o` and `role`
 * (then `columns`, more columns every branch of the caller's UNION returns).
 */
const partiesOfGrant = (g: string, o: string, columns = "") => `
  MATCH (${g})-[:GRANTED_TO]->(:Organization)-[:PART_OF*0..${DEPTH}]->(${o}:Organization)
  RETURN ${o}, 'GRANTEE' AS role${columns}
  UNION
  MATCH (${g})-[:GRANTED_BY]->(:Organization)-[:PART_OF*0..${DEPTH}]->(${o}:Organization)
  RETURN ${o}, 'GRANTOR' AS role${columns}`;

/**
 * The second half of rule 1 for a grant reached through its grantee: a named grantor must match, the
 * grant's own or that of a grant it passes on (the data came from the grantor named).
 */
export const grantorMatches = (s: string, g: string) =>
  `EXISTS { (${s})-[:ABOUT {role: 'GRANTOR'}]->(:Organization)<-[:PART_OF*0..${DEPTH}]-(:Organization)<-[:GRANTED_BY]-(:AccessGrant)${FROM_ITSELF_OR_SOURCES}(${g}) }`;

/**
 * Rule 1 as a test of one given pair: true exactly when `candidateGrants(s)` would yield `g`. Used
 * where both ends are known (corroboration), so nothing is enumerated to be thrown away.
 */
export const isCandidate = (s: string, g: string) => `
((EXISTS { (${s})-[:ABOUT {role: 'GRANTEE'}]->(:Organization)<-[:PART_OF*0..${DEPTH}]-(:Organization)<-[:GRANTED_TO]-(${g}) }
  AND (NOT EXISTS { (${s})-[:ABOUT {role: 'GRANTOR'}]->() }
       OR ${grantorMatches(s, g)}))
 OR (${s}.stance IN ${GRANTOR_ROUTE_STANCES}
     AND NOT EXISTS { (${s})-[:ABOUT {role: 'GRANTEE'}]->() }
     AND ${grantorOnlyAssuranceGate(s, g)}
     AND EXISTS { (${s})-[:ABOUT {role: 'GRANTOR'}]->(:Organization)<-[:PART_OF*0..${DEPTH}]-(:Organization)<-[:GRANTED_BY]-(${g}) })
 OR EXISTS { (${s})-[:ABOUT]->(${g}) })`;

/** Rule 1, exceptions: the grantee (or its group) is not among the parties the statement excepts. */
export const notExcepted = (s: string, g: string) => `
NOT EXISTS {
  MATCH (${s})-[:ABOUT {role: 'EXCEPT'}]->(excepted:Organization)
  WHERE EXISTS { (${g})-[:GRANTED_TO]->(:Organization)-[:PART_OF*0..${DEPTH}]->(excepted) }
}`;

/** Rule 2, data: no categories named means any data; else the categories overlap in the hierarchy. */
export const dataOverlaps = (s: string, g: string) => `
(NOT EXISTS { (${s})-[:ABOUT]->(:DataCategory) } OR EXISTS {
  MATCH (${s})-[:ABOUT]->(said:DataCategory), (${g})-[:COVERS]->(granted:DataCategory)
  WHERE said = granted
     OR EXISTS { (granted)-[:PART_OF*1..${DEPTH}]->(said) }
     OR EXISTS { (said)-[:PART_OF*1..${DEPTH}]->(granted) }
})`;

/** Rule 3: capabilities and purpose overlap where both sides give them. */
export const capabilitiesAndPurposeOverlap = (s: string, g: string) => `
(${s}.aboutCapabilities IS NULL OR ${g}.capabilities IS NULL
   OR any(capability IN ${s}.aboutCapabilities WHERE capability IN ${g}.capabilities))
AND (${s}.aboutPurpose IS NULL OR ${g}.purpose IS NULL OR ${s}.aboutPurpose = ${g}.purpose)`;

/**
 * Rule 4, time. Dates are stored as day bounds of partial dates (see src/domain/dates.ts).
 * Other stances: the grant's validity overlaps the period spoken of (default: up to the statement).
 * CLAIMS_ENDED: the grant is still valid after the claimed end (open, or ends surely later).
 */
export const timeMatches = (s: string, g: string) => `
CASE WHEN ${s}.stance = 'CLAIMS_ENDED' THEN
  ${g}.openEnded OR (${g}.endEarliestDay IS NOT NULL AND ${s}.periodEndDay IS NOT NULL AND ${g}.endEarliestDay > ${s}.periodEndDay)
ELSE
  (${g}.startDay IS NULL OR ${s}.periodEndDay IS NULL OR ${g}.startDay <= ${s}.periodEndDay)
  AND (${g}.endDay IS NULL OR ${s}.periodStartDay IS NULL OR ${g}.endDay >= ${s}.periodStartDay)
END`;

/**
 * The properties `propertyRules` reads of a statement and of a grant, for when they are read once
 * into maps (PRECOMPUTE). Keep them in step with the rules: a key missing from a map reads as null.
 */
const STATEMENT_RULE_PROPERTIES = ".stance, .aboutCapabilities, .aboutPurpose, .periodStartDay, .periodEndDay";
const GRANT_RULE_PROPERTIES =
  ".id, .capabilities, .purpose, .startDay, .endDay, .endEarliestDay, .openEnded, .exemptFromPrivacyRules";

/**
 * The rules a pair's properties decide (3, 4 and the grant filter), checked before any pattern is
 * matched. `s` and `g` may be nodes or maps of their properties.
 */
const propertyRules = (s: string, g: string) => `($grantId IS NULL OR ${g}.id = $grantId)
    AND ${capabilitiesAndPurposeOverlap(s, g)}
    AND ${timeMatches(s, g)}`;

/**
 * Fragments both ways of deciding contradictions share (the live rules and the precomputation at load).
 * The kind a statement `s` makes, from its stance (KIND_BY_STANCE).
 */
const KIND_OF_STATEMENT = `CASE s.stance
       WHEN 'DENIES_ACCESS' THEN 'DENIAL_VS_GRANT'
       WHEN 'CLAIMS_ENDED' THEN 'ENDED_VS_ACTIVE'
       WHEN 'ASSURES_SAFEGUARD' THEN 'ASSURANCE_VS_EXEMPTION'
       WHEN 'CLAIMS_UNAWARE' THEN 'UNAWARENESS_VS_GRANT'
       ELSE 'USE_OR_REQUEST_VS_GRANT' END`;

/** The rows `admission` (ordered) as the corroboration list, each said by the other party or not (`side`: the speaker's). */
const CORROBORATION = `collect({statementId: admission.id,
                  byOtherParty: NOT EXISTS { (admission)-[:ON_BEHALF_OF|MADE_BY]->(o:Organization) WHERE o.id IN side }
                                AND NOT EXISTS { (admission)-[:MADE_BY]->(:Person)-[:SPEAKS_FOR]->(o:Organization) WHERE o.id IN side }
                 })`;

/**
 * Severity (docs/rules.md, "Severity"): the kind's strength, then what an editor weighs: the
 * statement's form (the speaker's own words above the source's sentence quoting some, above the
 * source's account only), an inferred speaker, how specific it is (names neither the grantee, a
 * grant nor the data; a group claim "companies like …"), a claim that concedes the access ("not aware
 * of the full scale of their access"), the evidence (a report's own words above another report's
 * account of them), independent sources, and corroboration in scope by the other party. Between 0
 * and 100. Reads `kind`, `s`, `g`, `independent` and `corroboration`.
 */
const SEVERITY = `[total IN [CASE kind WHEN 'DENIAL_VS_GRANT' THEN ${BASE_SEVERITY.DENIAL_VS_GRANT}
               WHEN 'ENDED_VS_ACTIVE' THEN ${BASE_SEVERITY.ENDED_VS_ACTIVE}
               WHEN 'ASSURANCE_VS_EXEMPTION' THEN CASE WHEN g.exemptFromPrivacyRules THEN ${BASE_SEVERITY.ASSURANCE_VS_EXEMPTION} ELSE ${NOT_EXEMPT_ASSURANCE_SEVERITY} END
               WHEN 'UNAWARENESS_VS_GRANT' THEN ${BASE_SEVERITY.UNAWARENESS_VS_GRANT}
               ELSE ${BASE_SEVERITY.USE_OR_REQUEST_VS_GRANT} END
     + CASE s.form WHEN 'DIRECT' THEN ${SEVERITY_WEIGHTS.direct} WHEN 'MIXED' THEN ${SEVERITY_WEIGHTS.mixed} ELSE ${SEVERITY_WEIGHTS.reported} END
     + CASE WHEN s.speakerInferred IS NOT NULL THEN ${SEVERITY_WEIGHTS.speakerInferred} ELSE 0 END
     + CASE WHEN EXISTS { (s)-[:ABOUT {role: 'GRANTEE'}]->() } OR EXISTS { (s)-[:ABOUT]->(:AccessGrant) } OR EXISTS { (s)-[:ABOUT]->(:DataCategory) } THEN 0 ELSE ${SEVERITY_WEIGHTS.vague} END
     + CASE WHEN s.groupClaim THEN ${SEVERITY_WEIGHTS.groupClaim} ELSE 0 END
     + CASE WHEN s.concedesAccess THEN ${SEVERITY_WEIGHTS.concedesAccess} ELSE 0 END
     + CASE WHEN any(r IN independent WHERE EXISTS { (g)-[d:DOCUMENTED_IN]->(r) WHERE d.quote IS NOT NULL }) THEN 0 ELSE ${SEVERITY_WEIGHTS.evidenceOnlyCarried} END
     + CASE WHEN size(independent) >= 3 THEN 10 WHEN size(independent) = 2 THEN 5 ELSE 0 END
     + CASE WHEN any(c IN corroboration WHERE c.byOtherParty) THEN ${SEVERITY_WEIGHTS.corroborated} ELSE 0 END]
   | CASE WHEN total > 100 THEN 100 WHEN total < 0 THEN 0 ELSE total END][0]`;

/**
 * An admission corroborates a grant only within its scope (the contradictions' rules 1, 3 and 4,
 * and for data stricter): it names data covering all of the grant's data (the same or broader; an
 * admission of contacts does not corroborate "extensive access to personal data"), or no data at
 * all. An admission whose speaker the source never names (speakerInferred) does not corroborate:
 * the extract's reading of a speakerless sentence is not the party's admission.
 */
export const admissionCovers = (a: string, g: string) => `
(${a}.speakerInferred IS NULL
 AND (NOT EXISTS { (${a})-[:ABOUT]->(:DataCategory) }
      OR all(granted IN COLLECT { MATCH (${g})-[:COVERS]->(c:DataCategory) RETURN c }
             WHERE EXISTS { MATCH (${a})-[:ABOUT]->(said:DataCategory) WHERE said = granted OR EXISTS { (granted)-[:PART_OF*1..${DEPTH}]->(said) } })))`;

/** The speaker's side: its organisations with their corporate groups, up and down, as ids. */
export const speakerSide = (s: string) => `
COLLECT {
  MATCH (${s})-[:ON_BEHALF_OF|MADE_BY]->(:Organization)-[:PART_OF*0..${DEPTH}]->(top:Organization)<-[:PART_OF*0..${DEPTH}]-(member:Organization)
  RETURN member.id AS id
  UNION
  MATCH (${s})-[:MADE_BY]->(:Person)-[:SPEAKS_FOR]->(:Organization)-[:PART_OF*0..${DEPTH}]->(top:Organization)<-[:PART_OF*0..${DEPTH}]-(member:Organization)
  RETURN member.id AS id
}`;

/**
 * Two reports depend on each other (are not independent) when one cites the other, directly or
 * through others; when one carries the other's evidence for grant `g` (the article's sentence about
 * the Times report); or when their publishers belong to one corporate group. `a` and `b` are bound.
 */
const dependentReports = (g: string, a: string, b: string) => `(
  EXISTS { (${a})-[:CITES*1..${DEPTH}]->(${b}) } OR EXISTS { (${b})-[:CITES*1..${DEPTH}]->(${a}) }
  OR EXISTS { (${g})-[carried:DOCUMENTED_IN]->(${a}) WHERE carried.carriedBy = ${b}.id }
  OR EXISTS { (${g})-[carried:DOCUMENTED_IN]->(${b}) WHERE carried.carriedBy = ${a}.id }
  OR EXISTS { (${a})-[:PUBLISHED_BY]->(:Organization)-[:PART_OF*0..${DEPTH}]->(:Organization)<-[:PART_OF*0..${DEPTH}]-(:Organization)<-[:PUBLISHED_BY]-(${b}) })`;

/**
 * Rule 5, evidence: the reports documenting `g` that are not published or written by the speaker's
 * side, and of those only reports independent of each other (see dependentReports): taken oldest
 * first, a report depending on one already taken is left out, so a summary never counts beside the
 * report it summarises, and the original is the one kept. Every pair in the list is independent: its
 * size is a number of independent sources that is never overstated.
 */
export const independentReports = (g: string, side: string) => `
reduce(chosen = [], report IN COLLECT {
  MATCH (${g})-[cited:DOCUMENTED_IN]->(report:Report)
  WHERE NOT EXISTS { (report)-[:PUBLISHED_BY]->(publisher:Organization) WHERE publisher.id IN ${side} }
    AND NOT EXISTS { (report)-[:WRITTEN_BY]->(:Person)-[:SPEAKS_FOR]->(employer:Organization) WHERE employer.id IN ${side} }
  WITH report, min(cited.position) AS position
  RETURN report ORDER BY report.publishedStart IS NULL, report.publishedStart, position, report.id
} | CASE WHEN any(taken IN chosen WHERE ${dependentReports(g, "taken", "report")}) THEN chosen ELSE chosen + report END)`;

/**
 * Where the rules start: the statements to decide. Each start reads its entry point from an
 * expression (a parameter, or a variable that gates it off: see `contradictionsQuery`).
 */
interface Entry {
  organization: string;
  statementId: string;
  stances: string;
}

const PARAMETERS: Entry = { organization: "$organization", statementId: "$statementId", stances: "$stances" };

/** Statements of the organisation X (or its group members) and statements that speak of its grants. */
const STATEMENTS_OF_ORGANIZATION = (entry: Entry) => `
MATCH (x:Organization {id: ${entry.organization}})
CALL (x) {
  MATCH (member:Organization)-[:PART_OF*0..${DEPTH}]->(x)
  CALL (member) {
    MATCH (s:Statement)-[:ON_BEHALF_OF|MADE_BY]->(member) RETURN s
    UNION
    MATCH (s:Statement)-[:MADE_BY]->(:Person)-[:SPEAKS_FOR]->(member) RETURN s
    UNION
    MATCH (member)-[:PART_OF*0..${DEPTH}]->(:Organization)<-[:ABOUT]-(s:Statement) RETURN s
    UNION
    MATCH (member)<-[:GRANTED_TO|GRANTED_BY]-(:AccessGrant)<-[:ABOUT]-(s:Statement) RETURN s
    UNION
    // statements naming the other party of one of its grants (Netflix's denial, for Facebook);
    // each party once, however many grants it shares with the organisation
    MATCH (member)<-[:GRANTED_TO|GRANTED_BY]-(:AccessGrant)-[:GRANTED_TO|GRANTED_BY]->(party:Organization)
    WITH DISTINCT party
    MATCH (party)-[:PART_OF*0..${DEPTH}]->(:Organization)<-[:ABOUT]-(s:Statement) RETURN s
  }
  RETURN DISTINCT s
}
WITH x, s WHERE s.stance IN ${entry.stances}`;

const ALL_STATEMENTS = (entry: Entry) => `
MATCH (s:Statement) WHERE s.stance IN ${entry.stances}
WITH null AS x, s WHERE true`;

const ONE_STATEMENT = (entry: Entry) => `
MATCH (s:Statement {id: ${entry.statementId}}) WHERE s.stance IN ${entry.stances}
WITH null AS x, s WHERE true`;

export type Start = "all" | "organization" | "statement";

/**
 * The rules decided from scratch: rows of `s`, `g`, `kind`, `severity`, `independent` (report
 * nodes) and `corroboration`, for the statements of `start`, filtered by the parameters.
 *
 * The rules are checked cheapest first, so the work follows the pairs that come close rather than
 * every grant a statement's parties hold: rule 1 enumerates the candidate grants, and inside the
 * same subquery (a barrier the planner does not reorder across) the property rules (3, 4, the
 * exemption of assurances) drop most of them before any pattern is matched for the rest of rule 1,
 * for one organisation's filter, and for rules 2 and 5. The speaker's side is computed once per
 * statement where the organisation filter needs it, else only for the pairs that remain.
 */
function liveMatch(start: Start, text: boolean, entry: Entry = PARAMETERS): string {
  const s = "s";
  const g = "g";
  const forOrganization = start === "organization";
  return `
${{ all: ALL_STATEMENTS, organization: STATEMENTS_OF_ORGANIZATION, statement: ONE_STATEMENT }[start](entry)}
  AND ($from IS NULL OR s.madeEnd >= $from)
  AND ($to IS NULL OR s.madeStart <= $to)
${forOrganization ? `WITH x, s, ${speakerSide(s)} AS side
WITH x, s, side, x.id IN side AS xOnSide` : ""}
CALL (s) {
  ${candidateGrants(s, g)}
  WITH ${s}, ${g}, grantorToCheck
  WHERE ${propertyRules(s, g)}
  RETURN ${g}, grantorToCheck
}
WITH ${forOrganization ? "x, s, side, xOnSide" : "x, s"}, ${g}, grantorToCheck
WHERE (NOT grantorToCheck OR ${grantorMatches(s, g)})
  ${forOrganization ? `AND (xOnSide OR EXISTS { (${g})-[:GRANTED_TO|GRANTED_BY]->(:Organization)-[:PART_OF*0..${DEPTH}]->(x) })` : ""}
WITH DISTINCT ${forOrganization ? "x, s, side" : "x, s"}, ${g}
WHERE ${notExcepted(s, g)}
  AND ${dataOverlaps(s, g)}
${forOrganization ? "" : `WITH x, s, g, ${speakerSide(s)} AS side`}
WITH x, s, g, side, ${independentReports(g, "side")} AS independent
WHERE size(independent) > 0
WITH s, g, side, independent,
     ${KIND_OF_STATEMENT} AS kind
WHERE kind IN $kinds
CALL (s, g, side) {
  ${corroborationsOf("g")}
  WITH admission, g, side ORDER BY admission.id
  RETURN ${CORROBORATION} AS corroboration
}
WITH s, g, kind, independent, corroboration,
     ${SEVERITY} AS severity
WHERE severity >= $minSeverity${text ? `
${textFilter("s, g, kind, independent, corroboration, severity")}` : ""}`;
}

/** Whether an independent report came before the statement: true, false, or null when dates cannot tell. */
const REPORT_PREDATES_STATEMENT = `
CASE WHEN s.madeStart IS NULL OR size(dated) = 0 THEN null
     WHEN any(r IN dated WHERE r.publishedEnd < s.madeStart) THEN true
     WHEN all(r IN dated WHERE r.publishedStart > s.madeEnd) THEN false
     ELSE null END`;

/** How a list of contradictions is ordered (the API's `orderBy`). */
export interface ContradictionOrder {
  field: ContradictionOrderField;
  direction: OrderDirection;
}

/** Strongest first: the order a list is read in unless asked otherwise. */
export const DEFAULT_ORDER: ContradictionOrder = { field: "SEVERITY", direction: "DESC" };

/** Who said statement `s`, as the desk shows it: the organisation it was said for, else its speaker's name. */
const saidBy = (s: string) => `coalesce(
  head(COLLECT { MATCH (${s})-[:ON_BEHALF_OF]->(o:Organization) RETURN o.name AS name ORDER BY name }),
  head(COLLECT { MATCH (${s})-[:MADE_BY]->(speaker) RETURN coalesce(speaker.name, speaker.description, speaker.id) AS name ORDER BY name }))`;

/** A kind's place in CONTRADICTION_KINDS (strongest kind first). */
const kindRank = (kind: string) => `CASE ${kind} ${CONTRADICTION_KINDS.map((k, i) => `WHEN '${k}' THEN ${i}`).join(" ")} END`;

/**
 * The ORDER BY of a list of contradictions, chosen among a fixed set of texts (never built from
 * input): rows of `s` and `g` with the expressions `severity` and `kind`. Every order ends on the
 * statement and grant ids, so pages (offsets in that order) neither repeat nor skip a row; rows
 * without a date come last either way. The default is strongest first, earliest statement first.
 */
export function orderBy(order: ContradictionOrder, severity: string, kind: string): string {
  const desc = { ASC: "", DESC: " DESC" }[order.direction];
  const keys = {
    SEVERITY: `${severity}${desc}, s.madeStart`,
    DATE: `s.madeStart IS NULL, s.madeStart${desc}, ${severity} DESC`,
    KIND: `${kindRank(kind)}${desc}, ${severity} DESC, s.madeStart`,
    SPEAKER: `toLower(${saidBy("s")})${desc}, ${severity} DESC, s.madeStart`,
  }[order.field];
  if (desc === undefined || keys === undefined) throw new Error(`No contradiction order ${order.field} ${order.direction}.`);
  return `ORDER BY ${keys}, s.id, g.id`;
}

/**
 * The text filter's words of a pair `s`, `g`, in lower case with ’ read as ': the statement's quote,
 * paraphrase and source's account; the names of its speaker and of the organisation it was said for;
 * the grant's description, its grantor's and grantee's names and aliases, and the names of the data
 * it covers. A line break between fields, so a word never spans two.
 */
const textOf = (s: string, g: string) => `replace(toLower(reduce(joined = '', part IN [${s}.quote, ${s}.paraphrase, ${s}.account, ${g}.description]
    + COLLECT { MATCH (${s})-[:ON_BEHALF_OF|MADE_BY]->(party) RETURN coalesce(party.name, party.description) AS name }
    + COLLECT { MATCH (${g})-[:GRANTED_BY|GRANTED_TO]->(party:Organization) RETURN party.name + ' ' + coalesce(party.aliasText, '') AS name }
    + COLLECT { MATCH (${g})-[:COVERS]->(data:DataCategory) RETURN data.name AS name }
  | joined + '\\n' + coalesce(part, ''))), '’', "'")`;

/**
 * Keeps the rows (of the variables `columns`, which include `s` and `g`) whose text holds every word
 * of $words (lower case, ’ as '; see `textOf`). Added only when the filter has words.
 */
const textFilter = (columns: string) => `WITH ${columns}, ${textOf("s", "g")} AS text
WHERE all(word IN $words WHERE text CONTAINS word)
WITH ${columns}`;

/**
 * The page's rows (in `order`, as ids and facts) with the onward-transfer chain of each
 * grant: the grants it passes on, nearest first (for C's grant from B, derived from A's grant to B:
 * [A→B]). Read for the page only, being a fact of the grant alone.
 */
const pageRows = (order: ContradictionOrder) => `WITH s, g, kind, severity, independentReportIds, corroboration, reportPredatesStatement
${orderBy(order, "severity", "kind")}
SKIP $skip LIMIT $limit
RETURN s.id AS statementId, g.id AS grantId, kind, severity, independentReportIds, corroboration, reportPredatesStatement,
       COLLECT { MATCH path = (g)-[:DERIVED_FROM*1..${DEPTH}]->(source:AccessGrant) RETURN source.id ORDER BY length(path) } AS chain`;

/**
 * What a contradictions query is for: where it starts; a count or a page; whether the filter has
 * words ($words; the text filter is left out of the statement without them); the page's order.
 */
export interface QueryOptions {
  start: Start;
  count?: boolean;
  text?: boolean;
  order?: ContradictionOrder;
}

/**
 * All contradictions matching the filter decided from scratch by the rules (no precomputed data).
 * The reference the precomputed answer must equal; `contradictionsQuery` falls back to it while the
 * graph holds no current precomputation. Same parameters and rows as `contradictionsQuery`.
 */
export function liveContradictionsQuery(options: QueryOptions): string {
  const match = liveMatch(options.start, options.text ?? false);
  if (options.count) return `${match}\nRETURN count(*) AS total`;
  return `${match}
WITH s, g, kind, severity, independent, corroboration,
     [r IN independent WHERE r.publishedEnd IS NOT NULL | r] AS dated
WITH s, g, kind, severity,
     [r IN independent | r.id] AS independentReportIds,
     corroboration,
     ${REPORT_PREDATES_STATEMENT} AS reportPredatesStatement
${pageRows(options.order ?? DEFAULT_ORDER)}`;
}

// ------------------------------------------------------------------------------------------------
// Precomputed contradictions
//
// Every load (src/extract/load.ts) decides, in its own transaction, the contradictions of the
// statements it may have changed, with the rules above, and keeps each as a derived relationship
// (s)-[:CONTRADICTS {kind, severity, independentReportIds, corroborationIds,
// corroborationByOtherParty, reportPredatesStatement}]->(g). A marker node records which version of
// the rules they were decided with; reads use them only when the marker is current, and decide from
// scratch otherwise (a graph loaded by an older claimgraph, or after the rules changed), until the
// next load recomputes everything.

export const CONTRADICTS = "CONTRADICTS";
export const DERIVED_LABEL = "_Derived";
const MARKER_ID = "contradictions";

/** Statements whose contradictions are to be decided again: parameter $statementIds. */
export const DELETE_PRECOMPUTED = `
UNWIND $statementIds AS statementId
MATCH (:Statement {id: statementId})-[c:${CONTRADICTS}]->()
DELETE c`;

/** Removes up to 50,000 stored contradictions (run until it removes none). */
export const DELETE_ALL_PRECOMPUTED = `
MATCH ()-[c:${CONTRADICTS}]->()
WITH c LIMIT 50000
DELETE c
RETURN count(*) AS deleted`;

/**
 * Decides and stores the contradictions of the statements in $statementIds (with the rules'
 * parameters): the same rules and answer as `liveMatch`, arranged for a batch of statements.
 *
 * Deciding statement by statement, most of the work is repeated: every statement of a party walks
 * to the same grants and reads the same grant properties (a platform's claim that access ended
 * meets each of its grants), and every contradiction of a platform's grant walks to the same
 * admissions (the statements naming the platform as grantor). Here each organisation a batch
 * reaches is visited once: its grants are read once, as maps of the properties rules 3 and 4 need,
 * and the statements reaching it test them in memory; the property rules turn away nearly all
 * pairs before any pattern is matched. Likewise for corroboration: each organisation an admission
 * can be reached through is visited once per batch, for all the grants of the batch it concerns.
 * (At 1,600 statements a load: about 65 db hits a statement instead of 430, and 2.5x less time.)
 *
 * Rule 1's routes are spelled out here rather than taken from `candidateGrants`, and corroboration
 * rather than from `corroborationsOf`; the other rules are the shared fragments. tests/synth pins
 * the stored answer equal to `liveContradictionsQuery`'s: keep the two in step. Memory grows with
 * the batch (PRECOMPUTE_BATCH statements in src/extract/load.ts), not with the graph.
 */
export const PRECOMPUTE = `
UNWIND $statementIds AS statementId
// The hint keeps the lookup by id when the plan is made on a graph with few statements (the first
// loads): planned then, the lookup became a seek on the stance index, a scan of every statement.
MATCH (s:Statement {id: statementId})
USING INDEX s:Statement(id)
WHERE s.stance IN $stances
  AND ($from IS NULL OR s.madeEnd >= $from)
  AND ($to IS NULL OR s.madeStart <= $to)
// The statement's scope from one pass over its ABOUT relationships (rule 1's starting points).
CALL (s) {
  OPTIONAL MATCH (s)-[about:ABOUT]->(target)
  RETURN collect(CASE about.role WHEN 'GRANTEE' THEN target END) AS grantees,
         collect(CASE about.role WHEN 'GRANTOR' THEN target END) AS grantors,
         collect(CASE WHEN target:AccessGrant THEN target END) AS named,
         size(collect(CASE WHEN target:DataCategory THEN target END)) > 0 AS namesData
}
WITH collect({s: s, scope: s {${STATEMENT_RULE_PROPERTIES}}, grantees: grantees, grantors: grantors, named: named, namesData: namesData}) AS batch
// Rule 1 with the property rules: rows of s, g and grantorToCheck (see candidateGrants). UNION ALL:
// a UNION would compare rows together with the whole batch; repeated pairs are merged below.
CALL (batch) {
  UNWIND batch AS statement
  WITH statement.s AS s, statement.scope AS scope, statement.named AS named
  UNWIND named AS g
  WITH s, scope, g WHERE ${propertyRules("scope", "g")}
  RETURN s, g, false AS grantorToCheck
  UNION ALL
  UNWIND batch AS statement
  CALL (statement) {
    // through a grantee named: grants to it or a member of its group
    UNWIND statement.grantees AS party
    RETURN party, 'GRANTEE' AS role, size(statement.grantors) > 0 AS grantorToCheck, false AS exemptOnly
    UNION ALL
    // through a grantor named, for a grantor's claims that name no grantee (grantorOnlyAssuranceGate:
    // an assurance naming neither data nor a purpose, only grants exempt from privacy rules)
    UNWIND CASE WHEN statement.scope.stance IN ${GRANTOR_ROUTE_STANCES}
                     AND size(statement.grantees) = 0 THEN statement.grantors ELSE [] END AS party
    RETURN party, 'GRANTOR' AS role, false AS grantorToCheck,
           statement.scope.stance = 'ASSURES_SAFEGUARD' AND statement.scope.aboutPurpose IS NULL AND NOT statement.namesData AS exemptOnly
  }
  MATCH (party:Organization)<-[:PART_OF*0..${DEPTH}]-(partyMember:Organization)
  WITH partyMember, role, collect(DISTINCT {s: statement.s, scope: statement.scope, grantorToCheck: grantorToCheck, exemptOnly: exemptOnly}) AS reaching
  // each organisation's grants once per batch (and role), with the properties the rules read
  CALL (partyMember, role) {
    CALL (partyMember, role) {
      ${grantsOfParty("partyMember", "role", "g")}
    }
    RETURN collect(g {${GRANT_RULE_PROPERTIES}, node: g}) AS grants
  }
  UNWIND reaching AS statement
  WITH statement.s AS s, statement.scope AS scope, statement.grantorToCheck AS grantorToCheck, statement.exemptOnly AS exemptOnly, grants
  UNWIND [candidate IN grants WHERE (NOT exemptOnly OR candidate.exemptFromPrivacyRules) AND ${propertyRules("scope", "candidate")} | candidate.node] AS g
  RETURN s, g, grantorToCheck
}
WITH s, g, grantorToCheck
WHERE (NOT grantorToCheck OR ${grantorMatches("s", "g")})
WITH DISTINCT s, g
WHERE ${notExcepted("s", "g")}
  AND ${dataOverlaps("s", "g")}
WITH s, g, ${speakerSide("s")} AS side
WITH s, g, side, ${independentReports("g", "side")} AS independent
WHERE size(independent) > 0
WITH s, g, side, independent,
     ${KIND_OF_STATEMENT} AS kind
WHERE kind IN $kinds
// Corroboration (as corroborationsOf), per grant rather than per pair: the admissions reaching a
// grant are found through its grantee's and grantor's organisations (each visited once per batch,
// for all the batch's grants it concerns) and among the statements naming the grant.
WITH g, collect({s: s, side: side, independent: independent, kind: kind}) AS pairs
CALL (g) {
  ${partiesOfGrant("g", "reachedThrough")}
  UNION
  // the grant itself, named in any role; every grant has this row, so none is lost on the way
  RETURN g AS reachedThrough, null AS role
}
WITH reachedThrough, role, collect({g: g, pairs: pairs}) AS grants
CALL (reachedThrough, role) {
  MATCH (reachedThrough)<-[about:ABOUT]-(admission:Statement)
  WHERE (role IS NULL OR about.role = role) AND admission.stance = 'AFFIRMS_ACCESS'
  RETURN collect(admission {${STATEMENT_RULE_PROPERTIES}, node: admission}) AS admissions
}
UNWIND grants AS grant
WITH grant.g AS g, grant.pairs AS pairs, admissions
WITH g, pairs, g {${GRANT_RULE_PROPERTIES}} AS facts, admissions
// the property rules in memory first; null keeps a grant without admissions
UNWIND [a IN admissions WHERE ${capabilitiesAndPurposeOverlap("a", "facts")} AND ${timeMatches("a", "facts")} | a.node] + [null] AS admission
WITH g, pairs, admission
WHERE admission IS NULL
   OR (${isCandidate("admission", "g")}
       AND ${notExcepted("admission", "g")}
       AND ${admissionCovers("admission", "g")})
WITH g, head(collect(pairs)) AS pairs, collect(DISTINCT admission) AS admissions
UNWIND pairs AS pair
WITH pair.s AS s, g, pair.side AS side, pair.independent AS independent, pair.kind AS kind, admissions
CALL (side, admissions) {
  UNWIND admissions AS admission
  WITH admission, side ORDER BY admission.id
  RETURN ${CORROBORATION} AS corroboration
}
WITH s, g, kind, independent, corroboration,
     ${SEVERITY} AS severity
WHERE severity >= $minSeverity
WITH s, g, kind, severity, independent, corroboration,
     [r IN independent WHERE r.publishedEnd IS NOT NULL | r] AS dated
CREATE (s)-[:${CONTRADICTS} {
  kind: kind,
  severity: severity,
  independentReportIds: [r IN independent | r.id],
  corroborationIds: [c IN corroboration | c.statementId],
  corroborationByOtherParty: [c IN corroboration | c.byOtherParty],
  reportPredatesStatement: ${REPORT_PREDATES_STATEMENT}
}]->(g)
RETURN count(*) AS created`;

/** The version of the rules precomputed contradictions were decided with: a digest of their Cypher. */
export const PRECOMPUTED_VERSION = digest(PRECOMPUTE);

function digest(text: string): string {
  // FNV-1a, 2 x 32 bits: enough to tell versions of the rules apart; no crypto needed.
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x811c9dc5 | 1) >>> 0;
  }
  return `${a.toString(16).padStart(8, "0")}${b.toString(16).padStart(8, "0")}`;
}

export const READ_PRECOMPUTED_VERSION = `
OPTIONAL MATCH (m:${DERIVED_LABEL} {id: '${MARKER_ID}'})
RETURN m.version AS version`;

/**
 * Taken first in every load's transaction: a write on the marker, whose lock Neo4j holds until the
 * transaction ends, so loads decide contradictions one after another, each seeing what the one
 * before committed (two loads in parallel could otherwise each miss the other's half of a pair).
 */
export const LOCK_PRECOMPUTED = `
MERGE (m:${DERIVED_LABEL} {id: '${MARKER_ID}'})
SET m.loading = true`;

export const MARK_PRECOMPUTED = `
MERGE (m:${DERIVED_LABEL} {id: '${MARKER_ID}'})
SET m.version = $version
REMOVE m.loading`;

/**
 * The statements whose contradictions a load may have changed, given what it defined anew or
 * differently: $grants, $reports, $persons (ids); $statements, the statements that existed and are
 * defined with other facts; $admissions, the AFFIRMS_ACCESS statements defined, new or not; and
 * $changedStatements (statements that existed with other facts, or were deleted). The statements the
 * load creates are not looked up here: the caller adds those that can contradict (their stance is
 * known), since nothing else is stored about them yet. Organisations and data categories defined
 * anew change nothing by themselves (what refers to them is defined in the same load); an existing
 * one defined differently changes group or hierarchy, and the loader then decides everything again.
 *
 * A statement's contradictions depend on its own scope and speaker (it is listed), on the grants its
 * scope reaches, their documenting reports and those reports' publishers and authors, and on the
 * admissions covering those grants. So: the grants defined; the grants documented by the reports
 * defined or written by the people defined; then every statement that may reach one of those
 * grants, or contradicted one before; the statements contradicting a grant an admission defined (or
 * spoken by a person defined) may cover (an admission only corroborates: it makes no contradiction);
 * the statements of the people defined (their side); and the statements whose stored corroboration
 * names a statement that changed.
 */
export const AFFECTED_STATEMENTS = `
CALL () {
  UNWIND $statements AS id MATCH (s:Statement {id: id}) RETURN s
  UNION
  UNWIND $persons AS id MATCH (:Person {id: id})<-[:MADE_BY]-(s:Statement) RETURN s
  UNION
  CALL () {
    UNWIND $grants AS id MATCH (g:AccessGrant {id: id}) RETURN g
    UNION
    UNWIND $reports AS id MATCH (:Report {id: id})<-[:DOCUMENTED_IN]-(g:AccessGrant) RETURN g
    UNION
    UNWIND $persons AS id MATCH (:Person {id: id})<-[:WRITTEN_BY]-(:Report)<-[:DOCUMENTED_IN]-(g:AccessGrant) RETURN g
  }
  WITH DISTINCT g
  // and the grants passing them on (a statement naming the first grantor reaches those)
  MATCH (g)${FROM_ITSELF_OR_SOURCES}(derived:AccessGrant)
  WITH DISTINCT derived AS g
  // The statements that may reach these grants: through the organisations (and groups) on either
  // side, each visited once however many of the grants it is party to; or naming a grant itself.
  CALL (g) {
    ${partiesOfGrant("g", "o", ", null AS s")}
    UNION
    MATCH (g)<-[:ABOUT|${CONTRADICTS}]-(s:Statement)
    RETURN null AS o, null AS role, s
  }
  WITH DISTINCT o, role, s
  CALL (o, role, s) {
    WITH s WHERE s IS NOT NULL
    RETURN s AS reached
    UNION
    WITH o, role WHERE o IS NOT NULL
    MATCH (o)<-[about:ABOUT]-(reached:Statement)
    WHERE about.role = role AND (role = 'GRANTEE' OR reached.stance IN ${GRANTOR_ROUTE_CONTRADICTING})
    RETURN reached
  }
  RETURN reached AS s
  UNION
  // An admission (defined, or spoken by a person defined) only corroborates: it changes the
  // contradictions the grants it may cover already have, and makes none. Their statements only.
  CALL () {
    UNWIND $admissions AS id MATCH (a:Statement {id: id}) RETURN a
    UNION
    UNWIND $persons AS id MATCH (p:Person {id: id})<-[:MADE_BY]-(a:Statement {stance: 'AFFIRMS_ACCESS'})
    USING INDEX p:Person(id)
    RETURN a
  }
  // The grants they may cover: rule 1's routes for an admission (candidateGrants, without the grantor
  // test of the grantee route: a superset), walked from each organisation once, however many of the
  // admissions name it or its groups.
  CALL (a) {
    MATCH (a)-[:ABOUT {role: 'GRANTEE'}]->(o:Organization)
    RETURN o, 'GRANTEE' AS role
    UNION
    MATCH (a)-[:ABOUT {role: 'GRANTOR'}]->(o:Organization)
    WHERE NOT EXISTS { (a)-[:ABOUT {role: 'GRANTEE'}]->() }
    RETURN o, 'GRANTOR' AS role
    UNION
    MATCH (a)-[:ABOUT]->(o:AccessGrant)
    RETURN o, null AS role
  }
  WITH DISTINCT o, role
  CALL (o, role) {
    WITH o, role WHERE role IS NULL
    RETURN o AS member
    UNION
    WITH o, role WHERE role IS NOT NULL
    MATCH (o)<-[:PART_OF*0..${DEPTH}]-(member:Organization)
    RETURN member
  }
  WITH DISTINCT member, role
  CALL (member, role) {
    WITH member, role WHERE role IS NULL
    RETURN member AS g
    UNION
    ${grantsOfParty("member", "role", "g")}
  }
  WITH DISTINCT g
  MATCH (g)<-[:${CONTRADICTS}]-(s:Statement)
  RETURN s
  UNION
  WITH $changedStatements AS changed WHERE size(changed) > 0
  MATCH (s:Statement)-[c:${CONTRADICTS}]->()
  WHERE any(id IN c.corroborationIds WHERE id IN changed)
  RETURN s
}
WITH DISTINCT s
WHERE s.stance IN $stances OR EXISTS { (s)-[:${CONTRADICTS}]->() }
RETURN s.id AS id`;

/** Every statement that can contradict, for a full recomputation. */
export const ALL_CONTRADICTING_STATEMENTS = `
MATCH (s:Statement) WHERE s.stance IN $stances
RETURN s.id AS id`;

/**
 * Statement `s` is among the statements of organisation `x` (STATEMENTS_OF_ORGANIZATION), tested
 * for a given statement rather than enumerated.
 */
const isStatementOf = (s: string, x: string) => `
(EXISTS { (${s})-[:ON_BEHALF_OF|MADE_BY]->(:Organization)-[:PART_OF*0..${DEPTH}]->(${x}) }
 OR EXISTS { (${s})-[:MADE_BY]->(:Person)-[:SPEAKS_FOR]->(:Organization)-[:PART_OF*0..${DEPTH}]->(${x}) }
 OR EXISTS { MATCH (${x})<-[:PART_OF*0..${DEPTH}]-(member:Organization)
             WHERE EXISTS { (member)-[:PART_OF*0..${DEPTH}]->(:Organization)<-[:ABOUT]-(${s}) } }
 OR EXISTS { MATCH (${x})<-[:PART_OF*0..${DEPTH}]-(member:Organization)
             WHERE EXISTS { (member)<-[:GRANTED_TO|GRANTED_BY]-(:AccessGrant)<-[:ABOUT]-(${s}) } }
 OR EXISTS { MATCH (${x})<-[:PART_OF*0..${DEPTH}]-(member:Organization)
             WHERE EXISTS { (member)<-[:GRANTED_TO|GRANTED_BY]-(:AccessGrant)-[:GRANTED_TO|GRANTED_BY]->(:Organization)
                                     -[:PART_OF*0..${DEPTH}]->(:Organization)<-[:ABOUT]-(${s}) } })`;

/**
 * The precomputed pairs `s`, `c` (the CONTRADICTS relationship), `g` for the statements of `start`.
 * For an organisation X (the same answer as the rules' organisation filter): the contradictions of
 * grants X or a member of its group is a party to (their statements are always among X's), and
 * those of statements made on X's side that are among X's statements.
 */
function precomputedMatch(start: Start, entry: { organization: string; statementId: string; minSeverity: string }): string {
  if (start === "all") return `MATCH (s:Statement)-[c:${CONTRADICTS}]->(g:AccessGrant) WHERE c.severity >= ${entry.minSeverity}`;
  if (start === "statement") return `MATCH (s:Statement {id: ${entry.statementId}})-[c:${CONTRADICTS}]->(g:AccessGrant)`;
  return `
  MATCH (x:Organization {id: ${entry.organization}})
  CALL (x) {
    MATCH (x)<-[:PART_OF*0..${DEPTH}]-(:Organization)<-[:GRANTED_TO|GRANTED_BY]-(g:AccessGrant)<-[c:${CONTRADICTS}]-(s:Statement)
    RETURN s, c, g
    UNION
    MATCH (x)-[:PART_OF*0..${DEPTH}]->(:Organization)<-[:PART_OF*0..${DEPTH}]-(o:Organization)
    WITH DISTINCT x, o
    CALL (o) {
      MATCH (o)<-[:ON_BEHALF_OF|MADE_BY]-(s:Statement) RETURN s
      UNION
      MATCH (o)<-[:SPEAKS_FOR]-(:Person)<-[:MADE_BY]-(s:Statement) RETURN s
    }
    WITH DISTINCT x, s
    WHERE EXISTS { (s)-[:${CONTRADICTS}]->() } AND ${isStatementOf("s", "x")}
    MATCH (s)-[c:${CONTRADICTS}]->(g:AccessGrant)
    RETURN s, c, g
  }`;
}

/**
 * All contradictions matching the filter, read from the contradictions precomputed at load (for one
 * organisation, its grants' and its side's; for all, strongest first from the index on severity,
 * reading about a page), as rows of ids and facts; the GraphQL layer resolves nested fields from the
 * ids with batched loaders. Parameters: $stances, $kinds, $organization or $statementId (by
 * `start`), $grantId, $from, $to (days, on the statement's date), $minSeverity, $words (with
 * `text`), $skip, $limit. The page is in `order` (default: strongest first).
 *
 * Answers nothing while the graph holds no current precomputation (its marker's version is not this
 * code's); the caller then asks `liveContradictionsQuery`, which decides from scratch by the rules.
 * Two statements rather than one with both branches: Neo4j plans a statement as a whole, and the
 * union of both took 2-5 s to plan after each server start (this one 0.1-0.7 s), a cost the first
 * request after a start paid (issue 16).
 */
export function contradictionsQuery(options: QueryOptions): string {
  // The pairs are read in a subquery of their own, once, after the marker: planned alone, the
  // strongest-first page of all reads the index on severity in its order and stops after a page
  // (ordered after an Apply on the marker, it read and sorted every pair: 0.4 s at a million
  // statements instead of 0.02 s).
  const pairs = `
  ${precomputedMatch(options.start, { organization: "$organization", statementId: "$statementId", minSeverity: "$minSeverity" })}
  WITH s, c, g
  WHERE s.stance IN $stances
    AND ($from IS NULL OR s.madeEnd >= $from)
    AND ($to IS NULL OR s.madeStart <= $to)
    AND ($grantId IS NULL OR g.id = $grantId)
    AND c.kind IN $kinds
    AND c.severity >= $minSeverity${options.text ? `
  ${textFilter("s, c, g")}` : ""}`;
  const head = `
OPTIONAL MATCH (marker:${DERIVED_LABEL} {id: '${MARKER_ID}'})
WITH marker WHERE marker.version = '${PRECOMPUTED_VERSION}'
CALL () {`;
  if (options.count) return `${head}${pairs}
  RETURN count(*) AS total
}
RETURN total`;
  return `${head}${pairs}
  WITH s, c, g ${orderBy(options.order ?? DEFAULT_ORDER, "c.severity", "c.kind")} LIMIT $skip + $limit
  RETURN s, c, g
}
WITH s, g, c.kind AS kind, c.severity AS severity, c.independentReportIds AS independentReportIds,
     [i IN range(0, size(c.corroborationIds) - 1) | {statementId: c.corroborationIds[i], byOtherParty: c.corroborationByOtherParty[i]}] AS corroboration,
     c.reportPredatesStatement AS reportPredatesStatement
${pageRows(options.order ?? DEFAULT_ORDER)}`;
}

/**
 * AFFIRMS_ACCESS statements whose scope covers the grant `g` (same party, data, capability and
 * time rules): admissions that strengthen the evidence. Yields `admission` rows.
 *
 * Only statements that can hold `g` among their candidates are looked at: those naming as grantee
 * the grantee or one of its groups, those naming as grantor the grantor or one of its groups, and
 * those naming the grant. Each is then tested against `g` alone (cheap properties first, then rule 1
 * exactly, with `isCandidate`), not by enumerating every grant it could speak of.
 */
export function corroborationsOf(g: string): string {
  return `
  CALL (${g}) {
    CALL (${g}) {
      MATCH (${g})-[:GRANTED_TO]->(:Organization)-[:PART_OF*0..${DEPTH}]->(:Organization)<-[:ABOUT {role: 'GRANTEE'}]-(admission:Statement {stance: 'AFFIRMS_ACCESS'})
      RETURN admission
      UNION
      MATCH (${g})-[:GRANTED_BY]->(:Organization)-[:PART_OF*0..${DEPTH}]->(:Organization)<-[:ABOUT {role: 'GRANTOR'}]-(admission:Statement {stance: 'AFFIRMS_ACCESS'})
      RETURN admission
      UNION
      MATCH (${g})<-[:ABOUT]-(admission:Statement {stance: 'AFFIRMS_ACCESS'})
      RETURN admission
    }
    WITH admission, ${g}
    WHERE ${capabilitiesAndPurposeOverlap("admission", g)}
      AND ${timeMatches("admission", g)}
    RETURN admission
  }
  WITH admission, ${g}
  WHERE ${isCandidate("admission", g)}
    AND ${notExcepted("admission", g)}
    AND ${admissionCovers("admission", g)}
  WITH DISTINCT admission, ${g}`;
}
