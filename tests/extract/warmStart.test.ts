import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../../src/extract/load.ts";
import { seedChanged, unchangedFiles } from "../../src/extract/unchanged.ts";
import type { Graph } from "../../src/graph/graph.ts";
import { smallWorld, statement } from "../support/extracts.ts";
import { cleanGraph } from "../support/graph.ts";

/**
 * npm start loads the seeds at every start; a file whose text is the one its last load read is
 * skipped (src/extract/unchanged.ts), a changed one is loaded under the usual rules.
 */
describe("warm start: seed files unchanged since their last load are skipped", () => {
  let graph: Graph;
  let dir: string;
  const write = (name: string, extract: object) => fs.writeFileSync(path.join(dir, name), JSON.stringify(extract, null, 2));
  const quoteOf = async (id: string) => (await graph.read<{ quote: string | null }>("OPTIONAL MATCH (s:Statement {id: $id}) RETURN s.quote AS quote", { id }))[0].quote;

  beforeAll(async () => {
    graph = await cleanGraph();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-warm-"));
  });
  afterAll(async () => {
    await graph?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("loads new files, skips them when unchanged, and loads a changed one under the reload rules", async () => {
    write("a.json", smallWorld({ statements: [statement("first", {}), statement("second", {})] }));
    const first = await seedChanged(graph, [dir]);
    expect(first.loaded?.files.map((f) => path.basename(f))).toEqual(["a.json"]);
    expect(first.skipped).toEqual([]);

    // Unchanged: nothing is loaded, not even validated (no statement is sent but the two checks).
    const before = graph.roundTrips;
    const again = await seedChanged(graph, [dir]);
    expect(again.loaded).toBeUndefined();
    expect(again.skipped.map((f) => path.basename(f))).toEqual(["a.json"]);
    expect(graph.roundTrips - before).toBe(2);

    // A changed file is loaded: its new quote is written, the statement it no longer defines deleted.
    write("a.json", smallWorld({ statements: [statement("first", { quote: "Said again, differently." })] }));
    write("b.json", { format: 2, source: { id: "second-source", title: "Another report", publisher: "daily-news", publishedAt: "2019-01-02", kind: "INVESTIGATION" } });
    const changed = await seedChanged(graph, [dir]);
    expect(changed.loaded?.files.map((f) => path.basename(f)).sort()).toEqual(["a.json", "b.json"]);
    expect(changed.loaded?.removed.deleted).toBe(1);
    expect(await quoteOf("first")).toBe("Said again, differently.");
    expect(await quoteOf("second")).toBeNull();

    // Whitespace is a change of text too; only that file is loaded again, the other skipped.
    fs.appendFileSync(path.join(dir, "b.json"), "\n");
    const one = await seedChanged(graph, [dir]);
    expect(one.loaded?.files.map((f) => path.basename(f))).toEqual(["b.json"]);
    expect(one.skipped.map((f) => path.basename(f))).toEqual(["a.json"]);
  }, 240_000); // four loads, each planning its statements on a cold server

  it("skips nothing when the stored contradictions were decided by other rules, or the file was loaded by other code", async () => {
    const files = fs.readdirSync(dir).map((name) => path.join(dir, name));
    expect((await unchangedFiles(graph, files)).length).toBe(2);
    await graph.write("MATCH (m:_Derived {id: 'contradictions'}) SET m.version = 'older rules'");
    expect(await unchangedFiles(graph, files)).toEqual([]);
    // A load decides them again under today's rules; then the files are skipped again.
    await seed(graph, [dir]);
    expect((await unchangedFiles(graph, files)).length).toBe(2);
    await graph.write("MATCH (x:_Extract) SET x.loader = 'an older loader'");
    expect(await unchangedFiles(graph, files)).toEqual([]);
  });
});
