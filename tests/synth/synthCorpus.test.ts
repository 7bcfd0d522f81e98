import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CONTRADICTION_KINDS } from "../../src/domain/model.ts";
import { contradictionsQuery, liveContradictionsQuery } from "../../src/contradictions/contradictionCypher.ts";
import { contradictionParams, findContradictions } from "../../src/contradictions/contradictionService.ts";
import { graphStats, seed } from "../../src/extract/load.ts";
import { listExtractFiles } from "../../src/extract/parse.ts";
import type { Graph } from "../../src/graph/graph.ts";
import { MANIFEST_FILE, readManifest, writeCorpus } from "../../src/synth/generateCorpus.ts";
import { synthCommand } from "../../src/synth/synthCommand.ts";
import { documented, grant, smallWorld, statement } from "../support/extracts.ts";
import { cleanGraph, resetGraph } from "../support/graph.ts";

/**
 * The synthetic corpus (src/synth) end to end at a small scale: generated, validated and seeded by
 * the real loader, then every contradiction the rules find is exactly a planted one, and no
 * near-miss is reported. Also: contradictions precomputed at load equal the rules decided from
 * scratch, whatever the order of loads and however files are edited and loaded again.
 */

let graph: Graph;
const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-synth-test-"));
  dirs.push(dir);
  return dir;
};

beforeAll(async () => {
  graph = await cleanGraph();
});
beforeEach(async () => {
  await resetGraph(graph);
});
afterAll(async () => {
  await graph.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const params = (organization: string | null) => contradictionParams({ organization, skip: 0, limit: 1_000_000 });

/**
 * The precomputed answer equals the rules decided from scratch, for all and for every organisation
 * (or the first `organizations` of them, in id order: a whole cell of the corpus).
 */
async function expectPrecomputedEqualsLive(organizationLimit = Infinity) {
  const [marker] = await graph.read<{ version: string | null }>("OPTIONAL MATCH (m:_Derived {id: 'contradictions'}) RETURN m.version AS version");
  expect(marker.version).toBeTruthy();
  const all = await graph.read(contradictionsQuery({ start: "all" }), params(null));
  expect(all).toEqual(await graph.read(liveContradictionsQuery({ start: "all" }), params(null)));
  const organizations = (await graph.read<{ id: string }>("MATCH (o:Organization) RETURN o.id AS id ORDER BY id")).map((r) => r.id);
  for (const organization of organizations.slice(0, organizationLimit)) {
    const precomputed = await graph.read(contradictionsQuery({ start: "organization" }), params(organization));
    expect(precomputed, organization).toEqual(await graph.read(liveContradictionsQuery({ start: "organization" }), params(organization)));
  }
  return all as { statementId: string; grantId: string; kind: string; severity: number }[];
}

describe("the synthetic corpus", () => {
  it("is deterministic, valid, and every contradiction found is exactly a planted one", async () => {
    const dir = tempDir();
    const summary = writeCorpus(dir, { organizations: 20, seed: 7, statementsPerOrganization: 50 });
    const again = tempDir();
    writeCorpus(again, { organizations: 20, seed: 7, statementsPerOrganization: 50 });
    for (const file of [...summary.files, MANIFEST_FILE]) {
      expect(fs.readFileSync(path.join(again, file), "utf8"), file).toBe(fs.readFileSync(path.join(dir, file), "utf8"));
    }
    expect(summary.counts.organizations).toBe(20);
    expect(summary.counts.statements).toBe(1000);
    for (const stance of Object.keys(summary.stances)) expect(summary.stances[stance]).toBeGreaterThan(0);
    expect(Object.keys(summary.stances).sort()).toHaveLength(8);
    for (const kind of CONTRADICTION_KINDS) expect(summary.planted.byKind[kind], kind).toBeGreaterThan(0);
    for (const [reason, count] of Object.entries(summary.nearMisses.byReason)) expect(count, reason).toBeGreaterThan(0);

    // `claimgraph seed DIR`: every file validated, then written in one transaction.
    const result = await seed(graph, [dir]);
    expect(result.files).toHaveLength(summary.files.length);
    const stats = await graphStats(graph);
    expect(stats.nodes.Statement).toBe(summary.counts.statements);
    expect(stats.nodes.AccessGrant).toBe(summary.counts.grants);
    expect(stats.nodes.Organization).toBe(20);

    const manifest = readManifest(dir);
    const rows = await findContradictions(graph, { skip: 0, limit: 1_000_000 });
    const found = rows.map((r) => `${r.statementId}~${r.grantId}`).sort();
    expect(found).toEqual([...manifest.planted.pairs].sort());
    const nearMisses = new Set(manifest.nearMisses.pairs);
    expect(found.filter((pair) => nearMisses.has(pair))).toEqual([]);
    const kinds = new Map(manifest.expectations.map((e) => [`${e.statementId}~${e.grantId}`, e.kind]));
    for (const row of rows) expect(row.kind).toBe(kinds.get(`${row.statementId}~${row.grantId}`));
    // severity is documented as 0-100; this corpus has denials with three independent reports and
    // a corroboration by another party (90 + 10 + 5), held at 100
    for (const row of rows) expect(row.severity, `${row.statementId}~${row.grantId}`).toBeLessThanOrEqual(100);

    await expectPrecomputedEqualsLive(5);
  });

  it("loads file by file (each in its own transaction) to the same answer", async () => {
    const dir = tempDir();
    writeCorpus(dir, { organizations: 30, seed: 3, statementsPerOrganization: 20 });
    for (const file of listExtractFiles([dir]).files) await seed(graph, [file]);
    const all = await expectPrecomputedEqualsLive(5);
    expect(all.map((r) => `${r.statementId}~${r.grantId}`).sort()).toEqual([...readManifest(dir).planted.pairs].sort());
  });

  it("a load too large for one transaction is refused with LOAD_TOO_LARGE, and nothing is written", async () => {
    // The server's limit on a transaction's memory (256 MiB on the local server; none by default
    // elsewhere, where this cannot be shown without a load as large as the server).
    const [limit] = await graph.read<{ value: string }>("SHOW SETTINGS YIELD name, value WHERE name = 'dbms.memory.transaction.total.max' RETURN value");
    const bytes = Number.parseInt(limit?.value ?? "0", 10);
    if (!bytes || bytes > 512 * 1024 ** 2) return;
    const dir = tempDir();
    writeCorpus(dir, { organizations: 200, seed: 4 });
    const files = listExtractFiles([dir]).files;
    const before = await graphStats(graph);
    const started = Date.now();
    const error = await seed(graph, files).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "LOAD_TOO_LARGE", extensions: { code: "LOAD_TOO_LARGE", files: files.length } });
    expect((error as Error).message).toMatch(/^Loading \d+ files \([\d,]+ rows\) in one transaction went over the database's memory limit .*nothing was written\. .*load fewer files at a time/);
    // Not retried (the driver would retry a transient error like this one for 5 s more): the time is
    // printed, not asserted (speed is a benchmark's business).
    console.log(`[synthCorpus] LOAD_TOO_LARGE after ${Date.now() - started} ms`);
    expect(await graphStats(graph)).toEqual(before);
    // The first two files alone load.
    await seed(graph, files.slice(0, 2));
    expect((await graphStats(graph)).nodes.Statement).toBeGreaterThan(0);
    // Writing the corpus and loading it until the server's limit take 35-50 s on a quiet machine of
    // two cores: past the default 60 s when the machine is busy.
  }, 180_000);

  it("is written by `claimgraph synth`, which refuses bad arguments", async () => {
    const dir = tempDir();
    expect(await synthCommand(["--organizations", "12", "--out", dir, "--seed", "5", "--statements-per-organization", "10"])).toBe(0);
    const manifest = readManifest(dir);
    expect(manifest).toMatchObject({ organizations: 12, seed: 5, cells: 1, counts: { organizations: 12, statements: 100 } });
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".json"))).toEqual(manifest.files);
    expect(await synthCommand(["--organizations", "5", "--out", dir])).toBe(2);
    expect(await synthCommand(["--out", dir])).toBe(2);
    expect(await synthCommand(["--organizations", "10", "--out", dir, "--bogus", "1"])).toBe(2);
  });
});

describe("contradictions precomputed at load", () => {
  /** One extract file that is written again with changes and reloaded, as an editor would. */
  function editable(name: string) {
    const dir = tempDir();
    const file = path.join(dir, `${name}.json`);
    return async (extract: object) => {
      fs.writeFileSync(file, JSON.stringify(extract));
      await seed(graph, [file]);
    };
  }

  const ownBlog = { id: "member-blog", title: "Member blog", publisher: "member", kind: "PRESS_STATEMENT" };
  const independent = { id: "other-report", title: "Other report", publisher: "daily-news", kind: "ARTICLE", publishedAt: "2018-12-01" };

  it("follow edits of grants, reports, people, admissions and groups", async () => {
    const load = editable("world");
    const world = (changes: { grant?: object; reports?: object[]; people?: object[]; statements?: object[]; organizations?: object[] }) => {
      const base = smallWorld({
        reports: changes.reports ?? [ownBlog, independent],
        people: changes.people ?? [{ id: "member-author", name: "M. Author", speaksFor: "member" }],
        grants: [
          grant("g1", { documentedIn: [{ report: "member-blog", quote: "We had access." }], ...changes.grant }),
          grant("g2", { grantee: "other", documentedIn: [{ report: "other-report", quote: "Other had access." }] }),
          grant("g3", { grantee: "other", validTo: null, documentedIn: documented }),
        ],
        statements: changes.statements ?? [
          statement("member-denies", {}),
          statement("other-denies", { speaker: "other", onBehalfOf: "other", about: { grantee: "other" } }),
          statement("admission", { speaker: "platform", onBehalfOf: "platform", stance: "AFFIRMS_ACCESS", about: { grantee: "member", grantor: "platform" } }),
          statement("platform-ended", { speaker: "platform", onBehalfOf: "platform", stance: "CLAIMS_ENDED", about: { grantor: "platform", period: { to: "2018-06" } } }),
        ],
      });
      return { ...base, organizations: changes.organizations ?? base.organizations };
    };
    const pairs = async () => (await expectPrecomputedEqualsLive()).map((r) => `${r.statementId}~${r.grantId}:${r.severity}`).sort();

    await load(world({}));
    expect(await pairs()).toEqual(["other-denies~g2:90", "other-denies~g3:90", "platform-ended~g3:75"]);

    // The grant is now documented independently: the member's denial meets it.
    await load(world({ grant: { documentedIn: [{ report: "other-report", quote: "The member had access." }] } }));
    expect(await pairs()).toContain("member-denies~g1:95");

    // Back to its own blog, but the blog is now the outlet's: the report changed, not the grant.
    await load(world({ reports: [{ ...ownBlog, publisher: "daily-news" }, independent] }));
    expect(await pairs()).toContain("member-denies~g1:95");

    // The report is the member's again, but written by a person who no longer speaks for it.
    await load(world({ reports: [{ ...ownBlog, publisher: undefined, authors: ["member-author"] }, independent] }));
    expect(await pairs()).not.toContain("member-denies~g1:95");
    await load(world({ reports: [{ ...ownBlog, publisher: undefined, authors: ["member-author"] }, independent], people: [{ id: "member-author", name: "M. Author", speaksFor: "daily-news" }] }));
    expect(await pairs()).toContain("member-denies~g1:95");

    // The admission stops covering the grant (another grantee): the severity loses its +5.
    await load(
      world({
        reports: [{ ...ownBlog, publisher: undefined, authors: ["member-author"] }, independent],
        people: [{ id: "member-author", name: "M. Author", speaksFor: "daily-news" }],
        statements: [
          statement("member-denies", {}),
          statement("other-denies", { speaker: "other", onBehalfOf: "other", about: { grantee: "other" } }),
          statement("admission", { speaker: "platform", onBehalfOf: "platform", stance: "AFFIRMS_ACCESS", about: { grantee: "other", grantor: "platform" } }),
          statement("platform-ended", { speaker: "platform", onBehalfOf: "platform", stance: "CLAIMS_ENDED", about: { grantor: "platform", period: { to: "2018-06" } } }),
        ],
      }),
    );
    const afterAdmissionMoved = await pairs();
    expect(afterAdmissionMoved).toContain("member-denies~g1:90");
    expect(afterAdmissionMoved).toContain("other-denies~g2:95");

    // "other" joins the member's group: the member's statements now speak for the group's side too.
    const organizations = smallWorld({}).organizations.map((o) => (o.id === "other" ? { ...o, partOf: "group" } : o));
    // The file now states only the group's denial and the platform's admission: the other statements
    // leave the graph (src/extract/prune.ts), with their contradictions.
    await load({
      ...world({
        statements: [
          statement("group-denies", { speaker: "group", onBehalfOf: "group", about: { grantee: "group" } }),
          statement("admission", { speaker: "platform", onBehalfOf: "platform", stance: "AFFIRMS_ACCESS", about: { grantee: "other", grantor: "platform" } }),
        ],
      }),
      organizations,
    });
    expect((await pairs()).filter((pair) => !pair.startsWith("group-denies~"))).toEqual([]);
    // (the platform's admission about "other" still corroborates: +5)
    expect(await pairs()).toEqual(expect.arrayContaining(["group-denies~g2:95", "group-denies~g3:95"]));
  });

  it("follow a second file that adds a grant, a report and an admission for what the first stated", async () => {
    await editable("first")(smallWorld({ statements: [statement("member-denies", { about: { grantee: "member", data: ["messages"] } })] }));
    expect(await expectPrecomputedEqualsLive()).toEqual([]);
    await editable("second")({
      format: 2,
      source: { id: "second-source", title: "Second report", publisher: "daily-news", publishedAt: "2019-01-02", kind: "ARTICLE" },
      grants: [grant("late-grant", { documentedIn: [{ report: "second-source", quote: "It had access." }] })],
      statements: [statement("platform-admits", { speaker: "platform", onBehalfOf: "platform", stance: "AFFIRMS_ACCESS", about: { grantee: "member" }, reportedIn: [{ report: "second-source" }] })],
    });
    const rows = await expectPrecomputedEqualsLive();
    expect(rows.map((r) => `${r.statementId}~${r.grantId}:${r.severity}`)).toEqual(["member-denies~late-grant:95"]);
  });

  it("follow access passed on: a later file's onward grant, then its source grant's grantor edited", async () => {
    const first = editable("first");
    const world = (sourceGrantor: string) =>
      smallWorld({
        grants: [grant("source", { grantor: sourceGrantor, grantee: "other" })],
        statements: [statement("member-never-had-platform-data", { about: { grantee: "member", grantor: "platform" } })],
      });
    await first(world("platform"));
    expect(await expectPrecomputedEqualsLive()).toEqual([]);
    await editable("second")({
      format: 2,
      source: { id: "second-source", title: "Second report", publisher: "daily-news", publishedAt: "2019-01-02", kind: "ARTICLE" },
      grants: [grant("onward", { grantor: "other", grantee: "member", derivedFrom: "source", documentedIn: [{ report: "second-source", quote: "Other passed it on." }] })],
    });
    expect((await expectPrecomputedEqualsLive()).map((r) => `${r.statementId}~${r.grantId}`)).toEqual(["member-never-had-platform-data~onward"]);
    // The source grant was the group's, not the platform's: the onward grant no longer carries the platform's data.
    await first(world("group"));
    expect(await expectPrecomputedEqualsLive()).toEqual([]);
  });

  it("are not counted as stated facts, and reloading changes nothing", async () => {
    const load = editable("article-like");
    const extract = smallWorld({ grants: [grant("g", { documentedIn: documented })], statements: [statement("s", {})] });
    await load(extract);
    const stats = await graphStats(graph);
    expect(stats.relationships.CONTRADICTS).toBeUndefined();
    expect(stats.nodes._Derived).toBeUndefined();
    const before = await graph.read("MATCH (s)-[c:CONTRADICTS]->(g) RETURN s.id AS s, g.id AS g, properties(c) AS c");
    await load(extract);
    expect(await graph.read("MATCH (s)-[c:CONTRADICTS]->(g) RETURN s.id AS s, g.id AS g, properties(c) AS c")).toEqual(before);
    expect(before).toHaveLength(1);
  });

  it("are decided from scratch while the graph's precomputation is missing or of other rules", async () => {
    await editable("world")(smallWorld({ grants: [grant("g", { documentedIn: documented })], statements: [statement("s", {})] }));
    await graph.write("MATCH (m:_Derived) SET m.version = 'older-rules'");
    await graph.write("MATCH ()-[c:CONTRADICTS]->() DELETE c");
    expect((await findContradictions(graph, { skip: 0, limit: 10 })).map((r) => r.grantId)).toEqual(["g"]);
    // The next load decides everything again.
    await editable("unrelated")({ format: 2, source: { id: "unrelated", title: "Unrelated", publishedAt: "2020", kind: "ARTICLE" } });
    expect(await graph.read("MATCH ()-[c:CONTRADICTS]->() RETURN count(c) AS n")).toEqual([{ n: 1 }]);
    await expectPrecomputedEqualsLive();
  });
});
