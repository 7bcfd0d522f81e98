/**
 * The contradictions queries the service runs, over the rules of DESIGN.md ("Stances and
 * contradictions") decided inside Neo4j: a list read from the contradictions precomputed at load
 * (`contradictionsQuery`), or decided from scratch by the rules (`liveContradictionsQuery`), in the
 * order, text filter and page the API asks for. The rules themselves are in ./rules/ (one Cypher
 * fragment each, over a statement variable `s` and a grant variable `g`, so the queries, the
 * precomputation (./precompute.ts) and the corroboration lookup share them). Fragments contain
 * variable names and constants only; every value arrives as a parameter.
 */

import { CONTRADICTION_KINDS, type ContradictionOrderField, type OrderDirection } from "../domain/model.ts";
import { CONTRADICTS, DERIVED_LABEL, MARKER_ID, PRECOMPUTED_VERSION } from "./precompute.ts";
import { CORROBORATION, corroborationsOf } from "./rules/corroboration.ts";
import { dataOverlaps } from "./rules/data.ts";
import { REPORT_PREDATES_STATEMENT, independentReports, speakerSide } from "./rules/evidence.ts";
import { DEPTH } from "./rules/grantWalks.ts";
import { KIND_OF_STATEMENT, SEVERITY } from "./rules/kindAndSeverity.ts";
import { candidateGrants, grantorMatches, notExcepted } from "./rules/parties.ts";
import { propertyRules } from "./rules/propertyRules.ts";

export type Start = "all" | "organization" | "statement";

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

/**
 * The review of statement `s`'s finding (src/review): its status, NEW when nobody reviewed it, and
 * since when it waits in the queue (sent back there, or first loaded when never reviewed).
 */
const reviewStatus = (s: string) => `coalesce(head(COLLECT { MATCH (r:Review {findingId: ${s}.id}) RETURN r.status }), 'NEW')`;
const waitingSince = (s: string) => `coalesce(head(COLLECT { MATCH (r:Review {findingId: ${s}.id}) RETURN r.queuedAt }), ${s}.firstLoadedAt, '')`;

/** A kind's place in CONTRADICTION_KINDS (strongest kind first). */
const kindRank = (kind: string) => `CASE ${kind} ${CONTRADICTION_KINDS.map((k, i) => `WHEN '${k}' THEN ${i}`).join(" ")} END`;

/**
 * The ORDER BY of a list of contradictions, chosen among a fixed set of texts (never built from
 * input): rows of `s` and `g` with the expressions `severity` and `kind`. Every order ends on the
 * statement and grant ids, so pages (offsets in that order) neither repeat nor skip a row; rows
 * without a date come last either way. The default is strongest first, earliest statement first.
 */
export function orderBy(order: ContradictionOrder, severity: string, kind: string, last = "s.id, g.id"): string {
  const desc = { ASC: "", DESC: " DESC" }[order.direction];
  const keys = {
    SEVERITY: `${severity}${desc}, s.madeStart`,
    DATE: `s.madeStart IS NULL, s.madeStart${desc}, ${severity} DESC`,
    KIND: `${kindRank(kind)}${desc}, ${severity} DESC, s.madeStart`,
    SPEAKER: `toLower(${saidBy("s")})${desc}, ${severity} DESC, s.madeStart`,
    WAITING: `${waitingSince("s")}${desc}, ${severity} DESC, s.madeStart`,
  }[order.field];
  if (desc === undefined || keys === undefined) throw new Error(`No contradiction order ${order.field} ${order.direction}.`);
  return `ORDER BY ${keys}, ${last}`;
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
 * A page of findings: the pairs grouped by statement (issue 22: one finding per statement, its grants
 * beneath). A statement's pairs come strongest first (then by grant id); the finding takes the
 * severity and kind of its strongest pair, and the list is ordered by those as a list of pairs is,
 * ending on the statement's id. Rows: statementId, severity, kind, pairs (rows as `pageRows` returns
 * them, as maps).
 */
const groupRows = (order: ContradictionOrder) => `WITH s, g, kind, severity, independentReportIds, corroboration, reportPredatesStatement,
     COLLECT { MATCH path = (g)-[:DERIVED_FROM*1..${DEPTH}]->(source:AccessGrant) RETURN source.id ORDER BY length(path) } AS chain
ORDER BY severity DESC, g.id
WITH s, collect({statementId: s.id, grantId: g.id, kind: kind, severity: severity, independentReportIds: independentReportIds,
                 corroboration: corroboration, reportPredatesStatement: reportPredatesStatement, chain: chain}) AS pairs
WITH s, pairs, pairs[0].severity AS severity, pairs[0].kind AS kind
${orderBy(order, "severity", "kind", "s.id")}
SKIP $skip LIMIT $limit
RETURN s.id AS statementId, severity, kind, pairs`;

/**
 * What a contradictions query is for: where it starts; a count or a page; whether the filter has
 * words ($words; the text filter is left out of the statement without them); the page's order;
 * whether it lists pairs or findings (`group`: pairs grouped by statement, counted by statement).
 */
export interface QueryOptions {
  start: Start;
  count?: boolean;
  text?: boolean;
  order?: ContradictionOrder;
  group?: boolean;
}

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
WHERE severity >= $minSeverity
  AND ($statuses IS NULL OR ${reviewStatus("s")} IN $statuses)${text ? `
${textFilter("s, g, kind, independent, corroboration, severity")}` : ""}`;
}

/**
 * All contradictions matching the filter decided from scratch by the rules (no precomputed data).
 * The reference the precomputed answer must equal; `contradictionsQuery` falls back to it while the
 * graph holds no current precomputation. Same parameters and rows as `contradictionsQuery`.
 */
export function liveContradictionsQuery(options: QueryOptions): string {
  const match = liveMatch(options.start, options.text ?? false);
  if (options.count) return `${match}\nRETURN count(${options.group ? "DISTINCT s" : "*"}) AS total`;
  return `${match}
WITH s, g, kind, severity, independent, corroboration,
     [r IN independent WHERE r.publishedEnd IS NOT NULL | r] AS dated
WITH s, g, kind, severity,
     [r IN independent | r.id] AS independentReportIds,
     corroboration,
     ${REPORT_PREDATES_STATEMENT} AS reportPredatesStatement
${(options.group ? groupRows : pageRows)(options.order ?? DEFAULT_ORDER)}`;
}

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
    AND c.severity >= $minSeverity
    AND ($statuses IS NULL OR ${reviewStatus("s")} IN $statuses)${options.text ? `
  ${textFilter("s, c, g")}` : ""}`;
  const head = `
OPTIONAL MATCH (marker:${DERIVED_LABEL} {id: '${MARKER_ID}'})
WITH marker WHERE marker.version = '${PRECOMPUTED_VERSION}'
CALL () {`;
  if (options.count) return `${head}${pairs}
  RETURN count(${options.group ? "DISTINCT s" : "*"}) AS total
}
RETURN total`;
  // A page of pairs needs the first skip + limit pairs only; a page of findings, every pair of the
  // statements on it, so every matching pair is read and grouped.
  return `${head}${pairs}
  WITH s, c, g ${options.group ? "" : `${orderBy(options.order ?? DEFAULT_ORDER, "c.severity", "c.kind")} LIMIT $skip + $limit`}
  RETURN s, c, g
}
WITH s, g, c.kind AS kind, c.severity AS severity, c.independentReportIds AS independentReportIds,
     [i IN range(0, size(c.corroborationIds) - 1) | {statementId: c.corroborationIds[i], byOtherParty: c.corroborationByOtherParty[i]}] AS corroboration,
     c.reportPredatesStatement AS reportPredatesStatement
${(options.group ? groupRows : pageRows)(options.order ?? DEFAULT_ORDER)}`;
}
