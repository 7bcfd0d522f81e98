import type { ExportData, ExportedContradiction, ExportedFinding, FindingExport } from "./fetchContradictions.ts";

/**
 * How an export is grouped (issue 22, point 6): by statement (the default), one row or entry per
 * finding, a statement with every grant it conflicts with beneath it (the API's `findings`); or in
 * pairs, one per statement and grant (the API's `contradictions`, ids STATEMENT~GRANT). No imports
 * beyond types: the command line reads this before it loads the API's schema.
 */
export const EXPORT_GROUPS = ["statement", "pairs"] as const;
export type ExportGroup = (typeof EXPORT_GROUPS)[number];

export const isExportGroup = (value: unknown): value is ExportGroup => typeof value === "string" && (EXPORT_GROUPS as readonly string[]).includes(value);

export const isByStatement = (data: ExportData): data is FindingExport => "findings" in data;

/** A finding's contradictions as pairs, each with the finding's statement and review (what the export in pairs holds for them). */
export const pairsOf = (f: ExportedFinding): ExportedContradiction[] => f.contradictions.map((c) => ({ ...c, statement: f.statement, review: f.review }));
