import fs from "node:fs";
import path from "node:path";
import type { ContradictionKind } from "../domain/model.ts";

/**
 * What a synthetic corpus plants, as its manifest says it (MANIFEST_FILE beside the extract files,
 * written by writeCorpus): the contradictions of every kind and the near-misses, each failing one rule.
 */

export const NEAR_MISS_REASONS = [
  "EXCEPTED",
  "GRANT_ENDED_BEFORE_CLAIMED_END",
  "OTHER_PURPOSE",
  "OTHER_DATA_BRANCH",
  "OWN_SIDE_EVIDENCE_ONLY",
  "PERIOD_NOT_OVERLAPPING",
  "NOT_EXEMPT",
  "CAPABILITIES_DISJOINT",
  "ADMISSION",
  "GRANTOR_DENIES_USE",
  "MEMBER_VS_GROUP_GRANT",
  "ONWARD_FROM_ANOTHER_GRANTOR",
  "ONWARD_NOT_GRANTORS_OWN",
] as const;
export type NearMissReason = (typeof NEAR_MISS_REASONS)[number];

/** The kinds planted, in the turn the episodes take them. */
export const KINDS: ContradictionKind[] = [
  "DENIAL_VS_GRANT",
  "ENDED_VS_ACTIVE",
  "ASSURANCE_VS_EXEMPTION",
  "UNAWARENESS_VS_GRANT",
  "USE_OR_REQUEST_VS_GRANT",
];

export interface Expectation {
  statementId: string;
  grantId: string;
  expect: "contradiction" | "near-miss";
  kind?: ContradictionKind;
  reason?: NearMissReason;
}

export interface ManifestSummary {
  format: "claimgraph-synth-manifest/1";
  seed: number;
  organizations: number;
  statementsPerOrganization: number;
  cells: number;
  episodesPerCell: number;
  files: string[];
  counts: { organizations: number; people: number; reports: number; dataCategories: number; grants: number; statements: number };
  stances: Record<string, number>;
  planted: { total: number; byKind: Record<string, number> };
  nearMisses: { total: number; byReason: Record<string, number> };
}

export interface Manifest extends ManifestSummary {
  planted: ManifestSummary["planted"] & { pairs: string[] };
  nearMisses: ManifestSummary["nearMisses"] & { pairs: string[] };
  expectations: Expectation[];
}

export const MANIFEST_FILE = "manifest.jsonl";

export const pairOf = (e: { statementId: string; grantId: string }) => `${e.statementId}~${e.grantId}`;

/** Reads a manifest written by writeCorpus. */
export function readManifest(dir: string): Manifest {
  const lines = fs.readFileSync(path.join(dir, MANIFEST_FILE), "utf8").split("\n").filter(Boolean);
  const summary = JSON.parse(lines[0]) as ManifestSummary;
  const expectations = lines.slice(1).map((line) => {
    const { pair: _pair, ...e } = JSON.parse(line) as Expectation & { pair: string };
    return e;
  });
  return {
    ...summary,
    planted: { ...summary.planted, pairs: expectations.filter((e) => e.expect === "contradiction").map(pairOf) },
    nearMisses: { ...summary.nearMisses, pairs: expectations.filter((e) => e.expect === "near-miss").map(pairOf) },
    expectations,
  };
}
