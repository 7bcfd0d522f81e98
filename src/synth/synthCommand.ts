import path from "node:path";
import { type Command, InvalidArgumentError } from "commander";
import { type Io, STDIO, command, program, runProgram } from "../commandLine.ts";
import { MANIFEST_FILE } from "./manifest.ts";

export interface SynthArgs {
  organizations: number;
  out: string;
  seed: number;
  statementsPerOrganization?: number;
}

/** A parser of a whole number option of at least `min`. */
const whole = (min: number) => (value: string) => {
  if (!/^\d+$/.test(value) || Number(value) < min) throw new InvalidArgumentError(`It must be a whole number of at least ${min}.`);
  return Number(value);
};

/** `claimgraph synth`: its options and help; writes the corpus. */
export function synthCli(io: Io = STDIO): Command {
  return command(
    "synth",
    {
      summary: "Write a deterministic synthetic corpus of extract files with planted contradictions and near-misses",
      details:
        "Load it with `claimgraph seed --each DIR`: its files are named in load order, and more than about 120 " +
        "organisations are more than one transaction holds on the local server. DIR/" + MANIFEST_FILE + " gets a summary " +
        "line, then one line per planted contradiction and near-miss (statementId~grantId). N organisations (at least " +
        "10) make N/10 article-like cells; K statements per organisation (default 100) set the density: 10,000 " +
        "organisations make a million statements.",
      examples: ["claimgraph synth --organizations 100 --out corpus/", "claimgraph synth --organizations 10000 --out big/ --seed 2"],
      run: async (options: { organizations: number; out: string; seed: number; statementsPerOrganization?: number }) =>
        writeSynth({ ...options, out: path.resolve(options.out) }, io),
    },
    io,
  )
    .requiredOption("--organizations <n>", "how many organisations (at least 10)", whole(10))
    .requiredOption("--out <dir>", "the folder to write")
    .option("--seed <s>", "the random seed: the same seed writes the same corpus", whole(0), 1)
    .option("--statements-per-organization <k>", "statements per organisation (at least 5; default 100)", whole(5));
}

async function writeSynth(parsed: SynthArgs, io: Io): Promise<number> {
  const { writeCorpus } = await import("./generateCorpus.ts");
  const started = Date.now();
  let summary;
  try {
    summary = writeCorpus(parsed.out, parsed, (line) => io.stderr(`${line}\n`));
  } catch (error) {
    io.stderr(`claimgraph synth: ${(error as Error).message}\n`);
    return 2;
  }
  const { counts, planted, nearMisses } = summary;
  io.stdout(
    `Wrote ${summary.files.length} extract files to ${parsed.out} in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${summary.seed}): ` +
      `${counts.organizations} organisations, ${counts.people} people, ${counts.reports} reports, ${counts.dataCategories} data categories, ` +
      `${counts.grants} grants, ${counts.statements} statements; ${planted.total} planted contradictions, ${nearMisses.total} near-misses ` +
      `(manifest: ${path.join(parsed.out, MANIFEST_FILE)}).\n`,
  );
  return 0;
}

/** `claimgraph synth …` run alone: 0 when written, 2 on a usage error (said on `io.stderr` with the command's help). */
export function synthCommand(args: string[], io: Io = STDIO): Promise<number> {
  return runProgram(program("", io).addCommand(synthCli(io)), ["synth", ...args]);
}
