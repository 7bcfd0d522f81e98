import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import YAML from "yaml";
import { expect } from "vitest";
import type { Graph } from "../../src/graph/graph.ts";
import { ExtractValidationError, graphStats, seed } from "../../src/extract/load.ts";
import type { ExtractIssue } from "../../src/extract/parse.ts";

/** The article's extract, as committed, and helpers to write variants of it to temporary files. */
export const SEED_FILE = "seeds/2018-12-20-facebook-partners.yaml";
export const SEED_TEXT = fs.readFileSync(SEED_FILE, "utf8");

/** What the article's extract holds once loaded (pinned: a change to the seed or the loader shows here). */
export const ARTICLE_STATS = {
  nodes: { AccessGrant: 7, DataCategory: 5, Organization: 11, Person: 4, Report: 6, Statement: 18 },
  relationships: {
    ABOUT: 42,
    COVERS: 7,
    DOCUMENTED_IN: 9,
    GRANTED_BY: 7,
    GRANTED_TO: 7,
    MADE_BY: 18,
    ON_BEHALF_OF: 18,
    PART_OF: 5,
    PUBLISHED_BY: 5,
    REPORTED_IN: 22,
    SPEAKS_FOR: 3,
    CITES: 5,
    WRITTEN_BY: 2,
  },
};

export type Json = any;

/** A fresh, mutable copy of the article's extract. */
export function article(): Json {
  return YAML.parse(SEED_TEXT);
}

/** A small valid extract with its own ids; `facebook` and friends resolve through the graph. */
export function minimal(suffix = "one"): Json {
  return {
    format: 2,
    source: { id: `minimal-article-${suffix}`, title: `A minimal article (${suffix})`, publishedAt: "2019-01-15" },
    organizations: [{ id: `acme-${suffix}`, name: `Acme ${suffix}`, kind: "COMPANY" }],
    statements: [
      {
        id: `acme-${suffix}-denial`,
        form: "DIRECT",
        quote: "We never had access to anyone's messages.",
        madeAt: "2019-01",
        speaker: `acme-${suffix}`,
        onBehalfOf: `acme-${suffix}`,
        stance: "DENIES_ACCESS",
        about: { grantee: `acme-${suffix}`, data: ["private-messages"] },
        reportedIn: [{ report: `minimal-article-${suffix}` }],
      },
    ],
  };
}

/**
 * A fresh folder for extracts, holding a copy of the seed's archived source texts (`sources/`), so a
 * copy of the article written there finds its text where the extract says, as in `seeds/`.
 */
export function tempDir(prefix = "claimgraph-extract-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.cpSync("seeds/sources", path.join(dir, "sources"), { recursive: true });
  return dir;
}

/** Writes an extract object as YAML or JSON (by the name's extension) and returns its path. */
export function writeExtract(dir: string, name: string, extract: Json): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, name.endsWith(".json") ? JSON.stringify(extract, null, 2) : YAML.stringify(extract));
  return file;
}

export function writeText(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

/**
 * Every node and relationship with all its properties, in a stable order: "the database" for comparisons.
 * `ignore` leaves out node properties that are load-time bookkeeping (such as when a statement was first
 * loaded), for comparing two loads made at different times.
 */
export async function snapshot(graph: Graph, ignore: string[] = []): Promise<string[]> {
  const nodes = await graph.read<{ row: unknown }>(
    "MATCH (n) WHERE NOT n:_Migration RETURN [labels(n), properties(n)] AS row",
  );
  if (ignore.length) {
    for (const { row } of nodes) {
      const props = (row as [string[], Record<string, unknown>])[1];
      for (const key of ignore) delete props[key];
    }
  }
  const rels = await graph.read<{ row: unknown }>(
    "MATCH (a)-[r]->(b) RETURN [labels(a), a.id, type(r), properties(r), labels(b), b.id] AS row",
  );
  const stable = (value: unknown): unknown =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([x], [y]) => x.localeCompare(y)).map(([k, v]) => [k, stable(v)]))
      : Array.isArray(value)
        ? value.map(stable)
        : value;
  return [...nodes, ...rels].map(({ row }) => JSON.stringify(stable(row))).sort();
}

/** Seeds `paths`, expects a refusal, checks that the database did not change at all, returns the issues. */
export async function expectRefused(graph: Graph, paths: string[]): Promise<ExtractIssue[]> {
  const statsBefore = await graphStats(graph);
  const before = await snapshot(graph);
  let caught: unknown;
  try {
    await seed(graph, paths);
  } catch (error) {
    caught = error;
  }
  expect(caught, "the load should have been refused").toBeInstanceOf(ExtractValidationError);
  const issues = (caught as ExtractValidationError).issues;
  expect(issues.length).toBeGreaterThan(0);
  for (const issue of issues) {
    expect(issue.file).toEqual(expect.any(String));
    expect(issue.file.length).toBeGreaterThan(0);
    expect(issue.message.length).toBeGreaterThan(0);
    expect(issue.message).not.toMatch(/\n\s+at /); // no stack trace in a message
  }
  expect(await graphStats(graph)).toEqual(statsBefore);
  expect(await snapshot(graph)).toEqual(before);
  return issues;
}
