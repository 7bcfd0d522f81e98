import fs from "node:fs";
import path from "node:path";
import { type Config, projectRoot } from "../config.ts";
import { draftExtract } from "./draftExtract.ts";
import { addKnownFromGraph, knownFromSeeds } from "./knownEntities.ts";
import { readArticle } from "./readArticle.ts";
import { writeDraft } from "./writeDraft.ts";

/**
 * `claimgraph draft FILE [--out EXTRACT] [--title T] [--publisher NAME] [--published DATE] [--url U]
 * [--author NAME]...`: an article (plain text, Markdown or a saved web page) to a draft extract and
 * its archived text. Nothing is fetched from the network. The graph is asked for known names only
 * when one is already running (NEO4J_URI, or a local Neo4j `claimgraph neo4j start` left running):
 * drafting never starts a server.
 */

export const DRAFT_USAGE = `Usage:
  claimgraph draft FILE [--out EXTRACT] [--title T] [--publisher NAME] [--published DATE] [--url U] [--author NAME]...

FILE is a plain-text, Markdown or saved HTML article. Writes a draft extract (default
seeds/<date>-<slug>.yaml) and the article's text beside it as sources/<date>-<slug>.txt. The draft
lists every suggestion awaiting a decision under \`draft:\`; seed and npm start refuse it until that
block is deleted.`;

/** A mistake in how the command was called (exit 2, with its usage). */
export class UsageError extends Error {}

export interface DraftOptions {
  out?: string;
  title?: string;
  publisher?: string;
  published?: string;
  url?: string;
  author?: string[];
}

export async function draftCommand(file: string, values: DraftOptions, config: Config, log: (line: string) => void): Promise<number> {
  if (values.published && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(values.published)) throw new UsageError(`--published is a date YYYY-MM-DD (or YYYY-MM, YYYY), not "${values.published}".`);
  let content: string;
  try {
    content = new TextDecoder("utf-8", { fatal: true }).decode(fs.readFileSync(file));
  } catch (error) {
    throw new UsageError((error as NodeJS.ErrnoException).code === "ENOENT" ? `no such file: ${file}` : `${file} is not a UTF-8 text file (${(error as Error).message}).`);
  }
  const seedsDir = config.seedsDir ?? path.join(projectRoot(), "seeds");
  const known = knownFromSeeds(fs.existsSync(seedsDir) ? [seedsDir] : []);
  await addGraphIfRunning(known, config, log);
  const article = readArticle(file, content);
  const result = draftExtract(article, known, {
    title: values.title,
    publisher: values.publisher,
    published: values.published,
    url: values.url,
    authors: values.author,
  });
  const out = values.out ?? path.join(seedsDir, `${result.name}.yaml`);
  if (fs.existsSync(out)) throw new UsageError(`${out} exists: a draft does not overwrite a file (give --out).`);
  const written = writeDraft(result, out);
  const counts = `${result.extract.statements.length} statement(s), ${result.extract.grants.length} grant(s), ${(result.extract.organizations as unknown[]).length} organisation(s)`;
  log(`Wrote ${written.extract} (a draft: ${counts}; ${result.pending.length} suggestions to review under draft:) and its text ${path.relative(process.cwd(), written.text)} (sha256 ${written.sha256.slice(0, 12)}…).`);
  log(`Next: review it, \`claimgraph validate ${written.extract}\`, then delete its draft: block to load it.`);
  return 0;
}

/** The graph's names, when a server is already up; drafting never starts one. */
async function addGraphIfRunning(known: ReturnType<typeof knownFromSeeds>, config: Config, log: (line: string) => void): Promise<void> {
  try {
    if (!config.external) {
      const { localNeo4jStatus } = await import("../graph/localNeo4j.ts");
      const status = await localNeo4jStatus(config);
      if (!status.running) return;
    }
    const { connect } = await import("../graph/connect.ts");
    const connection = await connect(config, { owned: false, migrate: false });
    try {
      await addKnownFromGraph(known, connection.graph);
    } finally {
      await connection.close();
    }
  } catch (error) {
    log(`(The graph could not be read for known names: ${(error as Error).message.split("\n")[0]}; the seeds folder's are used.)`);
  }
}
