import { execFile } from "node:child_process";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig, projectRoot } from "../../src/config.ts";
import { connect } from "../../src/graph/connect.ts";
import { checkJava, readState, startLocalNeo4j, stopLocalNeo4j } from "../../src/graph/localNeo4j.ts";
import { listen } from "../../src/server/http.ts";
import { buildApp } from "../../src/main.ts";
import { isAlive } from "../support/process.ts";

const run = promisify(execFile);

/**
 * The API's supervisor of the local Neo4j (src/graph/connect.ts) against the other processes that
 * start the server of its data folder (`claimgraph neo4j start`), and beside the requests it serves.
 * Each test here has its own data folder and real Neo4j servers.
 */
describe.skipIf(!!process.env.NEO4J_URI)("the supervisor of the local Neo4j", () => {
  const dataDirs: string[] = [];
  const configFor = (name: string) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `claimgraph-${name}-`));
    dataDirs.push(dataDir);
    return { ...loadConfig({}), dataDir };
  };
  afterAll(async () => {
    for (const dataDir of dataDirs) {
      await stopLocalNeo4j({ ...loadConfig({}), dataDir }, () => {});
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  /** The pids of the Neo4j JVMs running on this data folder. */
  const serversOf = (dataDir: string) =>
    fs
      .readdirSync("/proc")
      .filter((p) => /^\d+$/.test(p))
      .filter((p) => {
        try {
          const cmdline = fs.readFileSync(`/proc/${p}/cmdline`, "utf8");
          return cmdline.includes("org.neo4j.server.CommunityEntryPoint") && cmdline.includes(`--home-dir=${path.join(dataDir, "neo4j")}`);
        } catch {
          return false;
        }
      })
      .map(Number);

  const killed = async (pid: number) => {
    process.kill(pid, "SIGKILL");
    await expect.poll(() => isAlive(pid), { timeout: 10_000 }).toBe(false);
  };

  /** `claimgraph neo4j start` on this data folder, in another process. */
  const cliStart = (config: { dataDir: string }) => {
    const env: NodeJS.ProcessEnv = { ...process.env, CLAIMGRAPH_DATA_DIR: config.dataDir };
    delete env.NEO4J_URI;
    return run(process.execPath, ["src/bin/claimgraph.mjs", "neo4j", "start"], { cwd: projectRoot(), env, timeout: 180_000 });
  };

  type Api = Awaited<ReturnType<typeof connect>>;

  /** The API's connection (supervised) on a fresh data folder, its server just killed; closed after `body`. */
  async function afterAKill(name: string, superviseEveryMs: number, body: (api: Api, config: ReturnType<typeof configFor>) => Promise<void>) {
    const config = configFor(name);
    const api = await connect(config, { owned: true, supervise: true, superviseEveryMs, log: () => {} });
    try {
      await killed(api.local!.state.pid);
      await body(api, config);
    } finally {
      await api.close();
    }
  }

  /** The one server running on the data folder, recorded in state.json and used by the API: its pid. */
  const theOneServer = (api: Api, config: { dataDir: string }) => {
    const running = serversOf(config.dataDir);
    expect(running).toHaveLength(1);
    expect(readState({ ...loadConfig({}), dataDir: config.dataDir })?.pid).toBe(running[0]);
    expect(api.local!.state.pid).toBe(running[0]);
    return running[0];
  };

  /** Closes the API: the server it started is stopped; one another process started runs on, still recorded. */
  const closeAndCheck = async (api: Api, config: { dataDir: string }, pid: number) => {
    const apiStartedIt = api.local!.started;
    await api.close();
    if (apiStartedIt) {
      await expect.poll(() => isAlive(pid), { timeout: 60_000 }).toBe(false);
    } else {
      expect(isAlive(pid)).toBe(true);
      expect(readState({ ...loadConfig({}), dataDir: config.dataDir })?.pid).toBe(pid);
    }
  };

  // first in the file: the check is made once per process
  it("checks Java without blocking the event loop", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      const checked = checkJava();
      expect(checked).toBeInstanceOf(Promise);
      await checked;
    } finally {
      clearInterval(timer);
    }
    // `java -version` takes 100 ms or more: timers ran meanwhile
    expect(ticks).toBeGreaterThan(0);
  });

  it("a restart by the supervisor and another start at the same moment make one server, which the API uses and stops only if it started it", async () => {
    await afterAKill("race", 3_600_000, async (api, config) => {
      // the supervisor's restart and `claimgraph neo4j start`'s start (the same call) race from the same point
      const [, other] = await Promise.all([api.supervise(), startLocalNeo4j(config, { log: () => {} })]);
      const running = [theOneServer(api, config)];
      expect(other.state.pid).toBe(running[0]);
      expect([api.local!.started, other.started].filter(Boolean)).toHaveLength(1);
      expect(await api.graph.read("RETURN 1 AS one")).toEqual([{ one: 1 }]);
      await closeAndCheck(api, config, running[0]);
    });
  }, 240_000);

  it("a `claimgraph neo4j start` (another process) racing the supervisor's restart: the API ends up on the one running server and never stops it unless it started it", async () => {
    await afterAKill("cli-race", 100, async (api, config) => {
      // the supervisor looks every 100 ms; the CLI starts meanwhile
      const cli = await cliStart(config);
      await expect.poll(async () => (await api.graph.read("RETURN 1 AS one").catch(() => []))[0]?.one, { timeout: 120_000, interval: 250 }).toBe(1);
      const running = [theOneServer(api, config)];
      expect(cli.stdout).toContain(`(pid ${running[0]})`);
      const cliStartedIt = cli.stdout.startsWith("Started");
      expect(api.local!.started).toBe(!cliStartedIt);
      console.log(`the race was won by ${cliStartedIt ? "`claimgraph neo4j start`" : "the API's supervisor"}`);
      await closeAndCheck(api, config, running[0]);
    });
  }, 300_000);

  it("a `claimgraph neo4j start` in the middle of starting the server when the supervisor looks: the supervisor waits, attaches to it, and the API's close leaves it running", async () => {
    await afterAKill("cli-first", 3_600_000, async (api, config) => {
      const cli = cliStart(config);
      // the CLI holds the start lock: it is starting the server (not answering yet)
      await expect.poll(() => fs.existsSync(path.join(config.dataDir, "neo4j", "starting.lock")), { timeout: 60_000, interval: 10 }).toBe(true);
      await api.supervise();
      const { stdout } = await cli;
      expect(stdout).toMatch(/^Started: /);
      const running = [theOneServer(api, config)];
      expect(api.local!.started).toBe(false);
      expect(await api.graph.read("RETURN 1 AS one")).toEqual([{ one: 1 }]);
      await closeAndCheck(api, config, running[0]);
    });
  }, 300_000);

  // The bound is generous: on two cores a starting JVM alone descheduled this process 75-160 ms at a
  // time (measured); a synchronous `java -version` (the check before a start) took 0.1 s on a quiet
  // machine, about 1 s on a busy one. The test above is the one that fails on a blocking check.
  it("while it restarts Neo4j, /health answers and the event loop never stalls 400 ms", async () => {
    const config = configFor("health");
    const api = await connect(config, { owned: true, supervise: true, superviseEveryMs: 3_600_000, log: () => {} });
    const { apollo, handler } = await buildApp(api.graph, { log: () => {}, accessPolicy: { tokens: new Map(), public: false } });
    const server = await listen(handler, 0, "127.0.0.1");
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`;
    try {
      expect((await fetch(url)).status).toBe(200);
      await killed(api.local!.state.pid);
      const delay = monitorEventLoopDelay({ resolution: 10 });
      const latencies: number[] = [];
      let restarting = true;
      const probe = (async () => {
        while (restarting) {
          const started = performance.now();
          const response = await fetch(url);
          expect(response.status).toBe(200);
          latencies.push(performance.now() - started);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      })();
      delay.enable();
      await api.supervise();
      delay.disable();
      restarting = false;
      await probe;
      expect(api.local!.started).toBe(true);
      expect(await api.graph.read("RETURN 1 AS one")).toEqual([{ one: 1 }]);
      const maxStallMs = delay.max / 1e6;
      console.log(`restart under /health probes: ${latencies.length} answered, slowest ${Math.max(...latencies).toFixed(0)} ms, event loop's longest stall ${maxStallMs.toFixed(0)} ms`);
      expect(latencies.length).toBeGreaterThan(10);
      expect(maxStallMs).toBeLessThan(400);
      expect(Math.max(...latencies)).toBeLessThan(1000);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await apollo.stop();
      await api.close();
    }
  }, 240_000);
});
