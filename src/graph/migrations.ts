import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "../config.ts";
import { ClaimgraphError } from "../domain/errors.ts";
import type { Graph } from "./graph.ts";

/**
 * Versioned Cypher under schema/migrations, applied in file-name order, each once. Applied
 * migrations are recorded as (:_Migration {version, checksum}) nodes; a recorded migration whose file
 * changed afterwards is an error rather than a silent skip. Schema commands cannot share a
 * transaction with writes, so each statement runs in its own (all use IF NOT EXISTS, so a migration
 * interrupted halfway is safe to run again).
 */
export const MIGRATIONS_DIR = path.join(projectRoot(), "schema", "migrations");

export interface Migration {
  version: string;
  statements: string[];
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith(".cypher"))
    .sort()
    .map((file) => {
      const text = fs.readFileSync(path.join(dir, file), "utf8");
      const statements = text
        .split("\n")
        .filter((line) => !line.trim().startsWith("//"))
        .join("\n")
        .split(";")
        .map((statement) => statement.trim())
        .filter(Boolean);
      return {
        version: file.replace(/\.cypher$/, ""),
        statements,
        checksum: crypto.createHash("sha256").update(text).digest("hex").slice(0, 16),
      };
    });
}

export async function applyMigrations(graph: Graph, migrations = readMigrations()): Promise<string[]> {
  const applied = new Map(
    (await graph.read<{ version: string; checksum: string }>(
      "MATCH (m:_Migration) RETURN m.version AS version, m.checksum AS checksum",
    )).map((row) => [row.version, row.checksum]),
  );
  const ran: string[] = [];
  for (const migration of migrations) {
    const recorded = applied.get(migration.version);
    if (recorded !== undefined) {
      if (recorded !== migration.checksum) {
        throw new ClaimgraphError(
          "MIGRATION_ERROR",
          `Migration ${migration.version} was applied with checksum ${recorded} but its file now has ${migration.checksum}. ` +
            "Applied migrations must not change; add a new migration file instead.",
        );
      }
      continue;
    }
    for (const statement of migration.statements) await graph.write(statement);
    await graph.write(
      "MERGE (m:_Migration {version: $version}) ON CREATE SET m.checksum = $checksum, m.appliedAt = datetime()",
      { version: migration.version, checksum: migration.checksum },
    );
    ran.push(migration.version);
  }
  if (ran.length > 0) await graph.read("CALL db.awaitIndexes(60)");
  return ran;
}

/** True when every migration file is recorded as applied (used by GET /ready). */
export async function migrationsApplied(graph: Graph, migrations = readMigrations()): Promise<boolean> {
  const rows = await graph.read<{ count: number }>(
    "MATCH (m:_Migration) WHERE m.version IN $versions RETURN count(m) AS count",
    { versions: migrations.map((m) => m.version) },
  );
  return rows[0]?.count === migrations.length;
}
