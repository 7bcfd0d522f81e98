import crypto from "node:crypto";
import type { Tx } from "../graph/graph.ts";
import { CONTRADICTS } from "../contradictions/precompute.ts";

/**
 * What a finding rests on, as a review saw it: the statement's facts (its words, form, stance, date,
 * speaker: what its extract defines, kept by the load as `facts`), and for each grant it conflicts
 * with, the grant's facts (parties, data, period, its evidence's quotes and accounts), the kind of
 * conflict and the independent reports. Its fingerprint changes when any of these does; the severity
 * alone (another report corroborating) does not change it.
 *
 * Kept beside a review as a snapshot of short hashes, so that a change can be named ("the grant
 * facebook-netflix-private-messages: its facts changed") rather than only detected.
 */
export interface FindingSnapshot {
  /** Hash of the statement's facts; null when the statement is gone. */
  statement: string | null;
  /** By grant id: hash of the grant's facts, kind and independent reports. */
  grants: Record<string, string>;
}

const hash = (value: unknown) => crypto.createHash("sha256").update(JSON.stringify(value)).digest("base64url").slice(0, 22);

export const fingerprintOf = (snapshot: FindingSnapshot) => hash([snapshot.statement, Object.entries(snapshot.grants).sort(([a], [b]) => a.localeCompare(b))]);

/** Is there a finding: a statement conflicting with at least one grant? */
export const isFound = (snapshot: FindingSnapshot) => snapshot.statement !== null && Object.keys(snapshot.grants).length > 0;

/** The current content of findings by id, in one round trip. */
const FINDING_CONTENT = `
UNWIND $ids AS id
OPTIONAL MATCH (s:Statement {id: id})
RETURN id, s.facts AS statement,
       COLLECT { MATCH (s)-[c:${CONTRADICTS}]->(g:AccessGrant)
                 RETURN [g.id, g.facts, c.kind, c.independentReportIds] AS pair ORDER BY g.id } AS pairs`;

export async function snapshotsOf(tx: Tx, ids: string[]): Promise<Map<string, FindingSnapshot>> {
  const rows = await tx.run<{ id: string; statement: string | null; pairs: [string, string | null, string, string[]][] }>(FINDING_CONTENT, { ids });
  return new Map(
    rows.map((row) => [
      row.id,
      {
        statement: row.statement === null ? null : hash(row.statement),
        grants: Object.fromEntries(row.pairs.map(([grant, facts, kind, reports]) => [grant, hash([facts, kind, reports])])),
      },
    ]),
  );
}

/** What changed between a review's snapshot and now, in words a reviewer reads. */
export function changesBetween(before: FindingSnapshot, now: FindingSnapshot): string[] {
  const changes: string[] = [];
  if (now.statement === null) changes.push("the statement is no longer in the graph");
  else if (before.statement !== now.statement) changes.push("the statement's facts changed (its words, form, stance, date or speaker)");
  for (const [grant, value] of Object.entries(before.grants)) {
    if (!(grant in now.grants)) changes.push(`it no longer conflicts with the grant ${grant}`);
    else if (now.grants[grant] !== value) changes.push(`the grant ${grant} or its evidence changed`);
  }
  for (const grant of Object.keys(now.grants)) if (!(grant in before.grants)) changes.push(`it now also conflicts with the grant ${grant}`);
  return changes;
}
