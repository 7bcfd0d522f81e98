import type { Graph } from "../graph/graph.ts";
import { listExtractFiles, parseExtractFile } from "../extract/parse.ts";
import type { Known } from "./mentions.ts";

/**
 * The organisations, people and data categories a draft can reuse: those of the seeds folder's
 * extracts (read as files: no server needed) and, when a graph is reachable, the graph's. A draft
 * reuses their ids, so an article saying "the social network" for a known alias refers to facebook.
 */

export function emptyKnown(): Known {
  return { organizations: [], people: [], categories: [], from: [] };
}

/** Known entities of the extract files under `paths` (drafts included: their names are as good as anyone's). */
export function knownFromSeeds(paths: string[], exclude: string[] = []): Known & { definitions: Map<string, Record<string, unknown>> } {
  const known = { ...emptyKnown(), definitions: new Map<string, Record<string, unknown>>() };
  const { files } = listExtractFiles(paths);
  for (const file of files) {
    if (exclude.some((e) => file.endsWith(e))) continue;
    const { extract } = parseExtractFile(file);
    if (!extract) continue;
    for (const org of extract.organizations) {
      if (known.organizations.some((o) => o.id === org.id)) continue;
      known.organizations.push({ id: org.id, name: org.name, aliases: org.aliases ?? [], kind: org.kind });
      known.definitions.set(`org:${org.id}`, org as unknown as Record<string, unknown>);
    }
    for (const person of extract.people) if (!known.people.some((p) => p.id === person.id)) known.people.push({ id: person.id, name: person.name, speaksFor: person.speaksFor });
    for (const c of extract.dataCategories) if (!known.categories.some((k) => k.id === c.id)) known.categories.push({ id: c.id, name: c.name, partOf: c.partOf });
  }
  if (files.length) known.from.push(paths.join(", "));
  return known;
}

const KNOWN_IN_GRAPH = `
CALL () { MATCH (o:Organization) RETURN collect({id: o.id, name: o.name, aliases: coalesce(o.aliases, []), kind: o.kind}) AS organizations }
CALL () { MATCH (p:Person) RETURN collect({id: p.id, name: p.name}) AS people }
CALL () { MATCH (c:DataCategory) RETURN collect({id: c.id, name: c.name}) AS categories }
RETURN organizations, people, categories`;

/** Adds the graph's organisations, people and categories to `known` (those the files do not define). */
export async function addKnownFromGraph(known: Known, graph: Graph): Promise<void> {
  const [row] = await graph.read<{ organizations: Known["organizations"]; people: Known["people"]; categories: Known["categories"] }>(KNOWN_IN_GRAPH);
  if (!row) return;
  for (const org of row.organizations) if (org.id && org.name && !known.organizations.some((o) => o.id === org.id)) known.organizations.push(org);
  for (const person of row.people) if (person.id && !known.people.some((p) => p.id === person.id)) known.people.push(person);
  for (const c of row.categories) if (c.id && c.name && !known.categories.some((k) => k.id === c.id)) known.categories.push(c);
  known.from.push("the graph");
}
