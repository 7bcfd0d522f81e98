/**
 * The rules of DESIGN.md ("Stances and contradictions"), decided inside Neo4j. Each rule is one
 * Cypher fragment over a statement variable `s` and a grant variable `g`, so the contradictions query
 * and the corroboration lookup share them. Fragments contain variable names and constants only;
 * every value arrives as a parameter.
 */

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

/** Severity before evidence: stronger kinds first (DESIGN.md's order). */
export const BASE_SEVERITY = {
  DENIAL_VS_GRANT: 90,
  ENDED_VS_ACTIVE: 80,
  ASSURANCE_VS_EXEMPTION: 70,
  UNAWARENESS_VS_GRANT: 55,
  USE_OR_REQUEST_VS_GRANT: 40,
} as const;

/** Rule 1, parties: the grants a statement's scope can speak of (one row per grant). */
export const candidateGrants = (s: string, g: string) => `
CALL (${s}) {
  MATCH (${s})-[:ABOUT {role: 'GRANTEE'}]->(:Organization)<-[:PART_OF*0..${DEPTH}]-(:Organization)<-[:GRANTED_TO]-(${g}:AccessGrant)
  WHERE NOT EXISTS { (${s})-[:ABOUT {role: 'GRANTOR'}]->() }
     OR EXISTS { (${s})-[:ABOUT {role: 'GRANTOR'}]->(:Organization)<-[:PART_OF*0..${DEPTH}]-(:Organization)<-[:GRANTED_BY]-(${g}) }
  RETURN ${g}
  UNION
  MATCH (${s})-[:ABOUT {role: 'GRANTOR'}]->(:Organization)<-[:PART_OF*0..${DEPTH}]-(:Organization)<-[:GRANTED_BY]-(${g}:AccessGrant)
  WHERE ${s}.stance IN ['CLAIMS_ENDED', 'ASSURES_SAFEGUARD', 'AFFIRMS_ACCESS']
    AND NOT EXISTS { (${s})-[:ABOUT {role: 'GRANTEE'}]->() }
    AND (${s}.stance <> 'ASSURES_SAFEGUARD' OR ${g}.exemptFromPrivacyRules)
  RETURN ${g}
  UNION
  MATCH (${s})-[:ABOUT]->(${g}:AccessGrant)
  RETURN ${g}
}`;

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

/** The speaker's side: its organisations with their corporate groups, up and down, as ids. */
export const speakerSide = (s: string) => `
COLLECT {
  MATCH (${s})-[:ON_BEHALF_OF|MADE_BY]->(:Organization)-[:PART_OF*0..${DEPTH}]->(top:Organization)<-[:PART_OF*0..${DEPTH}]-(member:Organization)
  RETURN member.id AS id
  UNION
  MATCH (${s})-[:MADE_BY]->(:Person)-[:SPEAKS_FOR]->(:Organization)-[:PART_OF*0..${DEPTH}]->(top:Organization)<-[:PART_OF*0..${DEPTH}]-(member:Organization)
  RETURN member.id AS id
}`;

/** Rule 5, evidence: the documenting reports not published or written by the speaker's side. */
export const independentReports = (g: string, side: string) => `
[(${g})-[:DOCUMENTED_IN]->(report:Report)
   WHERE NOT EXISTS { (report)-[:PUBLISHED_BY]->(publisher:Organization) WHERE publisher.id IN ${side} }
     AND NOT EXISTS { (report)-[:WRITTEN_BY]->(:Person)-[:SPEAKS_FOR]->(employer:Organization) WHERE employer.id IN ${side} }
 | report]`;

/** Statements of the organisation X (or its group members) and statements that speak of its grants. */
const STATEMENTS_OF_ORGANIZATION = `
MATCH (x:Organization {id: $organization})
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
    // statements naming the other party of one of its grants (Netflix's denial, for Facebook)
    MATCH (member)<-[:GRANTED_TO|GRANTED_BY]-(:AccessGrant)-[:GRANTED_TO|GRANTED_BY]->(:Organization)
          -[:PART_OF*0..${DEPTH}]->(:Organization)<-[:ABOUT]-(s:Statement) RETURN s
  }
  RETURN DISTINCT s
}
WITH x, s WHERE s.stance IN $stances`;

const ALL_STATEMENTS = `
MATCH (s:Statement) WHERE s.stance IN $stances
WITH null AS x, s WHERE true`;

const ONE_STATEMENT = `
MATCH (s:Statement {id: $statementId}) WHERE s.stance IN $stances
WITH null AS x, s WHERE true`;

/**
 * All contradictions matching the filter, as rows of ids and facts; the GraphQL layer resolves
 * nested fields from the ids with batched loaders. Parameters: $stances, $kinds, $organization or
 * $statementId (by `start`), $grantId, $from, $to (days, on the statement's date), $minSeverity,
 * $skip, $limit.
 */
export function contradictionsQuery(options: { start: "all" | "organization" | "statement"; count?: boolean }): string {
  const s = "s";
  const g = "g";
  const match = `
${{ all: ALL_STATEMENTS, organization: STATEMENTS_OF_ORGANIZATION, statement: ONE_STATEMENT }[options.start]}
  AND ($from IS NULL OR s.madeEnd >= $from)
  AND ($to IS NULL OR s.madeStart <= $to)
${candidateGrants(s, g)}
WITH DISTINCT x, s, g
WHERE ($grantId IS NULL OR g.id = $grantId)
  AND (s.stance <> 'ASSURES_SAFEGUARD' OR g.exemptFromPrivacyRules)
  AND ${notExcepted(s, g)}
  AND ${dataOverlaps(s, g)}
  AND ${capabilitiesAndPurposeOverlap(s, g)}
  AND ${timeMatches(s, g)}
WITH x, s, g, ${speakerSide(s)} AS side
WITH x, s, g, side, ${independentReports(g, "side")} AS independent
WHERE size(independent) > 0
  AND (x IS NULL OR x.id IN side
       OR EXISTS { (g)-[:GRANTED_TO|GRANTED_BY]->(:Organization)-[:PART_OF*0..${DEPTH}]->(x) })
WITH s, g, side, independent,
     CASE s.stance
       WHEN 'DENIES_ACCESS' THEN 'DENIAL_VS_GRANT'
       WHEN 'CLAIMS_ENDED' THEN 'ENDED_VS_ACTIVE'
       WHEN 'ASSURES_SAFEGUARD' THEN 'ASSURANCE_VS_EXEMPTION'
       WHEN 'CLAIMS_UNAWARE' THEN 'UNAWARENESS_VS_GRANT'
       ELSE 'USE_OR_REQUEST_VS_GRANT' END AS kind
CALL (s, g, side) {
  ${corroborationsOf("g")}
  WITH admission, g, side
  RETURN collect({statementId: admission.id,
                  byOtherParty: NOT EXISTS { (admission)-[:ON_BEHALF_OF|MADE_BY]->(o:Organization) WHERE o.id IN side }
                                AND NOT EXISTS { (admission)-[:MADE_BY]->(:Person)-[:SPEAKS_FOR]->(o:Organization) WHERE o.id IN side }
                 }) AS corroboration
}
WITH s, g, kind, independent, corroboration,
     CASE kind WHEN 'DENIAL_VS_GRANT' THEN ${BASE_SEVERITY.DENIAL_VS_GRANT}
               WHEN 'ENDED_VS_ACTIVE' THEN ${BASE_SEVERITY.ENDED_VS_ACTIVE}
               WHEN 'ASSURANCE_VS_EXEMPTION' THEN ${BASE_SEVERITY.ASSURANCE_VS_EXEMPTION}
               WHEN 'UNAWARENESS_VS_GRANT' THEN ${BASE_SEVERITY.UNAWARENESS_VS_GRANT}
               ELSE ${BASE_SEVERITY.USE_OR_REQUEST_VS_GRANT} END
     + CASE WHEN size(independent) >= 3 THEN 10 WHEN size(independent) = 2 THEN 5 ELSE 0 END
     + CASE WHEN any(c IN corroboration WHERE c.byOtherParty) THEN 5 ELSE 0 END AS severity
WHERE kind IN $kinds AND severity >= $minSeverity`;

  if (options.count) return `${match}\nRETURN count(*) AS total`;
  return `${match}
WITH s, g, kind, severity, independent, corroboration,
     [r IN independent WHERE r.publishedEnd IS NOT NULL | r] AS dated
RETURN s.id AS statementId, g.id AS grantId, kind, severity,
       [r IN independent | r.id] AS independentReportIds,
       corroboration,
       CASE WHEN s.madeStart IS NULL OR size(dated) = 0 THEN null
            WHEN any(r IN dated WHERE r.publishedEnd < s.madeStart) THEN true
            WHEN all(r IN dated WHERE r.publishedStart > s.madeEnd) THEN false
            ELSE null END AS reportPredatesStatement
ORDER BY severity DESC, s.madeStart, s.id, g.id
SKIP $skip LIMIT $limit`;
}

/**
 * AFFIRMS_ACCESS statements whose scope covers the grant `g` (same party, data, capability and
 * time rules): admissions that strengthen the evidence. Yields `admission` rows.
 */
export function corroborationsOf(g: string): string {
  return `
  CALL (${g}) {
    MATCH (${g})-[:GRANTED_TO|GRANTED_BY]->(:Organization)-[:PART_OF*0..${DEPTH}]->(:Organization)<-[:ABOUT]-(admission:Statement {stance: 'AFFIRMS_ACCESS'})
    RETURN admission
    UNION
    MATCH (${g})<-[:ABOUT]-(admission:Statement {stance: 'AFFIRMS_ACCESS'})
    RETURN admission
  }
  ${candidateGrants("admission", "covered")}
  WITH admission, covered, ${g} WHERE covered = ${g}
    AND ${notExcepted("admission", g)}
    AND ${dataOverlaps("admission", g)}
    AND ${capabilitiesAndPurposeOverlap("admission", g)}
    AND ${timeMatches("admission", g)}
  WITH DISTINCT admission, ${g}`;
}
