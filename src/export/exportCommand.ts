import fs from "node:fs/promises";
import path from "node:path";
import { Argument, type Command, Option } from "commander";
import { type Io, STDIO, command, program, runProgram, usageError } from "../commandLine.ts";
import { badInput } from "../domain/errors.ts";
import { CONTRADICTION_KINDS, REVIEW_STATUSES } from "../domain/model.ts";
import type { Graph } from "../graph/graph.ts";
import { EXPORT_GROUPS, type ExportGroup } from "./exportGroups.ts";
import { type ContradictionFilterInput, parseFilter } from "./filterParams.ts";
import { CSV_COLUMNS, type ExportFormat, FINDING_CSV_COLUMNS, FORMATS, formatContradictions, isByStatement } from "./formats.ts";

export interface ExportArgs {
  format: ExportFormat;
  filter: ContradictionFilterInput;
  group: ExportGroup;
  out: string | null;
}

interface ExportOptions {
  format: ExportFormat;
  organization?: string;
  kind?: string[];
  minSeverity?: string;
  from?: string;
  to?: string;
  text?: string;
  status?: string[];
  group: ExportGroup;
  out?: string;
}

/** The options checked beyond commander's (the filter as the API checks it, a file for docx), before anything connects. */
function checkExportOptions(cli: Command, options: ExportOptions): ExportArgs {
  const { format, organization, kind, minSeverity, from, to, text, status, group, out } = options;
  const { filter, problems } = parseFilter(
    { organization, kinds: kind, minSeverity, from, to, text, statuses: status },
    { organization: "--organization", kind: "--kind", minSeverity: "--min-severity", from: "--from", to: "--to", text: "--text", status: "--status" },
  );
  if (problems.length) usageError(cli, problems.join(" "));
  if (out !== undefined && out.trim() === "") usageError(cli, "--out needs a file name.");
  if (format === "docx" && !out) usageError(cli, "--format docx writes a Word file: give it a name with --out FILE.docx.");
  return { format, filter, group, out: out ?? null };
}

/**
 * `claimgraph export contradictions …`: its options, help and checks; the contradictions are read
 * from the graph `withGraph` gives (connected only once the options are good).
 */
export function exportCli(withGraph: (work: (graph: Graph) => Promise<number>) => Promise<number>, io: Io = STDIO): Command {
  const formats = Object.keys(FORMATS) as ExportFormat[];
  const cli: Command = command(
    "export",
    {
      summary: "Export the contradictions with their citations, filtered as the API's ContradictionFilter",
      details:
        "json: the API's evidence chains; csv: a table; md, html, docx: a research memo with footnoted citations, as " +
        "Markdown, HTML (pastes into Google Docs or Word with its notes) or a Word document. By statement (the default), " +
        "one row or section per finding (a statement with every grant it conflicts with, its review status); " +
        "--group pairs gives one per statement and grant, as the API's contradictions.",
      usage: `contradictions --format ${formats.join("|")} [options]`,
      examples: [
        "claimgraph export contradictions --format md --organization netflix",
        "claimgraph export contradictions --format csv --kind DENIAL_VS_GRANT --out denials.csv",
        "claimgraph export contradictions --format md --status CONFIRMED,NEEDS_REPLY",
        "claimgraph export contradictions --format csv --group pairs",
      ],
      run: async (_what: string, options: ExportOptions) => {
        const checked = checkExportOptions(cli, options);
        return withGraph((graph) => writeExport(graph, checked, io));
      },
    },
    io,
  )
    .addArgument(new Argument("<what>", "what to export").choices(["contradictions"]))
    .addOption(new Option("--format <format>", "json, csv, or a memo as md, html or docx (docx needs --out)").choices(formats).makeOptionMandatory())
    .option("--organization <id>", "only contradictions involving this organisation (e.g. netflix)")
    .option("--kind <kind>", `only this kind (repeat it, or separate kinds by commas): ${CONTRADICTION_KINDS.join(", ")}`, (kind: string, kinds: string[] = []) => [...kinds, kind])
    .option("--min-severity <n>", "only contradictions of at least this severity (0-100)")
    .option("--from <date>", "only statements made from this date (YYYY, YYYY-MM or YYYY-MM-DD)")
    .option("--to <date>", "only statements made until this date")
    .option("--text <words>", "only contradictions holding every word (any case) in the quote or account, the speaker, the parties, the grant's description or its data")
    .option(
      "--status <status>",
      `only findings whose review has this status (repeat it, or separate statuses by commas): ${REVIEW_STATUSES.join(", ")}`,
      (status: string, statuses: string[] = []) => [...statuses, status],
    )
    .addOption(new Option("--group <group>", "statement: one row or section per finding, its grants beneath; pairs: one per statement and grant").choices(EXPORT_GROUPS).default("statement"))
    .option("--out <file>", "write to FILE instead of standard output");
  cli.addHelpText("after", `\nCSV columns (by statement): ${FINDING_CSV_COLUMNS.map((c) => c.name).join(", ")}\nCSV columns (--group pairs): ${CSV_COLUMNS.map((c) => c.name).join(", ")}`);
  return cli;
}

/** Writes the export: to `options.out`, or to standard output. */
async function writeExport(graph: Graph, options: ExportArgs, io: Io): Promise<number> {
  // The API's schema loads only for an export that runs, not for every command's --help.
  const { fetchExport } = await import("./fetchContradictions.ts");
  const data = await fetchExport(graph, { filter: options.filter, group: options.group });
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
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const written = isByStatement(data)
    ? `${plural(data.findings.length, "finding")} (${plural(data.findings.reduce((sum, f) => sum + f.contradictions.length, 0), "contradiction")})`
    : plural(data.contradictions.length, "contradiction");
  io.stderr(`Wrote ${written} (${options.format}) to ${file}.\n`);
  return 0;
}

/**
 * `claimgraph export contradictions …` on a given graph: 0 when written, 2 on a usage error (said on
 * `io.stderr` with the command's help); an unknown organisation is thrown (NOT_FOUND), for the CLI
 * to report.
 */
export function exportCommand(graph: Graph, args: string[], io: Io = STDIO): Promise<number> {
  return runProgram(program("", io).addCommand(exportCli((work) => work(graph), io)), ["export", ...args]);
}
