import neo4j from "neo4j-driver";
import { CONTRADICTION_KINDS, type ContradictionKind } from "../domain/model.ts";
import { badInput } from "../domain/errors.ts";
import type { Graph } from "../graph/graph.ts";
import { type ContradictionOrder, type QueryOptions, contradictionsQuery, liveContradictionsQuery } from "./contradictionCypher.ts";
import { PRECOMPUTED_VERSION, READ_PRECOMPUTED_VERSION } from "./precompute.ts";
import { KIND_BY_STANCE } from "./rules/kindAndSeverity.ts";

/** One statement paired with one documented grant it conflicts with (ids and decided facts). */
export interface ContradictionRow {
  statementId: string;
  grantId: string;
  kind: ContradictionKind;
  severity: number;
  independentReportIds: string[];
  corroboration: { statementId: string; byOtherParty: boolean }[];
  reportPredatesStatement: boolean | null;
  /** Onward transfer: the grants the grant passes on, nearest first (ids); empty for a grantor's own grant. */
  chain: string[];
}

/**
 * A finding: one statement with every grant it conflicts with (issue 22: one finding per statement),
 * its pairs strongest first; it takes the severity and kind of its strongest pair. Its id is the
 * statement's: reviews attach to it (src/review/).
 */
export interface FindingRow {
  statementId: string;
  severity: number;
  kind: ContradictionKind;
  pairs: ContradictionRow[];
}

export interface ContradictionQuery {
  organization?: string | null;
  statementId?: string | null;
  grantId?: string | null;
  kinds?: ContradictionKind[] | null;
  /** First and last day of the statement's date, as YYYY-MM-DD. */
  fromDay?: string | null;
  toDay?: string | null;
  minSeverity?: number | null;
  /** Review statuses of the pair's finding (src/review); null: any. */
  statuses?: string[] | null;
  /** Words that must all appear in the pair's text (see `textWords`). */
  text?: string | null;
  /** The page's order; default strongest first. */
  order?: ContradictionOrder | null;
  skip: number;
  limit: number;
}

/**
 * The text filter's words: split at white space, in lower case, with the typographic apostrophe ’
 * read as ' (the Cypher reads the graph's text the same way). Blank text: no words, no filter.
 */
export function textWords(text: string | null | undefined): string[] {
  return [...new Set((text ?? "").toLowerCase().replace(/’/g, "'").split(/\s+/).filter(Boolean))];
}

/** Contradiction ids are stable: the statement id and the grant id (slugs never contain "~"). */
export function contradictionId(row: { statementId: string; grantId: string }): string {
  return `${row.statementId}~${row.grantId}`;
}

export function parseContradictionId(id: string): { statementId: string; grantId: string } {
  const match = /^([a-z0-9-]{1,120})~([a-z0-9-]{1,120})$/.exec(id);
  if (!match) throw badInput(`"${id.slice(0, 80)}" is not a contradiction id (STATEMENT~GRANT).`, { argument: "id" });
  return { statementId: match[1], grantId: match[2] };
}

/** The parameters of contradictionsQuery for a query (exported so tests and benchmarks pass the same). */
export function contradictionParams(query: ContradictionQuery) {
  const kinds = query.kinds?.length ? query.kinds : [...CONTRADICTION_KINDS];
  const stances = Object.entries(KIND_BY_STANCE)
    .filter(([, kind]) => kinds.includes(kind))
    .map(([stance]) => stance);
  return {
    stances,
    kinds,
    organization: query.organization ?? null,
    statementId: query.statementId ?? null,
    grantId: query.grantId ?? null,
    from: query.fromDay ?? null,
    to: query.toDay ?? null,
    minSeverity: query.minSeverity ?? 0,
    statuses: query.statuses?.length ? query.statuses : null,
    words: textWords(query.text),
    skip: neo4j.int(query.skip),
    limit: neo4j.int(query.limit),
  };
}

function startOf(query: ContradictionQuery) {
  return query.statementId ? "statement" : query.organization ? "organization" : "all";
}

/**
 * Every rule of DESIGN.md is decided inside Neo4j: one round trip from the contradictions precomputed
 * at load; when that answers nothing, a look at whether the precomputation is current, and the rules
 * decided from scratch if it is not (a graph loaded by an older version). One read transaction, so
 * all of it sees one state of the graph.
 */
async function readContradictions<T>(graph: Graph, query: ContradictionQuery, count: boolean, empty: (rows: T[]) => boolean, group = false): Promise<T[]> {
  const params = contradictionParams(query);
  const options: QueryOptions = { start: startOf(query), count, text: params.words.length > 0, order: query.order ?? undefined, group };
  return graph.readTransaction((tx) => precomputedOrLive<T>((cypher, p) => tx.run<T>(cypher, p), options, params, empty));
}

/**
 * The decision of `readContradictions` on any runner of Cypher (a transaction here; the bench's bare
 * driver handler runs the same statements): the precomputed rows, unless they are `empty` and the
 * precomputation is not current, then the rules decided from scratch.
 */
export async function precomputedOrLive<T>(
  run: (cypher: string, params: Record<string, unknown>) => Promise<unknown[]>,
  options: QueryOptions,
  params: Record<string, unknown>,
  empty: (rows: T[]) => boolean,
): Promise<T[]> {
  const rows = (await run(contradictionsQuery(options), params)) as T[];
  if (!empty(rows)) return rows;
  const [marker] = (await run(READ_PRECOMPUTED_VERSION, {})) as { version: string | null }[];
  if (marker?.version === PRECOMPUTED_VERSION) return rows;
  return (await run(liveContradictionsQuery(options), params)) as T[];
}

export async function findContradictions(graph: Graph, query: ContradictionQuery): Promise<ContradictionRow[]> {
  return readContradictions<ContradictionRow>(graph, query, false, (rows) => rows.length === 0);
}

export async function countContradictions(graph: Graph, query: ContradictionQuery): Promise<number> {
  const rows = await readContradictions<{ total: number }>(graph, query, true, (rows) => !(Number(rows[0]?.total ?? 0) > 0));
  return rows[0]?.total ?? 0;
}

/** A page of findings (pairs grouped by statement), in the query's order; `skip` and `limit` count findings. */
export async function findFindings(graph: Graph, query: ContradictionQuery): Promise<FindingRow[]> {
  return readContradictions<FindingRow>(graph, query, false, (rows) => rows.length === 0, true);
}

/** How many findings (statements with at least one pair) match the query. */
export async function countFindings(graph: Graph, query: ContradictionQuery): Promise<number> {
  const rows = await readContradictions<{ total: number }>(graph, query, true, (rows) => !(Number(rows[0]?.total ?? 0) > 0), true);
  return rows[0]?.total ?? 0;
}
