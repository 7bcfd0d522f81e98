import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import YAML from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../src/config.ts";
import { draftExtract } from "../../src/draft/draftExtract.ts";
import { evalTexts } from "../../src/draft/evaluate.ts";
import { addKnownFromGraph, emptyKnown, knownFromSeeds } from "../../src/draft/knownEntities.ts";
import { findQuoteSpans } from "../../src/draft/sentences.ts";
import { readArticle } from "../../src/draft/readArticle.ts";
import { writeDraft } from "../../src/draft/writeDraft.ts";
import { ExtractValidationError, readAndValidate, seed } from "../../src/extract/load.ts";
import type { Graph } from "../../src/graph/graph.ts";
import { cleanGraph, resetGraph } from "../support/graph.ts";
import type { Known } from "../../src/draft/mentions.ts";
import { formatIssue } from "../../src/extract/parse.ts";

/** Validation's problems in the failure's message, to say what a draft got wrong. */
const validated = (graph: Graph, files: string[]) =>
  readAndValidate(graph, files).catch((error: unknown) => {
    throw error instanceof ExtractValidationError ? new Error(error.issues.map(formatIssue).join("\n")) : error;
  });

/** `claimgraph draft` (issue 21): what it writes is validated as written, and refused by seed until reviewed. */
describe("drafting an extract", () => {
  let graph: Graph;
  let dir: string;
  beforeAll(async () => {
    graph = await cleanGraph();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-draft-"));
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await graph.close();
  });

  const draftOf = (file: string, out: string, known: Known = knownFromSeeds([path.join(projectRoot(), "seeds")])) => {
    const result = draftExtract(readArticle(file, fs.readFileSync(file, "utf8")), known);
    return { result, written: writeDraft(result, out) };
  };

  it("validate accepts a draft as written (quotes verbatim in the archived text, anchors checked); seed refuses it, naming the file and how to mark it reviewed", async () => {
    const article = path.join(projectRoot(), "seeds", "sources", "2018-12-20-facebook-partners-private-messages.txt");
    const out = path.join(dir, "seed-article.yaml");
    const { result, written } = draftOf(article, out, emptyKnown());
    expect(result.extract.statements.length).toBeGreaterThan(5);
    const archived = fs.readFileSync(written.text, "utf8");
    expect(archived).toBe(fs.readFileSync(article, "utf8"));
    const yaml = YAML.parse(fs.readFileSync(out, "utf8"));
    expect(yaml.source.text).toEqual({ path: `sources/${result.name}.txt`, sha256: written.sha256 });
    expect(yaml.draft.pending.length).toBeGreaterThan(10);
    const parsed = await validated(graph, [out]);
    expect(parsed).toHaveLength(1);
    const refused = await seed(graph, [out]).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ExtractValidationError);
    const issue = (refused as ExtractValidationError).issues[0];
    expect(issue.file).toContain("seed-article.yaml");
    expect(issue.path).toBe("draft");
    expect(issue.message).toMatch(/delete the whole `draft:` block/);
    expect((await graph.read<{ n: number }>("MATCH (s:Statement) RETURN count(s) AS n"))[0].n).toBe(0);
    // Reviewed (the block deleted), it loads.
    delete yaml.draft;
    fs.writeFileSync(out, YAML.stringify(yaml));
    await seed(graph, [out]);
    expect((await graph.read<{ n: number }>("MATCH (s:Statement) RETURN count(s) AS n"))[0].n).toBe(result.extract.statements.length);
  });

  it("drafts of every evaluation text (tuning and held out) validate as written, with the seeds' organisations reused by id", async () => {
    await resetGraph(graph);
    const texts = [...evalTexts("tuning"), ...evalTexts("heldout")];
    expect(texts.length).toBeGreaterThanOrEqual(17);
    for (const { file } of texts) {
      const out = path.join(dir, path.basename(file).replace(/\.\w+$/, ".yaml"));
      const { result } = draftOf(file, out);
      expect(result.pending.length, file).toBeGreaterThan(0);
      await validated(graph, [out]);
    }
  });

  it("marks a speaker resolved from a pronoun or “the company” as inferred, with the reason, and a named one not", () => {
    const text = [
      "Acme stops selling location data",
      "March 3, 2021",
      "",
      "Acme, a phone carrier, said on Tuesday that it had stopped selling its customers' location data to brokers.",
      "",
      "\u201CWe never sold the location of a customer without consent,\u201D the company said in a statement.",
      "",
      "\u201CThose programs are over,\u201D said Jane Roe, Acme's chief executive.",
      "",
      "She added that \u201Cno broker has access to that data today.\u201D",
    ].join("\n");
    const known = emptyKnown();
    known.organizations.push({ id: "acme", name: "Acme", aliases: [], kind: "COMPANY" });
    const { extract } = draftExtract(readArticle("acme.txt", text), known);
    const byQuote = (start: string) => extract.statements.find((s) => String(s.quote ?? "").startsWith(start));
    expect(byQuote("We never sold")).toMatchObject({ speaker: "acme", speakerInferred: expect.stringContaining("“the company” is read as Acme") });
    // the named organisation's own account is not inferred
    expect(extract.statements.find((s) => s.form === "REPORTED" && s.speaker === "acme")!.speakerInferred).toBeUndefined();
    expect(byQuote("Those programs")).toMatchObject({ speaker: "jane-roe" });
    expect(byQuote("Those programs")!.speakerInferred).toBeUndefined();
    expect(byQuote("no broker")).toMatchObject({ speaker: "jane-roe", speakerInferred: expect.stringContaining("She") });
  });

  it("reuses the graph's organisations by name and alias", async () => {
    await graph.write("CREATE (:Organization {id: 'meta-platforms', name: 'Meta', kind: 'PLATFORM', aliases: ['the social network']})");
    const known = emptyKnown();
    await addKnownFromGraph(known, graph);
    expect(known.from).toContain("the graph");
    const text = "Meta shared data\n\nMay 2, 2021\n\nThe social network said it had stopped sharing messages with partners.\n";
    const result = draftExtract(readArticle("a.txt", text), known);
    expect(result.extract.statements.map((s) => s.speaker)).toEqual(["meta-platforms"]);
    expect(result.extract.source.publishedAt).toBe("2021-05-02");
  });

  it("finds quotations in every style, nested ones inside, and leaves apostrophes alone", () => {
    const text = `He said "one 'two' three". ‘Don’t,’ she said. «Oui» and „Ja“ and “curly”. Users' data isn't quoted.\n\n"Runs on\n\n"and on."`;
    const spans = findQuoteSpans(text).map((s) => text.slice(s.start, s.end));
    expect(spans).toEqual(["one 'two' three", "Don’t,", "Oui", "Ja", "curly", "Runs on", "and on."]);
  });

  it("reads a saved web page's main text and meta tags, without its navigation and footer", () => {
    const html = fs.readFileSync(path.join(projectRoot(), "tests", "draft", "eval", "tuning", "08-clearview-scraping.html"), "utf8");
    const article = readArticle("page.html", html);
    expect(article.meta).toMatchObject({ title: "Clearview AI scraped billions of photos from social media", published: "2020-01-22", authors: ["Priya Raman"], publisher: "The Daily Ledger", url: "https://ledger.example/tech/2020/01/22/clearview-ai-photos" });
    expect(article.text).toContain("according to an investigation by The New York Times");
    expect(article.text).not.toMatch(/Subscribe|Related stories|All rights reserved|newsletter/);
  });
});
