import type { ProfiledPlan } from "neo4j-driver";

/** A PROFILE plan summed up: what the contradiction query starts from, what it touches, and where. */
export interface PlanSummary {
  label: string;
  ms: number;
  resultRows: number;
  totalDbHits: number;
  /** Leaf operators other than Argument: where the query reads the graph from. */
  leaves: string[];
  startsFromIndex: boolean;
  cartesianProducts: number;
  allNodesScans: number;
  labelScans: number;
  /** The operators with the most db hits, in plan order. */
  top: { operator: string; rows: number; dbHits: number; details: string }[];
  operatorCount: number;
}

const INDEX_LEAVES = /IndexSeek|IndexScan|UniqueIndexSeek|IndexContainsScan|IndexEndsWithScan/;

export function summarizePlan(label: string, plan: ProfiledPlan, ms: number, resultRows: number, topCount = 12): PlanSummary {
  const all: { operator: string; rows: number; dbHits: number; details: string; leaf: boolean; order: number }[] = [];
  const walk = (p: ProfiledPlan) => {
    const operator = p.operatorType.replace(/@.*$/, "");
    all.push({
      operator,
      rows: Number(p.rows),
      dbHits: Number(p.dbHits),
      details: String((p.arguments as Record<string, unknown>)?.Details ?? "").replace(/\s+/g, " ").slice(0, 110),
      leaf: (p.children ?? []).length === 0,
      order: all.length,
    });
    for (const child of p.children ?? []) walk(child);
  };
  walk(plan);
  // Leaves that ran (a plan also holds the branch for graphs without precomputed contradictions,
  // which is planned but not executed when they are current).
  const leaves = [...new Set(all.filter((o) => o.leaf && o.operator !== "Argument" && (o.rows > 0 || o.dbHits > 0)).map((o) => `${o.operator} ${o.details}`.trim()))];
  return {
    label,
    ms,
    resultRows,
    totalDbHits: all.reduce((sum, o) => sum + o.dbHits, 0),
    leaves,
    startsFromIndex: leaves.length > 0 && leaves.every((leaf) => INDEX_LEAVES.test(leaf)),
    cartesianProducts: all.filter((o) => /CartesianProduct/.test(o.operator)).length,
    allNodesScans: all.filter((o) => o.operator === "AllNodesScan").length,
    labelScans: all.filter((o) => o.operator === "NodeByLabelScan").length,
    top: [...all]
      .sort((a, b) => b.dbHits - a.dbHits)
      .slice(0, topCount)
      .sort((a, b) => a.order - b.order)
      .map(({ operator, rows, dbHits, details }) => ({ operator, rows, dbHits, details })),
    operatorCount: all.length,
  };
}

export function formatPlan(summary: PlanSummary): string {
  const lines = [
    `PROFILE ${summary.label}: ${summary.resultRows} rows in ${summary.ms.toFixed(0)} ms, ${summary.totalDbHits.toLocaleString("en")} db hits, ${summary.operatorCount} operators`,
    `  starts from: ${summary.leaves.join("; ")}`,
    `  starts from indexes only (and the one-node precomputation marker): ${summary.startsFromIndex ? "yes" : "NO"}; cartesian products: ${summary.cartesianProducts}; all-nodes scans: ${summary.allNodesScans}; other label scans: ${summary.labelScans}`,
    `  operators with the most db hits:`,
    ...summary.top.map((o) => `    ${o.operator.padEnd(26)} rows ${String(o.rows).padStart(9)}  db hits ${String(o.dbHits).padStart(10)}  ${o.details}`),
  ];
  return lines.join("\n");
}
