import { Command, CommanderError } from "commander";

/**
 * The claimgraph CLI's commands, on commander: it parses and checks options and arguments, answers
 * `--help` per command and suggests the closest command or option on a slip. This file only sets
 * it up the claimgraph way: every command says what it does with an example, its errors read
 * "claimgraph NAME: …" followed by its help, and exit codes are returned, never process.exit (tests
 * run commands in their own process). Adding a command is one `command(...)` call (src/cli.ts).
 */

/** Where a command writes: the terminal, or a test's buffers. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const STDIO: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Exit code of a usage error: an unknown command or option, a missing or bad argument. */
export const USAGE_ERROR = 2;

/** What a command does when run: its arguments, then its options; a non-zero number is its exit code. */
// `any`: commander hands a command's arguments over untyped; each `run` declares their types.
type Run = (...args: any[]) => Promise<number | void>;

export interface CommandSpec {
  /** One line: what it does (the command list shows it). */
  summary: string;
  /** More about it, shown under the summary in its --help. */
  details?: string;
  /** Whole command lines shown under "Examples:" in its --help. */
  examples: string[];
  /** The usage line after the command's name, when commander's own ("[options] <path...>") says too little. */
  usage?: string;
  /** Left out for a group of commands (`neo4j start|stop|status`): the group then shows its help. */
  run?: Run;
}

/** A non-zero exit code from a command's `run`, carried out of commander to `runProgram`. */
class Exit {
  constructor(readonly code: number) {}
}

/** The command's words from the program down: "claimgraph neo4j start". */
function pathOf(command: Command): string {
  const names: string[] = [];
  for (let at: Command | null = command; at; at = at.parent) names.unshift(at.name());
  if (names[0] !== "claimgraph") names.unshift("claimgraph");
  return names.join(" ");
}

function configure(command: Command, io: Io): Command {
  return command
    .exitOverride()
    .showHelpAfterError()
    .showSuggestionAfterError()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      outputError: (text, write) => write(`${pathOf(command)}: ${text.replace(/^error: /, "")}`),
    });
}

/** The program: `claimgraph` and the commands added to it. */
export function program(summary: string, io: Io = STDIO): Command {
  return configure(new Command("claimgraph"), io).description(summary);
}

/** A command to add to the program (or to a group) with `.addCommand`, declaring its arguments and options after. */
export function command(name: string, spec: CommandSpec, io: Io = STDIO): Command {
  const made = configure(new Command(name), io).summary(spec.summary).description(spec.details ? `${spec.summary}\n\n${spec.details}` : spec.summary);
  if (spec.usage) made.usage(spec.usage);
  made.addHelpText("after", `\nExample${spec.examples.length > 1 ? "s" : ""}:\n${spec.examples.map((example) => `  $ ${example}`).join("\n")}`);
  const run = spec.run;
  if (run) {
    made.action(async (...args: unknown[]) => {
      const code = await run(...args);
      if (code) throw new Exit(code);
    });
  }
  return made;
}

/** A usage error found by a command's own checks (after commander's): said like commander's own, exit 2. */
export function usageError(command: Command, message: string): never {
  command.error(message, { exitCode: USAGE_ERROR, code: "claimgraph.usage" });
  throw new Error("unreachable: commander's error() throws under exitOverride");
}

/**
 * Runs `argv` (the words after `claimgraph`) and returns the exit code: 0 done (or help shown), 2 a
 * usage error (said on stderr with the command's help), else the command's own. Any other error
 * the command throws is thrown on, for the caller to report.
 */
export async function runProgram(root: Command, argv: string[]): Promise<number> {
  try {
    await root.parseAsync(argv, { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof Exit) return error.code;
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return 0;
      // "commander.help" with an error: a group of commands run without one (its help was shown)
      return error.exitCode === 0 ? 0 : USAGE_ERROR;
    }
    throw error;
  }
}
