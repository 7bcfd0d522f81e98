import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import neo4j from "neo4j-driver";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { Graph } from "../../src/graph/graph.ts";
import { readLocalPassword, startLocalNeo4j, stopLocalNeo4j } from "../../src/graph/localNeo4j.ts";

const mode = (file: string) => fs.statSync(file).mode & 0o777;

/** A write over Bolt with the given credentials (none: the "none" scheme); the error, or undefined when it was written. */
async function writeWith(uri: string, auth: ReturnType<typeof neo4j.auth.basic> | undefined): Promise<Error | undefined> {
  const driver = auth ? neo4j.driver(uri, auth, { logging: { level: "error", logger: () => {} } }) : neo4j.driver(uri, undefined, { logging: { level: "error", logger: () => {} } });
  try {
    await driver.executeQuery("CREATE (:Intruder {at: datetime()})", {}, { database: "neo4j" });
    return undefined;
  } catch (error) {
    return error as Error;
  } finally {
    await driver.close();
  }
}

describe.skipIf(!!process.env.NEO4J_URI)("the local Neo4j's authentication", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-auth-"));
  const config = { ...loadConfig({}), dataDir };
  afterAll(async () => {
    await stopLocalNeo4j(config, () => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("is on, with a random password in a file only the owner can read (so is state.json); a write without it is refused", async () => {
    const running = await startLocalNeo4j(config, { log: () => {} });
    const home = path.join(dataDir, "neo4j");
    const password = readLocalPassword(config);
    expect(password).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(running.connection).toMatchObject({ user: "neo4j", password });
    expect(mode(path.join(home, "password"))).toBe(0o600);
    expect(mode(path.join(home, "state.json"))).toBe(0o600);
    expect(mode(home)).toBe(0o700);
    expect(fs.readFileSync(path.join(home, "conf", "neo4j.conf"), "utf8")).toContain("dbms.security.auth_enabled=true");
    // the password is on no command line (other users can read /proc/*/cmdline)
    expect(fs.readFileSync(`/proc/${running.state.pid}/cmdline`, "utf8")).not.toContain(password);

    for (const auth of [undefined, neo4j.auth.basic("neo4j", "neo4j"), neo4j.auth.basic("neo4j", "unused")]) {
      const refused = await writeWith(running.state.uri, auth);
      expect(refused, JSON.stringify(auth ?? "no credentials")).toBeDefined();
      expect((refused as { code?: string }).code).toMatch(/Unauthorized|AuthenticationRateLimit/);
    }
    expect(await writeWith(running.state.uri, neo4j.auth.basic("neo4j", password!))).toBeUndefined();

    // a second start (a CLI command beside the API) attaches with the same password
    const again = await startLocalNeo4j(config, { log: () => {} });
    expect(again.started).toBe(false);
    const graph = new Graph(again.connection);
    try {
      expect(await graph.read("MATCH (n:Intruder) RETURN count(n) AS n")).toEqual([{ n: 1 }]);
    } finally {
      await graph.close();
    }

    // after a stop, the next start keeps the password
    await stopLocalNeo4j(config, () => {});
    const restarted = await startLocalNeo4j(config, { log: () => {} });
    expect(readLocalPassword(config)).toBe(password);
    expect(await writeWith(restarted.state.uri, neo4j.auth.basic("neo4j", password!))).toBeUndefined();
  }, 300_000);
});
