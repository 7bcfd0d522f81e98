import "reflect-metadata";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { testNeo4j } from "../support/neo4j.ts";
import { evidenceNames, mentions } from "../../src/domain/evidenceNames.ts";
import { ExtractValidationError, readAndValidate, seed } from "../../src/extract/load.ts";
import type { ExtractIssue } from "../../src/extract/parse.ts";
import type { Graph } from "../../src/graph/graph.ts";
import { type TestApi, startApi } from "../support/api.ts";
import { cleanGraph, resetGraph } from "../support/graph.ts";
import { type Json, article, tempDir, writeExtract } from "./fixtures.ts";

/**
 * Evidence that names what it proves (issue 22, point 3): the validator warns (refuses with
 * `--strict`, which CI uses on seeds/) when a piece of evidence for a grant names neither its
 * grantee (nor its group) nor its data; explanations say "documents" only for evidence that names
 * the grant's parties or data, otherwise "reports in general that …".
 */
const GENERAL = "According to a scorching report in the New York Times, the social network gave business partners plenty of access to the data of its billions of users.";
const ARTICLE_ID = "facebook-partners-private-messages-2018-12-20";

let graph: Graph;
beforeAll(async () => {
  graph = await cleanGraph();
});
afterAll(async () => {
  await graph?.close();
});

/** The seed with its Netflix grant documented, as it was, by the Times' general sentence. */
function withGeneralEvidence(): Json {
  const extract = article();
  const netflix = extract.grants.find((g: Json) => g.id === "facebook-netflix-private-messages");
  netflix.documentedIn.unshift({ report: "nyt-2018-12-18-facebook-partners", account: GENERAL, carriedBy: ARTICLE_ID });
  return extract;
}

describe("naming", () => {
  it("whole words, any case, possessives and apostrophes folded", () => {
    expect(mentions("The Times was one of nine media organizations", "the Times")).toBe(true);
    expect(mentions("Applebee's menu", "Apple")).toBe(false);
    expect(mentions("Netflix's access", "Netflix")).toBe(true);
    expect(mentions("a users’ friends lists", "friends lists")).toBe(true);
    expect(evidenceNames(GENERAL, { grantee: ["Netflix"], data: ["private messages", "private user messages"] })).toEqual({ grantee: false, data: false });
    expect(evidenceNames("Facebook allowed Netflix, Spotify to access private user messages", { grantee: ["Netflix"], data: ["private user messages"] })).toEqual({ grantee: true, data: true });
  });
});

describe("the validator", () => {
  it("the seed names what each piece of its evidence proves: valid with --strict (as CI runs it)", async () => {
    const warnings: ExtractIssue[] = [];
    await readAndValidate(graph, ["seeds"], { strict: true, warn: (w) => warnings.push(w) });
    expect(warnings).toEqual([]);
  });

  it("warns of evidence that names neither the grantee nor the data, naming the grant and the sentence; the load goes ahead", async () => {
    const dir = tempDir();
    const file = writeExtract(dir, "general.yaml", withGeneralEvidence());
    const warnings: ExtractIssue[] = [];
    await resetGraph(graph);
    await seed(graph, [file], undefined, { warn: (w) => warnings.push(w) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ file, path: "grants[0].documentedIn[0]", severity: "warning" });
    expect(warnings[0].message).toContain(`the evidence for grant "facebook-netflix-private-messages" names neither Netflix (nor its group) nor its data (private messages): “${GENERAL}”`);
  });

  it("refuses it with --strict, writing nothing", async () => {
    const dir = tempDir();
    const file = writeExtract(dir, "general.yaml", withGeneralEvidence());
    await resetGraph(graph);
    const refused = await seed(graph, [file], undefined, { strict: true }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ExtractValidationError);
    expect((refused as ExtractValidationError).issues.map((i) => i.path)).toEqual(["grants[0].documentedIn[0]"]);
    const [{ n }] = await graph.read<{ n: number }>("MATCH (s:Statement) RETURN count(s) AS n");
    expect(n).toBe(0);
  });

  it("the command line: validate warns on stderr and exits 0; validate --strict exits 1", async () => {
    const dir = tempDir();
    const file = writeExtract(dir, "general.yaml", withGeneralEvidence());
    await resetGraph(graph);
    const { uri, user, password, database } = testNeo4j();
    const env: NodeJS.ProcessEnv = { ...process.env, NEO4J_URI: uri, DEBUG: "", NEO4J_USER: user ?? "", NEO4J_PASSWORD: password ?? "", ...(database ? { NEO4J_DATABASE: database } : {}) };
    const run = (...args: string[]) =>
      promisify(execFile)(process.execPath, [path.resolve("src/bin/claimgraph.mjs"), ...args], { env, timeout: 60_000 }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
      );
    const lenient = await run("validate", file);
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toContain(`warning: ${file}: grants[0].documentedIn[0]: the evidence for grant "facebook-netflix-private-messages"`);
    const strict = await run("validate", "--strict", file);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain(`${file}: grants[0].documentedIn[0]: the evidence for grant`);
  });
});

describe("explanations", () => {
  let api: TestApi;
  beforeAll(async () => {
    await resetGraph(graph);
    const dir = tempDir();
    // Only the general sentence documents the Netflix grant here.
    const extract = withGeneralEvidence();
    const netflix = extract.grants.find((g: Json) => g.id === "facebook-netflix-private-messages");
    netflix.documentedIn = netflix.documentedIn.slice(0, 1);
    await seed(graph, [writeExtract(dir, "general.yaml", extract)]);
    api = await startApi(graph);
  });
  afterAll(() => api?.close());

  const explanation = async (id: string) => {
    const { body } = await api.query(`query($id: ID!) { contradiction(id: $id) { explanation } }`, { id });
    expect(body.errors).toBeUndefined();
    return body.data.contradiction.explanation as string;
  };

  it("a report whose evidence names nothing of the grant 'reports in general', never 'documents'", async () => {
    const text = await explanation("netflix-never-asked-or-accessed-messages~facebook-netflix-private-messages");
    expect(text).toContain("reports in general that Facebook gave partners access to users' data, without naming Netflix or private messages");
    expect(text).not.toMatch(/documents? that/);
  });

  it("evidence naming the grantee 'documents'", async () => {
    expect(await explanation("apple-unaware-of-access~facebook-apple-personal-data")).toContain("documents that Facebook gave Apple access to personal data");
    // Bing is documented by a sentence naming Microsoft, its group.
    const { body } = await api.query(`{ contradictions(first: 100) { edges { node { id explanation } } } }`);
    for (const { node } of body.data.contradictions.edges) {
      if (node.id.endsWith("~facebook-netflix-private-messages")) continue;
      expect(node.explanation, node.id).not.toContain("in general");
    }
  });
});
