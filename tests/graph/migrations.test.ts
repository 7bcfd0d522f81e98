import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "../../src/graph/graph.ts";
import { applyMigrations, migrationsApplied, readMigrations } from "../../src/graph/migrations.ts";
import { cleanGraph } from "../support/graph.ts";

let graph: Graph;
beforeAll(async () => {
  graph = await cleanGraph();
});
afterAll(() => graph.close());

describe("schema migrations", () => {
  it("are all recorded once applied, and a second run applies nothing", async () => {
    expect(await migrationsApplied(graph)).toBe(true);
    expect(await applyMigrations(graph)).toEqual([]);
    const rows = await graph.read<{ version: string }>("MATCH (m:_Migration) RETURN m.version AS version ORDER BY version");
    expect(rows.map((r) => r.version)).toEqual(readMigrations().map((m) => m.version));
  });

  it("create a uniqueness constraint on the id of every node label", async () => {
    const rows = await graph.read<{ labels: string[]; properties: string[]; type: string }>(
      "SHOW CONSTRAINTS YIELD labelsOrTypes AS labels, properties, type RETURN labels, properties, type",
    );
    const unique = rows.filter((r) => r.type === "UNIQUENESS" && r.properties.join() === "id").map((r) => r.labels[0]);
    expect(unique.sort()).toEqual(["AccessGrant", "DataCategory", "Organization", "Person", "ReplyRequest", "Report", "Statement", "_Derived"]);
    // A review is keyed by its finding, and each event in its log by the finding and the version.
    const keyed = rows.filter((r) => r.type === "UNIQUENESS").map((r) => `${r.labels[0]}(${r.properties.join()})`);
    expect(keyed).toEqual(expect.arrayContaining(["Review(findingId)", "ReviewEvent(findingId,version)"]));
  });

  it("create the full-text indexes over quotes and report titles", async () => {
    const rows = await graph.read<{ name: string; state: string }>(
      "SHOW FULLTEXT INDEXES YIELD name, state RETURN name, state",
    );
    expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(["statement_text", "report_text"]));
    expect(rows.every((r) => r.state === "ONLINE")).toBe(true);
  });

  it("refuse to run when an applied migration's file changed", async () => {
    const [first, ...rest] = readMigrations();
    const tampered = [{ ...first, checksum: "0000000000000000" }, ...rest];
    await expect(applyMigrations(graph, tampered)).rejects.toMatchObject({
      extensions: { code: "MIGRATION_ERROR" },
      message: expect.stringContaining(first.version),
    });
  });

  it("apply a new migration exactly once", async () => {
    const extra = { version: "9999_test_index", checksum: "abc", statements: ["CREATE INDEX test_extra IF NOT EXISTS FOR (n:TestOnly) ON (n.x)"] };
    try {
      expect(await applyMigrations(graph, [...readMigrations(), extra])).toEqual(["9999_test_index"]);
      expect(await applyMigrations(graph, [...readMigrations(), extra])).toEqual([]);
    } finally {
      await graph.write("DROP INDEX test_extra IF EXISTS");
      await graph.write("MATCH (m:_Migration {version: '9999_test_index'}) DELETE m");
    }
  });
});
