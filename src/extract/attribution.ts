import path from "node:path";
import { projectRoot } from "../config.ts";
import { FIRST_PARTY_REPORT_KINDS } from "../domain/model.ts";
import type { KnownNode } from "./entities.ts";
import type { Extract, ExtractReport } from "./format.ts";
import type { ExtractIssue, ParsedExtract } from "./parse.ts";
import { type Found, type TextAnchor, type TextExamination, type TextRequest, confinedTextPath, examineText, normalised } from "./sourceText.ts";
import { invisibleIn } from "./textSafety.ts";

/**
 * Attribution (docs/attribution.md): whose words each quote is, checked against the archived source
 * texts. A statement's `quote` is the speaker's own words and nothing else; a source's sentence is an
 * `account`, the source's words; evidence is a report's own words (`quote`) or another report's
 * account of it (`account` + `carriedBy`). Where a report's text is archived, every quote and account
 * the extract says it carries must occur in it (after normalisation, see sourceText.ts), and a DIRECT
 * or MIXED quote in a report not the speaker's own must stand inside quotation marks there.
 */

/** Where the passages of one file stand in their sources: by statement and reporting, by grant and evidence. */
export interface ExtractAnchors {
  reportings: Map<string, { quote: TextAnchor | null; account: TextAnchor | null; verified: boolean }[]>;
  evidence: Map<string, { anchor: TextAnchor | null; verified: boolean }[]>;
  /** Each report's archived text as the graph records it: path from the project root and its hash. */
  texts: Map<string, { file: string; sha256: string }>;
}

const anchorsByExtract = new WeakMap<Extract, ExtractAnchors>();

/** The anchors validation found for a file; empty (nothing verified) for a file it did not check. */
export function anchorsOf(extract: Extract): ExtractAnchors {
  return anchorsByExtract.get(extract) ?? { reportings: new Map(), evidence: new Map(), texts: new Map() };
}

interface ReportInfo {
  kind: string;
  publisher?: string;
  /** Where its text is declared: the file and the path inside it, for messages. */
  declaredIn?: { file: string; path: string };
  textFile?: string;
  /** The text's confined absolute path, or why it is refused unread (confinedTextPath). */
  text?: { absolute: string } | { problem: string };
  sha256?: string;
}

/** The reports the files and the graph define, with where their texts are. */
function reportsKnown(files: ParsedExtract[], known: KnownNode[]): Map<string, ReportInfo> {
  const reports = new Map<string, ReportInfo>();
  for (const node of known) {
    if (node.kind !== "report" || !node.facts) continue;
    const facts = JSON.parse(node.facts) as ExtractReport;
    const definedIn = node.sourceExtracts[0];
    reports.set(node.id, {
      kind: facts.kind,
      publisher: facts.publisher,
      ...(facts.text && definedIn ? { ...textFileOf(definedIn, facts.text.path), sha256: facts.text.sha256 } : {}),
    });
  }
  for (const { file, extract } of files) {
    const all: [ExtractReport, string][] = [[extract.source, "source"], ...extract.reports.map((r, i) => [r, `reports[${i}]`] as [ExtractReport, string])];
    for (const [report, at] of all) {
      reports.set(report.id, {
        kind: report.kind,
        publisher: report.publisher,
        ...(report.text ? { ...textFileOf(file, report.text.path), sha256: report.text.sha256, declaredIn: { file, path: `${at}.text` } } : {}),
      });
    }
  }
  return reports;
}

/**
 * A text's path as the graph and messages name it (from the project root when inside it, as extract
 * names are), and where it is once confined to the extract's folder (or why it is refused).
 */
function textFileOf(extractFile: string, textPath: string): { textFile: string; text: { absolute: string } | { problem: string } } {
  const absolute = path.resolve(projectRoot(), path.dirname(extractFile), textPath);
  const relative = path.relative(projectRoot(), absolute);
  return { textFile: relative.startsWith("..") || path.isAbsolute(relative) ? absolute : relative, text: confinedTextPath(path.resolve(projectRoot(), extractFile), textPath) };
}

/**
 * The texts validation reads and the passages it looks for in each: every quote and account a
 * report is said to carry. Texts refused unread (outside their extract's folder) are not among them.
 */
export function textRequests(files: ParsedExtract[], known: KnownNode[]): TextRequest[] {
  const reports = reportsKnown(files, known);
  const requests = new Map<string, TextRequest>();
  const want = (reportId: string, passage: string | undefined) => {
    const info = reports.get(reportId);
    if (!info?.textFile || !info.text || !("absolute" in info.text)) return;
    let request = requests.get(info.textFile);
    if (!request) requests.set(info.textFile, (request = { file: info.textFile, absolute: info.text.absolute, sha256: info.sha256 ?? "", passages: [] }));
    if (passage !== undefined) request.passages.push(passage);
  };
  for (const { extract } of files) {
    for (const report of [extract.source, ...extract.reports]) want(report.id, undefined);
    for (const s of extract.statements) {
      for (const r of s.reportedIn) {
        want(r.report, s.quote);
        want(r.report, r.account);
      }
    }
    for (const g of extract.grants) for (const d of g.documentedIn) want(d.carriedBy ?? d.report, d.account ?? d.quote);
  }
  return [...requests.values()];
}

/** Every text of `requests` examined here, on this thread (src/extract/textWorker.ts does it on another). */
export function examineHere(requests: TextRequest[]): Map<string, TextExamination> {
  return new Map(requests.map((request) => [request.file, examineText(request)]));
}

/**
 * Checks every file's attribution and records its anchors (for the load). `examined`: the texts of
 * textRequests(files, known) already read and searched (by the load, off the event loop); else they
 * are here. A text refused unread, that cannot be read, is not UTF-8 or does not match its recorded
 * hash is reported where it is declared, and passages in it are not checked further.
 */
export function checkAttribution(files: ParsedExtract[], known: KnownNode[], examined?: Map<string, TextExamination>): ExtractIssue[] {
  const issues: ExtractIssue[] = [];
  const reports = reportsKnown(files, known);
  const results = examined ?? examineHere(textRequests(files, known));
  const reported = new Set<string>();
  const textOf = (reportId: string): { passages: Map<string, { found: Found } | { nearest: string }>; file: string } | null => {
    const info = reports.get(reportId);
    if (!info?.textFile || !info.text) return null;
    const where = info.declaredIn ?? { file: info.textFile, path: "" };
    const once = (message: string) => {
      if (reported.has(info.textFile!)) return;
      reported.add(info.textFile!);
      issues.push({ ...where, message });
    };
    if ("problem" in info.text) {
      once(`${info.textFile}: ${info.text.problem}`);
      return null;
    }
    const result = results.get(info.textFile);
    if (!result) return null;
    if ("problem" in result) {
      once(`${info.textFile}: ${result.problem}`);
      return null;
    }
    if (result.changed || result.sha256 !== info.sha256) {
      once(
        `${info.textFile} has changed since the extract was checked against it: its SHA-256 is ${result.sha256}, the extract records ${info.sha256}. Check every quote of this report against the new text, then record the new hash`,
      );
      return null;
    }
    return { passages: result.passages, file: info.textFile };
  };
  // A text whose problem is reported is not read again for each passage; its passages count as unchecked.
  const hasText = (reportId: string) => !!reports.get(reportId)?.textFile;

  for (const { file, extract } of files) {
    const anchors: ExtractAnchors = { reportings: new Map(), evidence: new Map(), texts: new Map() };
    for (const report of [extract.source, ...extract.reports]) {
      const info = reports.get(report.id);
      if (report.text && info?.textFile) {
        if (textOf(report.id)) anchors.texts.set(report.id, { file: info.textFile, sha256: report.text.sha256 });
      }
    }
    const people = new Map(extract.people.map((p) => [p.id, p.speaksFor]));

    /** Where `passage` stands in the report's text; undefined when there is no text to check against. */
    const locate = (reportId: string, passage: string, at: string, what: string): { found: Found | null; file: string } | undefined => {
      const text = textOf(reportId);
      if (!text) return undefined;
      const result = text.passages.get(passage);
      if (!result) return undefined;
      if ("nearest" in result) {
        issues.push({
          file,
          path: at,
          message: `${what} is not in the text of report "${reportId}" (${text.file}) verbatim, even after normalising whitespace and quotation marks; ${result.nearest}`,
        });
        return { found: null, file: text.file };
      }
      return { found: result.found, file: text.file };
    };

    /** A quote or account is the words as a reader sees them: none of the invisible characters. */
    const visible = (value: string | undefined, at: string) => {
      const invisible = value === undefined ? undefined : invisibleIn(value);
      if (invisible) issues.push({ file, path: at, message: invisible });
    };

    extract.statements.forEach((s, i) => {
      const at = `statements[${i}]`;
      visible(s.quote, `${at}.quote`);
      s.reportedIn.forEach((r, j) => visible(r.account, `${at}.reportedIn[${j}].account`));
      if (s.form === "REPORTED" && s.quote !== undefined) {
        issues.push({
          file,
          path: `${at}.quote`,
          message: "a REPORTED statement has no words of the speaker's: remove quote and give the source's sentence as reportedIn[].account (or, if the source quotes the speaker, make the form DIRECT or MIXED)",
        });
      }
      if (s.form !== "REPORTED" && s.quote === undefined) {
        issues.push({ file, path: `${at}.quote`, message: `required for a ${s.form} statement: the speaker's own words, verbatim` });
      }
      if (s.form !== "DIRECT" && !s.reportedIn.some((r) => r.account)) {
        issues.push({
          file,
          path: `${at}.reportedIn[0].account`,
          message: `required for a ${s.form} statement in at least one report: the source's sentence that carries it, verbatim`,
        });
      }
      const speakerOrgs = new Set([s.speaker, s.onBehalfOf, people.get(s.speaker)].filter((id): id is string => !!id));
      const entries: { quote: TextAnchor | null; account: TextAnchor | null; verified: boolean }[] = [];
      s.reportedIn.forEach((r, j) => {
        const rat = `${at}.reportedIn[${j}]`;
        if (r.account && s.quote && !normalised(r.account).includes(normalised(s.quote))) {
          issues.push({ file, path: `${rat}.account`, message: "the account does not contain the statement's quote: the speaker's words must be the ones the source's sentence quotes" });
        } else if (s.form === "MIXED" && r.account && s.quote && normalised(r.account).trim().length <= normalised(s.quote).trim().length) {
          // The account is the source's whole sentence, the quote only the words it puts in quotation marks.
          issues.push({
            file,
            path: `${rat}.account`,
            message:
              "a MIXED statement's account is the source's whole sentence around the quoted words, longer than the quote: give the sentence as it stands in the source (or, if the source quotes nothing more than these words, make the form DIRECT)",
          });
        }
        const info = reports.get(r.report);
        const firstParty = !!info && FIRST_PARTY_REPORT_KINDS.includes(info.kind as never) && !!info.publisher && speakerOrgs.has(info.publisher);
        let quoteAnchor: TextAnchor | null = null;
        if (s.quote) {
          const located = locate(r.report, s.quote, `${at}.quote`, "the quote");
          if (located?.found) {
            quoteAnchor = located.found.anchor;
            if (!firstParty && !located.found.insideQuotationMarks) {
              issues.push({
                file,
                path: `${at}.form`,
                message: `the quote stands in ${located.file} outside quotation marks, so it is the source's narration, not the speaker's words: make the statement REPORTED (no quote) with the source's sentence as reportedIn[${j}].account, or MIXED quoting only the words inside quotation marks`,
              });
            }
          }
        }
        const accountAnchor = r.account ? (locate(r.report, r.account, `${rat}.account`, "the account")?.found?.anchor ?? null) : null;
        entries.push({ quote: quoteAnchor, account: accountAnchor, verified: hasText(r.report) });
      });
      anchors.reportings.set(s.id, entries);
    });

    extract.grants.forEach((g, i) => {
      const entries: { anchor: TextAnchor | null; verified: boolean }[] = [];
      g.documentedIn.forEach((d, j) => {
        const at = `grants[${i}].documentedIn[${j}]`;
        visible(d.quote, `${at}.quote`);
        visible(d.account, `${at}.account`);
        if ((d.quote === undefined) === (d.account === undefined)) {
          issues.push({ file, path: at, message: "give either quote (the report's own words) or account with carriedBy (another report's sentence about it), not both and not neither" });
        }
        if ((d.account === undefined) !== (d.carriedBy === undefined)) {
          issues.push(
            d.account === undefined
              ? { file, path: `${at}.account`, message: "required with carriedBy: the carrying report's sentence about this report's evidence, verbatim" }
              : { file, path: `${at}.carriedBy`, message: "required with account: the report whose sentence the account is" },
          );
        }
        if (d.carriedBy !== undefined && d.carriedBy === d.report) {
          issues.push({ file, path: `${at}.carriedBy`, message: "a report does not carry itself: its own words go in quote" });
        }
        const holder = d.carriedBy ?? d.report;
        const passage = d.account ?? d.quote;
        const located = passage ? locate(holder, passage, `${at}.${d.account ? "account" : "quote"}`, d.account ? "the account" : "the quote") : undefined;
        entries.push({ anchor: located?.found?.anchor ?? null, verified: hasText(holder) });
      });
      anchors.evidence.set(g.id, entries);
    });
    anchorsByExtract.set(extract, anchors);
  }
  return issues;
}
