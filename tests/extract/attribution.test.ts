import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIRST_PARTY_REPORT_KINDS } from "../../src/domain/model.ts";
import { type ContradictionExport, fetchContradictions } from "../../src/export/fetchContradictions.ts";
import { toCsv, toMarkdown } from "../../src/export/formats.ts";
import { seed } from "../../src/extract/load.ts";
import { findPassage, normalised, readSourceText } from "../../src/extract/sourceText.ts";
import type { Graph } from "../../src/graph/graph.ts";
import { cleanGraph } from "../support/graph.ts";
import { csvObjects } from "../export/parseCsv.ts";
import { type Json, SEED_FILE, article, expectRefused, tempDir, writeExtract, writeText } from "./fixtures.ts";

/**
 * Attribution (docs/attribution.md): only the speaker's own words are ever printed in quotation marks
 * as the speaker's, and every quote, account and evidence sentence is found verbatim in the archived
 * text of the report the extract says carries it.
 */
const TEXT = "seeds/sources/2018-12-20-facebook-partners-private-messages.txt";
const ARTICLE_ID = "facebook-partners-private-messages-2018-12-20";

let graph: Graph;
beforeAll(async () => {
  graph = await cleanGraph();
});
afterAll(async () => {
  await graph?.close();
});

const issueAt = (issues: { file: string; path: string; message: string }[], file: string, at: string) => {
  const found = issues.filter((issue) => issue.file === file && issue.path === at);
  expect(found, `an issue at ${file}: ${at} among ${JSON.stringify(issues, null, 1)}`).toHaveLength(1);
  return found[0];
};

describe("the seed's attribution", () => {
  const extract: Json = article();
  const text = readSourceText(TEXT);
  if ("problem" in text) throw new Error(text.problem);
  const reports = new Map<string, Json>([[extract.source.id, extract.source], ...extract.reports.map((r: Json) => [r.id, r] as [string, Json])]);

  it("every DIRECT or MIXED quote stands inside quotation marks in the article, or its report is the speaker's own", () => {
    const quoted = extract.statements.filter((s: Json) => s.form !== "REPORTED");
    expect(quoted.length).toBeGreaterThanOrEqual(5);
    for (const s of quoted) {
      const firstParty = s.reportedIn.some((r: Json) => {
        const report = reports.get(r.report);
        return FIRST_PARTY_REPORT_KINDS.includes(report.kind) && report.publisher === s.onBehalfOf;
      });
      const found = findPassage(text, s.quote);
      expect(found, `${s.id}: “${s.quote}” is in the article`).not.toBeNull();
      expect(found!.insideQuotationMarks || firstParty, `${s.id}: inside quotation marks, or first-party`).toBe(true);
      // A MIXED quote is only what the article puts inside quotation marks.
      if (s.form === "MIXED") expect(found!.insideQuotationMarks, s.id).toBe(true);
    }
  });

  it("a REPORTED statement keeps no quote, and its account is the article's sentence, verbatim", () => {
    const reported = extract.statements.filter((s: Json) => s.form === "REPORTED");
    expect(reported.map((s: Json) => s.id)).toEqual(
      expect.arrayContaining(["netflix-unaware-of-access", "apple-unaware-of-access", "spotify-unaware-of-access", "facebook-shut-down-partnerships-except-apple-amazon", "facebook-not-service-providers"]),
    );
    for (const s of reported) {
      expect(s.quote, s.id).toBeUndefined();
      const account = s.reportedIn.find((r: Json) => r.account)?.account;
      expect(findPassage(text, account), s.id).not.toBeNull();
    }
  });

  it("evidence the article only reports of the Times is carried by the article, never the Times' own words", () => {
    for (const g of extract.grants) {
      for (const d of g.documentedIn) {
        if (d.report === "nyt-2018-12-18-facebook-partners") {
          expect(d, g.id).toMatchObject({ carriedBy: ARTICLE_ID });
          expect(d.quote, g.id).toBeUndefined();
        }
      }
    }
  });
});

describe("what is printed", () => {
  let data: ContradictionExport;
  beforeAll(async () => {
    await seed(graph, [SEED_FILE]);
    data = await fetchContradictions(graph, {});
  });
  const articleText = normalised(fs.readFileSync(TEXT, "utf8"));

  it("the memo puts quotation marks only around words found verbatim in the article (or a title)", () => {
    const memo = toMarkdown(data);
    const spans = [...memo.matchAll(/“([^”]*)”/g)].map((m) => m[1].replace(/\\(.)/g, "$1"));
    expect(spans.length).toBeGreaterThan(10);
    for (const span of spans) expect(articleText, `“${span}” in the memo`).toContain(normalised(span));
  });

  it("a REPORTED statement is never printed in quotation marks after its speaker's name, in the memo, the CSV or the explanation", () => {
    const memo = toMarkdown(data);
    const rows = csvObjects(toCsv(data));
    const reported = data.contradictions.filter((c) => c.statement.form === "REPORTED");
    expect(reported.map((c) => c.statement.id).sort()).toEqual(["apple-unaware-of-access", "netflix-unaware-of-access", "spotify-unaware-of-access"]);
    for (const c of reported) {
      const who = c.statement.onBehalfOf!.name;
      const account = c.statement.account!;
      // Memo: the account is introduced as the article's words, about the speaker.
      expect(memo).toContain(`Reported speech, not ${who}'s words: the article “Facebook allowed Netflix, Spotify to access private user messages” (20 December 2018) wrote of **${who}** (December 2018), in its own words: “${account}”`);
      expect(memo).not.toMatch(new RegExp(`\\*\\*${who}\\*\\* said[^“\\n]*“${account.slice(0, 20)}`));
      // CSV: the quote column is empty; the account stands in its own column with the form.
      const row = rows.find((r) => r.id === c.id)!;
      expect(row).toMatchObject({ quote: "", form: "REPORTED", source_account: account, verified: "true" });
      // Explanation: "according to" the article, its words quoted as the article's.
      expect(c.explanation).toMatch(new RegExp(`^According to the article “Facebook allowed Netflix, Spotify to access private user messages” \\(20 December 2018\\), ${who} claimed`));
      expect(c.explanation).toContain(`(in the words of the article, not ${who}'s: “${account}”)`);
    }
    const direct = data.contradictions.find((c) => c.statement.form === "DIRECT")!;
    expect(memo).toContain(`**Netflix** said in a tweet (December 2018): “Netflix never asked for, or accessed, anyone's private messages”`);
    expect(direct.explanation).toContain("(“Netflix never asked for, or accessed, anyone's private messages”, December 2018)");
  });

  it("the memo never counts the article and the Times report it summarises as independent", () => {
    const memo = toMarkdown(data);
    expect(memo).not.toMatch(/\b2 independent/);
    for (const c of data.contradictions) {
      const ids = c.evidence.map((r) => r.id);
      expect(ids.includes(ARTICLE_ID) && ids.includes("nyt-2018-12-18-facebook-partners"), c.id).toBe(false);
    }
    expect(memo).toContain("The article “Facebook allowed Netflix, Spotify to access private user messages” (20 December 2018), citing The New York Times, says: “Facebook gave companies such as Apple, Amazon and Yahoo extensive access");
  });
});

describe("misquotes and changed texts are refused, nothing written", () => {
  it("a one-word misquote, naming the file, the path and the nearest passage with the difference", async () => {
    const dir = tempDir();
    const extract = article();
    const denial = extract.statements.findIndex((s: Json) => s.id === "netflix-never-asked-or-accessed-messages");
    extract.statements[denial].quote = "Netflix never requested, or accessed, anyone's private messages";
    const file = writeExtract(dir, "misquote.yaml", extract);
    const issues = await expectRefused(graph, [file]);
    const issue = issueAt(issues, file, `statements[${denial}].quote`);
    expect(issue.message).toContain("is not in the text of report \"facebook-partners-private-messages-2018-12-20\"");
    expect(issue.message).toContain("sources/2018-12-20-facebook-partners-private-messages.txt");
    expect(issue.message).toContain("the extract has “requested,” where the text has “asked for,”");
    // The account holding the quote is checked against the same text, and no longer contains the quote.
    expect(issueAt(issues, file, `statements[${denial}].reportedIn[1].account`).message).toMatch(/does not contain the statement's quote/);
  });

  it("narration printed as a quote: a DIRECT quote outside quotation marks in a report not the speaker's own", async () => {
    const dir = tempDir();
    const extract = article();
    const i = extract.statements.findIndex((s: Json) => s.id === "netflix-unaware-of-access");
    Object.assign(extract.statements[i], { form: "DIRECT", quote: "they were ignorant to the full scale of their access" });
    const file = writeExtract(dir, "narration.yaml", extract);
    expect(issueAt(await expectRefused(graph, [file]), file, `statements[${i}].form`).message).toMatch(/outside quotation marks, so it is the source's narration/);
  });

  it("a quote from another report's text", async () => {
    const dir = tempDir();
    writeText(dir, "sources/other.txt", "A different outlet wrote only this sentence about the deals.\n");
    const extract = article();
    extract.reports.push({
      id: "other-outlet-report",
      kind: "ARTICLE",
      publishedAt: "2018-12-21",
      text: { path: "sources/other.txt", sha256: (readSourceText(path.join(dir, "sources/other.txt")) as { sha256: string }).sha256 },
    });
    const denial = extract.statements.findIndex((s: Json) => s.id === "netflix-never-asked-or-accessed-messages");
    // Netflix's words are in the article, not in the other outlet's text.
    extract.statements[denial].reportedIn.push({ report: "other-outlet-report" });
    const file = writeExtract(dir, "elsewhere.yaml", extract);
    const issue = issueAt(await expectRefused(graph, [file]), file, `statements[${denial}].quote`);
    expect(issue.message).toContain('is not in the text of report "other-outlet-report"');
  });

  it("a source text changed since the extract recorded its hash", async () => {
    const dir = tempDir();
    const changed = path.join(dir, "sources/2018-12-20-facebook-partners-private-messages.txt");
    fs.appendFileSync(changed, "An added line.\n");
    const file = writeExtract(dir, "changed.yaml", article());
    const issue = issueAt(await expectRefused(graph, [file]), file, "source.text");
    expect(issue.message).toMatch(/has changed since the extract was checked against it: its SHA-256 is [0-9a-f]{64}, the extract records c5d98b21/);
  });

  it("a source text that is not UTF-8", async () => {
    const dir = tempDir();
    const bad = path.join(dir, "sources/2018-12-20-facebook-partners-private-messages.txt");
    fs.writeFileSync(bad, Buffer.concat([fs.readFileSync(bad), Buffer.from([0xff, 0xfe, 0x0a])]));
    const file = writeExtract(dir, "latin.yaml", article());
    expect(issueAt(await expectRefused(graph, [file]), file, "source.text").message).toContain("is not valid UTF-8");
  });

  it("an extract in the old format, told what to add", async () => {
    const dir = tempDir();
    const extract = article();
    delete extract.format;
    const file = writeExtract(dir, "old.yaml", extract);
    const issue = issueAt(await expectRefused(graph, [file]), file, "format");
    expect(issue.message).toMatch(/old format.*add `format: 2`.*give every statement a `form`/s);
  });
});

describe("anchors", () => {
  it("are W3C TextQuoteSelectors with code-point offsets into the original text", () => {
    const text = readSourceText(TEXT);
    if ("problem" in text) throw new Error(text.problem);
    const found = findPassage(text, "Netflix never asked for, or accessed, anyone’s private messages")!; // a curly apostrophe matches
    const original = [...fs.readFileSync(TEXT, "utf8")];
    expect(original.slice(found.anchor.start, found.anchor.end).join("")).toBe(found.anchor.exact);
    expect(found.anchor.exact).toBe("Netflix never asked for, or accessed, anyone's private messages");
    expect(found.anchor.prefix.endsWith('said that, "')).toBe(true);
    expect(found.anchor.suffix.startsWith('".')).toBe(true);
    expect(found.anchor.sentence).toBe('In a Tweet, Netflix said that, "Netflix never asked for, or accessed, anyone\'s private messages".');
    expect(found.insideQuotationMarks).toBe(true);
    expect(findPassage(text, "Netflix never asked for or accessed anyone's private messages")).toBeNull(); // punctuation is not normalised
  });
});
