import { refreshReviews } from "../review/reviewStore.ts";
import { Neo4jError } from "neo4j-driver";
import {
  AFFECTED_STATEMENTS,
  ALL_CONTRADICTING_STATEMENTS,
  CONTRADICTS,
  DELETE_ALL_PRECOMPUTED,
  DELETE_PRECOMPUTED,
  DERIVED_LABEL,
  LOCK_PRECOMPUTED,
  MARK_PRECOMPUTED,
  PRECOMPUTE,
  PRECOMPUTED_VERSION,
  READ_PRECOMPUTED_VERSION,
} from "../contradictions/precompute.ts";
import { KIND_BY_STANCE } from "../contradictions/rules/kindAndSeverity.ts";
import { earliestDay, latestDay } from "../domain/dates.ts";
import { ClaimgraphError } from "../domain/errors.ts";
import { CONTRADICTION_KINDS } from "../domain/model.ts";
import type { Graph, Tx } from "../graph/graph.ts";
import type { Progress } from "../progress.ts";
import { anchorsOf, textRequests } from "./attribution.ts";
import { canonicalFacts, entitiesOf, toList } from "./entities.ts";
import type { Extract } from "./format.ts";
import { type ExtractIssue, type ParsedExtract, listExtractFiles, parseExtractFile } from "./parse.ts";
import { EXTRACT_LABEL, deletedKeys, findStaleIn, prune, pruningIssues } from "./prune.ts";
import { examineTexts } from "./textWorker.ts";
import type { KnownNode } from "./entities.ts";
import { allIds, lookupKnownNodes, validateExtracts } from "./validate.ts";
import { NAMED_KINDS, confusableWarnings, graphNodesOfKinds } from "./confusable.ts";

/**
 * Loading extracts: every file of the call is parsed and validated first; only when all are clean is
 * anything written, in ONE write transaction, with UNWIND batches and MERGE on ids (all or nothing;
 * loading the same files again changes nothing). Relationships a file states for the nodes it
 * defines are replaced, and nodes it no longer defines are released or deleted (src/extract/prune.ts),
 * so an edited file reloads to what it now says.
 *
 * In the same transaction the load decides again the contradictions of the statements it may have
 * changed and stores them as derived CONTRADICTS relationships (see "Precomputed contradictions" in
 * src/contradictions/precompute.ts), so reads need not decide them from scratch.
 */

export class ExtractValidationError extends Error {
  constructor(readonly issues: ExtractIssue[]) {
    super(`${issues.length} problem${issues.length === 1 ? "" : "s"} in the extracts; nothing was written.`);
    // (Warnings among them refuse a strict load only.)
    this.name = "ExtractValidationError";
  }
}

/** How a load treats warnings (issues with severity "warning", such as evidence that names nothing of its grant). */
export interface ValidateOptions {
  /** Warnings refuse the load as errors do (`--strict`; CI validates seeds/ so). */
  strict?: boolean;
  /** Told each warning of a load that goes ahead. */
  warn?: (issue: ExtractIssue) => void;
}

/**
 * Reads and validates the files of `paths` against the graph: the parsed files, or an
 * ExtractValidationError with every problem found. Warnings (evidence naming nothing of its grant,
 * look-alike names: src/extract/confusable.ts) load unless `strict`, and are told to `warn`.
 */
export async function readAndValidate(graph: Graph, paths: string[], options: ValidateOptions = {}): Promise<ParsedExtract[]> {
  const listed = listExtractFiles(paths);
  const { files } = listed;
  const issues = [...listed.issues];
  if (files.length === 0 && issues.length === 0) {
    issues.push({ file: paths.join(", "), path: "", message: "no extract files (.yaml, .yml, .json) found" });
  }
  const parsed: ParsedExtract[] = [];
  const lookalikes: ExtractIssue[] = [];
  // The well-formed parts of the files that fail the schema, whose references are checked too.
  const partial: ParsedExtract[] = [];
  // Ids the files that fail the schema declare: references to them are not "unknown".
  const declaredByBroken = new Set<string>();
  let unreadable = false;
  for (const file of files) {
    let result: ReturnType<typeof parseExtractFile>;
    try {
      result = parseExtractFile(file);
    } catch (error) {
      // Whatever one file does to the parser, it is that file's problem: the others are still checked.
      issues.push({ file, path: "", message: `cannot be read: ${(error as Error).message}` });
      unreadable = true;
      continue;
    }
    issues.push(...result.issues);
    if (result.extract) parsed.push({ file, extract: result.extract, sha256: result.sha256 });
    if (result.partial) partial.push({ file, extract: result.partial, refused: result.issues.map((issue) => issue.path) });
    result.declaredIds?.forEach((id) => declaredByBroken.add(id));
    if (!result.extract && !result.declaredIds) unreadable = true;
  }
  // The files that pass the schema are checked further even when others do not, and the references
  // of those that fail it where well-formed, so that one run reports every problem it can; unless a
  // file could not be read at all (bad YAML or JSON): what it defines is unknown, and every
  // reference to it would be reported.
  if (parsed.length + partial.length > 0 && !unreadable && listed.issues.length === 0) {
    const [known, stale] = await Promise.all([lookupKnownNodes(graph, allIds([...parsed, ...partial])), findStaleIn(graph, parsed)]);
    // Nodes this load deletes (no file defines them any more) cannot be referred to.
    const deleted = deletedKeys(stale);
    issues.push(...pruningIssues(stale));
    const stillKnown = known.filter((node) => !deleted.has(`${node.kind}:${node.id}`));
    // The archived texts are read and searched off the event loop when large (src/extract/textWorker.ts).
    const examined = await examineTexts(textRequests(parsed, stillKnown));
    // The graph's other named nodes, when a new id may look like one of them or a reference resolves nowhere.
    const graphNodes = needsGraphNames([...parsed, ...partial], stillKnown) ? await graphNodesOfKinds(graph, [...NAMED_KINDS, "report"]) : [];
    issues.push(...validateExtracts(parsed, stillKnown, declaredByBroken, partial, { examined, graphNodes }));
    lookalikes.push(...confusableWarnings(parsed, graphNodes.filter((node) => NAMED_KINDS.includes(node.kind))).map((issue) => ({ ...issue, severity: "warning" as const })));
  }
  // Look-alike names are told only of a load that would go ahead (a refused one has its own problems
  // to show), and refuse it only when strict.
  if (issues.every((issue) => issue.severity === "warning")) issues.push(...lookalikes);
  const warnings = issues.filter((issue) => issue.severity === "warning");
  if (issues.length > warnings.length || (options.strict && warnings.length > 0)) throw new ExtractValidationError(issues);
  warnings.forEach((issue) => options.warn?.(issue));
  return parsed;
}

export interface SeedResult {
  files: string[];
  /** Node definitions written (MERGEd). */
  nodes: number;
  /** Relationship rows written (each replaces what its node stated before). */
  relationshipRows: number;
  /** Statements whose contradictions were decided again, and whether all were (see precompute). */
  contradictions: { statements: number; all: boolean };
  /** Nodes the files no longer define: deleted (no file defines them), or released by these files. */
  removed: { deleted: number; released: number };
  /** Reviews flagged by this load: evidence changed since review, no longer found, found again (src/review). */
  reviews?: { changed: number; noLongerFound: number; foundAgain: number };
  /** What loaded but is worth a look: names mixing look-alike scripts, new ids one letter from known ones (src/extract/confusable.ts). */
  warnings?: ExtractIssue[];
}

export async function seed(graph: Graph, paths: string[], progress?: Progress, options: ValidateOptions = {}): Promise<SeedResult> {
  const warnings: ExtractIssue[] = [];
  const parsed = await readAndValidate(graph, paths, { ...options, warn: (issue) => (warnings.push(issue), options.warn?.(issue)) });
  refuseDrafts(parsed);
  return { ...(await writeExtracts(graph, parsed, progress)), warnings };
}

/** Whether the files define a named node the graph does not hold, or refer to an id defined nowhere they see. */
function needsGraphNames(files: ParsedExtract[], known: KnownNode[]): boolean {
  const knownIds = new Set(known.map((node) => node.id));
  const defined = new Set<string>();
  const ofFiles = files.map(({ extract }) => entitiesOf(extract));
  for (const { entities } of ofFiles) {
    for (const entity of entities) {
      if (NAMED_KINDS.includes(entity.kind) && !knownIds.has(entity.id)) return true;
      defined.add(entity.id);
    }
  }
  return ofFiles.some(({ refs }) => refs.some((ref) => !knownIds.has(ref.id) && !defined.has(ref.id)));
}

/** A draft (`claimgraph draft`) is not a fact: nothing of it is loaded before a reporter reviewed it. */
export function refuseDrafts(parsed: ParsedExtract[]): void {
  const drafts = parsed.filter((p) => p.extract.draft);
  if (drafts.length === 0) return;
  throw new ExtractValidationError(
    drafts.map(({ file, extract }) => ({
      file,
      path: "draft",
      message: `this extract is a draft nobody has reviewed (${extract.draft!.pending.length} suggestion${extract.draft!.pending.length === 1 ? "" : "s"} await a decision), so it is not loaded: review each statement, grant and organisation against the text, then delete the whole \`draft:\` block at the top of the file to mark it reviewed (or move the draft out of the folder being loaded)`,
    })),
  );
}

type Rows = Record<string, unknown>[];

/** The node and relationship rows of a set of validated extracts. */
export function rowsOf(parsed: ParsedExtract[]) {
  const nodes = { Organization: [] as Rows, Person: [] as Rows, Report: [] as Rows, DataCategory: [] as Rows, AccessGrant: [] as Rows, Statement: [] as Rows };
  const rels: Record<string, Rows> = {};
  // A node defined in several files of one call states the same facts in each (validation makes
  // sure), so its relationships are written once: two rows replacing the same node's relationships
  // in one UNWIND would each CREATE theirs (the deletes run eagerly first), doubling them.
  const owners = new Map<string, Set<unknown>>();
  const rel = (name: string, row: Record<string, unknown>) => {
    const seen = owners.get(name) ?? owners.set(name, new Set()).get(name)!;
    if (seen.has(row.from)) return;
    seen.add(row.from);
    (rels[name] ??= []).push(row);
  };

  // A source's sentence that carries the statements of several speakers ("companies like Netflix,
  // Apple and Spotify claim …") is a group claim: less specific, weighed lower (docs/rules.md).
  const accountOf = (st: Extract["statements"][number]) => st.reportedIn.find((r) => r.account)?.account;
  const speakersByAccount = new Map<string, Set<string>>();
  for (const { extract } of parsed) {
    for (const st of extract.statements) {
      const account = accountOf(st);
      if (account) speakersByAccount.set(account, (speakersByAccount.get(account) ?? new Set()).add(st.onBehalfOf ?? st.speaker));
    }
  }
  const groupClaim = (st: Extract["statements"][number]) => (speakersByAccount.get(accountOf(st) ?? "")?.size ?? 0) > 1;

  for (const { file, extract } of parsed) {
    const facts = new Map(entitiesOf(extract).entities.map((e) => [`${e.kind}:${e.id}`, canonicalFacts(e.facts)]));
    const node = (kind: string, id: string, props: Record<string, unknown>) => ({ id, file, facts: facts.get(`${kind}:${id}`), props });
    const anchors = anchorsOf(extract);
    const json = (value: unknown) => (value ? JSON.stringify(value) : null);

    const reports = [{ ...extract.source, authors: extract.source.authors }, ...extract.reports];
    for (const o of extract.organizations) {
      nodes.Organization.push({
        ...node("organization", o.id, { name: o.name, kind: o.kind }),
        aliases: o.aliases ?? [],
      });
      rel("orgPartOf", { from: o.id, to: o.partOf ?? null });
    }
    for (const p of extract.people) {
      nodes.Person.push(
        node("person", p.id, { name: p.name ?? null, description: p.description ?? null, anonymous: p.anonymous }),
      );
      rel("speaksFor", { from: p.id, to: p.speaksFor ?? null, role: p.role ?? null });
    }
    for (const r of reports) {
      nodes.Report.push(
        node("report", r.id, {
          title: r.title ?? null,
          url: r.url ?? null,
          publishedAt: r.publishedAt ?? null,
          publishedStart: r.publishedAt ? earliestDay(r.publishedAt) : null,
          publishedEnd: r.publishedAt ? latestDay(r.publishedAt) : null,
          kind: r.kind,
          isSource: r === reports[0],
          // The extract's notes travel with its source: the choices made in reading it (set only by the
          // file whose source it is, so another file listing the same report leaves them).
          ...(r === reports[0] ? { extractNotes: extract.notes ?? null } : {}),
          textFile: anchors.texts.get(r.id)?.file ?? null,
          textSha256: anchors.texts.get(r.id)?.sha256 ?? null,
        }),
      );
      rel("cites", { from: r.id, to: r.cites ?? [] });
      rel("publishedBy", { from: r.id, to: r.publisher ?? null });
      rel("writtenBy", { from: r.id, to: r.authors ?? [] });
    }
    for (const c of extract.dataCategories) {
      nodes.DataCategory.push(node("category", c.id, { name: c.name, aliases: c.aliases ?? [] }));
      rel("categoryPartOf", { from: c.id, to: c.partOf ?? null });
    }
    for (const g of extract.grants) {
      nodes.AccessGrant.push(
        node("grant", g.id, {
          capabilities: g.capabilities ?? null,
          validFrom: g.validFrom ?? null,
          validTo: g.validTo ?? null,
          // Day bounds for comparisons: partial dates widen to the interval they name.
          startDay: g.validFrom ? earliestDay(g.validFrom) : null,
          endDay: g.validTo ? latestDay(g.validTo) : null,
          endEarliestDay: g.validTo ? earliestDay(g.validTo) : null,
          openEnded: g.validTo === null,
          exemptFromPrivacyRules: g.exemptFromPrivacyRules,
          purpose: g.purpose ?? null,
          description: g.description ?? null,
        }),
      );
      rel("grantedBy", { from: g.id, to: g.grantor ?? null });
      rel("grantedTo", { from: g.id, to: g.grantee });
      rel("derivedFrom", { from: g.id, to: g.derivedFrom ?? null });
      rel("covers", { from: g.id, to: g.data });
      const evidence = anchors.evidence.get(g.id);
      rel("documentedIn", {
        from: g.id,
        to: g.documentedIn.map((d, i) => ({
          report: d.report,
          quote: d.quote ?? null,
          account: d.account ?? null,
          carriedBy: d.carriedBy ?? null,
          reportInferred: d.reportInferred ?? null,
          anchor: json(evidence?.[i]?.anchor),
          verified: evidence?.[i]?.verified ?? false,
          position: i,
        })),
      });
    }
    for (const s of extract.statements) {
      const reportings = anchors.reportings.get(s.id);
      nodes.Statement.push(node("statement", s.id, { ...statementProps(s, reportings), groupClaim: groupClaim(s) }));
      // The speaker is a person or an organisation, defined in these files or already in the graph.
      rel("madeBy", { from: s.id, to: s.speaker });
      rel("onBehalfOf", { from: s.id, to: s.onBehalfOf ?? null });
      const about = s.about;
      rel("aboutOrganization", {
        from: s.id,
        to: [
          ...toList(about.grantee).map((id) => ({ id, role: "GRANTEE" })),
          ...toList(about.grantor).map((id) => ({ id, role: "GRANTOR" })),
          ...(about.except ?? []).map((id) => ({ id, role: "EXCEPT" })),
        ],
      });
      rel("aboutCategory", { from: s.id, to: about.data ?? [] });
      rel("aboutGrant", { from: s.id, to: about.grants ?? [] });
      rel("reportedIn", {
        from: s.id,
        to: s.reportedIn.map((r, i) => ({
          report: r.report,
          account: r.account ?? null,
          quoteAnchor: json(reportings?.[i]?.quote),
          accountAnchor: json(reportings?.[i]?.account),
          verified: reportings?.[i]?.verified ?? false,
          position: i,
        })),
      });
    }
  }
  return { nodes, rels };
}

/**
 * A claim of not knowing "the full scale" (extent, …) of an access concedes the access itself: a
 * weaker unawareness (docs/rules.md), read from the speaker's words or the source's sentence.
 */
const CONCEDING = /\b(full|whole|entire|true)\s+(scale|extent|scope)\b/i;
export function concedesAccess(s: Extract["statements"][number]): boolean {
  if (s.stance !== "CLAIMS_UNAWARE") return false;
  return [s.quote, ...s.reportedIn.map((r) => r.account)].some((text) => !!text && CONCEDING.test(text));
}

function statementProps(s: Extract["statements"][number], reportings?: { verified: boolean }[]): Record<string, unknown> {
  const period = s.about.period;
  const periodEnd = period?.to ?? s.madeAt;
  return {
    form: s.form,
    // Only the speaker's own words; a REPORTED statement has none (its account is the source's).
    quote: s.quote ?? null,
    account: s.reportedIn.find((r) => r.account)?.account ?? null,
    // Validation refuses a passage missing from an archived text: verified where any source's text is archived.
    verified: reportings?.some((r) => r.verified) ?? false,
    paraphrase: s.paraphrase ?? null,
    // The source never names the speaker: the extract's reason for the one it gives.
    speakerInferred: s.speakerInferred ?? null,
    notes: s.notes ?? null,
    concedesAccess: concedesAccess(s),
    madeAt: s.madeAt ?? null,
    madeStart: s.madeAt ? earliestDay(s.madeAt) : null,
    madeEnd: s.madeAt ? latestDay(s.madeAt) : null,
    channel: s.channel ?? null,
    stance: s.stance,
    aboutCapabilities: s.about.capabilities ?? null,
    aboutPurpose: s.about.purpose ?? null,
    periodFrom: period?.from ?? null,
    periodTo: period?.to ?? null,
    // The period the statement speaks of, in days; default: up to the statement's date.
    periodStartDay: period?.from ? earliestDay(period.from) : null,
    periodEndDay: periodEnd ? latestDay(periodEnd) : null,
  };
}

/** Writes nodes; returns the ids of those that are new or now state other facts (`existed`: the latter). */
const MERGE_NODE = (label: string, extra = "") => `
UNWIND $rows AS row
MERGE (n:${label} {id: row.id})
WITH n, row, n.facts AS before
SET n += row.props, n.facts = row.facts,
    n.sourceExtracts = CASE WHEN row.file IN coalesce(n.sourceExtracts, []) THEN n.sourceExtracts
                            ELSE coalesce(n.sourceExtracts, []) + row.file END
${extra}
WITH row, before WHERE before IS NULL OR before <> row.facts
RETURN row.id AS id, before IS NOT NULL AS existed`;

/** Replace-then-create for each relationship a definition owns; labels and types are constants. */
const RELATIONSHIPS: Record<string, string> = {
  orgPartOf: `UNWIND $rows AS row MATCH (a:Organization {id: row.from})
    CALL (a) { MATCH (a)-[old:PART_OF]->() DELETE old }
    WITH a, row WHERE row.to IS NOT NULL MATCH (b:Organization {id: row.to}) MERGE (a)-[:PART_OF]->(b)`,
  speaksFor: `UNWIND $rows AS row MATCH (a:Person {id: row.from})
    CALL (a) { MATCH (a)-[old:SPEAKS_FOR]->() DELETE old }
    WITH a, row WHERE row.to IS NOT NULL MATCH (b:Organization {id: row.to}) MERGE (a)-[r:SPEAKS_FOR]->(b) SET r.role = row.role`,
  publishedBy: `UNWIND $rows AS row MATCH (a:Report {id: row.from})
    CALL (a) { MATCH (a)-[old:PUBLISHED_BY]->() DELETE old }
    WITH a, row WHERE row.to IS NOT NULL MATCH (b:Organization {id: row.to}) MERGE (a)-[:PUBLISHED_BY]->(b)`,
  writtenBy: `UNWIND $rows AS row MATCH (a:Report {id: row.from})
    CALL (a) { MATCH (a)-[old:WRITTEN_BY]->() DELETE old }
    WITH a, row UNWIND row.to AS author MATCH (b:Person {id: author}) MERGE (a)-[:WRITTEN_BY]->(b)`,
  categoryPartOf: `UNWIND $rows AS row MATCH (a:DataCategory {id: row.from})
    CALL (a) { MATCH (a)-[old:PART_OF]->() DELETE old }
    WITH a, row WHERE row.to IS NOT NULL MATCH (b:DataCategory {id: row.to}) MERGE (a)-[:PART_OF]->(b)`,
  grantedBy: `UNWIND $rows AS row MATCH (a:AccessGrant {id: row.from})
    CALL (a) { MATCH (a)-[old:GRANTED_BY]->() DELETE old }
    WITH a, row WHERE row.to IS NOT NULL MATCH (b:Organization {id: row.to}) MERGE (a)-[:GRANTED_BY]->(b)`,
  grantedTo: `UNWIND $rows AS row MATCH (a:AccessGrant {id: row.from})
    CALL (a) { MATCH (a)-[old:GRANTED_TO]->() DELETE old }
    WITH a, row MATCH (b:Organization {id: row.to}) MERGE (a)-[:GRANTED_TO]->(b)`,
  derivedFrom: `UNWIND $rows AS row MATCH (a:AccessGrant {id: row.from})
    CALL (a) { MATCH (a)-[old:DERIVED_FROM]->() DELETE old }
    WITH a, row WHERE row.to IS NOT NULL MATCH (b:AccessGrant {id: row.to}) MERGE (a)-[:DERIVED_FROM]->(b)`,
  covers: `UNWIND $rows AS row MATCH (a:AccessGrant {id: row.from})
    CALL (a) { MATCH (a)-[old:COVERS]->() DELETE old }
    WITH a, row UNWIND row.to AS category MATCH (b:DataCategory {id: category}) MERGE (a)-[:COVERS]->(b)`,
  documentedIn: `UNWIND $rows AS row MATCH (a:AccessGrant {id: row.from})
    CALL (a) { MATCH (a)-[old:DOCUMENTED_IN]->() DELETE old }
    WITH a, row UNWIND row.to AS cite MATCH (b:Report {id: cite.report})
    CREATE (a)-[:DOCUMENTED_IN {quote: cite.quote, account: cite.account, carriedBy: cite.carriedBy, reportInferred: cite.reportInferred, anchor: cite.anchor,
                                verified: cite.verified, position: cite.position}]->(b)`,
  madeBy: `UNWIND $rows AS row MATCH (a:Statement {id: row.from})
    CALL (a) { MATCH (a)-[old:MADE_BY]->() DELETE old }
    WITH a, row OPTIONAL MATCH (p:Person {id: row.to}) OPTIONAL MATCH (o:Organization {id: row.to})
    WITH a, coalesce(p, o) AS b WHERE b IS NOT NULL MERGE (a)-[:MADE_BY]->(b)`,
  onBehalfOf: `UNWIND $rows AS row MATCH (a:Statement {id: row.from})
    CALL (a) { MATCH (a)-[old:ON_BEHALF_OF]->() DELETE old }
    WITH a, row WHERE row.to IS NOT NULL MATCH (b:Organization {id: row.to}) MERGE (a)-[:ON_BEHALF_OF]->(b)`,
  aboutOrganization: `UNWIND $rows AS row MATCH (a:Statement {id: row.from})
    CALL (a) { MATCH (a)-[old:ABOUT]->() DELETE old }
    WITH a, row UNWIND row.to AS party MATCH (b:Organization {id: party.id}) MERGE (a)-[:ABOUT {role: party.role}]->(b)`,
  aboutCategory: `UNWIND $rows AS row MATCH (a:Statement {id: row.from})
    WITH a, row UNWIND row.to AS category MATCH (b:DataCategory {id: category}) MERGE (a)-[:ABOUT]->(b)`,
  aboutGrant: `UNWIND $rows AS row MATCH (a:Statement {id: row.from})
    WITH a, row UNWIND row.to AS grant MATCH (b:AccessGrant {id: grant}) MERGE (a)-[:ABOUT]->(b)`,
  reportedIn: `UNWIND $rows AS row MATCH (a:Statement {id: row.from})
    CALL (a) { MATCH (a)-[old:REPORTED_IN]->() DELETE old }
    WITH a, row UNWIND row.to AS cite MATCH (b:Report {id: cite.report})
    CREATE (a)-[:REPORTED_IN {account: cite.account, quoteAnchor: cite.quoteAnchor, accountAnchor: cite.accountAnchor,
                              verified: cite.verified, position: cite.position}]->(b)`,
  cites: `UNWIND $rows AS row MATCH (a:Report {id: row.from})
    CALL (a) { MATCH (a)-[old:CITES]->() DELETE old }
    WITH a, row UNWIND row.to AS cited MATCH (b:Report {id: cited}) MERGE (a)-[:CITES]->(b)`,
};

/** Rows per UNWIND statement: large enough to amortise a round trip, small enough for the heap. */
export const BATCH_SIZE = 5000;

/** UNWIND statements of a load sent ahead of the answer to the first of them. */
const IN_FLIGHT = 3;

export async function writeExtracts(graph: Graph, parsed: ParsedExtract[], progress?: Progress): Promise<SeedResult> {
  let written: Written | undefined;
  // A transaction over the server's memory limit fails inside the work or at commit (index updates).
  await graph
    .writeTransaction(async (tx: Tx) => {
      written = await writeIn(tx, parsed, progress);
    })
    .catch((error: unknown) => {
      throw tooLargeForOneTransaction(error, parsed.length, written?.total ?? 0);
    });
  const { nodeCount, total, contradictions, removed, reviews } = written!;
  return { files: parsed.map((p) => p.file), nodes: nodeCount, relationshipRows: total - nodeCount, contradictions, removed, reviews };
}

/** A contradiction as a preview shows it: the pair, and what the rules decided of it. */
export interface PreviewedContradiction {
  statementId: string;
  grantId: string;
  kind: string;
  severity: number;
  /** The grant's parties' names, read before the rollback (the grant may be the load's own). */
  grantor: string | null;
  grantee: string | null;
}

/** Thrown inside the preview's transaction to roll it back with its answer. */
class RolledBack extends Error {
  constructor(readonly rows: PreviewedContradiction[]) {
    super("preview rolled back");
  }
}

const CONTRADICTIONS_OF = `UNWIND $ids AS id
MATCH (s:Statement {id: id})-[c:${CONTRADICTS}]->(g:AccessGrant)
RETURN s.id AS statementId, g.id AS grantId, c.kind AS kind, c.severity AS severity,
       head([(g)-[:GRANTED_BY]->(o:Organization) | o.name]) AS grantor, head([(g)-[:GRANTED_TO]->(o:Organization) | o.name]) AS grantee`;

/**
 * A dry run of a load (the intake page's preview): the files written and their contradictions
 * decided exactly as `writeExtracts` does, in one transaction that is then rolled back, so nothing
 * is written. Answers the contradictions the load would add (or whose kind or severity it would
 * change): those decided in the transaction that the graph as it is does not hold so.
 */
export async function previewContradictions(graph: Graph, parsed: ParsedExtract[]): Promise<PreviewedContradiction[]> {
  let after: PreviewedContradiction[] = [];
  let decided: string[] = [];
  try {
    await graph.writeTransaction(async (tx: Tx) => {
      const written = await writeIn(tx, parsed);
      decided = written.statementIds;
      throw new RolledBack(await tx.run<PreviewedContradiction>(CONTRADICTIONS_OF, { ids: decided }));
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw tooLargeForOneTransaction(error, parsed.length, 0);
    after = error.rows;
  }
  // What the graph holds for the same statements now: precomputed, as the load keeps them.
  const before = new Set((await graph.read<PreviewedContradiction>(CONTRADICTIONS_OF, { ids: decided })).map((c) => `${c.statementId}~${c.grantId}~${c.kind}~${c.severity}`));
  return after.filter((c) => !before.has(`${c.statementId}~${c.grantId}~${c.kind}~${c.severity}`)).sort((a, b) => b.severity - a.severity);
}

interface Written {
  nodeCount: number;
  total: number;
  contradictions: { statements: number; all: boolean };
  removed: { deleted: number; released: number };
  /** The statements whose contradictions were decided again. */
  statementIds: string[];
  reviews: { changed: number; noLongerFound: number; foundAgain: number };
}

/** A load's writes and its contradictions' precomputation, inside the caller's transaction. */
async function writeIn(tx: Tx, parsed: ParsedExtract[], progress?: Progress): Promise<Written> {
  const { nodes, rels } = rowsOf(parsed);
  const steps: [string, string, Rows][] = [
    ...Object.entries(nodes).map(
      ([label, rows]) =>
        [
          label,
          MERGE_NODE(
            label,
            label === "Organization"
              ? `SET n.aliases = [a IN coalesce(n.aliases, []) WHERE NOT a IN row.aliases] + row.aliases,
                 n.aliasText = reduce(text = '', a IN [a IN coalesce(n.aliases, []) WHERE NOT a IN row.aliases] + row.aliases | text + ' ' + a)`
              : // when a statement first came in: the review queue's "waiting since" for a finding never reviewed (src/review)
                label === "Statement"
                ? "SET n.firstLoadedAt = coalesce(n.firstLoadedAt, toString(datetime()))"
                : "",
          ),
          rows,
        ] as [string, string, Rows],
    ),
    ...Object.entries(rels).map(([name, rows]) => [name, RELATIONSHIPS[name], rows] as [string, string, Rows]),
  ];
  const total = steps.reduce((sum, [, , rows]) => sum + rows.length, 0);
  const nodeCount = Object.values(nodes).reduce((sum, rows) => sum + rows.length, 0);
  try {
    let done = 0;
    await tx.run(LOCK_PRECOMPUTED);
    const pruned = await prune(tx, parsed);
    if (pruned.issues.length > 0) throw new ExtractValidationError(pruned.issues);
    const removed = { deleted: pruned.deleted, released: pruned.released };
    const changes: Changes = {
      ids: {},
      changedStatements: [...pruned.deletedStatements],
      structureChanged: false,
      stances: new Map(nodes.Statement.map((row) => [row.id as string, (row.props as { stance: unknown }).stance])),
    };
    // Up to IN_FLIGHT batches are sent before the first answer is awaited: the server runs them in
    // order, in this transaction, while this process encodes the next (at 25,000 rows a load,
    // encoding is a good part of a load's time, which would otherwise leave the server idle). Bounded,
    // so that a large load does not queue all its rows in the server's memory at once.
    const inFlight: Promise<void>[] = [];
    for (const [label, cypher, rows] of steps) {
      const isNode = label in nodes;
      for (let i = 0; i < rows.length; i += BATCH_SIZE) {
        const batch = rows.slice(i, i + BATCH_SIZE);
        if (inFlight.length === IN_FLIGHT) await inFlight.shift();
        const step = tx.run<{ id: string; existed: boolean }>(cypher, { rows: batch }).then((ids) => {
          if (isNode) noteChanges(changes, label, ids);
          done += batch.length;
          progress?.(done, total, label);
        });
        // Awaited in turn below; a failure is seen there (and the transaction rolled back).
        step.catch(() => {});
        inFlight.push(step);
      }
    }
    for (const step of inFlight) await step;
    const { statementIds, ...contradictions } = await precompute(tx, changes, progress);
    // every review kept, and flagged where what its finding rests on changed (src/review): only the
    // findings this load may have changed, unless it decided every statement again
    const reviews = await refreshReviews(tx, contradictions.all ? null : [...statementIds, ...changes.changedStatements]);
    return { nodeCount, total, contradictions, removed, statementIds, reviews };
  } catch (error) {
    // Thrown as a claimgraph error, not retried: the same load would go over the limit again.
    throw tooLargeForOneTransaction(error, parsed.length, total);
  }
}

/** The server refused the load's transaction for its size: say so, and what to do, rather than retry. */
function tooLargeForOneTransaction(error: unknown, files: number, rows: number): unknown {
  if (!(error instanceof Neo4jError) || error.code !== "Neo.TransientError.General.MemoryPoolOutOfMemoryError") return error;
  return new ClaimgraphError(
    "LOAD_TOO_LARGE",
    `Loading ${files} file${files === 1 ? "" : "s"} (${rows.toLocaleString("en")} rows) in one transaction went over the database's memory limit for a transaction; nothing was written. ` +
      "Each seed call is one transaction: load fewer files at a time (they may refer to what earlier calls loaded; `claimgraph seed --each` loads each file in its own), or raise the server's dbms.memory.transaction.total.max.",
    { files, rows, cause: error.code },
  );
}

// ------------------------------------------------------------------------------------------------
// Precomputed contradictions

/** What a load defines anew or differently (a node defined again with the same facts changes nothing). */
interface Changes {
  /** Ids by label of the nodes that are new or whose facts differ. */
  ids: Record<string, string[]>;
  /** Existing statements defined with other facts, or deleted (src/extract/prune.ts). */
  changedStatements: string[];
  /** An existing organisation or data category defined with other facts: groups or hierarchy moved. */
  structureChanged: boolean;
  /** The stance of each statement the load defines. */
  stances: Map<string, unknown>;
}

function noteChanges(changes: Changes, label: string, written: { id: string; existed: boolean }[]) {
  const ids = (changes.ids[label] ??= []);
  for (const { id, existed } of written) {
    ids.push(id);
    if (!existed) continue;
    if (label === "Statement") changes.changedStatements.push(id);
    if (label === "Organization" || label === "DataCategory") changes.structureChanged = true;
  }
}

/** Statements per precomputation statement: bounds the memory one statement needs. */
const PRECOMPUTE_BATCH = 2000;

const RULE_PARAMETERS = {
  stances: Object.keys(KIND_BY_STANCE),
  kinds: [...CONTRADICTION_KINDS],
  from: null,
  to: null,
  grantId: null,
  minSeverity: 0,
};

/**
 * Decides again the contradictions of every statement the load may have changed (all of them when
 * the graph's precomputation is missing or of other rules, or groups or hierarchy moved), replacing
 * what was stored for them, then marks the precomputation current.
 */
async function precompute(tx: Tx, changes: Changes, progress?: Progress): Promise<{ statements: number; all: boolean; statementIds: string[] }> {
  const [marker] = await tx.run<{ version: string | null }>(READ_PRECOMPUTED_VERSION);
  const all = marker?.version !== PRECOMPUTED_VERSION || changes.structureChanged;
  // The statements this load created: nothing is stored about them yet.
  const created = new Set(changes.ids.Statement ?? []);
  for (const id of changes.changedStatements) created.delete(id);
  let statementIds: string[];
  if (all) {
    let deleted: number;
    do {
      [{ deleted }] = await tx.run<{ deleted: number }>(DELETE_ALL_PRECOMPUTED);
    } while (deleted > 0);
    statementIds = (await tx.run<{ id: string }>(ALL_CONTRADICTING_STATEMENTS, RULE_PARAMETERS)).map((row) => row.id);
  } else {
    const defined = changes.ids.Statement ?? [];
    const affected = await tx.run<{ id: string }>(AFFECTED_STATEMENTS, {
      ...RULE_PARAMETERS,
      statements: defined.filter((id) => !created.has(id)),
      admissions: defined.filter((id) => changes.stances.get(id) === "AFFIRMS_ACCESS"),
      grants: changes.ids.AccessGrant ?? [],
      reports: changes.ids.Report ?? [],
      persons: changes.ids.Person ?? [],
      changedStatements: changes.changedStatements,
    });
    // The statements created that can contradict, then those the query found.
    const stances = new Set<unknown>(RULE_PARAMETERS.stances);
    statementIds = [...new Set([...[...created].filter((id) => stances.has(changes.stances.get(id))), ...affected.map((row) => row.id)])];
  }
  progress?.(0, statementIds.length, "contradictions");
  for (let i = 0; i < statementIds.length; i += PRECOMPUTE_BATCH) {
    const batch = statementIds.slice(i, i + PRECOMPUTE_BATCH);
    const stored = batch.filter((id) => !created.has(id));
    if (!all && stored.length > 0) await tx.run(DELETE_PRECOMPUTED, { statementIds: stored });
    await tx.run(PRECOMPUTE, { ...RULE_PARAMETERS, statementIds: batch });
    progress?.(Math.min(i + PRECOMPUTE_BATCH, statementIds.length), statementIds.length, "contradictions");
  }
  await tx.run(MARK_PRECOMPUTED, { version: PRECOMPUTED_VERSION });
  return { statements: statementIds.length, all, statementIds };
}

export interface GraphStats {
  nodes: Record<string, number>;
  relationships: Record<string, number>;
}

/**
 * Node counts by label and relationship counts by type, of what the extracts state: the migrations'
 * records, the precomputation marker and the derived CONTRADICTS relationships are not counted.
 */
export async function graphStats(graph: Graph): Promise<GraphStats> {
  const [row] = await graph.read<GraphStats>(`
    CALL () { MATCH (n) WHERE NOT n:_Migration AND NOT n:${DERIVED_LABEL} AND NOT n:${EXTRACT_LABEL} UNWIND labels(n) AS label WITH label, count(*) AS c
              RETURN collect([label, c]) AS nodes }
    CALL () { MATCH ()-[r]->() WHERE NOT r:${CONTRADICTS} WITH type(r) AS type, count(*) AS c RETURN collect([type, c]) AS relationships }
    RETURN nodes, relationships`);
  const sorted = (pairs: unknown) =>
    Object.fromEntries((pairs as [string, number][]).sort(([a], [b]) => a.localeCompare(b)));
  return { nodes: sorted(row.nodes), relationships: sorted(row.relationships) };
}
