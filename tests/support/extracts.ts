import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import YAML from "yaml";
import { projectRoot } from "../../src/config.ts";
import { ExtractValidationError, seed } from "../../src/extract/load.ts";
import { formatIssue } from "../../src/extract/parse.ts";
import type { Graph } from "../../src/graph/graph.ts";

/** The seed's extracts as objects, their archived source texts named by absolute path (so they load from a temporary folder). */
export function seedExtractObjects(): Record<string, unknown>[] {
  const dir = path.join(projectRoot(), "seeds");
  return fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => {
      const extract = YAML.parse(fs.readFileSync(path.join(dir, f), "utf8"));
      for (const report of [extract.source, ...(extract.reports ?? [])]) {
        if (report?.text?.path) report.text.path = path.resolve(dir, report.text.path);
      }
      return extract as Record<string, unknown>;
    });
}

/** Writes extracts (plain objects) as JSON files in a fresh temporary folder and seeds them. */
export async function seedObjects(graph: Graph, extracts: Record<string, unknown>[]): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-fixture-"));
  // Archived texts named by an absolute path (seedExtractObjects) are copied beside the extracts: a
  // source text must lie in its extract's folder (src/extract/sourceText.ts, confinedTextPath).
  extracts = structuredClone(extracts); // the callers' objects stay as they gave them
  for (const extract of extracts as { source?: { text?: { path: string } }; reports?: { text?: { path: string } }[] }[]) {
    for (const report of [extract.source, ...(extract.reports ?? [])]) {
      if (!report?.text?.path || !path.isAbsolute(report.text.path)) continue;
      fs.mkdirSync(path.join(dir, "sources"), { recursive: true });
      fs.copyFileSync(report.text.path, path.join(dir, "sources", path.basename(report.text.path)));
      report.text = { ...report.text, path: `sources/${path.basename(report.text.path)}` };
    }
  }
  extracts.forEach((extract, i) => fs.writeFileSync(path.join(dir, `extract-${i}.json`), JSON.stringify(extract)));
  try {
    await seed(graph, [dir]);
  } catch (error) {
    if (error instanceof ExtractValidationError) throw new Error(error.issues.map(formatIssue).join("\n"));
    throw error;
  }
  return dir;
}

/**
 * A small world for rule tests: a platform, a group with a member, a media outlet, a data
 * hierarchy and one independent report. Tests add the grants and statements they need.
 */
export function smallWorld(parts: { grants?: object[]; statements?: object[]; reports?: object[]; people?: object[] }) {
  return {
    format: 2,
    source: { id: "fixture-source", title: "Fixture report", publisher: "daily-news", publishedAt: "2018-12-18", kind: "INVESTIGATION" },
    organizations: [
      { id: "platform", name: "Platform", kind: "PLATFORM" },
      { id: "group", name: "Group Inc", kind: "COMPANY" },
      { id: "member", name: "Member Co", kind: "COMPANY", partOf: "group" },
      { id: "other", name: "Other Co", kind: "COMPANY" },
      { id: "daily-news", name: "Daily News", kind: "MEDIA" },
    ],
    people: [{ id: "platform-spokesperson", description: "a Platform spokesperson", anonymous: true, speaksFor: "platform", role: "SPOKESPERSON" }, ...(parts.people ?? [])],
    reports: parts.reports ?? [],
    dataCategories: [
      { id: "personal-data", name: "personal data" },
      { id: "messages", name: "messages", partOf: "personal-data" },
      { id: "private-messages", name: "private messages", partOf: "messages", aliases: ["private user messages"] },
      { id: "contacts", name: "contacts", partOf: "personal-data" },
    ],
    grants: parts.grants ?? [],
    statements: parts.statements ?? [],
  };
}

export const documented = [{ report: "fixture-source", quote: "The platform gave the company access." }];

export function grant(id: string, fields: Record<string, unknown>) {
  return { id, grantor: "platform", grantee: "member", data: ["private-messages"], documentedIn: documented, ...fields };
}

export function statement(id: string, fields: Record<string, unknown>) {
  return {
    id,
    form: "DIRECT",
    quote: `Quote of ${id}`,
    madeAt: "2018-12-19",
    speaker: "member",
    onBehalfOf: "member",
    stance: "DENIES_ACCESS",
    about: { grantee: "member" },
    reportedIn: [{ report: "fixture-source" }],
    ...fields,
  };
}
