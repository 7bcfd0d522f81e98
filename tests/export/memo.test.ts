import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import mammoth from "mammoth";
import { type HTMLElement, parse } from "node-html-parser";
import { describe, expect, it } from "vitest";
import { exportCommand } from "../../src/export/exportCommand.ts";
import { useSeededApi } from "../support/api.ts";

/**
 * The memos on the seed article, read back with real parsers: the HTML one with node-html-parser,
 * the .docx one with mammoth (the Word reader), the Markdown one as text. All three carry one text:
 * dates in words, names (never slugs), untitled reports cited as such, each quote once, one full
 * stop after a closing quotation mark, and a final newline.
 */
const NETFLIX_QUOTE = "Netflix never asked for, or accessed, anyone's private messages";
// The Netflix memo cites no Times report since its grants are documented by the headline (issue 22): an untitled post stands in.
const TIMES_NOTE = "An untitled social media post by Netflix, December 2018";

const seeded = useSeededApi();

/** What every memo's text must not hold. */
function expectCleanProse(text: string) {
  expect(text).not.toMatch(/\b\d{4}-\d{2}(-\d{2})?\b/); // ISO dates
  expect(text).not.toMatch(/\b[a-z0-9]+(-[a-z0-9]+){2,}\b/); // slugs such as messaging-features or report ids
  expect(text).not.toContain("title not given");
  expect(text).not.toMatch(/[.!?]”\./); // “… song.”.
  expect(text).not.toMatch(/\.\.(?!\.)|,,|\s[.,;:]/); // doubled or orphaned punctuation
  expect(text.split(NETFLIX_QUOTE).length - 1).toBe(1); // each quote once
}

async function exportText(args: string[]) {
  let stdout = "";
  const code = await exportCommand(seeded.graph, ["contradictions", ...args], { stdout: (t) => (stdout += t), stderr: () => {} });
  expect(code).toBe(0);
  return stdout;
}

describe("the memos", () => {
  it("HTML: parses, and reads with dates in words, names, untitled reports cited as such and notes that resolve", async () => {
    const response = await fetch(`${seeded.api.url}/export/contradictions.html?organization=netflix`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await response.text();
    expect(html.endsWith("</html>\n")).toBe(true);
    const root = parse(html);
    expect(root.querySelector("h1")!.text).toBe("Contradictions: Netflix");
    const headings = root.querySelectorAll("h2").map((h) => h.text);
    // Netflix's own words first, the group claim that concedes the access after (docs/rules.md, Severity).
    expect(headings).toEqual(["1. A denial of use or of asking against a grant (a tension, not a proven falsehood)", "2. A claim of unawareness against a documented grant", "Notes"]);
    const body = root.querySelectorAll("p, li").map((e) => e.text).join("\n");
    expectCleanProse(body);
    expect(body).toContain(`Netflix said in a tweet (December 2018): “${NETFLIX_QUOTE}”.[`);
    expect(body).toContain("Exported from claimgraph on ");
    // Every note mark links to a note of the list, numbered alike (a paste keeps "[N]" either way).
    const notes = new Map(root.querySelectorAll("ol > li").map((li: HTMLElement) => [li.id, li]));
    const marks = root.querySelectorAll("sup > a");
    expect(marks.length).toBeGreaterThan(3);
    for (const mark of marks) {
      const note = notes.get(mark.getAttribute("href")!.slice(1));
      expect(note, mark.toString()).toBeDefined();
      expect(mark.text).toBe(`[${note!.getAttribute("value")}]`);
    }
    expect([...notes.values()].map((li) => li.text)).toContain(`${TIMES_NOTE}.`);
    // Ids are unique in the page (a back-link to "ref-1" finds the one first mark of note 1), and every
    // note is cited by a mark carrying its id.
    const ids = root.querySelectorAll("[id]").map((e) => e.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i), "repeated ids").toEqual([]);
    for (const number of [...notes.values()].map((li) => li.getAttribute("value"))) expect(ids).toContain(`ref-${number}`);
    // A CSP of its own: the memo runs no script.
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
  });

  it(".docx: mammoth reads it back, with the same prose and the citations as real footnotes", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-memo-"));
    const file = path.join(dir, "netflix.docx");
    await exportText(["--format", "docx", "--organization", "netflix", "--out", file]);
    const buffer = fs.readFileSync(file);
    expect(buffer.subarray(0, 2).toString()).toBe("PK"); // a zip, as a .docx is
    const { value: html, messages } = await mammoth.convertToHtml({ buffer });
    expect(messages.filter((m) => m.type === "error")).toEqual([]);
    const root = parse(html);
    expect(root.querySelector("h1, p")!.text).toBe("Contradictions: Netflix");
    const text = (await mammoth.extractRawText({ buffer })).value;
    // mammoth writes footnote marks as [N] links and the footnotes as a list at the end.
    const prose = root.querySelectorAll("p").map((p) => p.text).join("\n");
    expectCleanProse(prose.replace(/\[\d+\]/g, ""));
    expect(prose).toContain(`Netflix said in a tweet (December 2018): “${NETFLIX_QUOTE}”.`);
    const footnotes = root.querySelectorAll("li[id^=footnote]").map((li) => li.text);
    expect(footnotes.length).toBeGreaterThan(3);
    expect(footnotes.some((f) => f.includes(TIMES_NOTE))).toBe(true);
    expect(text).toContain("December 2018");
    fs.rmSync(dir, { recursive: true, force: true });

    // Served over HTTP as a download.
    const response = await fetch(`${seeded.api.url}/export/contradictions.docx?organization=netflix&kind=USE_OR_REQUEST_VS_GRANT`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="contradictions-netflix.docx"');
    const served = parse((await mammoth.convertToHtml({ buffer: Buffer.from(await response.arrayBuffer()) })).value);
    expect(served.querySelectorAll("h2").map((h) => h.text)).toEqual(["1. A denial of use or of asking against a grant (a tension, not a proven falsehood)"]);
  });

  it("Markdown: the same text as the HTML memo, ending with a newline", async () => {
    const md = await exportText(["--format", "md", "--organization", "netflix"]);
    const html = await exportText(["--format", "html", "--organization", "netflix"]);
    expect(md.endsWith("\n")).toBe(true);
    expect(md.endsWith("\n\n")).toBe(false);
    const unmark = (text: string) => text.replace(/\[\^(\d+)\](: )?/g, "").replace(/\[(\d+)\]/g, "").replace(/\*\*?/g, "").replace(/\\(.)/g, "$1").replace(/<(https?:[^>]+)>/g, "$1");
    const words = (text: string) => text.replace(/\s+/g, " ").trim();
    const mdText = words(unmark(md));
    const htmlParagraphs = parse(html).querySelectorAll("p, li").map((e) => words(unmark(e.text)));
    expect(htmlParagraphs.length).toBeGreaterThan(10);
    for (const paragraph of htmlParagraphs) expect(mdText, paragraph).toContain(paragraph);
    expectCleanProse(md.replace(/<https?:[^>]+>/g, ""));
  });

  it("says why a claim of not knowing the full scale of an access conflicts as the explanation does: it concedes the access", async () => {
    const md = await exportText(["--format", "md", "--organization", "netflix", "--kind", "UNAWARENESS_VS_GRANT"]);
    const { body } = await seeded.api.query('{ contradictions(filter: { organization: "netflix", kinds: [UNAWARENESS_VS_GRANT] }, first: 10) { edges { node { explanation statement { concedesAccess } } } } }');
    const [node] = body.data.contradictions.edges.map((e: any) => e.node);
    expect(node.statement.concedesAccess).toBe(true);
    expect(node.explanation).toContain("concedes the access itself");
    expect(md).toContain("*Why they conflict:* The statement claims not to know the full extent of an access, which concedes the access itself; the reports document it.");
    expect(md).not.toContain("claims not to know of an access");
  });

  it("takes the API's filters: kinds, least severity and dates, on the command line", async () => {
    const md = await exportText(["--format", "md", "--kind", "UNAWARENESS_VS_GRANT", "--min-severity", "20", "--from", "2018-12", "--to", "2018"]);
    expect(md).toMatch(/^# Contradictions: all organisations \(unawareness vs grant, severity 20 or more, said from December 2018 to 2018\)\n/);
    expect(md.match(/^## \d+\. A claim of unawareness/gm)!.length).toBe(md.match(/^## /gm)!.length);
    const none = await exportText(["--format", "md", "--from", "2019"]);
    expect(none).toContain("No contradictions found.");
  });
});
