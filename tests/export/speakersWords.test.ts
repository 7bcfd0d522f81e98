import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import mammoth from "mammoth";
import { parse } from "node-html-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AttributedStatement, attributedStatement, speakerLabel } from "../../src/domain/attribution.ts";
import { type ContradictionExport, type FindingExport, fetchContradictions, fetchFindings } from "../../src/export/fetchContradictions.ts";
import { memoOf, toCsv, toHtml, toMarkdown } from "../../src/export/formats.ts";
import { memoToDocx } from "../../src/export/memoDocx.ts";
import { memoToText } from "../../src/export/memoModel.ts";
import type { Graph } from "../../src/graph/graph.ts";
import { statementLabel } from "../../src/web/explorer/graphElements.ts";
import type { Statement } from "../../src/web/explorer/api.ts";
import { type TestApi, startApi } from "../support/api.ts";
import { seedExtractObjects, seedObjects } from "../support/extracts.ts";
import { cleanGraph } from "../support/graph.ts";
import { scenarioExtracts } from "../scenarios/scenarios.ts";
import { csvObjects } from "./parseCsv.ts";

/**
 * The speaker's words, and only those, in quotation marks after the speaker's name (issue 22,
 * point 2), held over every output format and every statement of the seed and of the scenario suite
 * (the first phrasing of each, and for the scenarios that phrase a statement in several forms, each
 * form): the Markdown, HTML and .docx memos, the CSV, the explanations, and the sentence and label
 * every page and the explorer print for a statement.
 *
 * The check (`misattributed`): for each span in quotation marks, the text of its sentence before it
 * (other quoted spans blanked, so a title's words do not count) is read for a speaker's name. When a
 * speaker is named there and the span is not introduced as a source's words ("in its own words:",
 * "wrote:", "says:", "in the words of …:", "… but the article's:", or a sentence the source
 * "attributes to no one"), the span must be words that speaker said: a statement's quote, or words
 * its source's sentence puts in quotation marks.
 */

interface Voice {
  labels: string[];
  words: Set<string>;
}

const SOURCE_INTRODUCER = /(in its own words|\bwrote( \([^)]*\))?|\bsays|documents it|in the words of [^:]*|\bbut [^:]*'s|reported):\s*$/;
const TITLE_BEFORE = /\b(the|an?) (article|report|press statement|social media post|testimony|filing|help page) $/;
const fold = (text: string) => text.replace(/[‘’']/g, "'").replace(/[“”"]/g, '"').replace(/\s+/g, " ").trim();

/** The quoted words a source's sentence holds ("… "don't get to …" …" gives "don't get to …"). */
const quotedIn = (sentence: string) => [...sentence.matchAll(/["“]([^"”]+)["”]/g)].map((m) => fold(m[1]));

/** Spans in quotation marks said as a speaker's that are not that speaker's words; empty when all are right. */
export function misattributed(text: string, voices: Voice[]): string[] {
  const problems: string[] = [];
  for (const match of text.matchAll(/“([^”]*)”/g)) {
    // A report's title, as a citation names it ("the article “…”").
    if (TITLE_BEFORE.test(text.slice(Math.max(0, match.index - 40), match.index))) continue;
    const start = Math.max(text.lastIndexOf(". ", match.index), text.lastIndexOf("\n", match.index), 0);
    const before = text.slice(start, match.index).replace(/“[^”]*”/g, "“…”");
    if (SOURCE_INTRODUCER.test(before) || before.includes("attributes to no one")) continue;
    const named = voices.filter((v) => v.labels.some((label) => before.includes(label)));
    if (!named.length) continue;
    const span = fold(match[1]);
    if (!named.some((v) => v.words.has(span))) problems.push(`“${match[1]}” after “${before.slice(-120)}”`);
  }
  return problems;
}

describe("the check itself", () => {
  const voice: Voice = { labels: ["A Facebook spokesperson", "Facebook", "Netflix"], words: new Set(["don't get to ignore people's privacy settings"]) };
  it("catches a source's sentence quoted after the speaker's name, in the forms the memo printed before", () => {
    expect(misattributed(`The article “Facebook allowed …” (20 December 2018) wrote, quoting **A Facebook spokesperson** (December 2018): “He added that Facebook's partners "don't get to ignore people's privacy settings"”.`, [voice])).toHaveLength(1);
    expect(misattributed(`Reported speech, not Netflix's words: the article “Title” wrote of **Netflix** (December 2018): “For their part, companies like Netflix …”.`, [voice])).toHaveLength(1);
  });
  it("lets through the speaker's words after the name, and a source's sentence introduced as the source's", () => {
    expect(misattributed(`A Facebook spokesperson added that Facebook's partners “don't get to ignore people's privacy settings” (December 2018), the article reported.`, [voice])).toEqual([]);
    expect(misattributed(`Reported speech, not Netflix's words: the article “Title” wrote of **Netflix** (December 2018), in its own words: “For their part …”.`, [voice])).toEqual([]);
  });
});

let graph: Graph;
let api: TestApi;
let data: ContradictionExport;
/** The same, by statement (the exports' default). */
let findings: FindingExport;
let statements: Statement[];
let voices: Voice[];

const STATEMENTS_QUERY = `{ statements(first: 100) { totalCount edges { node {
  id form quote account verified paraphrase madeAt channel stance speaker speakerInferred onBehalfOf { id name }
  reportings { account verified quoteAnchor { exact } accountAnchor { exact } report { id title url publishedAt kind textFile publisher { id name } } }
} } } }`;

beforeAll(async () => {
  graph = await cleanGraph();
  await seedObjects(graph, [...seedExtractObjects(), ...scenarioExtracts()]);
  api = await startApi(graph);
  data = await fetchContradictions(graph, {});
  findings = await fetchFindings(graph, {});
  const { body } = await api.query(STATEMENTS_QUERY);
  expect(body.errors).toBeUndefined();
  expect(body.data.statements.totalCount).toBeLessThanOrEqual(100);
  statements = body.data.statements.edges.map((e: { node: Statement }) => e.node);
  // Who is named where, and what each said: by label (as printed, at a sentence's start and inside
  // one) and by organisation, all the words of the statements said for it.
  const byLabel = new Map<string, Set<string>>();
  for (const s of statements) {
    // Its words: the quote, the words its sources' sentences quote, and the sentences of its own publications (a press statement).
    const own = s.reportings.filter((r) => r.account && r.report.publisher && r.report.publisher.id === (s.onBehalfOf?.id ?? null)).map((r) => r.account);
    const words = [s.quote, ...own, ...s.reportings.flatMap((r) => (r.account ? quotedIn(r.account) : []))].filter((w): w is string => !!w).map(fold);
    for (const label of new Set([speakerLabel(s), speakerLabel(s, "inside"), s.speaker, s.onBehalfOf?.name].filter((l): l is string => !!l))) {
      const set = byLabel.get(label) ?? new Set<string>();
      words.forEach((w) => set.add(w));
      byLabel.set(label, set);
    }
  }
  voices = [...byLabel].map(([label, words]) => ({ labels: [label], words }));
}, 600_000);
afterAll(async () => {
  await api?.close();
  await graph?.close();
});

describe("only the speaker's words in quotation marks after the speaker's name", () => {
  it("covers MIXED, REPORTED and inferred statements of the seed and the scenarios", () => {
    const forms = new Set(statements.map((s) => s.form));
    expect([...forms].sort()).toEqual(["DIRECT", "MIXED", "REPORTED"]);
    expect(statements.some((s) => s.form === "MIXED" && s.id.startsWith("bellmore"))).toBe(true);
    expect(data.contradictions.some((c) => c.statement.form === "MIXED")).toBe(true);
    expect(data.contradictions.some((c) => c.statement.speakerInferred && c.statement.form === "REPORTED")).toBe(true);
  });

  it("every statement's sentence (memo, page, table, citation) and its explorer label", () => {
    for (const s of statements) {
      const sentence = attributedStatement(s as AttributedStatement);
      expect(misattributed(sentence, voices), s.id).toEqual([]);
      expect(misattributed(statementLabel(s, 500), voices), s.id).toEqual([]);
      if (s.form === "MIXED") {
        // The speaker's words in quotation marks, after the speaker's name; never the source's sentence.
        expect(sentence, s.id).toContain(`“${s.quote}”`);
        expect(sentence, s.id).not.toContain(`“${s.account}”`);
        expect(sentence.indexOf(speakerLabel(s)), s.id).toBe(0);
      }
    }
  });

  it("the Markdown, HTML and .docx memos, and the plain text of the copied citation", async () => {
    const md = toMarkdown(data).replace(/\\(.)/g, "$1");
    const html = parse(toHtml(data)).textContent;
    const docxPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-words-")), "memo.docx");
    fs.writeFileSync(docxPath, await memoToDocx(memoOf(data)));
    const docx = (await mammoth.extractRawText({ path: docxPath })).value;
    const text = memoToText(memoOf(data));
    for (const [name, output] of Object.entries({ md, html, docx, text })) expect(misattributed(output, voices), name).toEqual([]);
    // By statement, the default: the same check.
    const grouped = { md: toMarkdown(findings).replace(/\\(.)/g, "$1"), html: parse(toHtml(findings)).textContent, text: memoToText(memoOf(findings)) };
    for (const [name, output] of Object.entries(grouped)) expect(misattributed(output, voices), `${name} by statement`).toEqual([]);
    // A MIXED statement's whole sentence stays available, as the source's, in the notes.
    const mixed = data.contradictions.find((c) => c.statement.form === "MIXED")!;
    expect(md).toContain(`The whole sentence, in the words of`);
    expect(md).toContain(`: “${mixed.statement.account}”`);
  });

  it("the CSV: the quote column holds only the speaker's words, the explanation and evidence columns pass the check", () => {
    const rows = csvObjects(toCsv(data));
    for (const row of rows) {
      const c = data.contradictions.find((x) => x.id === row.id)!;
      expect(row.quote, c.id).toBe(c.statement.form === "REPORTED" ? "" : (c.statement.quote ?? ""));
      expect(misattributed(row.explanation, voices), c.id).toEqual([]);
      expect(misattributed(row.documented_quotes, voices), c.id).toEqual([]);
    }
    const grouped = csvObjects(toCsv(findings));
    expect(grouped.length).toBeLessThan(rows.length);
    for (const row of grouped) {
      const f = findings.findings.find((x) => x.id === row.finding_id)!;
      expect(row.quote, f.id).toBe(f.statement.form === "REPORTED" ? "" : (f.statement.quote ?? ""));
      expect(misattributed(row.explanations, voices), f.id).toEqual([]);
      expect(misattributed(row.documented_quotes, voices), f.id).toEqual([]);
    }
  });

  it("every explanation", () => {
    expect(data.contradictions.length).toBeGreaterThan(15);
    for (const c of data.contradictions) expect(misattributed(c.explanation, voices), c.id).toEqual([]);
  });
});
