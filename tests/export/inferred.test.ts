import "reflect-metadata";
import { parse } from "node-html-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { explainContradiction, type ExplanationFacts } from "../../src/contradictions/explain.ts";
import { attributedEvidence, attributedStatement } from "../../src/domain/attribution.ts";
import { type ContradictionExport, fetchContradictions } from "../../src/export/fetchContradictions.ts";
import { toCsv, toHtml, toJson, toMarkdown } from "../../src/export/formats.ts";
import { useSeededApi } from "../support/api.ts";
import { csvObjects } from "./parseCsv.ts";

/**
 * Inferred attribution (issue 22, point 1): a statement whose speaker the source never names
 * (`speakerInferred`), and evidence whose report the source does not name (`reportInferred`), are
 * said to be inferred wherever the speaker or the report is named; the extract's notes and a
 * statement's own notes reach the memo's notes and the API.
 */
const seeded = useSeededApi();
const HE_ADDED = "facebook-partners-dont-ignore-privacy-settings";
const INFERRED_MARK = "[not named by the source; inferred: 'He added' follows no named man";

let data: ContradictionExport;
beforeAll(async () => {
  data = await fetchContradictions(seeded.graph, {});
});

describe("the API", () => {
  it("serves the reasons: Statement.speakerInferred and notes, Documentation.reportInferred, Report.extractNotes", async () => {
    const { body } = await seeded.api.query(`{
      statement(id: "${HE_ADDED}") { speakerInferred notes reportings { report { extractNotes } } }
      named: statement(id: "netflix-never-asked-or-accessed-messages") { speakerInferred }
      grant(id: "facebook-microsoft-instant-personalization") { documentedIn { reportInferred report { id } } }
    }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.statement.speakerInferred).toMatch(/^'He added' follows no named man/);
    expect(body.data.statement.notes).toContain("the article's framing");
    expect(body.data.statement.reportings[0].report.extractNotes).toContain("speakerInferred");
    expect(body.data.named.speakerInferred).toBeNull();
    const inferred = body.data.grant.documentedIn.filter((d: { reportInferred: string | null }) => d.reportInferred);
    expect(inferred.map((d: { report: { id: string } }) => d.report.id)).toEqual(["nyt-2018-12-18-facebook-partners"]);
    expect(inferred[0].reportInferred).toContain("the Tuesday bombshell");
  });
});

describe("every output names an inferred speaker as inferred", () => {
  const heAdded = () => data.contradictions.filter((c) => c.statement.id === HE_ADDED);

  it("the seed's inferred speaker has contradictions, and the explanation says the speaker is inferred", () => {
    expect(heAdded().length).toBeGreaterThan(0);
    for (const c of heAdded()) expect(c.explanation).toContain(INFERRED_MARK);
    // A speaker the source names gets no mark.
    for (const c of data.contradictions.filter((c) => !c.statement.speakerInferred)) expect(c.explanation).not.toContain("inferred");
  });

  it("Markdown and HTML memos: the mark after the speaker's name, the statement's and the extract's notes among the notes", () => {
    const md = toMarkdown(data);
    expect(md).toContain(`**A Facebook spokesperson (Facebook)** ${INFERRED_MARK.replace(/[[\]]/g, (c) => `\\${c}`)}`);
    expect(md).toMatch(/\[\^\d+\]: On this statement, the extract notes: Only the words inside/);
    expect(md).toMatch(/\[\^\d+\]: The notes of the extract made from “Facebook allowed Netflix, Spotify to access private user messages”: The article gives no publisher/);
    const html = parse(toHtml(data));
    const text = html.textContent;
    expect(text).toContain(`A Facebook spokesperson (Facebook) ${INFERRED_MARK}`);
    expect(html.querySelectorAll("li").some((li) => li.textContent.startsWith("On this statement, the extract notes:"))).toBe(true);
  });

  it("a speakerless sentence read as Facebook's is printed as the article's, attributed to no one (the page's and memo's sentence)", async () => {
    const { body } = await seeded.api.query(`{ statement(id: "facebook-spotify-read-access") {
      form quote account speaker speakerInferred madeAt onBehalfOf { name } reportings { account report { title kind publishedAt publisher { name } } } } }`);
    expect(body.errors).toBeUndefined();
    const sentence = attributedStatement(body.data.statement);
    expect(sentence).toContain("in a sentence it attributes to no one, wrote (December 2018): “For you to be able to read messages back, we needed Spotify to have \"read access\".” [read as Facebook's; inferred:");
    expect(sentence).not.toMatch(/wrote of Facebook/);
  });

  it("the HTML memo's ids are unique, each note's back-link target once (issue 22, point 7)", () => {
    const ids = parse(toHtml(data)).querySelectorAll("[id]").map((e) => e.id);
    expect(ids.length).toBeGreaterThan(5);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("CSV: a speaker_inferred column, empty for a named speaker; statement_notes", () => {
    const rows = csvObjects(toCsv(data));
    for (const row of rows) {
      const c = data.contradictions.find((x) => x.id === row.id)!;
      expect(row.speaker_inferred).toBe(c.statement.speakerInferred ?? "");
    }
    expect(rows.filter((r) => r.speaker_inferred).length).toBe(heAdded().length);
    expect(rows.find((r) => r.statement_id === HE_ADDED)!.statement_notes).toContain("the article's framing");
  });

  it("JSON: the reasons as the API gives them", () => {
    const json = JSON.parse(toJson(data));
    const c = json.contradictions.find((x: { statement: { id: string } }) => x.statement.id === HE_ADDED);
    expect(c.statement.speakerInferred).toMatch(/^'He added'/);
  });

  it("the evidence whose report is inferred says so instead of 'citing'", () => {
    const micro = { quote: null, account: "While the Tuesday bombshell focused …", reportInferred: "read as the Times report", report: { publisher: { name: "The New York Times" }, kind: "INVESTIGATION" }, carriedBy: { title: "Facebook allowed Netflix", kind: "ARTICLE" } };
    expect(attributedEvidence(micro)).toBe(
      "The article “Facebook allowed Netflix” says: “While the Tuesday bombshell focused …” [a report it does not name, inferred to be The New York Times's: read as the Times report]",
    );
  });
});

describe("the explanation of a sentence the source attributes to no one", () => {
  const facts: ExplanationFacts = {
    kind: "ENDED_VS_ACTIVE",
    speaker: "Acme",
    organization: "Acme",
    side: "GRANTOR",
    form: "REPORTED",
    quote: null,
    account: "This has since been discontinued.",
    source: "the article “Acme and friends” (20 December 2018)",
    sourceShort: "the article",
    madeAt: "2018-12",
    speakerInferred: "it follows Acme's statement",
    claimedEnd: "2018-12",
    grantor: "Acme",
    grantee: "Beta",
    data: ["contacts"],
    capabilities: null,
    validFrom: null,
    validTo: null,
    openEnded: true,
    exemptFromPrivacyRules: false,
    chain: [],
    reports: ["The Paper (1 January 2019)"],
    admittedBy: [],
  };

  it("makes the source the subject and names the parties, for every kind", () => {
    for (const kind of ["DENIAL_VS_GRANT", "ENDED_VS_ACTIVE", "ASSURANCE_VS_EXEMPTION", "UNAWARENESS_VS_GRANT", "USE_OR_REQUEST_VS_GRANT"] as const) {
      const text = explainContradiction({ ...facts, kind });
      expect(text, kind).toMatch(/^The article “Acme and friends” \(20 December 2018\), in a sentence it attributes to no one \(read as Acme's; inferred: it follows Acme's statement\), (says|gives)/);
      expect(text, kind).toContain("(“This has since been discontinued.”)");
      expect(text, kind).not.toMatch(/\bits access\b|Acme's words/);
    }
    expect(explainContradiction(facts)).toContain("says that Beta's access had ended by December 2018");
  });

  it("the statement sentence of the memo, the table and the page says the same", () => {
    const sentence = attributedStatement({ form: "REPORTED", speaker: "Acme", onBehalfOf: { name: "Acme" }, account: "This has since been discontinued.", speakerInferred: "it follows Acme's statement", madeAt: "2018-12" });
    expect(sentence).toBe("The source, in a sentence it attributes to no one, wrote (December 2018): “This has since been discontinued.” [read as Acme's; inferred: it follows Acme's statement]");
  });
});
