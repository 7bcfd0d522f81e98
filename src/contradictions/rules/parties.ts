/** Rule 1 of docs/rules.md, parties: which grants a statement's scope speaks of, and whom it excepts. */
import { DEPTH, FROM_ITSELF_OR_SOURCES } from "./grantWalks.ts";

/**
 * Stances that reach grants through a grantor named without a grantee: what a grantor says of what
 * it gave (it ended it, it denies giving it, it assures it is safe) or admits.
 */
export const GRANTOR_ROUTE_STANCES = "['CLAIMS_ENDED', 'ASSURES_SAFEGUARD', 'DENIES_ACCESS', 'AFFIRMS_ACCESS']";
export const GRANTOR_ROUTE_CONTRADICTING = "['CLAIMS_ENDED', 'ASSURES_SAFEGUARD', 'DENIES_ACCESS']";

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
