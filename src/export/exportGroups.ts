/**
 * How an export is grouped (issue 22, point 6): by statement (the default), one row or entry per
 * finding, a statement with every grant it conflicts with beneath it (the API's `findings`); or in
 * pairs, one per statement and grant (the API's `contradictions`, ids STATEMENT~GRANT). No imports:
 * the command line reads this before it loads the API's schema.
 */
export const EXPORT_GROUPS = ["statement", "pairs"] as const;
export type ExportGroup = (typeof EXPORT_GROUPS)[number];

export const isExportGroup = (value: unknown): value is ExportGroup => typeof value === "string" && (EXPORT_GROUPS as readonly string[]).includes(value);
