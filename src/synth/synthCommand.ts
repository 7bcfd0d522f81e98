import path from "node:path";
import { MANIFEST_FILE, writeCorpus } from "./generateCorpus.ts";

export const SYNTH_USAGE = `usage: claimgraph synth --organizations N --out DIR [--seed S] [--statements-per-organization K]

Writes a deterministic synthetic corpus of extract files into DIR (load it with \`claimgraph seed --each DIR\`:
its files are named in load order, and more than about 120 organisations are more than one transaction holds
on the local server)
and DIR/${MANIFEST_FILE}: a summary line, then one line per planted contradiction and near-miss
(statementId~grantId). N organisations (at least 10) make N/10 article-like cells; K statements per
organisation (default 100) set the density: 10,000 organisations make a million statements.`;

export interface SynthArgs {
  organizations: number;
  out: string;
  seed: number;
  statementsPerOrganization?: number;
}

export class SynthUsageError extends Error {}

export function parseSynthArgs(args: string[]): SynthArgs {
  const values: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new SynthUsageError(`unexpected argument "${arg}"`);
    const [, name, inline] = match;
    if (!["organizations", "out", "seed", "statements-per-organization"].includes(name)) throw new SynthUsageError(`unknown option --${name}`);
    const value = inline ?? args[++i];
    if (value === undefined) throw new SynthUsageError(`--${name} needs a value`);
    values[name] = value;
  }
  const whole = (name: string, min: number) => {
    const n = Number(values[name]);
    if (!/^\d+$/.test(values[name] ?? "") || n < min) throw new SynthUsageError(`--${name} must be a whole number of at least ${min}; got "${values[name]}"`);
    return n;
  };
  if (values.organizations === undefined) throw new SynthUsageError("--organizations is required");
  if (values.out === undefined) throw new SynthUsageError("--out is required");
  return {
    organizations: whole("organizations", 10),
    out: path.resolve(values.out),
    seed: values.seed === undefined ? 1 : whole("seed", 0),
    statementsPerOrganization: values["statements-per-organization"] === undefined ? undefined : whole("statements-per-organization", 5),
  };
}

/** `claimgraph synth`: exit code 0 when written, 2 on a usage error. */
export async function synthCommand(args: string[]): Promise<number> {
  let parsed: SynthArgs;
  try {
    parsed = parseSynthArgs(args);
  } catch (error) {
    if (!(error instanceof SynthUsageError)) throw error;
    process.stderr.write(`claimgraph synth: ${error.message}\n\n${SYNTH_USAGE}\n`);
    return 2;
  }
  const started = Date.now();
  let summary;
  try {
    summary = writeCorpus(parsed.out, parsed, (line) => process.stderr.write(`${line}\n`));
  } catch (error) {
    process.stderr.write(`claimgraph synth: ${(error as Error).message}\n`);
    return 2;
  }
  const { counts, planted, nearMisses } = summary;
  process.stdout.write(
    `Wrote ${summary.files.length} extract files to ${parsed.out} in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${summary.seed}): ` +
      `${counts.organizations} organisations, ${counts.people} people, ${counts.reports} reports, ${counts.dataCategories} data categories, ` +
      `${counts.grants} grants, ${counts.statements} statements; ${planted.total} planted contradictions, ${nearMisses.total} near-misses ` +
      `(manifest: ${path.join(parsed.out, MANIFEST_FILE)}).\n`,
  );
  return 0;
}
