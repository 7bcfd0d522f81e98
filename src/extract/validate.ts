import { earliestDay, latestDay } from "../domain/dates.ts";
import type { Graph } from "../graph/graph.ts";
import { type Entity, type EntityKind, type KnownNode, LABELS, type Ref, canonicalFacts, entitiesOf, toList } from "./entities.ts";
import { checkAttribution } from "./attribution.ts";
import type { Extract } from "./format.ts";
import type { TextExamination } from "./sourceText.ts";
import type { ExtractIssue, ParsedExtract } from "./parse.ts";
import { didYouMean, idsOfKinds } from "./suggest.ts";
import { evidenceNames } from "../domain/evidenceNames.ts";

/**
 * Checks beyond the schema, over all files of one call together (and the graph, for ids defined by
 * earlier loads): ids unique, references resolve, periods ordered, every statement speaks of
 * something, no PART_OF cycle, and one id states one set of facts across files.
 */

/** Organisations and categories with their PART_OF parent in the graph; `n` is bound. */
const WITH_PARENT = (kind: EntityKind) => `OPTIONAL MATCH (n)-[:PART_OF]->(parent)
  RETURN n.id AS nodeId, n.facts AS facts, n.sourceExtracts AS sourceExtracts, '${kind}' AS kind, parent.id AS partOf`;

/**
 * What the graph already holds for the given ids, and the organisations and categories above them
 * (PART_OF ancestors: a file's partOf can close a cycle through links already in the graph).
 */
export async function lookupKnownNodes(graph: Graph, ids: string[]): Promise<KnownNode[]> {
  if (ids.length === 0) return [];
  const branches = (Object.entries(LABELS) as [EntityKind, string][])
    .map(([kind, label]) =>
      kind === "organization" || kind === "category"
        ? `MATCH (:${label} {id: id})-[:PART_OF*0..64]->(n:${label}) ${WITH_PARENT(kind)}`
        : `MATCH (n:${label} {id: id}) RETURN n.id AS nodeId, n.facts AS facts, n.sourceExtracts AS sourceExtracts, '${kind}' AS kind, null AS partOf`,
    )
    .join(" UNION ");
  return graph.read<KnownNode>(
    `UNWIND $ids AS id CALL (id) { ${branches} }
     RETURN DISTINCT nodeId AS id, kind, facts, coalesce(sourceExtracts, []) AS sourceExtracts, partOf`,
    { ids },
  );
}

const REF_ACCEPTS: Record<Ref["kind"], EntityKind[]> = {
  organization: ["organization"],
  person: ["person"],
  report: ["report"],
  category: ["category"],
  grant: ["grant"],
  statement: ["statement"],
  party: ["person", "organization"],
};

/** How messages name each kind of node (and reference). */
export const KIND_NAMES: Record<Ref["kind"], string> = {
  organization: "organisation",
  person: "person",
  report: "report",
  category: "data category",
  grant: "grant",
  statement: "statement",
  party: "person or organisation",
};

const aKind = (kind: Ref["kind"]) => `${/^[aeiou]/.test(KIND_NAMES[kind]) ? "an" : "a"} ${KIND_NAMES[kind]}`;

export function allIds(files: ParsedExtract[]): string[] {
  const ids = new Set<string>();
  for (const { extract } of files) {
    const { entities, refs } = entitiesOf(extract);
    entities.forEach((e) => ids.add(e.id));
    refs.forEach((r) => ids.add(r.id));
  }
  return [...ids];
}

/**
 * `declaredElsewhere`: ids of files that failed the schema; references to them are not checked.
 * `partial`: the well-formed parts of those files (see partialExtract in parse.ts): only their
 * references are checked, against the same ids as the others' (their own well-formed ids among them).
 */
export function validateExtracts(
  files: ParsedExtract[],
  known: KnownNode[],
  declaredElsewhere: ReadonlySet<string> = new Set(),
  partial: ParsedExtract[] = [],
  more: {
    /** The archived texts already examined (see checkAttribution). */
    examined?: Map<string, TextExamination>;
    /** Nodes of the graph beyond `known` (all its organisations, people, data categories and reports): "did you mean" suggests among them too. */
    graphNodes?: { kind: EntityKind; id: string }[];
  } = {},
): ExtractIssue[] {
  const issues: ExtractIssue[] = [];
  const definedIn = new Map<string, { entity: Entity; file: string }>(); // kind:id -> first definition
  const kindsById = new Map<string, Set<EntityKind>>();
  const addKind = (id: string, kind: EntityKind) => {
    if (!kindsById.has(id)) kindsById.set(id, new Set());
    kindsById.get(id)!.add(kind);
  };
  known.forEach((node) => addKind(node.id, node.kind));
  // Candidates for "did you mean" only: an id of the graph that no file refers to is not "known" here.
  const suggestible = new Map<string, Set<EntityKind>>();
  for (const node of more.graphNodes ?? []) suggestible.set(node.id, (suggestible.get(node.id) ?? new Set()).add(node.kind));
  for (const { extract } of partial) {
    for (const entity of entitiesOf(extract).entities) if (typeof entity.id === "string") addKind(entity.id, entity.kind);
  }

  const perFile = files.map(({ file, extract }) => ({ file, extract, ...entitiesOf(extract) }));
  const firstById = new Map<string, { entity: Entity; file: string }>(); // id -> first definition, any kind

  for (const { file, entities } of perFile) {
    const seen = new Map<string, Entity>();
    for (const entity of entities) {
      const previous = seen.get(entity.id);
      if (previous) {
        issues.push({ file, path: `${entity.path}.id`, message: `duplicate id "${entity.id}", already used at ${previous.path}` });
        continue;
      }
      seen.set(entity.id, entity);
      addKind(entity.id, entity.kind);
      // An id names one thing across files too, as it does within a file (a speaker is looked up by id
      // among people and organisations alike).
      const other = firstById.get(entity.id);
      if (!other) firstById.set(entity.id, { entity, file });
      else if (other.entity.kind !== entity.kind) {
        issues.push({
          file,
          path: `${entity.path}.id`,
          message: `"${entity.id}" is ${aKind(entity.kind)} here but ${aKind(other.entity.kind)} in ${other.file} (${other.entity.path}); an id names one thing`,
        });
        continue;
      }
      const key = `${entity.kind}:${entity.id}`;
      const first = definedIn.get(key);
      if (!first) {
        definedIn.set(key, { entity, file });
      } else if (canonicalFacts(first.entity.facts) !== canonicalFacts(entity.facts)) {
        issues.push({
          file,
          path: entity.path,
          message: `"${entity.id}" is defined with other facts in ${first.file} (${first.entity.path}); ${describeDifference(first.entity.facts, entity.facts)}`,
        });
      }
    }
  }

  // Against the graph: a node stated by another file must be stated the same way here.
  const knownByKey = new Map(known.map((node) => [`${node.kind}:${node.id}`, node]));
  const knownById = new Map<string, KnownNode[]>();
  known.forEach((node) => knownById.set(node.id, [...(knownById.get(node.id) ?? []), node]));
  for (const { file, entities } of perFile) {
    for (const entity of entities) {
      const otherKind = knownById.get(entity.id)?.find((node) => node.kind !== entity.kind);
      if (otherKind) {
        issues.push({
          file,
          path: `${entity.path}.id`,
          message: `"${entity.id}" is ${aKind(entity.kind)} here but the graph already holds it as ${aKind(otherKind.kind)}${otherKind.sourceExtracts.length ? `, from ${otherKind.sourceExtracts.join(", ")}` : ""}; an id names one thing`,
        });
        continue;
      }
      const node = knownByKey.get(`${entity.kind}:${entity.id}`);
      if (!node?.facts) continue;
      const others = node.sourceExtracts.filter((source) => source !== file);
      if (others.length === 0 || node.facts === canonicalFacts(entity.facts)) continue;
      issues.push({
        file,
        path: entity.path,
        message: `"${entity.id}" is already in the graph with other facts, from ${others.join(", ")}; ${describeDifference(JSON.parse(node.facts), entity.facts)}`,
      });
    }
  }

  const checkReferences = (file: string, refs: Ref[]) => {
    for (const ref of refs) {
      if (typeof ref.id !== "string" || declaredElsewhere.has(ref.id)) continue;
      const kinds = kindsById.get(ref.id);
      const accepts = REF_ACCEPTS[ref.kind];
      if (!kinds || !accepts.some((kind) => kinds.has(kind))) {
        const other = kinds ? ` ("${ref.id}" is a ${[...kinds].map((k) => KIND_NAMES[k]).join(" and a ")})` : "";
        issues.push({
          file,
          path: ref.path,
          message: `unknown ${KIND_NAMES[ref.kind]} "${ref.id}": not defined in this file, the other files given, or the graph${other}${kinds ? "" : didYouMean(ref.id, [...idsOfKinds(kindsById, accepts), ...idsOfKinds(suggestible, accepts)])}`,
        });
      }
    }
  };
  for (const { file, extract, refs } of perFile) {
    checkReferences(file, refs);
    issues.push(...checkMeaning(file, extract));
  }
  for (const { file, extract } of partial) checkReferences(file, entitiesOf(extract).refs);
  issues.push(...checkAttribution(files, known, more.examined));
  // Misquotes in a file failing the schema too (every problem in one run), but not again what the schema refused.
  for (const p of partial) {
    const refused = p.refused ?? [];
    const under = (at: string) => refused.some((r) => at === r || at.startsWith(`${r}.`) || at.startsWith(`${r}[`) || r.startsWith(`${at}.`) || r.startsWith(`${at}[`));
    issues.push(...checkAttribution([p], known).filter((issue) => !under(issue.path)));
  }
  issues.push(...checkEvidenceNames(files, known));
  issues.push(...checkCycles(perFile, "organizations", known.filter((node) => node.kind === "organization")));
  issues.push(...checkCycles(perFile, "dataCategories", known.filter((node) => node.kind === "category")));
  return issues;
}

/**
 * Evidence that names what it proves: each piece of evidence for a grant (its quote, or the carrying
 * report's account) names the grantee or a corporate group above it (a name or an alias), or a name
 * or alias of one of the grant's data categories. A report's headline is such evidence when it does
 * ("Facebook allowed Netflix, Spotify to access private user messages"); "the social network gave
 * business partners plenty of access" is not, for Netflix's access to messages. A warning (a refusal
 * when the load is strict), naming the grant and the sentence.
 */
function checkEvidenceNames(files: ParsedExtract[], known: KnownNode[]): ExtractIssue[] {
  const organizations = new Map<string, { names: string[]; partOf?: string | null }>();
  const categories = new Map<string, string[]>();
  for (const node of known) {
    const facts = node.facts ? (JSON.parse(node.facts) as { name?: string; aliases?: string[] }) : {};
    if (node.kind === "organization") organizations.set(node.id, { names: facts.name ? [facts.name] : [], partOf: node.partOf });
    if (node.kind === "category") categories.set(node.id, [facts.name, ...(facts.aliases ?? [])].filter((n): n is string => !!n));
  }
  for (const { extract } of files) {
    for (const o of extract.organizations) organizations.set(o.id, { names: [o.name, ...(o.aliases ?? [])], partOf: o.partOf ?? null });
    for (const c of extract.dataCategories) categories.set(c.id, [c.name, ...(c.aliases ?? [])]);
  }
  const groupNames = (id: string): string[] => {
    const names: string[] = [];
    const seen = new Set<string>();
    for (let at: string | null | undefined = id; at && !seen.has(at); at = organizations.get(at)?.partOf) {
      seen.add(at);
      names.push(...(organizations.get(at)?.names ?? []));
    }
    return names;
  };
  const issues: ExtractIssue[] = [];
  for (const { file, extract } of files) {
    extract.grants.forEach((g, i) => {
      const names = { grantee: groupNames(g.grantee), data: g.data.flatMap((id) => categories.get(id) ?? []) };
      // Unknown references are reported elsewhere; without the names nothing can be said here.
      if (names.grantee.length === 0 || names.data.length === 0) return;
      g.documentedIn.forEach((d, j) => {
        const sentence = d.quote ?? d.account;
        if (!sentence) return;
        const named = evidenceNames(sentence, names);
        if (named.grantee || named.data) return;
        issues.push({
          file,
          path: `grants[${i}].documentedIn[${j}]`,
          severity: "warning",
          message: `the evidence for grant "${g.id}" names neither ${names.grantee[0]} (nor its group) nor its data (${g.data.map((id) => categories.get(id)?.[0] ?? id).join(", ")}): “${sentence}”. Cite a sentence that names them (the report's headline, if it does); evidence in general terms proves no particular grant`,
        });
      });
    });
  }
  return issues;
}

function describeDifference(a: Record<string, unknown>, b: Record<string, unknown>): string {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const differing = keys.filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]));
  return differing
    .slice(0, 3)
    .map((key) => `${key}: ${JSON.stringify(a[key]) ?? "(absent)"} there, ${JSON.stringify(b[key]) ?? "(absent)"} here`)
    .join("; ");
}

function checkMeaning(file: string, extract: Extract): ExtractIssue[] {
  const issues: ExtractIssue[] = [];
  const ordered = (from: string | undefined, to: string | null | undefined) =>
    !from || !to || earliestDay(from) <= latestDay(to);
  extract.grants.forEach((g, i) => {
    if (!ordered(g.validFrom, g.validTo)) {
      issues.push({ file, path: `grants[${i}].validTo`, message: `the grant ends (${g.validTo}) before it starts (${g.validFrom})` });
    }
    if (g.grantor !== undefined && g.grantor === g.grantee) {
      issues.push({ file, path: `grants[${i}].grantee`, message: "grantor and grantee are the same organisation" });
    }
    const source = g.derivedFrom === undefined ? undefined : extract.grants.find((other) => other.id === g.derivedFrom);
    if (g.derivedFrom === g.id) {
      issues.push({ file, path: `grants[${i}].derivedFrom`, message: "a grant cannot be derived from itself" });
    } else if (source && source.grantee !== g.grantor) {
      issues.push({
        file,
        path: `grants[${i}].grantor`,
        message: `a grant derived from "${source.id}" passes on what ${source.grantee} received: its grantor is ${source.grantee}, not ${g.grantor ?? "absent"}`,
      });
    }
  });
  extract.statements.forEach((s, i) => {
    const at = `statements[${i}]`;
    const about = s.about;
    const period = about.period;
    if (period && !ordered(period.from, period.to)) {
      issues.push({ file, path: `${at}.about.period.to`, message: `the period ends (${period.to}) before it starts (${period.from})` });
    }
    if (period?.from && s.madeAt && earliestDay(period.from) > latestDay(s.madeAt)) {
      issues.push({ file, path: `${at}.about.period.from`, message: `the period starts (${period.from}) after the statement was made (${s.madeAt})` });
    }
    const parties = [...toList(about.grantee), ...toList(about.grantor), ...(about.grants ?? []), ...(about.data ?? [])];
    if (parties.length === 0) {
      issues.push({ file, path: `${at}.about`, message: "a statement's about names at least one grantee, grantor, grant or data category" });
    }
    const excepted = new Set(about.except ?? []);
    toList(about.grantee).forEach((id, j) => {
      if (excepted.has(id)) {
        issues.push({ file, path: `${at}.about.except`, message: `"${id}" is both a grantee of the statement and excepted from it (about.grantee${Array.isArray(about.grantee) ? `[${j}]` : ""})` });
      }
    });
  });
  return issues;
}

/**
 * PART_OF must be a tree: a cycle would make "corporate group" and "broader category" endless. The
 * links are the files' (a node a file defines states its own partOf, replacing the graph's) and, for
 * nodes the files do not define, the graph's.
 */
function checkCycles(files: { file: string; extract: Extract }[], key: "organizations" | "dataCategories", known: KnownNode[]): ExtractIssue[] {
  const parent = new Map<string, { partOf: string; file: string; path: string } | { partOf: string; inGraph: true }>();
  for (const { file, extract } of files) {
    extract[key].forEach((item, i) => {
      if (item.partOf) parent.set(item.id, { partOf: item.partOf, file, path: `${key}[${i}].partOf` });
    });
  }
  const defined = new Set(files.flatMap(({ extract }) => extract[key].map((item) => item.id)));
  for (const node of known) if (node.partOf && !defined.has(node.id)) parent.set(node.id, { partOf: node.partOf, inGraph: true });
  const issues: ExtractIssue[] = [];
  const reported = new Set<string>();
  for (const start of parent.keys()) {
    const chain = [start];
    let current = parent.get(start)?.partOf;
    while (current !== undefined && !chain.includes(current)) {
      chain.push(current);
      current = parent.get(current)?.partOf;
    }
    const at = parent.get(start)!;
    if (current !== undefined && current === start && !reported.has(start) && !("inGraph" in at)) {
      chain.forEach((id) => reported.add(id));
      const inGraph = chain.filter((id) => "inGraph" in parent.get(id)!).map((id) => `${id} → ${parent.get(id)!.partOf}`);
      issues.push({
        file: at.file,
        path: at.path,
        message: `partOf makes a cycle: ${[...chain, start].join(" → ")}${inGraph.length ? ` (${inGraph.join(", ")} already in the graph)` : ""}`,
      });
    }
  }
  return issues;
}
