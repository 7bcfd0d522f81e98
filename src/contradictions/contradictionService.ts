import neo4j from "neo4j-driver";
import { CONTRADICTION_KINDS, type ContradictionKind } from "../domain/model.ts";
import { badInput } from "../domain/errors.ts";
import type { Graph } from "../graph/graph.ts";
import { KIND_BY_STANCE, contradictionsQuery } from "./contradictionCypher.ts";

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

export interface ContradictionQuery {
  organization?: string | null;
  statementId?: string | null;
  grantId?: string | null;
  kinds?: ContradictionKind[] | null;
  /** First and last day of the statement's date, as YYYY-MM-DD. */
  fromDay?: string | null;
  toDay?: string | null;
  minSeverity?: number | null;
  skip: number;
  limit: number;
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
    skip: neo4j.int(query.skip),
    limit: neo4j.int(query.limit),
  };
}

function startOf(query: ContradictionQuery) {
  return query.statementId ? "statement" : query.organization ? "organization" : "all";
}

/** One Cypher round trip: every rule of DESIGN.md is decided inside Neo4j. */
export async function findContradictions(graph: Graph, query: ContradictionQuery): Promise<ContradictionRow[]> {
  return graph.read<ContradictionRow>(contradictionsQuery({ start: startOf(query) }), contradictionParams(query));
}

export async function countContradictions(graph: Graph, query: ContradictionQuery): Promise<number> {
  const rows = await graph.read<{ total: number }>(contradictionsQuery({ start: startOf(query), count: true }), contradictionParams(query));
  return rows[0]?.total ?? 0;
}
