import fs from "node:fs/promises";
import path from "node:path";
import { UsageError, parseCommandArgs } from "../cliArgs.ts";
import { badInput } from "../domain/errors.ts";
import type { Graph } from "../graph/graph.ts";
import { fetchContradictions } from "./fetchContradictions.ts";
import { type ContradictionFilterInput, parseFilter } from "./filterParams.ts";
import { CONTRADICTION_KINDS } from "../domain/model.ts";
import { CSV_COLUMNS, type ExportFormat, FORMATS, formatContradictions, isExportFormat } from "./formats.ts";

export const EXPORT_USAGE = `usage: claimgraph export contradictions --format ${Object.keys(FORMATS).join("|")} [--organization ID]
         [--kind KIND]... [--min-severity N] [--from DATE] [--to DATE] [--text WORDS] [--out FILE]

  --format        json: the API's evidence chains; csv: one row per contradiction; md, html, docx: a
                  research memo with footnoted citations, as Markdown, HTML (pastes into Google Docs or
                  Word with its notes) or a Word document (needs --out)
  --organization  only contradictions involving this organisation (id, e.g. netflix)
  --kind          only this kind (repeat it, or separate kinds by commas): ${CONTRADICTION_KINDS.join(", ")}
  --min-severity  only contradictions of at least this severity (0-100)
  --from, --to    only statements made from / until this date (YYYY, YYYY-MM or YYYY-MM-DD)
  --text          only contradictions holding every word (any case) in the quote or account, the
                  speaker, the parties, the grant's description or its data
  --out           write to FILE instead of standard output

CSV columns: ${CSV_COLUMNS.map((c) => c.name).join(", ")}`;

export interface ExportArgs {
  format: ExportFormat;
  filter: ContradictionFilterInput;
  out: string | null;
}

/** A usage error: the CLI prints the usage and exits 2. */
export class ExportUsageError extends Error {
  constructor(message: string) {
    super(`${message}\n\n${EXPORT_USAGE}`);
    this.name = "ExportUsageError";
  }
}

/** Checks the arguments before anything connects to Neo4j. */
export function parseExportArgs(args: string[]): ExportArgs {
  let parsed;
  try {
    parsed = parseCommandArgs(args, {
      format: { type: "string" },
      organization: { type: "string" },
      kind: { type: "string", multiple: true },
      "min-severity": { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      text: { type: "string" },
      out: { type: "string" },
    });
  } catch (error) {
    if (error instanceof UsageError) throw new ExportUsageError(error.message);
    throw error;
  }
  const [what, ...extra] = parsed.positionals;
  if (what !== "contradictions") throw new ExportUsageError(what ? `Cannot export "${what}"; only "contradictions".` : "What to export is missing.");
  if (extra.length) throw new ExportUsageError(`Unexpected argument "${extra[0]}".`);
  const { format, organization, kind, from, to, text, out } = parsed.values;
  if (!format) throw new ExportUsageError("--format is required.");
  if (!isExportFormat(format)) throw new ExportUsageError(`Unknown format "${format}"; use ${Object.keys(FORMATS).join(", ")}.`);
  const { filter, problems } = parseFilter(
    { organization, kinds: kind, minSeverity: parsed.values["min-severity"], from, to, text },
    { organization: "--organization", kind: "--kind", minSeverity: "--min-severity", from: "--from", to: "--to", text: "--text" },
  );
  if (problems.length) throw new ExportUsageError(problems.join(" "));
  if (out !== undefined && out.trim() === "") throw new ExportUsageError("--out needs a file name.");
  if (format === "docx" && !out) throw new ExportUsageError("--format docx writes a Word file: give it a name with --out FILE.docx.");
  return { format, filter, out: out ?? null };
}

/**
 * `claimgraph export contradictions …`: 0 when written, 2 on a usage error, 1 when the organisation
 * is unknown (the error is thrown as NOT_FOUND and reported by the CLI).
 */
export async function exportCommand(
  graph: Graph,
  args: string[],
  io: { stdout: (text: string) => void; stderr: (text: string) => void } = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  },
): Promise<number> {
  let options: ExportArgs;
  try {
    options = parseExportArgs(args);
  } catch (error) {
    if (error instanceof ExportUsageError) {
      io.stderr(`claimgraph export: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const data = await fetchContradictions(graph, { filter: options.filter });
  const text = await formatContradictions(options.format, data);
  if (!options.out) {
    io.stdout(String(text));
    return 0;
  }
  const file = path.resolve(options.out);
  try {
    await fs.writeFile(file, text);
  } catch (error) {
    throw badInput(`Cannot write ${file}: ${(error as Error).message}`);
  }
  const count = data.contradictions.length;
  io.stderr(`Wrote ${count} contradiction${count === 1 ? "" : "s"} (${options.format}) to ${file}.\n`);
  return 0;
}
