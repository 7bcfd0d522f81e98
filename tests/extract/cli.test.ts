import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "../../src/graph/graph.ts";
import { graphStats } from "../../src/extract/load.ts";
import { listExtractFiles } from "../../src/extract/parse.ts";
import { writeCorpus } from "../../src/synth/generateCorpus.ts";
import { cleanGraph, resetGraph } from "../support/graph.ts";
import { ARTICLE_STATS, SEED_FILE, article, snapshot, tempDir, writeExtract } from "./fixtures.ts";
import { testNeo4j } from "../support/neo4j.ts";

/** `claimgraph validate` and `claimgraph seed` end to end, as an editor runs them. */

const run = promisify(execFile);
const BIN = path.resolve("src/bin/claimgraph.mjs");

async function claimgraph(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { uri, user, password, database } = testNeo4j();
  const env: NodeJS.ProcessEnv = { ...process.env, NEO4J_URI: uri, DEBUG: "" };
  if (user) env.NEO4J_USER = user;
  if (password !== undefined) env.NEO4J_PASSWORD = password;
  if (database) env.NEO4J_DATABASE = database;
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env, cwd: process.cwd(), timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout: string; stderr: string };
    if (typeof failed.code !== "number") throw error;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

let graph: Graph;
let dir: string;

beforeAll(async () => {
  graph = await cleanGraph();
  dir = tempDir();
});
afterAll(async () => {
  await graph.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the claimgraph command", () => {
  it("validate: a bad file exits 1 with its problems on stderr (file and path), no stack trace, nothing written", async () => {
    const extract = article();
    extract.statements[3].about.grantee = "nobody-corp";
    extract.reports[0].publishedAt = "2018-02-30";
    extract.statements[4].stance = "DENIES_EVERYTHING";
    const bad = writeExtract(dir, "bad.yaml", extract);
    const before = await snapshot(graph);
    const result = await claimgraph("validate", bad);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    // Schema problems first, and the unknown reference in the same run.
    expect(result.stderr).toContain(`${bad}: reports[0].publishedAt: this date does not exist in the calendar`);
    expect(result.stderr).toContain(`${bad}: statements[4].stance: must be one of DENIES_ACCESS`);
    expect(result.stderr).toContain(`${bad}: statements[3].about.grantee: unknown organisation "nobody-corp"`);
    expect(result.stderr).toContain("3 problems in the extracts; nothing was written.");
    expect(result.stderr).not.toContain("    at ");
    expect(await snapshot(graph)).toEqual(before);

    extract.reports[0].publishedAt = "2018-12-18";
    extract.statements[4].stance = "CLAIMS_UNAWARE";
    writeExtract(dir, "bad.yaml", extract);
    const second = await claimgraph("validate", bad);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`${bad}: statements[3].about.grantee: unknown organisation "nobody-corp"`);
    expect(second.stderr).not.toContain("    at ");
  });

  it("validate: a file with bad syntax exits 1 naming the file and the line", async () => {
    const bad = path.join(dir, "syntax.json");
    fs.writeFileSync(bad, '{\n  "source": {\n    "id": "x"\n    "title": "t"\n  }\n}\n');
    const result = await claimgraph("validate", bad);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${bad}: line 4, column 5: invalid JSON`);
    expect(result.stderr).not.toContain("    at ");
  });

  it("validate: odd YAML (a mapping as a key, a dangling alias) is reported, without Node warnings or a crash", async () => {
    const odd = path.join(dir, "odd.yaml");
    fs.writeFileSync(odd, "{ source: x }: 1\nformat: 2\nsource: { id: a, title: t, publishedAt: '2019' }\n");
    const result = await claimgraph("validate", odd);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${odd}: unknown key: { source: x }`);
    expect(result.stderr).not.toMatch(/Warning|    at /);
    fs.writeFileSync(odd, "source: *nothing\n");
    const dangling = await claimgraph("validate", odd);
    expect(dangling.code).toBe(1);
    expect(dangling.stderr).toContain(`${odd}: invalid YAML: Unresolved alias`);
    expect(dangling.stderr).not.toContain("    at ");
  });

  it("validate: a good file exits 0 and writes nothing", async () => {
    const result = await claimgraph("validate", SEED_FILE);
    expect(result).toMatchObject({ code: 0, stdout: `1 extract file valid: ${SEED_FILE}\n` });
    expect(await graphStats(graph)).toEqual({ nodes: {}, relationships: {} });
  });

  it("seed, then stats --json, twice, gives identical JSON: the article's counts", async () => {
    const seeded = await claimgraph("seed", SEED_FILE);
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toMatch(/^Seeded 1 file: 51 nodes and \d+ relationship rows written in one transaction\.\n$/);
    const first = await claimgraph("stats", "--json");
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual(ARTICLE_STATS);
    const afterFirst = await snapshot(graph);

    expect((await claimgraph("seed", SEED_FILE)).code).toBe(0);
    const second = await claimgraph("stats", "--json");
    expect(second.stdout).toBe(first.stdout);
    expect(await snapshot(graph)).toEqual(afterFirst);
  });

  it("seed: a bad file exits 1 and leaves the graph as it was", async () => {
    const before = await snapshot(graph);
    const extract = article();
    extract.statements[4].stance = "DENIES_EVERYTHING";
    const bad = writeExtract(dir, "bad-stance.yaml", extract);
    const result = await claimgraph("seed", SEED_FILE, bad);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${bad}: statements[4].stance: must be one of`);
    expect(result.stderr).not.toContain("    at ");
    expect(await snapshot(graph)).toEqual(before);
  });
  it("seed --each loads a folder file by file, to the graph one transaction gives, and says where it stopped", async () => {
    const corpus = tempDir();
    writeCorpus(corpus, { organizations: 30, seed: 2, statementsPerOrganization: 10 });
    const files = listExtractFiles([corpus]).files;
    expect(files.length).toBeGreaterThanOrEqual(2);

    await resetGraph(graph);
    const each = await claimgraph("seed", "--each", corpus);
    expect(each.code).toBe(0);
    expect(each.stdout).toMatch(new RegExp(`^Seeded ${files.length} files, each in its own transaction: \\d+ nodes and \\d+ relationship rows\\.\n$`));
    const byFile = await graphStats(graph);
    await resetGraph(graph);
    expect((await claimgraph("seed", corpus)).code).toBe(0);
    expect(await graphStats(graph)).toEqual(byFile);

    // A file refused after others: those before it stay loaded, and the message says so.
    const extract = article();
    extract.statements[0].stance = "DENIES_EVERYTHING";
    const bad = writeExtract(corpus, "zz-bad.yaml", extract);
    await resetGraph(graph);
    const stopped = await claimgraph("seed", "--each", corpus);
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toContain(`${bad}: statements[0].stance: must be one of`);
    expect(stopped.stderr).toContain(`seed --each: stopped at ${bad} (${files.length + 1} of ${files.length + 1}): the ${files.length} files before it are loaded, 0 after it not tried.`);
    expect(await graphStats(graph)).toEqual(byFile);
  }, 120_000);

  it("--help and unknown options are answered before anything starts: no local Neo4j, no path read", async () => {
    const data = fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-data-")); // empty: nothing may be written there
    const local = async (...args: string[]) => {
      try {
        const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
          env: { ...process.env, NEO4J_URI: "", CLAIMGRAPH_DATA_DIR: data },
          timeout: 30_000,
        });
        return { code: 0, stdout, stderr };
      } catch (error) {
        const failed = error as { code: number; stdout: string; stderr: string };
        return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
      }
    };
    try {
      for (const command of ["serve", "seed", "validate", "stats", "neo4j"]) {
        const help = await local(command, "--help");
        expect(help, command).toMatchObject({ code: 0, stderr: "" });
        expect(help.stdout).toContain(`claimgraph ${command}`);
      }
      expect((await local("export", "-h")).stdout).toMatch(/--organization <id> +only contradictions involving/);
      expect((await local("synth", "--help")).stdout).toContain("--statements-per-organization <k>");
      const unknown = await local("seed", "--force", "seeds");
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/claimgraph seed: unknown option '--force'/);
      expect((await local("stats", "--jsn")).code).toBe(2);
      // nothing was started in the data folder
      expect(fs.readdirSync(data)).toEqual([]);
    } finally {
      fs.rmSync(data, { recursive: true, force: true });
    }
  });
});
