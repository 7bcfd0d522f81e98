import neo4j, { type Driver } from "neo4j-driver";
import { BATCH_SIZE, rowsOf } from "../../src/extract/load.ts";
import type { ParsedExtract } from "../../src/extract/parse.ts";

/**
 * The baseline for seeding: the rows claimgraph's loader writes (src/extract/load.ts `rowsOf`: the
 * same nodes with the same properties, the same relationships), written by the plainest
 * `UNWIND … MERGE` through the driver, in the same batches and one transaction per load, with none
 * of the loader's bookkeeping (merging source lists, replacing a node's earlier relationships,
 * finding a speaker among people and organisations). The rows are shaped for it before the clock
 * starts: each relationship row gets its target label, so every MATCH is an index seek. Each
 * statement's answer is awaited before the next is sent, as a plain script does (claimgraph's loader
 * sends a load's batches without waiting; see writeExtracts).
 */

type Rows = Record<string, unknown>[];

/** Relationship rows of `rowsOf`: [type, from label, to label, relationship properties]. */
const SHAPES: Record<string, [string, string, string, string[]]> = {
  orgPartOf: ["PART_OF", "Organization", "Organization", []],
  speaksFor: ["SPEAKS_FOR", "Person", "Organization", ["role"]],
  publishedBy: ["PUBLISHED_BY", "Report", "Organization", []],
  writtenBy: ["WRITTEN_BY", "Report", "Person", []],
  cites: ["CITES", "Report", "Report", []],
  categoryPartOf: ["PART_OF", "DataCategory", "DataCategory", []],
  grantedBy: ["GRANTED_BY", "AccessGrant", "Organization", []],
  grantedTo: ["GRANTED_TO", "AccessGrant", "Organization", []],
  derivedFrom: ["DERIVED_FROM", "AccessGrant", "AccessGrant", []],
  covers: ["COVERS", "AccessGrant", "DataCategory", []],
  documentedIn: ["DOCUMENTED_IN", "AccessGrant", "Report", ["quote", "position"]],
  madeBy: ["MADE_BY", "Statement", "?", []],
  onBehalfOf: ["ON_BEHALF_OF", "Statement", "Organization", []],
  aboutOrganization: ["ABOUT", "Statement", "Organization", ["role"]],
  aboutCategory: ["ABOUT", "Statement", "DataCategory", []],
  aboutGrant: ["ABOUT", "Statement", "AccessGrant", []],
  reportedIn: ["REPORTED_IN", "Statement", "Report", ["quote", "position"]],
};

export interface RawStep {
  cypher: string;
  rows: Rows;
}

/** The statements and rows of a raw load; `people` are the person ids known so far (speakers). */
export function rawSteps(parsed: ParsedExtract[], people: Set<string>): { steps: RawStep[]; rowCount: number } {
  const { nodes, rels } = rowsOf(parsed);
  nodes.Person.forEach((row) => people.add(row.id as string));
  const steps: RawStep[] = [];
  let rowCount = 0;
  for (const [label, rows] of Object.entries(nodes)) {
    rowCount += rows.length;
    steps.push({
      cypher: `UNWIND $rows AS row MERGE (n:${label} {id: row.id}) SET n += row.props, n.facts = row.facts, n.sourceExtracts = [row.file]${
        label === "Organization" ? ", n.aliases = row.aliases" : ""
      }`,
      rows: rows.map((row) => ({ id: row.id, props: row.props, facts: row.facts, file: row.file, ...(label === "Organization" ? { aliases: row.aliases } : {}) })),
    });
  }
  for (const [name, rows] of Object.entries(rels)) {
    rowCount += rows.length;
    const [type, from, to, props] = SHAPES[name];
    const targets = (row: Record<string, unknown>) => {
      const list = Array.isArray(row.to) ? row.to : row.to === null || row.to === undefined ? [] : [row.to];
      return list.map((target: any) =>
        typeof target === "string"
          ? { id: target, props: Object.fromEntries(props.map((p) => [p, row[p] ?? null])) }
          : { id: target.id ?? target.report, props: Object.fromEntries(props.map((p) => [p, target[p] ?? null])) },
      );
    };
    const set = props.length ? ` SET ${props.map((p) => `r.${p} = t.props.${p}`).join(", ")}` : "";
    if (to === "?") {
      // The speaker's label, known here rather than looked up in the graph.
      for (const label of ["Person", "Organization"]) {
        steps.push({
          cypher: `UNWIND $rows AS row MATCH (a:${from} {id: row.from}) UNWIND row.to AS t MATCH (b:${label} {id: t.id}) MERGE (a)-[r:${type}]->(b)${set}`,
          rows: rows
            .map((row) => ({ from: row.from, to: targets(row).filter((t) => people.has(t.id) === (label === "Person")) }))
            .filter((row) => row.to.length > 0),
        });
      }
      continue;
    }
    steps.push({
      cypher: `UNWIND $rows AS row MATCH (a:${from} {id: row.from}) UNWIND row.to AS t MATCH (b:${to} {id: t.id}) MERGE (a)-[r:${type}]->(b)${set}`,
      rows: rows.map((row) => ({ from: row.from, to: targets(row) })).filter((row) => row.to.length > 0),
    });
  }
  return { steps, rowCount };
}

/** Writes the steps in one transaction, in claimgraph's batch size. */
export async function writeRaw(driver: Driver, steps: RawStep[], database?: string): Promise<void> {
  const session = driver.session({ database, defaultAccessMode: neo4j.session.WRITE });
  try {
    await session.executeWrite(async (tx) => {
      for (const { cypher, rows } of steps) {
        for (let i = 0; i < rows.length; i += BATCH_SIZE) await tx.run(cypher, { rows: rows.slice(i, i + BATCH_SIZE) });
      }
    });
  } finally {
    await session.close();
  }
}
