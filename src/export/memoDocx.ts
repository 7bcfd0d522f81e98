import { Document, ExternalHyperlink, FootnoteReferenceRun, HeadingLevel, Packer, Paragraph, type ParagraphChild, TextRun } from "docx";
import type { Memo, Run } from "./memoModel.ts";

/**
 * The .docx memo (`export --format docx`, /export/contradictions.docx), built with the `docx`
 * package: the memo's text (memoModel.ts) with each note as a real Word footnote, which Word and
 * Google Docs keep as footnotes. A report cited twice is one footnote per citation in Word's model
 * (a footnote belongs to one place in the text); they carry the same words.
 */
export async function memoToDocx(memo: Memo): Promise<Buffer> {
  const noteRuns = new Map(memo.notes.map((note) => [note.number, note.runs]));
  const footnotes: Record<number, { children: Paragraph[] }> = {};
  let nextFootnote = 1;

  const children = (runs: Run[]): ParagraphChild[] =>
    runs.map((run) => {
      switch (run.kind) {
        case "text":
          return new TextRun(run.text);
        case "strong":
          return new TextRun({ text: run.text, bold: true });
        case "em":
          return new TextRun({ text: run.text, italics: true });
        case "quote":
          return new TextRun(`“${run.text}”`);
        case "link":
          return new ExternalHyperlink({ link: run.href, children: [new TextRun({ text: run.text, style: "Hyperlink" })] });
        case "note": {
          const id = nextFootnote++;
          footnotes[id] = { children: [new Paragraph({ children: children(noteRuns.get(run.number) ?? []) })] };
          return new FootnoteReferenceRun(id);
        }
      }
    });

  const body: Paragraph[] = [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(memo.title)] })];
  for (const block of memo.blocks) {
    body.push(
      block.kind === "heading"
        ? new Paragraph({ heading: block.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, children: [new TextRun(block.text)] })
        : new Paragraph({ children: children(block.runs) }),
    );
  }
  const document = new Document({ title: memo.title, creator: "claimgraph", footnotes, sections: [{ children: body }] });
  return Packer.toBuffer(document);
}
