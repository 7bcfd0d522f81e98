import { inject } from "vitest";

/**
 * The Neo4j of the worker this test file runs in (tests/support/globalSetup.ts starts one per
 * worker): VITEST_POOL_ID is 1 to maxWorkers, and no two files running at the same time share it.
 */
export function testNeo4j(): { uri: string; user?: string; password?: string; database?: string; pid: number } {
  const servers = inject("neo4jServers");
  const pool = Number(process.env.VITEST_POOL_ID ?? 1);
  return servers[(pool - 1) % servers.length];
}
