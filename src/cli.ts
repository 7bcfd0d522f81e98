import "reflect-metadata";
import { type Command, Option } from "commander";
import { type Io, STDIO, command, program, runProgram } from "./commandLine.ts";
import { type Config, loadConfig } from "./config.ts";
import { isClaimgraphError } from "./domain/errors.ts";
import { exportCli } from "./export/exportCommand.ts";
import { ExtractValidationError } from "./extract/load.ts";
import { formatIssue } from "./extract/parse.ts";
import type { Graph } from "./graph/graph.ts";
import { progressBar } from "./progress.ts";
import { synthCli } from "./synth/synthCommand.ts";

/**
 * The `claimgraph` command (src/bin/claimgraph.mjs). Each command is one `command(...)` below (see
 * src/commandLine.ts): its help, arguments and options, and what it runs. What a command needs is
 * imported when it runs, so `--help` and usage errors answer at once, before anything starts (a
 * local Neo4j, a server) or a path is read.
 */

const MORE = `
Examples:
  $ claimgraph validate seeds/my-article.yaml
  $ claimgraph seed seeds/
  $ claimgraph export contradictions --format md --organization netflix
  $ claimgraph seed --help       (each command's help says what it does, with an example)

Environment: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE, CLAIMGRAPH_DATA_DIR, PORT,
HOST (see README.md).`;

const out = (line = "") => process.stdout.write(`${line}\n`);
const err = (line = "") => process.stderr.write(`${line}\n`);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * A command's connection. It attaches to a running local Neo4j, or starts one: left running for the
 * next command (and said so, with how to stop it), or, with `stopAfter`, stopped again at the end.
 */
async function withGraph<T>(config: Config, work: (graph: Graph) => Promise<T>, options: { stopAfter?: boolean } = {}): Promise<T> {
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

/** How `validate` and `seed` treat warnings: printed as they come, refusing the files under `--strict`. */
const validationOptions = (strict: boolean | undefined): import("./extract/load.ts").ValidateOptions => ({ strict, warn: (issue) => err(formatIssue(issue)) });

/** The tokens file `token new` and `token revoke` work on: CLAIMGRAPH_TOKENS_FILE, or `tokens` in the data folder. */
async function tokensFile(): Promise<string> {
  const path = await import("node:path");
  return process.env.CLAIMGRAPH_TOKENS_FILE || path.join(loadConfig().dataDir, "tokens");
}

/** For a cluster's other API processes: a request with this header reads what was just loaded. */
const sayBookmark = (bookmarks: string[]) =>
  err(`Bookmark (send it as the Neo4j-Bookmarks header to read this load from any API process): ${bookmarks.join(", ")}`);

async function seedCommand(paths: string[], options: { each?: boolean; strict?: boolean }): Promise<void> {
  const config = loadConfig();
  const { seed } = await import("./extract/load.ts");
  const validation = validationOptions(options.strict);
  const removedText = (deleted: number) => (deleted ? `; ${plural(deleted, "node")} the files no longer define removed` : "");
  if (!options.each) {
    const [result, bookmarks] = await withGraph(config, async (graph) => [await seed(graph, paths, progressBar(), validation), await graph.lastBookmarks()] as const);
    sayBookmark(bookmarks);
    out(`Seeded ${plural(result.files.length, "file")}: ${result.nodes} nodes and ${result.relationshipRows} relationship rows written in one transaction${removedText(result.removed.deleted)}.`);
    return;
  }
  // Each file in its own transaction, in the order listed (a folder's files by name), each
  // validated against what the ones before it loaded: a file may refer to earlier ones only.
  const { listExtractFiles } = await import("./extract/parse.ts");
  const { files, issues } = listExtractFiles(paths);
  if (issues.length > 0) throw new ExtractValidationError(issues);
  const totals = { nodes: 0, relationshipRows: 0, deleted: 0 };
  const progress = progressBar();
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
        err(`seed --each: stopped at ${file} (${i + 1} of ${files.length}): the ${plural(i, "file")} before it ${i === 1 ? "is" : "are"} loaded, ${files.length - i - 1} after it not tried.`);
        throw error;
      }
    }
    sayBookmark(await graph.lastBookmarks());
  });
  out(`Seeded ${plural(files.length, "file")}, each in its own transaction: ${totals.nodes} nodes and ${totals.relationshipRows} relationship rows${removedText(totals.deleted)}.`);
}

/** The local Neo4j's commands: under NEO4J_URI there is none to manage (status says so and succeeds). */
async function localNeo4j(action: "start" | "stop" | "status"): Promise<number> {
  const config = loadConfig();
  if (config.external) {
    err(`NEO4J_URI is set (${config.external.uri}): claimgraph manages no local Neo4j.`);
    return action === "status" ? 0 : 2;
  }
  const local = await import("./graph/localNeo4j.ts");
  if (action === "start") {
    const running = await local.startLocalNeo4j(config);
    out(`${running.started ? "Started" : "Already running"}: ${running.state.uri} (pid ${running.state.pid})`);
  } else if (action === "stop") {
    const stopped = await local.stopLocalNeo4j(config);
    out(stopped ? "Stopped the local Neo4j." : "No local Neo4j is running for this data folder.");
  } else {
    const status = await local.localNeo4jStatus(config);
    if (!status.running) {
      out(`not running (data folder ${config.dataDir})`);
      return 3;
    }
    out(`running: ${status.state!.uri} pid ${status.state!.pid}, Neo4j ${status.state!.version}, RSS ${status.rssMb ?? "?"} MB, since ${status.state!.startedAt}`);
  }
  return 0;
}

/** The claimgraph program with all its commands; `io` is where commander writes help and usage errors. */
export function claimgraphProgram(io: Io = STDIO): Command {
  const cli = program("What companies said about access to people's data, beside what reports documented.", io).addHelpText("after", MORE);
  const add = (made: Command) => cli.addCommand(made);

  add(
    command("serve", {
      summary: "Serve the API: the local Neo4j (or NEO4J_URI), migrations, changed seeds, then the API on PORT",
      details: "What `npm start` runs. /ready answers 200 once the seeds are loaded and the first answers warmed.",
      examples: ["claimgraph serve", "PORT=4001 claimgraph serve"],
      run: async () => {
        const { runServer } = await import("./main.ts");
        await runServer(loadConfig());
      },
    }, io),
  );

  const neo4j = command("neo4j", { summary: "Manage the local Neo4j of CLAIMGRAPH_DATA_DIR (later commands attach to it)", examples: ["claimgraph neo4j start", "claimgraph neo4j status"] }, io);
  neo4j.addCommand(command("start", { summary: "Start the local Neo4j, or say it is running already", examples: ["claimgraph neo4j start"], run: () => localNeo4j("start") }, io));
  neo4j.addCommand(command("stop", { summary: "Stop the local Neo4j", examples: ["claimgraph neo4j stop"], run: () => localNeo4j("stop") }, io));
  neo4j.addCommand(
    command("status", { summary: "Whether the local Neo4j runs (exit 3 when it does not), its address, version and memory", examples: ["claimgraph neo4j status"], run: () => localNeo4j("status") }, io),
  );
  add(neo4j);

  const token = command("token", { summary: "Bearer tokens for the API (see README.md, \"Who may read\")", examples: ["claimgraph token new research-desk"] }, io);
  token.addCommand(
    command("new", {
      summary: "A new bearer token, printed once; only its hash (and its role) goes to CLAIMGRAPH_TOKENS_FILE (default CLAIMGRAPH_DATA_DIR/tokens)",
      details: "Roles: reader (reads only; the default), reviewer (also reviews findings, asks for and records replies, adds notes), admin (a reviewer who may also manage the desk).",
      examples: ["claimgraph token new research-desk", "claimgraph token new jane --role reviewer"],
      run: async (name: string, options: { role: import("./server/roles.ts").Role }) => {
        const { addToken } = await import("./server/access.ts");
        const file = await tokensFile();
        out(addToken(file, name, options.role));
        err(`Its hash is in ${file}, for a ${options.role} (the token itself is kept nowhere: copy it now). Serve with CLAIMGRAPH_TOKENS_FILE=${file}.`);
      },
    }, io)
      .argument("<name>", "who the token is for, one word (each name has one token)")
      .addOption(new Option("--role <role>", "what the token may do").choices(["reader", "reviewer", "admin"]).default("reader")),
  );
  token.addCommand(
    command("revoke", {
      summary: "Remove a token: a running API refuses it (and the desk sessions made with it) from its next request on",
      examples: ["claimgraph token revoke research-desk"],
      run: async (name: string) => {
        const { revokeToken } = await import("./server/access.ts");
        const file = await tokensFile();
        revokeToken(file, name);
        err(`Token "${name}" removed from ${file}; an API serving it refuses the token from its next request on.`);
      },
    }, io).argument("<name>", "the token's name"),
  );
  add(token);

  add(
    command("draft", {
      summary: "Draft an extract from an article (plain text, Markdown or a saved web page) and archive its text",
      details: "Writes a draft extract (default seeds/<date>-<slug>.yaml) and the article's text as sources/<date>-<slug>.txt beside it. The draft lists every suggestion awaiting a decision under `draft:`; seed and npm start refuse it until that block is deleted. Nothing is fetched from the network.",
      examples: ["claimgraph draft article.html", "claimgraph draft story.txt --published 2018-12-18 --publisher new-york-times --out seeds/nyt.yaml"],
      run: async (file: string, options: import("./draft/draftCommand.ts").DraftOptions) => {
        const { draftCommand, UsageError } = await import("./draft/draftCommand.ts");
        try {
          return await draftCommand(file, options, loadConfig(), err);
        } catch (error) {
          if (!(error instanceof UsageError)) throw error;
          err(`claimgraph draft: ${error.message}`);
          return 2;
        }
      },
    }, io)
      .argument("<file>", "the article: .txt, .md or a saved .html page")
      .option("--out <extract>", "where to write the draft extract")
      .option("--title <title>", "the article's title (default: its headline or <title>)")
      .option("--publisher <name>", "who published it")
      .option("--published <date>", "its date, YYYY-MM-DD (default: the dateline or the page's meta tags)")
      .option("--url <url>", "its address")
      .option("--author <name>", "an author (repeat for several)", (value: string, previous: string[] = []) => [...previous, value]),
  );

  const make = command("new", { summary: "Write a file to start from", examples: ["claimgraph new extract seeds/my-article.yaml"] }, io);
  make.addCommand(
    command("extract", {
      summary: "Write an extract skeleton to fill in (YAML or JSON), with its schema reference",
      examples: ["claimgraph new extract seeds/my-article.yaml"],
      run: async (file: string) => {
        const { writeExtractSkeleton } = await import("./extract/skeleton.ts");
        const written = writeExtractSkeleton(file);
        out(`Wrote ${written.file}: an extract skeleton (schema ${written.schemaReference}). Fill it in, then run \`claimgraph validate ${file}\`.`);
      },
    }, io).argument("<file>", "the file to write (.yaml, .yml or .json); never overwritten"),
  );
  add(make);

  add(
    command("validate", {
      summary: "Check extract files or folders against the schema and the graph; writes nothing",
      examples: ["claimgraph validate seeds/", "claimgraph validate seeds/my-article.yaml"],
      run: async (paths: string[], options: { strict?: boolean }) => {
        const { readAndValidate } = await import("./extract/load.ts");
        const validation = validationOptions(options.strict);
        const parsed = await withGraph(loadConfig(), (graph) => readAndValidate(graph, paths, validation), { stopAfter: true });
        out(`${plural(parsed.length, "extract file")} valid: ${parsed.map((p) => p.file).join(", ")}`);
      },
    }, io)
      .argument("<path...>", "extract files, or folders of them")
      .option("--strict", "warnings (evidence that names nothing of its grant, look-alike names) refuse too"),
  );

  add(
    command("seed", {
      summary: "Validate, then load extract files or folders in one transaction (all or nothing)",
      details: "A file loaded again replaces what it said before. Prints the load's bookmark on stderr.",
      examples: ["claimgraph seed seeds/", "claimgraph seed --each corpus/"],
      run: seedCommand,
    }, io)
      .argument("<path...>", "extract files, or folders of them")
      .option("--each", "one transaction per file, in order (a folder's files by name); stops at the first file refused")
      .option("--strict", "warnings (evidence that names nothing of its grant, look-alike names) refuse too"),
  );

  add(
    command("stats", {
      summary: "Node counts by label, relationship counts by type",
      examples: ["claimgraph stats", "claimgraph stats --json"],
      run: async (options: { json?: boolean }) => {
        const { graphStats } = await import("./extract/load.ts");
        const stats = await withGraph(loadConfig(), graphStats);
        if (options.json) return void out(JSON.stringify(stats));
        out("nodes");
        for (const [label, count] of Object.entries(stats.nodes)) out(`  ${label.padEnd(24)} ${count}`);
        out("relationships");
        for (const [type, count] of Object.entries(stats.relationships)) out(`  ${type.padEnd(24)} ${count}`);
      },
    }, io).option("--json", "one line of JSON"),
  );

  add(exportCli((work) => withGraph(loadConfig(), work), io));

  add(
    command("generate", {
      summary: "Write schema/schema.graphql and schema/extract.schema.json (tests fail when they are stale)",
      examples: ["claimgraph generate"],
      run: async () => {
        const { writeGeneratedFiles } = await import("./generate.ts");
        for (const file of await writeGeneratedFiles()) out(`wrote ${file}`);
      },
    }, io),
  );

  add(synthCli(io));
  return cli;
}

/** Runs the words after `claimgraph`; returns the exit code (0 done, 1 failed, 2 a usage error, 3 `neo4j status`: not running). */
export async function main(argv: string[]): Promise<number> {
  try {
    return await runProgram(claimgraphProgram(), argv);
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
