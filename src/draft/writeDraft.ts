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
  const draft = { by: "claimgraph draft", at: now.toISOString(), review: REVIEW, pending: result.pending };
  return writeExtractFiles(result.extract, result.text, result.name, out, draft);
}

/**
 * Writes an extract and its text as a hand-written extract is kept (the intake page saves a reviewed
 * one so): `sources/<name>.txt` beside `out`, its SHA-256 in `source.text`, and `draft` (when given)
 * at the top.
 */
export function writeExtractFiles(
  extract: Record<string, unknown> & { source: Record<string, unknown> },
  text: string,
  name: string,
  out: string,
  draft?: Record<string, unknown>,
): { extract: string; text: string; sha256: string } {
  const dir = path.dirname(path.resolve(out));
  const textPath = path.join("sources", `${name}.txt`);
  const absoluteText = path.join(dir, textPath);
  fs.mkdirSync(path.dirname(absoluteText), { recursive: true });
  fs.writeFileSync(absoluteText, text);
  const sha256 = createHash("sha256").update(fs.readFileSync(absoluteText)).digest("hex");
  fs.writeFileSync(out, extractYaml(extract, textPath.split(path.sep).join("/"), sha256, out, draft));
  return { extract: out, text: absoluteText, sha256 };
}

/** The extract's YAML: its schema reference, `format`, the draft block (if any), `source` with its text's path and hash, the rest. */
export function extractYaml(extract: Record<string, unknown> & { source: Record<string, unknown> }, textPath: string, sha256: string, out: string, draft?: Record<string, unknown>): string {
  const { format, source, draft: _ignored, ...rest } = extract;
  const document = { format: format ?? 2, ...(draft ? { draft } : {}), source: { ...source, text: { path: textPath, sha256 } }, ...rest };
  const yaml = YAML.stringify(document, { lineWidth: 0, aliasDuplicateObjects: false });
  const header = draft
    ? `# yaml-language-server: $schema=${schemaReference(out)}\n# A draft written by \`${draft.by}\` from ${textPath}: review it (see draft.review), then delete the draft: block.\n`
    : `# yaml-language-server: $schema=${schemaReference(out)}\n`;
  return header + yaml;
}
