import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig, projectRoot } from "../../src/config.ts";
import { connect } from "../../src/graph/connect.ts";
import { Graph } from "../../src/graph/graph.ts";
import { localNeo4jStatus, readState, startLocalNeo4j, stopLocalNeo4j } from "../../src/graph/localNeo4j.ts";
import { isAlive } from "../support/process.ts";
import { testNeo4j } from "../support/neo4j.ts";


describe("the test run's Neo4j", () => {
  it("is a real Neo4j 5.26 server answering Cypher", async () => {
    const graph = new Graph(testNeo4j());
    try {
      const [row] = await graph.read<{ version: string; edition: string }>(
        "CALL dbms.components() YIELD versions, edition RETURN versions[0] AS version, edition",
      );
      expect(row.version).toMatch(/^5\.26\./);
      expect(row.edition).toBe("community");
    } finally {
      await graph.close();
    }
  });

  it.skipIf(!!process.env.NEO4J_URI)("runs as a JVM child of the project's launcher", () => {
    const pid = testNeo4j().pid;
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
    expect(cmdline).toContain("org.neo4j.server.CommunityEntryPoint");
  });
});

describe.skipIf(!!process.env.NEO4J_URI)("the local Neo4j launcher", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-launcher-"));
  // a cache of its own (the run's class path, no class-data archive yet), to see the archive made and used
  const neo4jCacheDir = path.join(dataDir, "cache");
  fs.mkdirSync(neo4jCacheDir);
  fs.copyFileSync(path.join(loadConfig({}).neo4jCacheDir, "classpath.txt"), path.join(neo4jCacheDir, "classpath.txt"));
  const config = { ...loadConfig({}), dataDir, neo4jCacheDir };
  const archives = () => fs.readdirSync(neo4jCacheDir).filter((name) => name.endsWith(".jsa"));
  const jvmFlags = (pid: number) => fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
  afterAll(async () => {
    await stopLocalNeo4j(config);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("starts, is attached to by a second start, survives kill -9 of the JVM, and stops leaving no process", async () => {
    const log = () => {};
    const first = await startLocalNeo4j(config, { log });
    expect(first.started).toBe(true);
    expect(readState(config)?.pid).toBe(first.state.pid);
    const conf = fs.readFileSync(path.join(dataDir, "neo4j", "conf", "neo4j.conf"), "utf8");
    expect(conf).toContain("server.http.enabled=false");
    expect(conf).toContain(`server.bolt.listen_address=127.0.0.1:${first.state.port}`);

    const again = await startLocalNeo4j(config, { log });
    expect(again.started).toBe(false);
    expect(again.state.pid).toBe(first.state.pid);

    process.kill(first.state.pid, "SIGKILL");
    await expect.poll(() => isAlive(first.state.pid), { timeout: 10_000 }).toBe(false);
    expect((await localNeo4jStatus(config)).running).toBe(false);

    const restarted = await startLocalNeo4j(config, { log });
    expect(restarted.started).toBe(true);
    const graph = new Graph(restarted.connection);
    try {
      expect(await graph.read("RETURN 1 AS one")).toEqual([{ one: 1 }]);
    } finally {
      await graph.close();
    }
    // no archive yet: a JVM killed by SIGKILL wrote none; this one writes one when it stops
    expect(archives()).toEqual([]);
    expect(jvmFlags(restarted.state.pid).some((flag) => flag.startsWith("-XX:ArchiveClassesAtExit="))).toBe(true);

    expect(await stopLocalNeo4j(config, log)).toBe(true);
    expect(isAlive(restarted.state.pid)).toBe(false);
    expect(readState(config)).toBeUndefined();
    // the clean stop kept the archive its JVM wrote at exit (and no part file)
    expect(archives()).toHaveLength(1);
    expect(fs.readdirSync(neo4jCacheDir).filter((name) => name.endsWith(".part"))).toEqual([]);
  }, 180_000);

  it("that dies under a command is named, with the end of its log, instead of 'unavailable'", async () => {
    const connected = await connect(config, { owned: false });
    try {
      // the next start maps the class-data archive the last stop kept (classDataArchive)
      expect(jvmFlags(connected.local!.state.pid)).toContain(`-XX:SharedArchiveFile=${path.join(neo4jCacheDir, archives()[0])}`);
      const nowhere = new Graph({ uri: "bolt://127.0.0.1:1" });
      const unavailable = await nowhere.read("RETURN 1").catch((e: unknown) => e);
      await nowhere.close();
      // While the server runs, an unavailable database is told as it is.
      expect(connected.explain(unavailable)).toBe(unavailable);
      const pid = connected.local!.state.pid;
      process.kill(pid, "SIGKILL");
      await expect.poll(() => isAlive(pid), { timeout: 10_000 }).toBe(false);
      const error = await connected.graph.read("RETURN 1").catch((e: unknown) => connected.explain(e));
      expect(error).toMatchObject({ extensions: { code: "LOCAL_NEO4J_ERROR" } });
      expect((error as Error).message).toContain(`The local Neo4j (pid ${pid}) stopped while the command ran`);
      expect((error as Error).message).toContain(path.join(dataDir, "neo4j", "logs", "console.log"));
    } finally {
      await connected.close();
    }
  }, 180_000);

  it("a process that started the server, which died and was started again by another, does not stop the new one", async () => {
    await stopLocalNeo4j(config, () => {});
    const api = await connect(config, { owned: true, migrate: false, log: () => {} });
    const first = api.local!.state.pid;
    expect(api.local!.started).toBe(true);
    process.kill(first, "SIGKILL");
    await expect.poll(() => isAlive(first), { timeout: 10_000 }).toBe(false);
    // `claimgraph neo4j start`, by someone else
    const cli = await startLocalNeo4j(config, { log: () => {} });
    expect(cli.started).toBe(true);
    await api.close();
    expect(isAlive(cli.state.pid)).toBe(true);
    expect(readState(config)?.pid).toBe(cli.state.pid);
    expect(await stopLocalNeo4j(config, () => {})).toBe(true);
  }, 240_000);
});

describe("configuration", () => {
  it("uses NEO4J_URI instead of a local server when it is set", () => {
    const config = loadConfig({ NEO4J_URI: "neo4j://cluster.example:7687", NEO4J_USER: "u", NEO4J_PASSWORD: "secret-pass", NEO4J_DATABASE: "news" });
    expect(config.external).toEqual({ uri: "neo4j://cluster.example:7687", user: "u", password: "secret-pass", database: "news" });
    expect(loadConfig({}).external).toBeUndefined();
  });

  it("rejects a PORT that is not a port number", () => {
    expect(() => loadConfig({ PORT: "http" })).toThrow(/PORT/);
  });
});

describe("a dead database", () => {
  it("is reported as DATABASE_UNAVAILABLE, not a driver stack", async () => {
    const graph = new Graph({ uri: "bolt://127.0.0.1:1" });
    try {
      await expect(graph.read("RETURN 1")).rejects.toMatchObject({ extensions: { code: "DATABASE_UNAVAILABLE" } });
    } finally {
      await graph.close();
    }
  }, 30_000);
});

describe.skipIf(!!process.env.NEO4J_URI)("missing prerequisites", () => {
  it("are named with what to install, before anything is started", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-nojava-"));
    try {
      const result = spawnSync(process.execPath, ["src/bin/claimgraph.mjs", "neo4j", "start"], {
        cwd: projectRoot(),
        encoding: "utf8",
        env: { HOME: os.tmpdir(), PATH: "/nonexistent", CLAIMGRAPH_DATA_DIR: dataDir, CLAIMGRAPH_NEO4J_CACHE: path.join(dataDir, "cache") },
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("Java 17 or newer is needed");
      expect(result.stderr).toContain("NEO4J_URI");
      expect(result.stderr).not.toContain("    at ");
      expect(fs.existsSync(path.join(dataDir, "neo4j", "state.json"))).toBe(false);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
