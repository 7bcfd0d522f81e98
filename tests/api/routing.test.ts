import { describe, expect, inject, it } from "vitest";
import { useSeededApi } from "../support/api.ts";
import { testNeo4j } from "../support/neo4j.ts";

/**
 * The API tests run twice under `npm run test:full`: over bolt://, and (`vitest run --mode routing`) over a
 * neo4j:// routing URI to the same server, as against a cluster or Aura. This file says which run
 * it is in and that the driver did route.
 */
describe("connection scheme", () => {
  const seeded = useSeededApi();

  it("connects as the run says, and answers the same", async () => {
    const { uri } = testNeo4j();
    if (inject("neo4jRouting")) expect(uri).toMatch(/^neo4j(\+s|\+ssc)?:\/\//);
    else expect(uri).not.toMatch(/^neo4j/);
    const { body } = await seeded.api.query('{ contradictions(filter: { organization: "netflix" }) { totalCount } }');
    expect(body.data.contradictions.totalCount).toBe(2);
  });
});
