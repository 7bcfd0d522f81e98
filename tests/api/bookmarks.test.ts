import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { seed } from "../../src/extract/load.ts";
import { Graph } from "../../src/graph/graph.ts";
import { smallWorld, statement } from "../support/extracts.ts";
import { useSeededApi } from "../support/api.ts";
import { testNeo4j } from "../support/neo4j.ts";

/**
 * Causal consistency: a load's bookmarks make reads elsewhere (another driver, another API process)
 * wait until their server has applied the load. One server cannot lag, so what is checked is that
 * the bookmarks exist, travel (a bookmark the server never issued is refused by the server, so it
 * was sent) and that the reads following them see the load.
 */
describe("bookmarks", () => {
  const seeded = useSeededApi();
  const other = new Graph(testNeo4j()); // another process's driver
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-bookmarks-"));
  afterAll(async () => {
    await other.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("a load's bookmarks let another driver and the API's other processes read what it wrote", async () => {
    fs.writeFileSync(path.join(dir, "world.json"), JSON.stringify(smallWorld({ statements: [statement("bookmarked-statement", {})] })));
    await seed(seeded.graph, [dir]);
    const bookmarks = await seeded.graph.lastBookmarks();
    expect(bookmarks.length).toBeGreaterThan(0);

    const rows = await other.following(bookmarks).read<{ quote: string }>("MATCH (s:Statement {id: 'bookmarked-statement'}) RETURN s.quote AS quote");
    expect(rows).toEqual([{ quote: "Quote of bookmarked-statement" }]);

    const response = await fetch(`${seeded.api.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", "neo4j-bookmarks": bookmarks.join(", ") },
      body: JSON.stringify({ query: '{ statement(id: "bookmarked-statement") { quote } }' }),
    });
    expect(response.status).toBe(200);
    expect((await response.json()).data.statement.quote).toBe("Quote of bookmarked-statement");
  });

  it("the bookmarks reach the server: one it never issued is refused, by name, and the process's other reads go on", async () => {
    await expect(other.following(["FB:not-a-bookmark"]).read("RETURN 1 AS one")).rejects.toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
    const response = await fetch(`${seeded.api.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", "neo4j-bookmarks": "FB:not-a-bookmark" },
      body: JSON.stringify({ query: '{ statement(id: "bookmarked-statement") { quote } }' }),
    });
    const body = await response.json();
    expect(body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(body.errors[0].message).toContain("Neo4j-Bookmarks");
    expect((await seeded.api.query('{ statement(id: "bookmarked-statement") { quote } }')).body.data.statement.quote).toBe("Quote of bookmarked-statement");
  });

  it("a malformed header is a 400 naming it", async () => {
    const response = await fetch(`${seeded.api.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", "neo4j-bookmarks": "not a bookmark; at all" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].message).toContain("Neo4j-Bookmarks");
  });
});
