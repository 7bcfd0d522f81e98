import "reflect-metadata";
import { closestOption } from "./cliArgs.ts";
import { type Config, loadConfig } from "./config.ts";
import { isClaimgraphError } from "./domain/errors.ts";
import { ExtractValidationError } from "./extract/load.ts";
import { formatIssue } from "./extract/parse.ts";

const USAGE = `claimgraph: what companies said about access to people's data, beside what reports documented.

Usage:
  claimgraph serve                      local Neo4j (or NEO4J_URI), migrations, seeds, API on PORT
  claimgraph neo4j start|stop|status    manage the local Neo4j of CLAIMGRAPH_DATA_DIR
  claimgraph token new NAME             a bearer token for the API (printed once; its hash goes to CLAIMGRAPH_TOKENS_FILE)
  claimgraph token revoke NAME          remove a token: a running API refuses it from its next request on
  claimgraph new extract FILE           write an extract skeleton to fill in (YAML, with its schema reference)
  claimgraph draft FILE [--out EXTRACT] [--title T] [--publisher NAME] [--published DATE] [--url U] [--author NAME]...   draft an extract from an article (text, Markdown, HTML)
  claimgraph validate [--strict] PATH...  check extract files or folders; writes nothing (--strict: warnings refuse too)
  claimgraph seed [--each] [--strict] PATH...  validate, then load all files in one transaction (--each: one per file, in order)
  claimgraph stats [--json]             node counts by label, relationship counts by type
  claimgraph export contradictions --format FORMAT [--organization ID] [--kind K] [--min-severity N] [--from D] [--to D] [--text W] [--out FILE]
  claimgraph generate                   write schema/schema.graphql and schema/extract.schema.json
  claimgraph synth --organizations N --out DIR [--seed S]   write a synthetic corpus

Environment: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE, CLAIMGRAPH_DATA_DIR, PORT, HOST
(see README.md).`;

type Command = (args: string[], config: Config) => Promise<number>;

/** The options of commands that check them here (export and synth parse their own). */
const OPTIONS: Record<string, string[]> = { serve: [], neo4j: [], token: [], new: [], validate: ["--strict"], seed: ["--each", "--strict"], stats: ["--json"], generate: [] };

const out = (line = "") => process.stdout.write(`${line}\n`);
const err = (line = "") => process.stderr.write(`${line}\n`);

/**
 * A command's connection. It attaches to a running local Neo4j, or starts one: left running for the
 * next command (and said so, with how to stop it), or, with `stopAfter`, stopped again at the end.
 */
async function withGraph<T>(config: Config, work: (graph: import("./graph/graph.ts").Graph) => Promise<T>, options: { stopAfter?: boolean } = {}): Promise<T> {
  const { connect } = await import("./graph/connect.ts");
  if (!config.external) err(`Connecting to the local Neo4j of ${config.dataDir} (starting it if it is not running)…`);
  const connection = await connect(config, { owned: options.stopAfter ?? false });
  try {
    return await work(connection.graph);
  } catch (error) {
    throw connection.explain(error);
  } finally {
    await connection.close();
    const local = connection.local;
    if (local?.started) {
      err(
        options.stopAfter
          ? `Stopped the local Neo4j this command started (run \`claimgraph neo4j start\` first to keep one running between commands).`
          : `The local Neo4j this command started is still running (pid ${local.state.pid}) for the next commands; stop it with \`claimgraph neo4j stop\`.`,
      );
    }
  }
}

function progressReporter() {
  if (process.stderr.isTTY) {
    return (done: number, total: number, label: string) => {
      const width = 30;
      const filled = Math.round((done / Math.max(total, 1)) * width);
      process.stderr.write(`\r[${"#".repeat(filled)}${" ".repeat(width - filled)}] ${String(Math.round((100 * done) / Math.max(total, 1))).padStart(3)}% ${label.padEnd(20)}`);
      if (done === total) process.stderr.write("\n");
    };
  }
  // Not a terminal (a log, CI): no progress, only the summary line the command prints at the end.
  return undefined;
}

const commands: Record<string, Command> = {
  async serve(_args, config) {
    const { runServer } = await import("./main.ts");
    await runServer(config);
    return 0;
  },

  async neo4j(args, config) {
    const local = await import("./graph/localNeo4j.ts");
    if (config.external) {
      err(`NEO4J_URI is set (${config.external.uri}): claimgraph manages no local Neo4j.`);
      return args[0] === "status" ? 0 : 2;
    }
    switch (args[0]) {
      case "start": {
        const running = await local.startLocalNeo4j(config);
        out(`${running.started ? "Started" : "Already running"}: ${running.state.uri} (pid ${running.state.pid})`);
        return 0;
      }
      case "stop": {
        const stopped = await local.stopLocalNeo4j(config);
        out(stopped ? "Stopped the local Neo4j." : "No local Neo4j is running for this data folder.");
        return 0;
      }
      case "status": {
        const status = await local.localNeo4jStatus(config);
        if (!status.running) {
          out(`not running (data folder ${config.dataDir})`);
          return 3;
        }
        out(`running: ${status.state!.uri} pid ${status.state!.pid}, Neo4j ${status.state!.version}, RSS ${status.rssMb ?? "?"} MB, since ${status.state!.startedAt}`);
        return 0;
      }
      default:
        err("usage: claimgraph neo4j start|stop|status");
        return 2;
    }
  },

  async token(args, config) {
    if ((args[0] !== "new" && args[0] !== "revoke") || args.length !== 2) {
      err("usage: claimgraph token new NAME | claimgraph token revoke NAME");
      return 2;
    }
    const { addToken, revokeToken } = await import("./server/access.ts");
    const path = await import("node:path");
    const file = process.env.CLAIMGRAPH_TOKENS_FILE || path.join(config.dataDir, "tokens");
    if (args[0] === "revoke") {
      revokeToken(file, args[1]);
      err(`Token "${args[1]}" removed from ${file}; an API serving it refuses the token from its next request on.`);
      return 0;
    }
    const token = addToken(file, args[1]);
    out(token);
    err(`Its hash is in ${file} (the token itself is kept nowhere: copy it now). Serve with CLAIMGRAPH_TOKENS_FILE=${file}.`);
    return 0;
  },

  async validate(args, config) {
    if (args.length === 0) {
      err("usage: claimgraph validate PATH...");
      return 2;
    }
    const { readAndValidate } = await import("./extract/load.ts");
    const { formatIssue } = await import("./extract/parse.ts");
    const strict = args.includes("--strict");
    const paths = args.filter((arg) => arg !== "--strict");
    const parsed = await withGraph(config, (graph) => readAndValidate(graph, paths, { strict, warn: (issue) => err(formatIssue(issue)) }), { stopAfter: true });
    out(`${parsed.length} extract file${parsed.length === 1 ? "" : "s"} valid: ${parsed.map((p) => p.file).join(", ")}`);
    return 0;
  },

  async seed(args, config) {
    const each = args.includes("--each");
    const strict = args.includes("--strict");
    const paths = args.filter((arg) => arg !== "--each" && arg !== "--strict");
    const { formatIssue } = await import("./extract/parse.ts");
    const validation = { strict, warn: (issue: import("./extract/parse.ts").ExtractIssue) => err(formatIssue(issue)) };
    if (paths.length === 0) {
      err("usage: claimgraph seed [--each] PATH...");
      return 2;
    }
    const { seed } = await import("./extract/load.ts");
    const removedText = (deleted: number) => (deleted ? `; ${deleted} node${deleted === 1 ? "" : "s"} the files no longer define removed` : "");
    if (!each) {
      const [result, bookmarks] = await withGraph(config, async (graph) => [await seed(graph, paths, progressReporter(), validation), await graph.lastBookmarks()] as const);
      // For a cluster's other API processes: a request with this header reads what was just loaded.
      err(`Bookmark (send it as the Neo4j-Bookmarks header to read this load from any API process): ${bookmarks.join(", ")}`);
      out(`Seeded ${result.files.length} file${result.files.length === 1 ? "" : "s"}: ${result.nodes} nodes and ${result.relationshipRows} relationship rows written in one transaction${removedText(result.removed.deleted)}.`);
      return 0;
    }
    // Each file in its own transaction, in the order listed (a folder's files by name), each
    // validated against what the ones before it loaded: a file may refer to earlier ones only.
    const { listExtractFiles } = await import("./extract/parse.ts");
    const { files, issues } = listExtractFiles(paths);
    if (issues.length > 0) throw new ExtractValidationError(issues);
    const totals = { nodes: 0, relationshipRows: 0, deleted: 0 };
    const progress = progressReporter();
    const path = await import("node:path");
    await withGraph(config, async (graph) => {
      for (const [i, file] of files.entries()) {
        try {
          const result = await seed(graph, [file], undefined, validation);
          totals.nodes += result.nodes;
          totals.relationshipRows += result.relationshipRows;
          totals.deleted += result.removed.deleted;
          progress?.(i + 1, files.length, path.basename(file));
        } catch (error) {
          err(`seed --each: stopped at ${file} (${i + 1} of ${files.length}): the ${i} file${i === 1 ? "" : "s"} before it ${i === 1 ? "is" : "are"} loaded, ${files.length - i - 1} after it not tried.`);
          throw error;
        }
      }
      err(`Bookmark (send it as the Neo4j-Bookmarks header to read this load from any API process): ${(await graph.lastBookmarks()).join(", ")}`);
    });
    out(`Seeded ${files.length} file${files.length === 1 ? "" : "s"}, each in its own transaction: ${totals.nodes} nodes and ${totals.relationshipRows} relationship rows${removedText(totals.deleted)}.`);
    return 0;
  },

  async new(args) {
    const [what, file, ...extra] = args;
    if (what !== "extract" || !file || extra.length) {
      err(`claimgraph new: ${what !== "extract" ? (what ? `cannot make "${what}"; only "extract".` : "what to make is missing.") : !file ? "the file to write is missing." : `unexpected argument "${extra[0]}".`}\n\nUsage:\n  claimgraph new extract FILE`);
      return 2;
    }
    const { writeExtractSkeleton } = await import("./extract/skeleton.ts");
    const written = writeExtractSkeleton(file);
    out(`Wrote ${written.file}: an extract skeleton (schema ${written.schemaReference}). Fill it in, then run \`claimgraph validate ${file}\`.`);
    return 0;
  },

  async draft(args, config) {
    const { draftCommand } = await import("./draft/draftCommand.ts");
    const { UsageError } = await import("./cliArgs.ts");
    try {
      return await draftCommand(args, config, err);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      err(`claimgraph draft: ${error.message}\n\n${(await import("./draft/draftCommand.ts")).DRAFT_USAGE}`);
      return 2;
    }
  },

  async stats(args, config) {
    const { graphStats } = await import("./extract/load.ts");
    const stats = await withGraph(config, graphStats);
    if (args.includes("--json")) {
      out(JSON.stringify(stats));
      return 0;
    }
    out("nodes");
    for (const [label, count] of Object.entries(stats.nodes)) out(`  ${label.padEnd(24)} ${count}`);
    out("relationships");
    for (const [type, count] of Object.entries(stats.relationships)) out(`  ${type.padEnd(24)} ${count}`);
    return 0;
  },

  async generate() {
    const { writeGeneratedFiles } = await import("./generate.ts");
    for (const file of await writeGeneratedFiles()) out(`wrote ${file}`);
    return 0;
  },

  async export(args, config) {
    const { ExportUsageError, exportCommand, parseExportArgs } = await import("./export/exportCommand.ts");
    // Usage errors are told before a local Neo4j is started for nothing.
    try {
      parseExportArgs(args);
    } catch (error) {
      if (!(error instanceof ExportUsageError)) throw error;
      err(`claimgraph export: ${error.message}`);
      return 2;
    }
    return withGraph(config, (graph) => exportCommand(graph, args));
  },

  async synth(args) {
    const { synthCommand } = await import("./synth/synthCommand.ts");
    return synthCommand(args);
  },
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    out(USAGE);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    err(`claimgraph: unknown command "${name}".\n\n${USAGE}`);
    return 2;
  }
  // Help, and options a command does not take, are answered before anything starts (a local Neo4j,
  // a server) or a path is read.
  const usage = USAGE.split("\n").filter((line) => line.startsWith(`  claimgraph ${name} `) || line === `  claimgraph ${name}`);
  if (args.includes("--help") || args.includes("-h")) {
    // export and synth have their own, longer usage
    if (name === "export") out((await import("./export/exportCommand.ts")).EXPORT_USAGE);
    else if (name === "synth") out((await import("./synth/synthCommand.ts")).SYNTH_USAGE);
    else if (name === "draft") out((await import("./draft/draftCommand.ts")).DRAFT_USAGE);
    else out(`Usage:\n${usage.join("\n")}`);
    return 0;
  }
  const options = OPTIONS[name];
  const unknown = options && args.find((arg) => arg.startsWith("-") && !options.some((option) => arg === option || arg.startsWith(`${option}=`)));
  if (unknown) {
    const suggestion = closestOption(unknown, options.map((option) => option.replace(/^-+/, "")));
    const sentence = options.length ? `Unknown option ${unknown}${suggestion ? `; did you mean --${suggestion}?` : `; it takes ${options.join(", ")}.`}` : `Unknown option ${unknown}; it takes no options.`;
    err(`claimgraph ${name}: ${sentence}\n\nUsage:\n${usage.join("\n")}`);
    return 2;
  }
  try {
    return await command(args, loadConfig());
  } catch (error) {
    if (error instanceof ExtractValidationError) {
      for (const issue of error.issues) err(formatIssue(issue));
      err(error.message);
      return 1;
    }
    if (isClaimgraphError(error)) {
      err(`claimgraph: ${error.message}`);
      return 1;
    }
    err(`claimgraph: ${error instanceof Error ? (process.env.DEBUG ? error.stack : error.message) : String(error)}`);
    return 1;
  }
}
