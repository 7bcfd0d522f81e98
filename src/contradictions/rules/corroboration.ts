/** Admissions corroborating a contradiction: the AFFIRMS_ACCESS statements whose scope covers its grant. */
import { DEPTH } from "./grantWalks.ts";
import { isCandidate, notExcepted } from "./parties.ts";
import { capabilitiesAndPurposeOverlap, timeMatches } from "./propertyRules.ts";

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

/** The rows `admission` (ordered) as the corroboration list, each said by the other party or not (`side`: the speaker's). */
export const CORROBORATION = `collect({statementId: admission.id,
                  byOtherParty: NOT EXISTS { (admission)-[:ON_BEHALF_OF|MADE_BY]->(o:Organization) WHERE o.id IN side }
                                AND NOT EXISTS { (admission)-[:MADE_BY]->(:Person)-[:SPEAKS_FOR]->(o:Organization) WHERE o.id IN side }
                 })`;

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
