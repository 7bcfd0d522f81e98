import { beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "../../src/graph/graph.ts";
import { type TestApi, useSeededApi } from "../support/api.ts";

/**
 * Issue 23, point 6: 20 reviewers writing 100 reviews each at once, over HTTP, on the seed's five
 * findings. Optimistic versions: a writer whose expected version is stale gets CONFLICT with the
 * current version and tries again. Nothing may be lost: 2,000 events in all, each finding's versions
 * 1, 2, 3 … without a gap or a repeat, and each review's version its log's length.
 */
const seeded = useSeededApi();
let api: TestApi;
let graph: Graph;
beforeAll(() => {
  ({ api, graph } = seeded);
});

const REVIEWERS = 20;
const WRITES = 100;
const STATUSES = ["CONFIRMED", "NEEDS_REPLY", "NEW"] as const;

describe("concurrent reviews", () => {
  it("20 reviewers × 100 writes: nothing lost, the log complete, versions strictly increasing per finding", async () => {
    const ids: string[] = (await api.query(`{ findings(first: 100) { edges { node { id } } } }`)).body.data.findings.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(ids.length).toBe(5);
    let conflicts = 0;
    const reviewer = async (r: number) => {
      for (let w = 0; w < WRITES; w++) {
        const id = ids[(r + w) % ids.length];
        let version = 0;
        for (;;) {
          const { body } = await api.query(
            `mutation ($id: ID!, $s: ReviewStatus!, $v: Int!, $n: String) { reviewFinding(id: $id, status: $s, expectedVersion: $v, note: $n) { event { version } } }`,
            { id, s: STATUSES[(r + w) % STATUSES.length], v: version, n: `reviewer ${r}, write ${w}` },
          );
          if (!body.errors) break;
          expect(body.errors[0].extensions.code).toBe("CONFLICT");
          conflicts += 1;
          version = body.errors[0].extensions.current.version;
        }
      }
    };
    await Promise.all(Array.from({ length: REVIEWERS }, (_, r) => reviewer(r)));
    const rows = await graph.read<{ id: string; versions: number[]; version: number }>(
      `UNWIND $ids AS id MATCH (r:Review {findingId: id})
       RETURN id, r.version AS version, COLLECT { MATCH (e:ReviewEvent {findingId: id}) RETURN e.version ORDER BY e.version } AS versions`,
      { ids },
    );
    const total = rows.reduce((sum, row) => sum + row.versions.length, 0);
    expect(total).toBe(REVIEWERS * WRITES);
    for (const row of rows) {
      expect(row.versions).toEqual(row.versions.map((_, i) => i + 1));
      expect(row.version).toBe(row.versions.length);
    }
    const notes = await graph.read<{ n: number }>("MATCH (e:ReviewEvent) WHERE e.note STARTS WITH 'reviewer ' RETURN count(DISTINCT e.note) AS n");
    expect(notes[0].n).toBe(REVIEWERS * WRITES);
    console.log(`[reviewConcurrency] ${REVIEWERS * WRITES} writes, ${conflicts} conflicts retried`);
  }, 600_000);
});
