/** Rule 5 of docs/rules.md, evidence: the speaker's side and the independent reports documenting a grant. */
import { DEPTH } from "./grantWalks.ts";

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

/** Whether an independent report came before the statement: true, false, or null when dates cannot tell. */
export const REPORT_PREDATES_STATEMENT = `
CASE WHEN s.madeStart IS NULL OR size(dated) = 0 THEN null
     WHEN any(r IN dated WHERE r.publishedEnd < s.madeStart) THEN true
     WHEN all(r IN dated WHERE r.publishedStart > s.madeEnd) THEN false
     ELSE null END`;
