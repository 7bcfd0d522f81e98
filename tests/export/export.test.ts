import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli.ts";
import { exportCommand } from "../../src/export/exportCommand.ts";
import { fetchContradictions } from "../../src/export/fetchContradictions.ts";
import { CSV_COLUMNS } from "../../src/export/formats.ts";
import type { Graph } from "../../src/graph/graph.ts";
import { useSeededApi } from "../support/api.ts";
import { csvObjects } from "./parseCsv.ts";
import { testNeo4j } from "../support/neo4j.ts";

/**
 * Exports on the seed article: through `exportCommand`, the real CLI (`main`, with NEO4J_URI at the
 * test Neo4j) and HTTP. The data comes through the GraphQL schema, so it is the API's evidence chain.
 */
const NETFLIX_QUOTE = "Netflix never asked for, or accessed, anyone's private messages";
const NETFLIX_DENIAL = "netflix-never-asked-or-accessed-messages~facebook-netflix-private-messages";

const seeded = useSeededApi();
let graph: Graph;
let base: string;
beforeAll(() => {
  graph = seeded.graph;
  base = seeded.api.url;
});

/** How many contradictions the API counts, asked over HTTP like any client. */
async function apiTotal(): Promise<number> {
  const response = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: "{ contradictions { totalCount } }" }),
  });
  const total = (await response.json()).data.contradictions.totalCount;
  expect(total).toBeGreaterThan(3);
  return total;
}

/** Runs exportCommand and returns its exit code and what it wrote. */
async function runExport(args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await exportCommand(graph, args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

// The first export plans the contradiction queries: seconds, more on a busy machine.
describe("claimgraph export contradictions", { timeout: 180_000 }, () => {
  it("--format md for Netflix is a memo quoting Netflix verbatim and citing the article that documents the grant by name", async () => {
    const { code, stdout } = await runExport(["contradictions", "--format", "md", "--organization", "netflix"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^# Contradictions: Netflix\n/);
    expect(stdout).toContain(`“${NETFLIX_QUOTE}”`);
    expect(stdout).toContain(`**Netflix** said in a tweet (December 2018): “${NETFLIX_QUOTE}”.[^`);
    expect(stdout).toContain("Facebook gave Netflix access to private messages, for a period not documented, for messaging features.");
    // The evidence names the grant (issue 22): the article's headline, which names Netflix and the
    // messages, in the article's own words, footnoted to the article; not the Times' general sentence.
    const headline = /documents it: “Facebook allowed Netflix, Spotify to access private user messages”\.\[\^(\d+)\]/.exec(stdout);
    expect(headline).not.toBeNull();
    const footnote = new RegExp(`^\\[\\^${headline![1]}\\]: (.*)$`, "m").exec(stdout);
    expect(footnote?.[1]).toMatch(/^“Facebook allowed Netflix, Spotify to access private user messages”, article by Muriel Colon, 20 December 2018/);
    // Where Netflix said it: its tweet, cited too.
    expect(stdout).toMatch(/^\[\^\d+\]: An untitled social media post by Netflix, December 2018\.$/m);
    // Exactly Netflix's two contradictions: its denial and its unawareness claim.
    expect(stdout.match(/^## \d+\. /gm)).toHaveLength(2);
  });

  it("cites the report's address when one is known", async () => {
    await graph.write("MATCH (r:Report {id: $id}) SET r.url = $url", { id: "netflix-tweet-2018-12", url: "https://twitter.com/netflix/status/1" });
    try {
      const { stdout } = await runExport(["contradictions", "--format", "md", "--organization", "netflix"]);
      expect(stdout).toMatch(/^\[\^\d+\]: An untitled social media post by Netflix, December 2018, <https:\/\/twitter\.com\/netflix\/status\/1>\.$/m);
    } finally {
      await graph.write("MATCH (r:Report {id: $id}) SET r.url = null", { id: "netflix-tweet-2018-12" });
    }
  });

  // In pairs (--group pairs): by statement, the default, is tests/export/findingsExport.test.ts's.
  it("--format csv --group pairs parses (RFC 4180) to one row per contradiction with the documented columns", async () => {
    const { code, stdout } = await runExport(["contradictions", "--format", "csv", "--organization", "netflix", "--group", "pairs"]);
    expect(code).toBe(0);
    const rows = csvObjects(stdout);
    expect(Object.keys(rows[0])).toEqual(CSV_COLUMNS.map((c) => c.name));
    expect(rows.map((r) => r.id).sort()).toEqual([NETFLIX_DENIAL, "netflix-unaware-of-access~facebook-netflix-private-messages"].sort());
    const denial = rows.find((r) => r.id === NETFLIX_DENIAL)!;
    expect(denial).toMatchObject({ quote: NETFLIX_QUOTE, speaker: "Netflix", made_at: "2018-12", channel: "tweet", grantor: "Facebook", grantee: "Netflix", data: "private messages" });
    expect(denial.evidence).toBe("“Facebook allowed Netflix, Spotify to access private user messages”, 20 December 2018");
    expect(denial.documented_quotes).toContain("documents it: “Facebook allowed Netflix, Spotify to access private user messages”");
  });

  it("--format json --group pairs parses and holds the same contradictions as the API, strongest first", async () => {
    const { stdout } = await runExport(["contradictions", "--format", "json", "--group", "pairs"]);
    const parsed = JSON.parse(stdout);
    expect(parsed.organization).toBeNull();
    expect(parsed.count).toBe(parsed.contradictions.length);
    expect(parsed.contradictions.length).toBe(await apiTotal());
    const severities = parsed.contradictions.map((c: { severity: number }) => c.severity);
    expect(severities).toEqual([...severities].sort((a: number, b: number) => b - a));
    const denial = parsed.contradictions.find((c: { id: string }) => c.id === NETFLIX_DENIAL);
    expect(denial.statement.quote).toBe(NETFLIX_QUOTE);
    expect(denial.evidence.map((r: { id: string }) => r.id)).toContain("facebook-partners-private-messages-2018-12-20");
  });

  it("pages through every contradiction: small pages give what one large page gives, in the same order", async () => {
    const whole = await fetchContradictions(graph, {});
    const paged = await fetchContradictions(graph, { pageSize: 3 });
    expect(whole.contradictions.length).toBeGreaterThan(3);
    expect(paged.contradictions.map((c) => c.id)).toEqual(whole.contradictions.map((c) => c.id));
  });

  it("--out writes the file and says so on stderr", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-export-")), "netflix.csv");
    const { code, stdout, stderr } = await runExport(["contradictions", "--format", "csv", "--organization", "netflix", "--out", file]);
    expect(code).toBe(0);
    expect(stdout).toBe("");
    expect(stderr).toContain(`Wrote 2 findings (2 contradictions) (csv) to ${file}`);
    expect(csvObjects(fs.readFileSync(file, "utf8"))).toHaveLength(2);
  });

  it("--text keeps the contradictions holding every word, as the API's filter.text", async () => {
    const { code, stdout } = await runExport(["contradictions", "--format", "csv", "--text", "never  ASKED", "--group", "pairs"]);
    expect(code).toBe(0);
    expect(csvObjects(stdout).map((r) => r.id)).toEqual([NETFLIX_DENIAL]);
    const none = await runExport(["contradictions", "--format", "csv", "--text", "never asked spotify"]);
    expect(csvObjects(none.stdout)).toEqual([]);
  });

  it("an unknown organisation is NOT_FOUND, and bad arguments are usage errors (exit 2)", async () => {
    await expect(runExport(["contradictions", "--format", "md", "--organization", "no-such-org"])).rejects.toMatchObject({
      extensions: { code: "NOT_FOUND" },
      message: 'No organization with id "no-such-org".',
    });
    for (const args of [
      ["contradictions", "--format", "xml"],
      ["contradictions"],
      ["grants", "--format", "json"],
      [],
      ["contradictions", "--format", "json", "--bogus"],
      ["contradictions", "--format", "json", "--kind", "LIES"],
      ["contradictions", "--format", "json", "--min-severity", "101"],
      ["contradictions", "--format", "json", "--from", "Dec 2018"],
      ["contradictions", "--format", "docx"],
    ]) {
      const { code, stderr, stdout } = await runExport(args);
      expect(code, args.join(" ")).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toContain("Usage: claimgraph export contradictions --format json|csv|md|html|docx");
    }
    // Unknown options with the closest one, and the command's help.
    const misspelt = await runExport(["contradictions", "--format", "json", "--orgnization", "netflix"]);
    expect(misspelt.stderr).toMatch(/^claimgraph export: unknown option '--orgnization'\n\(Did you mean --organization\?\)\n\nUsage:/);
    expect(misspelt.stderr).not.toContain("positional");
  });
});

describe("the claimgraph CLI", () => {
  async function cli(args: string[]) {
    let stdout = "";
    let stderr = "";
    const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => ((stdout += String(chunk)), true));
    const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => ((stderr += String(chunk)), true));
    const saved = { NEO4J_URI: process.env.NEO4J_URI, NEO4J_PASSWORD: process.env.NEO4J_PASSWORD };
    process.env.NEO4J_URI = testNeo4j().uri;
    if (testNeo4j().password !== undefined) process.env.NEO4J_PASSWORD = testNeo4j().password;
    try {
      return { code: await main(args), stdout, stderr };
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      out.mockRestore();
      err.mockRestore();
    }
  }

  it("exports, and exits 1 with a clear message for an unknown organisation, 2 for a bad format", async () => {
    const ok = await cli(["export", "contradictions", "--format", "md", "--organization", "netflix"]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(NETFLIX_QUOTE);

    const unknown = await cli(["export", "contradictions", "--format", "md", "--organization", "no-such-org"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('claimgraph: No organization with id "no-such-org".\n');

    const bad = await cli(["export", "contradictions", "--format", "pdf"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("argument 'pdf' is invalid. Allowed choices are json, csv, md, html, docx.");

    const seedOption = await cli(["seed", "--eachh", "seeds"]);
    expect(seedOption.code).toBe(2);
    expect(seedOption.stderr).toMatch(/^claimgraph seed: unknown option '--eachh'\n\(Did you mean --each\?\)\n\nUsage: claimgraph seed /);
  });
});

describe("GET /export/contradictions.{json,csv,md,html,docx}", () => {
  it("takes the API's filter in the query string", async () => {
    const csv = await fetch(`${base}/export/contradictions.csv?organization=netflix&kind=USE_OR_REQUEST_VS_GRANT&group=pairs`);
    expect(csvObjects(await csv.text()).map((r) => r.id)).toEqual([NETFLIX_DENIAL]);
    // (the seed's strongest weigh 45 under docs/rules.md's severity model)
    const strong = await fetch(`${base}/export/contradictions.json?minSeverity=40&group=pairs`);
    const severities = (await strong.json()).contradictions.map((c: { severity: number }) => c.severity);
    expect(severities.length).toBeGreaterThan(0);
    expect(severities.length).toBeLessThan(await apiTotal());
    expect(Math.min(...severities)).toBeGreaterThanOrEqual(40);
    // The text filter, as the API applies it: the words anywhere in the quote, parties or data, in any case.
    const words = await fetch(`${base}/export/contradictions.csv?text=${encodeURIComponent("NEVER asked")}&group=pairs`);
    expect(csvObjects(await words.text()).map((r) => r.id)).toEqual([NETFLIX_DENIAL]);
    const spotify = await fetch(`${base}/export/contradictions.json?text=spotify&group=pairs`);
    const ids = (await spotify.json()).contradictions.map((c: { id: string }) => c.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.length).toBeLessThan(await apiTotal());
    const long = await fetch(`${base}/export/contradictions.csv?text=${"x".repeat(201)}`);
    expect(long.status).toBe(400);
    expect((await long.json()).errors[0].message).toBe("text is at most 200 characters; got 201.");
  });

  it("serves the same exports over HTTP with their content types", async () => {
    const md = await fetch(`${base}/export/contradictions.md?organization=netflix`);
    expect(md.status).toBe(200);
    expect(md.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(md.headers.get("content-disposition")).toBe('inline; filename="contradictions-netflix.md"');
    const memo = await md.text();
    expect(memo).toContain(`“${NETFLIX_QUOTE}”`);
    expect(memo).toContain("documents it: “Facebook allowed Netflix, Spotify to access private user messages”");

    const csv = await fetch(`${base}/export/contradictions.csv?organization=netflix&group=pairs`);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    expect(csvObjects(await csv.text()).map((r) => r.id)).toContain(NETFLIX_DENIAL);

    const json = await fetch(`${base}/export/contradictions.json?group=pairs`);
    expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect((await json.json()).contradictions.length).toBe(await apiTotal());
  });

  it("answers 404 NOT_FOUND for an unknown organisation and 400 for an unknown format or parameter", async () => {
    const unknown = await fetch(`${base}/export/contradictions.csv?organization=no-such-org`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await unknown.json()).toEqual({ errors: [{ message: 'No organization with id "no-such-org".', extensions: { code: "NOT_FOUND" } }] });

    const format = await fetch(`${base}/export/contradictions.xml`);
    expect(format.status).toBe(400);
    expect((await format.json()).errors[0].extensions.code).toBe("BAD_USER_INPUT");

    const parameter = await fetch(`${base}/export/contradictions.csv?org=netflix`);
    expect(parameter.status).toBe(400);
    expect((await parameter.json()).errors[0].message).toBe('Unknown parameter "org"; exports take organization, kind, minSeverity, from, to, text, status, group.');
    const value = await fetch(`${base}/export/contradictions.csv?kind=LIES&minSeverity=x`);
    expect(value.status).toBe(400);
    expect((await value.json()).errors[0].message).toContain('kind "LIES" is not a kind of contradiction');

    const post = await fetch(`${base}/export/contradictions.csv`, { method: "POST" });
    expect(post.status).toBe(405);
  });
});
