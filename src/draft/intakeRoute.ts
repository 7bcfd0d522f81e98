import fs from "node:fs";
import type { IncomingMessage } from "node:http";
import os from "node:os";
import path from "node:path";
import { isClaimgraphError } from "../domain/errors.ts";
import { ExtractValidationError, type PreviewedContradiction, previewContradictions, readAndValidate, seed } from "../extract/load.ts";
import type { ExtractIssue } from "../extract/parse.ts";
import type { Graph } from "../graph/graph.ts";
import { mediaType } from "../server/hosts.ts";
import { type Route, readBody, sendJson } from "../server/http.ts";
import { type Viewer, mayWrite } from "../server/roles.ts";
import type { Attribution } from "./attributions.ts";
import { draftExtract } from "./draftExtract.ts";
import { addKnownFromGraph, knownFromSeeds } from "./knownEntities.ts";
import { readArticle } from "./readArticle.ts";
import { writeExtractFiles } from "./writeDraft.ts";

/**
 * The intake page's endpoints (the page is /intake, src/web/intake/). All are POSTs of JSON, so
 * the server's Host and Origin checks (src/server/hosts.ts) apply: the page sends them same-origin.
 *
 * - POST /intake/draft {fileName, content, title?, published?, publisher?, url?}: `claimgraph draft`
 *   on a pasted text or an opened file, with the names of the seeds folder and the graph; answers the
 *   draft extract, its archived text, what awaits a decision, and where each proposal lies in the text.
 * - POST /intake/check {name, text, extract}: the CLI's validator (`claimgraph validate`: the same
 *   readAndValidate, against the graph) on the extract as the page holds it, written with its text to
 *   a private temporary folder; when it passes, the contradictions it would add to the graph as it is
 *   now (a load in a transaction rolled back: nothing is written); and its YAML, for the download.
 * - POST /intake/save {name, text, extract}: writes the reviewed extract and its text into the seeds
 *   folder and loads that file alone (an incremental load). Only for a viewer whose role may write
 *   (roles.ts: on the open local desk, its reviewer); never over an existing file; a refused load
 *   takes its files back out.
 */

const MAX_BODY_BYTES = 4 * 1024 * 1024;
const NAME = /^[a-z0-9][a-z0-9-]{0,150}$/;

interface IntakeOptions {
  /** The folder a saved extract goes to (config.seedsDir); its extracts' names are reused by drafts. */
  seedsDir: string;
  log?: (line: string) => void;
}

class IntakeError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly issues?: IssueOut[]) {
    super(message);
  }
}

interface IssueOut {
  path: string;
  message: string;
  warning: boolean;
}

/** May this viewer save into the seeds folder? The one check of the page and of the endpoint. */
export function saving(viewer: Viewer): { allowed: boolean; reason: string } {
  return mayWrite(viewer.role)
    ? { allowed: true, reason: `as ${viewer.subject} (${viewer.role})` }
    : { allowed: false, reason: `${viewer.subject} is a ${viewer.role}: only a reviewer or an admin may save into the seeds folder; download the files instead.` };
}

export function intakeRoute(graph: Graph, options: IntakeOptions): Route {
  return async (req, res, url, viewer) => {
    const action = /^\/intake\/(draft|check|save)$/.exec(url.pathname)?.[1];
    if (!action) return false;
    if (req.method !== "POST") {
      sendJson(res, 405, errorBody("BAD_REQUEST", `${url.pathname} takes a POST of JSON.`), { allow: "POST" });
      return true;
    }
    try {
      const body = await jsonBody(req);
      const answer = action === "draft" ? await draft(graph, options, body, viewer) : action === "check" ? await check(graph, body) : await save(graph, options, body, viewer);
      sendJson(res, 200, answer, { "cache-control": "no-store" });
    } catch (error) {
      if (error instanceof IntakeError) {
        sendJson(res, error.status, { ...errorBody(error.code, error.message), ...(error.issues ? { issues: error.issues } : {}) });
      } else if (isClaimgraphError(error)) {
        const status = error.code === "DATABASE_UNAVAILABLE" || error.code === "DATABASE_TIMEOUT" ? 503 : 400;
        sendJson(res, status, errorBody(error.code, error.message));
      } else throw error;
    }
    return true;
  };
}

const errorBody = (code: string, message: string) => ({ errors: [{ message, extensions: { code } }] });

const badInput = (message: string) => new IntakeError(400, "BAD_USER_INPUT", message);

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  if (mediaType(req.headers["content-type"]) !== "application/json") throw new IntakeError(415, "BAD_REQUEST", "Send JSON, with `content-type: application/json`.");
  const text = await readBody(req, MAX_BODY_BYTES);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw badInput(`The request body is not valid JSON: ${(error as Error).message}`);
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw badInput("The request body is a JSON object.");
  return body as Record<string, unknown>;
}

function stringField(body: Record<string, unknown>, key: string, required: true): string;
function stringField(body: Record<string, unknown>, key: string, required?: false): string | undefined;
function stringField(body: Record<string, unknown>, key: string, required = false): string | undefined {
  const value = body[key];
  if (value === undefined || value === null || value === "") {
    if (required) throw badInput(`\`${key}\` is missing: a string.`);
    return undefined;
  }
  if (typeof value !== "string") throw badInput(`\`${key}\` is a string, not ${typeof value}.`);
  return value;
}

/** Where each proposal lies in the text, for the page's highlights. */
interface Highlights {
  statements: { index: number; quote?: Span; account: Span; cue?: Span }[];
  grants: { index: number; sentence: Span }[];
  organizations: { id: string; start: number; end: number; known: boolean }[];
}
interface Span {
  start: number;
  end: number;
}

/** The cue's words in the statement's sentence, outside its quote (the first such). */
function cueSpan(text: string, a: Attribution): Span | undefined {
  const pattern = new RegExp(`\\b${a.cue.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+")}\\b`, "g");
  const from = Math.min(a.account.start, a.quote?.start ?? a.account.start);
  const to = Math.max(a.account.end, a.quote?.end ?? a.account.end);
  // the sentence around the quote: a cue may follow the quote's sentence ("…," she said)
  const region = text.slice(from, Math.min(text.length, to + 200));
  for (const match of region.matchAll(pattern)) {
    const start = from + match.index!;
    if (a.quote && start >= a.quote.start && start < a.quote.end) continue;
    return { start, end: start + match[0].length };
  }
  return undefined;
}

async function draft(graph: Graph, options: IntakeOptions, body: Record<string, unknown>, viewer: Viewer) {
  const content = stringField(body, "content", true);
  const fileName = stringField(body, "fileName") ?? "pasted.txt";
  if (!/\.(txt|md|markdown|html?)$/i.test(fileName)) throw badInput(`${fileName.slice(0, 100)}: the intake reads plain text (.txt), Markdown (.md) or a saved web page (.html).`);
  const published = stringField(body, "published");
  if (published && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(published)) throw badInput(`\`published\` is a date YYYY-MM-DD (or YYYY-MM, YYYY), not "${published.slice(0, 40)}".`);
  const known = knownFromSeeds(fs.existsSync(options.seedsDir) ? [options.seedsDir] : []);
  await addKnownFromGraph(known, graph);
  const article = readArticle(fileName, content);
  if (article.text.trim() === "") throw badInput(`${fileName.slice(0, 100)} holds no text to draft from.`);
  const result = draftExtract(article, known, {
    title: stringField(body, "title"),
    publisher: stringField(body, "publisher"),
    published,
    url: stringField(body, "url"),
  });
  await renameTaken(graph, result.extract);
  const text = result.text;
  const highlights: Highlights = {
    statements: result.found.attributions.map((a, index) => ({ index, ...(a.quote ? { quote: a.quote } : {}), account: a.account, cue: cueSpan(text, a) })),
    grants: result.found.grants.map((g, index) => ({ index, sentence: { start: g.sentence.start, end: g.sentence.end } })),
    organizations: result.found.mentions.map((m) => ({ id: m.id, start: m.start, end: m.end, known: m.known })),
  };
  const knownCategories = known.categories.map((c) => c.id);
  return { name: result.name, text, extract: result.extract, pending: result.pending, highlights, save: saving(viewer), seedsDir: path.basename(options.seedsDir), knownCategories };
}

const TAKEN = `UNWIND $ids AS id
MATCH (n {id: id}) WHERE n:Statement OR n:AccessGrant
RETURN DISTINCT id`;

/**
 * Statements and grants are new facts of this article: an id the graph already holds (the same
 * quote drafted from another article, say) would make them that node, with other facts, which the
 * validator refuses. Such ids get the first free suffix (-2, -3, …); references follow.
 */
async function renameTaken(graph: Graph, extract: { statements: Record<string, unknown>[]; grants: Record<string, unknown>[] }): Promise<void> {
  const items = [...extract.statements, ...extract.grants];
  const ids = items.map((item) => String(item.id));
  const taken = new Set((await graph.read<{ id: string }>(TAKEN, { ids: ids.flatMap((id) => [id, ...[2, 3, 4, 5, 6, 7, 8, 9].map((n) => `${id}-${n}`)]) })).map((row) => row.id));
  if (taken.size === 0) return;
  const used = new Set([...ids, ...taken]);
  const renamed = new Map<string, string>();
  for (const item of items) {
    const id = String(item.id);
    if (!taken.has(id)) continue;
    let n = 2;
    while (used.has(`${id}-${n}`)) n++;
    renamed.set(id, `${id}-${n}`);
    used.add(`${id}-${n}`);
    item.id = `${id}-${n}`;
  }
  for (const grant of extract.grants) if (typeof grant.derivedFrom === "string" && renamed.has(grant.derivedFrom)) grant.derivedFrom = renamed.get(grant.derivedFrom);
  for (const statement of extract.statements) {
    const about = statement.about as { grants?: string[] } | undefined;
    if (about?.grants) about.grants = about.grants.map((id) => renamed.get(id) ?? id);
  }
}

interface Submitted {
  name: string;
  text: string;
  extract: Record<string, unknown> & { source: Record<string, unknown> };
}

function submitted(body: Record<string, unknown>): Submitted {
  const name = stringField(body, "name", true);
  if (!NAME.test(name)) throw badInput(`\`name\` is the extract's file name without .yaml: lowercase letters, digits and hyphens, not "${name.slice(0, 60)}".`);
  const text = stringField(body, "text", true);
  const extract = body.extract;
  if (!extract || typeof extract !== "object" || Array.isArray(extract)) throw badInput("`extract` is the extract as a JSON object.");
  const source = (extract as Record<string, unknown>).source;
  if (!source || typeof source !== "object" || Array.isArray(source)) throw badInput("`extract.source` is missing: an object.");
  return { name, text, extract: extract as Submitted["extract"] };
}

const issueOut = (folder: string) => (issue: ExtractIssue): IssueOut => ({
  path: issue.path,
  message: issue.message.split(folder).join(""),
  warning: issue.severity === "warning",
});

/** The extract and its text in a private temporary folder, for `work`; the folder is removed after. */
async function inTemporaryFolder<T>(s: Submitted, work: (file: string, folder: string) => Promise<T>): Promise<T> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-intake-"));
  try {
    const file = path.join(folder, `${s.name}.yaml`);
    const { draft, ...extract } = s.extract;
    writeExtractFiles(extract as Submitted["extract"], s.text, s.name, file, draft as Record<string, unknown> | undefined);
    return await work(file, folder);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

async function check(graph: Graph, body: Record<string, unknown>) {
  const s = submitted(body);
  return inTemporaryFolder(s, async (file, folder) => {
    const yaml = fs.readFileSync(file, "utf8");
    const warnings: ExtractIssue[] = [];
    let issues: IssueOut[];
    let contradictions: PreviewedContradiction[] = [];
    try {
      const parsed = await readAndValidate(graph, [file], { warn: (issue) => warnings.push(issue) });
      issues = warnings.map(issueOut(folder + path.sep));
      contradictions = await previewContradictions(graph, parsed);
    } catch (error) {
      if (!(error instanceof ExtractValidationError)) throw error;
      issues = error.issues.map(issueOut(folder + path.sep));
    }
    const valid = issues.every((issue) => issue.warning);
    return { valid, isDraft: !!s.extract.draft, issues, contradictions, yaml };
  });
}

async function save(graph: Graph, options: IntakeOptions, body: Record<string, unknown>, viewer: Viewer) {
  const may = saving(viewer);
  if (!may.allowed) throw new IntakeError(403, "FORBIDDEN", may.reason);
  const s = submitted(body);
  const pending = (s.extract.draft as { pending?: unknown[] } | undefined)?.pending;
  if (s.extract.draft) {
    throw badInput(`The extract is still a draft: ${Array.isArray(pending) ? pending.length : "some"} proposal(s) await a decision. Accept, correct or reject each, then save.`);
  }
  const file = path.join(options.seedsDir, `${s.name}.yaml`);
  const textFile = path.join(options.seedsDir, "sources", `${s.name}.txt`);
  for (const existing of [file, textFile]) {
    if (fs.existsSync(existing)) throw new IntakeError(409, "CONFLICT", `${path.relative(path.dirname(options.seedsDir), existing)} exists: the intake never overwrites a file. Give the extract another name, or download it.`);
  }
  fs.mkdirSync(options.seedsDir, { recursive: true });
  const started = performance.now();
  writeExtractFiles(s.extract, s.text, s.name, file);
  try {
    const result = await seed(graph, [file], undefined, { warn: () => {} });
    const millis = Math.round(performance.now() - started);
    options.log?.(`[claimgraph] intake: saved and loaded ${file} (${result.nodes} nodes, ${result.contradictions.statements} statements' contradictions decided) in ${millis} ms`);
    return {
      file: path.relative(path.dirname(options.seedsDir), file),
      text: path.relative(path.dirname(options.seedsDir), textFile),
      nodes: result.nodes,
      relationshipRows: result.relationshipRows,
      contradictionsDecided: result.contradictions.statements,
      millis,
    };
  } catch (error) {
    // Nothing was loaded: the files go too, so the folder holds no extract that fails its load.
    fs.rmSync(file, { force: true });
    fs.rmSync(textFile, { force: true });
    if (error instanceof ExtractValidationError) throw new IntakeError(400, "BAD_USER_INPUT", error.message, error.issues.map(issueOut(path.dirname(file) + path.sep)));
    throw error;
  }
}
