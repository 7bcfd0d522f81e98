/**
 * Precomputed contradictions. Every load (src/extract/load.ts) decides, in its own transaction, the
 * contradictions of the statements it may have changed, with the rules (./rules/), and keeps each as
 * a derived relationship (s)-[:CONTRADICTS {kind, severity, independentReportIds, corroborationIds,
 * corroborationByOtherParty, reportPredatesStatement}]->(g). A marker node records which version of
 * the rules they were decided with; reads use them only when the marker is current, and decide from
 * scratch otherwise (a graph loaded by an older claimgraph, or after the rules changed), until the
 * next load recomputes everything.
 */

import { CORROBORATION, admissionCovers } from "./rules/corroboration.ts";
import { dataOverlaps } from "./rules/data.ts";
import { REPORT_PREDATES_STATEMENT, independentReports, speakerSide } from "./rules/evidence.ts";
import { DEPTH, FROM_ITSELF_OR_SOURCES, grantsOfParty, partiesOfGrant } from "./rules/grantWalks.ts";
import { KIND_OF_STATEMENT, SEVERITY } from "./rules/kindAndSeverity.ts";
import { GRANTOR_ROUTE_CONTRADICTING, GRANTOR_ROUTE_STANCES, grantorMatches, isCandidate, notExcepted } from "./rules/parties.ts";
import {
  GRANT_RULE_PROPERTIES,
  STATEMENT_RULE_PROPERTIES,
  capabilitiesAndPurposeOverlap,
  propertyRules,
  timeMatches,
} from "./rules/propertyRules.ts";

export const CONTRADICTS = "CONTRADICTS";
export const DERIVED_LABEL = "_Derived";
export const MARKER_ID = "contradictions";

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
 * parameters): the same rules and answer as `liveMatch` (./contradictionCypher.ts), arranged for a
 * batch of statements.
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
