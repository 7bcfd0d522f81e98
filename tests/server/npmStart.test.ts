import { spawn } from "node:child_process";
import { startFlags } from "../support/startFlags.ts";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../src/config.ts";
import { apiBase, isAlive } from "../support/process.ts";

/**
 * `npm start` as a user runs it: its own local Neo4j, the seeds, the API; SIGTERM stops all of it.
 * Skipped when NEO4J_URI points the run at another server (then npm start starts no Neo4j).
 */
describe.skipIf(!!process.env.NEO4J_URI)("npm start", () => {
  it("reaches /ready = 200 with the seeds loaded, and SIGTERM leaves no process behind", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-start-"));
    // NODE_ENV as a user has it: Apollo changes its signal handling under NODE_ENV=test (vitest's)
    const env: NodeJS.ProcessEnv = { ...process.env, CLAIMGRAPH_DATA_DIR: dataDir, PORT: "0", NODE_ENV: "production" };
    delete env.NEO4J_URI;
    // exactly what `npm start` runs (npm itself would stand between the signal and the process)
    const script = JSON.parse(fs.readFileSync(path.join(projectRoot(), "package.json"), "utf8")).scripts.start as string;
    expect(script).toBe(["node", ...startFlags(), "src/bin/claimgraph.mjs", "serve"].join(" "));
    const child = spawn("node", [...startFlags(), "src/bin/claimgraph.mjs", "serve"], { cwd: projectRoot(), env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      // The API line comes once the start is done: seeds loaded and the first answers warmed (src/main.ts).
      const base = await apiBase(child, () => output, 300_000);
      const ready = await fetch(`${base}/ready`);
      expect(ready.status).toBe(200);
      const response = await fetch(`${base}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ contradictions(filter: { organization: \"netflix\" }) { totalCount } }" }),
      });
      expect((await response.json()).data.contradictions.totalCount).toBe(2);

      const state = JSON.parse(fs.readFileSync(path.join(dataDir, "neo4j", "state.json"), "utf8"));
      expect(isAlive(state.pid)).toBe(true);
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      await expect.poll(() => isAlive(state.pid), { timeout: 30_000 }).toBe(false);
      expect(fs.existsSync(path.join(dataDir, "neo4j", "state.json"))).toBe(false);
      // no watchdog shell or server process of this data folder is left
      const leftovers = fs
        .readdirSync("/proc")
        .filter((p) => /^\d+$/.test(p))
        .filter((p) => {
          try {
            return fs.readFileSync(`/proc/${p}/cmdline`, "utf8").includes(dataDir) || fs.readFileSync(`/proc/${p}/cmdline`, "utf8").includes(`kill -0 ${state.pid}`);
          } catch {
            return false;
          }
        });
      await expect.poll(() => leftovers.filter((p) => isAlive(Number(p))), { timeout: 5_000 }).toEqual([]);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 400_000);
});
