import fs from "node:fs";
import type http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../src/config.ts";
import { graphStats, seed } from "../../src/extract/load.ts";
import type { Graph } from "../../src/graph/graph.ts";
import { buildApp } from "../../src/main.ts";
import { listen } from "../../src/server/http.ts";
import { cleanGraph } from "../support/graph.ts";
import { YAHOO_ARTICLE } from "../support/intakeArticle.ts";

/**
 * The intake page's endpoints (src/draft/intakeRoute.ts) against the real Neo4j holding the seed:
 * draft a pasted article, correct it, check it with the CLI's validator and preview its
 * contradictions (nothing written), save it into a seeds folder and load it; and their refusals.
 */


let graph: Graph;
let server: http.Server;
let stopApollo: () => Promise<void>;
let base: string;
let seedsDir: string;

beforeAll(async () => {
  graph = await cleanGraph();
  await seed(graph, [path.join(projectRoot(), "seeds")]);
  seedsDir = fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-intake-seeds-"));
  const built = await buildApp(graph, { log: () => {}, seedsDir });
  stopApollo = () => built.apollo.stop();
  server = await listen(built.handler, 0, "127.0.0.1");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await stopApollo?.();
  await graph?.close();
  fs.rmSync(seedsDir, { recursive: true, force: true });
});

type Json = Record<string, any>;

async function post(action: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}/intake/${action}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Json };
}

/** The draft as a reporter corrects it: Yahoo's denial is about Yahoo as the grantee of Facebook's grant; Facebook's assurance is rejected. */
function reviewed(draft: Json): Json {
  const { draft: _pending, ...extract } = structuredClone(draft.extract);
  const denial = extract.statements.find((s: Json) => s.quote?.startsWith("Yahoo never had access"));
  denial.about = { grantor: "facebook", grantee: "yahoo" };
  extract.statements = [denial];
  return extract;
}

describe("the intake's endpoints", () => {
  let draft: Json;

  it("drafts a pasted article, with where each proposal lies in its text", async () => {
    const { status, body } = await post("draft", { fileName: "pasted.txt", content: YAHOO_ARTICLE });
    expect(status).toBe(200);
    draft = body;
    expect(body.name).toBe("2018-12-21-yahoo-denies-it-read-facebook-users-data");
    expect(body.save).toEqual({ allowed: true, reason: expect.stringContaining("reviewer") });
    const denial = body.extract.statements.findIndex((s: Json) => s.quote === "Yahoo never had access to the personal data of Facebook users");
    expect(denial).toBeGreaterThanOrEqual(0);
    const spans = body.highlights.statements.find((s: Json) => s.index === denial);
    expect(body.text.slice(spans.quote.start, spans.quote.end)).toBe("Yahoo never had access to the personal data of Facebook users");
    expect(body.text.slice(spans.cue.start, spans.cue.end)).toBe("said");
    // organisations known to the graph and the seeds keep their ids
    expect(body.highlights.organizations.map((o: Json) => o.id)).toEqual(expect.arrayContaining(["yahoo", "facebook"]));
    expect(body.pending.length).toBeGreaterThan(0);
  });

  it("checks the draft as written with the CLI's validator (a draft validates), and previews its contradictions without writing", async () => {
    const before = await graphStats(graph);
    const asDrafted = await post("check", { name: draft.name, text: draft.text, extract: { ...draft.extract, draft: { by: "test", pending: draft.pending } } });
    expect(asDrafted.status).toBe(200);
    expect(asDrafted.body.issues.filter((i: Json) => !i.warning)).toEqual([]);
    expect(asDrafted.body.valid).toBe(true);
    expect(asDrafted.body.isDraft).toBe(true);

    const corrected = await post("check", { name: draft.name, text: draft.text, extract: reviewed(draft) });
    expect(corrected.body.valid).toBe(true);
    expect(corrected.body.contradictions).toContainEqual(
      expect.objectContaining({ statementId: "yahoo-spokeswoman-yahoo-never-had-access-to-the", grantId: "facebook-yahoo-personal-data", kind: "DENIAL_VS_GRANT", grantee: "Yahoo" }),
    );
    expect(corrected.body.yaml).toContain("sources/2018-12-21-yahoo-denies-it-read-facebook-users-data.txt");
    expect(corrected.body.yaml).not.toContain("draft:");
    // nothing was written: the same nodes and relationships, and no contradiction stored for the statement
    expect(await graphStats(graph)).toEqual(before);
    expect(await graph.read("MATCH (s:Statement {id: $id}) RETURN s", { id: "yahoo-spokeswoman-yahoo-never-had-access-to-the" })).toEqual([]);
    expect(fs.readdirSync(seedsDir)).toEqual([]);
  });

  it("names each problem of an invalid extract where it is", async () => {
    const extract = reviewed(draft);
    extract.statements[0].quote = "Yahoo always had access";
    extract.statements[0].speaker = "nobody-at-all";
    const { status, body } = await post("check", { name: draft.name, text: draft.text, extract });
    expect(status).toBe(200);
    expect(body.valid).toBe(false);
    const paths = body.issues.map((i: Json) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["statements[0].speaker", "statements[0].quote"]));
    // the temporary folder is not shown
    expect(JSON.stringify(body.issues)).not.toContain(os.tmpdir());
    expect(body.contradictions).toEqual([]);
  });

  it("refuses to save a draft, then saves the reviewed extract into the seeds folder and loads it", async () => {
    const stillDraft = await post("save", { name: draft.name, text: draft.text, extract: { ...reviewed(draft), draft: { by: "test", pending: draft.pending } } });
    expect(stillDraft.status).toBe(400);
    expect(stillDraft.body.errors[0].message).toMatch(/still a draft/);
    expect(fs.readdirSync(seedsDir)).toEqual([]);

    const { status, body } = await post("save", { name: draft.name, text: draft.text, extract: reviewed(draft) });
    expect(status).toBe(200);
    expect(fs.existsSync(path.join(seedsDir, `${draft.name}.yaml`))).toBe(true);
    expect(fs.readFileSync(path.join(seedsDir, "sources", `${draft.name}.txt`), "utf8")).toBe(draft.text);
    expect(body.nodes).toBeGreaterThan(0);
    const [row] = await graph.read<{ kind: string }>(
      "MATCH (:Statement {id: $s})-[c:CONTRADICTS]->(:AccessGrant {id: $g}) RETURN c.kind AS kind",
      { s: "yahoo-spokeswoman-yahoo-never-had-access-to-the", g: "facebook-yahoo-personal-data" },
    );
    expect(row.kind).toBe("DENIAL_VS_GRANT");

    // never over an existing file
    const again = await post("save", { name: draft.name, text: draft.text, extract: reviewed(draft) });
    expect(again.status).toBe(409);
    expect(again.body.errors[0].extensions.code).toBe("CONFLICT");
  });

  it("takes its files back out when the load refuses them", async () => {
    const extract = reviewed(draft);
    extract.statements[0].speaker = "nobody-at-all";
    const { status, body } = await post("save", { name: "2018-12-21-refused", text: draft.text, extract });
    expect(status).toBe(400);
    expect(body.issues.map((i: Json) => i.path)).toContain("statements[0].speaker");
    expect(fs.existsSync(path.join(seedsDir, "2018-12-21-refused.yaml"))).toBe(false);
    expect(fs.existsSync(path.join(seedsDir, "sources", "2018-12-21-refused.txt"))).toBe(false);
  });

  it("answers bad requests with what is wrong", async () => {
    const get = await fetch(`${base}/intake/check`);
    expect(get.status).toBe(405);
    const text = await fetch(`${base}/intake/draft`, { method: "POST", headers: { "content-type": "text/plain" }, body: "{}" });
    expect(text.status).toBe(415);
    expect((await post("draft", { content: 12 })).body.errors[0].message).toMatch(/`content` is a string/);
    expect((await post("draft", { fileName: "a.pdf", content: "x" })).body.errors[0].message).toMatch(/\.txt.*\.md.*\.html/);
    expect((await post("check", { name: "../escape", text: "x", extract: { source: {} } })).body.errors[0].message).toMatch(/`name`/);
    // another site cannot post to them (the server's Origin check)
    const foreign = await post("save", { name: "x", text: "x", extract: { source: {} } }, { origin: "https://attacker.example" });
    expect(foreign.status).toBe(403);
  });
});

describe("saving under an access policy", () => {
  it("is refused to a reader", async () => {
    // CLAIMGRAPH_PUBLIC: anyone reads, no one writes (roles.ts)
    const built = await buildApp(graph, { log: () => {}, seedsDir, accessPolicy: { tokens: new Map(), public: true } });
    const readerServer = await listen(built.handler, 0, "127.0.0.1");
    try {
      const url = `http://127.0.0.1:${(readerServer.address() as AddressInfo).port}`;
      const drafted = (await (await fetch(`${url}/intake/draft`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ content: YAHOO_ARTICLE }) })).json()) as Json;
      expect(drafted.save.allowed).toBe(false);
      const response = await fetch(`${url}/intake/save`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "2018-12-21-reader", text: drafted.text, extract: reviewed(drafted) }) });
      expect(response.status).toBe(403);
      expect(((await response.json()) as Json).errors[0].extensions.code).toBe("FORBIDDEN");
      expect(fs.existsSync(path.join(seedsDir, "2018-12-21-reader.yaml"))).toBe(false);
    } finally {
      readerServer.closeAllConnections();
      await new Promise((resolve) => readerServer.close(resolve));
      await built.apollo.stop();
    }
  });
});
