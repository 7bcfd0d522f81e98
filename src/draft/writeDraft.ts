import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { schemaReference } from "../extract/skeleton.ts";
import type { DraftResult } from "./draftExtract.ts";

/**
 * Writes a draft as a hand-written extract is kept: the text archived as `sources/<name>.txt` beside
 * the extract, with its SHA-256 in `source.text`, and the extract in YAML with its schema reference
 * and the `draft:` block at the top.
 */

export const REVIEW =
  "A draft is not a fact: nothing in this file is loaded until a reporter has checked it against the text. " +
  "For each item under pending, accept, correct or delete the suggestion it names (speaker, form, stance, about, the grant's parties and data); " +
  "add what the draft missed; run `claimgraph validate` on the file; then delete this whole `draft:` block to mark the file reviewed.";

export function writeDraft(result: DraftResult, out: string, now = new Date()): { extract: string; text: string; sha256: string } {
  const dir = path.dirname(path.resolve(out));
  const textPath = path.join("sources", `${result.name}.txt`);
  const absoluteText = path.join(dir, textPath);
  fs.mkdirSync(path.dirname(absoluteText), { recursive: true });
  fs.writeFileSync(absoluteText, result.text);
  const sha256 = createHash("sha256").update(fs.readFileSync(absoluteText)).digest("hex");
  const { format, source, ...rest } = result.extract;
  const document = {
    format,
    draft: { by: "claimgraph draft", at: now.toISOString(), review: REVIEW, pending: result.pending },
    source: { ...source, text: { path: textPath.split(path.sep).join("/"), sha256 } },
    ...rest,
  };
  const yaml = YAML.stringify(document, { lineWidth: 0, aliasDuplicateObjects: false });
  const header = `# yaml-language-server: $schema=${schemaReference(out)}\n# A draft written by \`claimgraph draft\` from ${textPath}: review it (see draft.review), then delete the draft: block.\n`;
  fs.writeFileSync(out, header + yaml);
  return { extract: out, text: absoluteText, sha256 };
}
