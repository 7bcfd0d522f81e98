import fs from "node:fs";
import path from "node:path";
import type { Graph, Tx } from "../graph/graph.ts";
import { CONTRADICTS } from "../contradictions/precompute.ts";
import { type EntityKind, LABELS, entitiesOf } from "./entities.ts";
import { type ExtractIssue, type ParsedExtract, sha256Of } from "./parse.ts";
import { KIND_NAMES } from "./validate.ts";

/**
 * What a file no longer says leaves the graph. Every load records, per extract file, the ids the
 * file defines (an `_Extract {file, ids}` node). Loading a file again compares: an id it defined
 * before and defines no more is released from the file (its `sourceExtracts` loses the file), and a
 * node no file defines any more is deleted, with its relationships. A node another file's facts still
 * point at (a statement about an organisation, a grant documented in a report) is never deleted from
 * under it: that is a validation error naming both, and nothing is written.
 *
 * Graphs loaded before this record existed have no `_Extract` nodes: their first reload writes them,
 * and prunes from then on. The record also keeps the file's SHA-256 and the loader's version, so that
 * a start can skip the files that have not changed since (src/extract/unchanged.ts).
 */

export const EXTRACT_LABEL = "_Extract";

/** A node that loses files of this call; `deleted` when none of its files defines it any more. */
export interface Stale {
  id: string;
  label: string;
  /** The files of this call that defined it before and no longer do. */
  files: string[];
  deleted: boolean;
  /** Nodes outside the deleted set that point at it, and the files that define them. */
  referrers: { id: string; label: string; type: string; sourceExtracts: string[] }[];
}

const PREVIOUS_IDS = `UNWIND $files AS file MATCH (x:${EXTRACT_LABEL} {file: file}) RETURN file, x.ids AS ids`;

/** Stale ids with their label, files and the relationships pointing at them (stated by the other side). */
/** A subquery body binding `n`, the node of any extract label whose id is `id` (an index seek per label). */
const NODE_BY_ID = (id: string) => (Object.values(LABELS) as string[]).map((label) => `MATCH (n:${label} {id: ${id}}) RETURN n`).join(" UNION ");

const STALE_NODES = `UNWIND $ids AS id
CALL (id) {
  ${NODE_BY_ID("id")}
}
RETURN n.id AS id, head(labels(n)) AS label, coalesce(n.sourceExtracts, []) AS sourceExtracts,
       COLLECT {
         MATCH (n)<-[r]-(m) WHERE NOT r:${CONTRADICTS}
         RETURN {id: m.id, label: head(labels(m)), type: type(r), sourceExtracts: coalesce(m.sourceExtracts, [])} AS referrer
         LIMIT 50
       } AS referrers`;

type Reader = <T>(cypher: string, params: Record<string, unknown>) => Promise<T[]>;

/** The ids each file of the call defines now. */
function definedIds(parsed: ParsedExtract[]): Map<string, Set<string>> {
  return new Map(parsed.map(({ file, extract }) => [file, new Set(entitiesOf(extract).entities.map((e) => e.id))]));
}

/** The nodes this load releases or deletes (two round trips; none for files loaded the first time). */
export async function findStale(read: Reader, parsed: ParsedExtract[]): Promise<Stale[]> {
  const defined = definedIds(parsed);
  const previous = await read<{ file: string; ids: string[] }>(PREVIOUS_IDS, { files: [...defined.keys()] });
  const droppedBy = new Map<string, string[]>();
  const definedNow = new Set([...defined.values()].flatMap((ids) => [...ids]));
  for (const { file, ids } of previous) {
    for (const id of ids) if (!defined.get(file)!.has(id)) droppedBy.set(id, [...(droppedBy.get(id) ?? []), file]);
  }
  if (droppedBy.size === 0) return [];
  const rows = await read<{ id: string; label: string; sourceExtracts: string[]; referrers: Stale["referrers"] }>(STALE_NODES, { ids: [...droppedBy.keys()] });
  const stale = rows.map((row) => {
    const files = droppedBy.get(row.id)!;
    const remaining = row.sourceExtracts.filter((file) => !files.includes(file));
    return { id: row.id, label: row.label, files, deleted: remaining.length === 0 && !definedNow.has(row.id), referrers: row.referrers };
  });
  const deleted = new Set(stale.filter((s) => s.deleted).map((s) => s.id));
  // Referrers deleted too, or defined again by a file of this call (their relationships are replaced
  // and checked like any reference), do not hold a node.
  for (const s of stale) s.referrers = s.referrers.filter((r) => !deleted.has(r.id) && !definedNow.has(r.id));
  return stale;
}

const KIND_OF_LABEL = Object.fromEntries(Object.entries(LABELS).map(([kind, label]) => [label, kind])) as Record<string, EntityKind>;


/** A node this load would delete while a node it does not touch still points at it. */
export function pruningIssues(stale: Stale[]): ExtractIssue[] {
  return stale
    .filter((s) => s.deleted && s.referrers.length > 0)
    .map((s) => {
      const [r] = s.referrers;
      const from = r.sourceExtracts.length ? ` (from ${r.sourceExtracts.join(", ")})` : "";
      const more = s.referrers.length > 1 ? ` and ${s.referrers.length - 1} more` : "";
      return {
        file: s.files[0],
        path: "",
        message: `${KIND_NAMES[KIND_OF_LABEL[s.label]] ?? s.label} "${s.id}" is no longer defined here and no other file defines it, but ${KIND_NAMES[KIND_OF_LABEL[r.label]] ?? r.label} "${r.id}"${from} still refers to it (${r.type})${more}; keep its definition or change those files in the same load`,
      };
    });
}

/** The kind:id keys of the nodes the load deletes (references to them must fail validation). */
export function deletedKeys(stale: Stale[]): Set<string> {
  return new Set(stale.filter((s) => s.deleted).map((s) => `${KIND_OF_LABEL[s.label]}:${s.id}`));
}

const RELEASE = `UNWIND $rows AS row
CALL (row) {
  ${NODE_BY_ID("row.id")}
}
WITH n, row
SET n.sourceExtracts = [f IN n.sourceExtracts WHERE NOT f IN row.files]
WITH n, row WHERE row.deleted
DETACH DELETE n`;

/**
 * The loader's version: a digest of the code that reads, checks and writes extracts and decides
 * contradictions at load. A file loaded by other code is loaded again (once), under today's rules.
 */
let version: string | undefined;
export function loaderVersion(): string {
  if (version) return version;
  const here = path.dirname(new URL(import.meta.url).pathname);
  const typescriptIn = (folder: string) =>
    fs.readdirSync(folder).filter((name) => name.endsWith(".ts")).sort().map((name) => path.join(folder, name));
  const contradictions = path.join(here, "..", "contradictions");
  const sources = [
    ...typescriptIn(here),
    path.join(contradictions, "precompute.ts"),
    ...typescriptIn(path.join(contradictions, "rules")),
  ];
  version = sha256Of(sources.map((file) => fs.readFileSync(file, "utf8")).join("\u0000")).slice(0, 16);
  return version;
}

const RECORD = `UNWIND $rows AS row MERGE (x:${EXTRACT_LABEL} {file: row.file}) SET x.ids = row.ids, x.sha256 = row.sha256, x.loader = row.loader`;

/**
 * In the load's transaction: releases and deletes the stale nodes (found again inside the
 * transaction, so nothing another load wrote meanwhile is lost) and records what each file defines.
 * When a node to delete is still referred to, writes nothing and returns the issues.
 * Returns how many nodes were deleted and released, and the statements deleted (a deleted admission
 * may corroborate a contradiction that stays: the precomputation decides those again).
 */
export async function prune(
  tx: Tx,
  parsed: ParsedExtract[],
): Promise<{ issues: ExtractIssue[]; deletedStatements: string[]; deleted: number; released: number }> {
  const stale = await findStale((cypher, params) => tx.run(cypher, params), parsed);
  const issues = pruningIssues(stale);
  if (issues.length > 0) return { issues, deletedStatements: [], deleted: 0, released: 0 };
  if (stale.length > 0) await tx.run(RELEASE, { rows: stale.map(({ id, files, deleted }) => ({ id, files, deleted })) });
  const defined = definedIds(parsed);
  const sha256 = new Map(parsed.map((p) => [p.file, p.sha256 ?? null]));
  await tx.run(RECORD, { rows: [...defined].map(([file, ids]) => ({ file, ids: [...ids], sha256: sha256.get(file), loader: loaderVersion() })) });
  return {
    issues: [],
    deletedStatements: stale.filter((s) => s.deleted && s.label === "Statement").map((s) => s.id),
    deleted: stale.filter((s) => s.deleted).length,
    released: stale.filter((s) => !s.deleted).length,
  };
}

/** For validation, before the write: the same findings through the graph's read path. */
export function findStaleIn(graph: Graph, parsed: ParsedExtract[]): Promise<Stale[]> {
  return findStale((cypher, params) => graph.read(cypher, params), parsed);
}
