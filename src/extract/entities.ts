import type { Extract } from "./format.ts";

/**
 * An extract seen as the nodes it defines and the references it makes. Validation (references,
 * duplicates, conflicts between files) and loading both work from this one view.
 */
export type EntityKind = "organization" | "person" | "report" | "category" | "grant" | "statement";

export const LABELS: Record<EntityKind, string> = {
  organization: "Organization",
  person: "Person",
  report: "Report",
  category: "DataCategory",
  grant: "AccessGrant",
  statement: "Statement",
};

/** What a reference must point at; `party` is a person or an organisation. */
export type RefKind = EntityKind | "party";

export interface Ref {
  path: string;
  id: string;
  kind: RefKind;
}

export interface Entity {
  kind: EntityKind;
  id: string;
  path: string;
  /** The definition as stated, compared across files: the same id must state the same facts. */
  facts: Record<string, unknown>;
}

/**
 * A node an earlier load defined, as the graph holds it (validate.ts reads them; the checks of
 * validation and attribution compare a file's definitions with them).
 */
export interface KnownNode {
  id: string;
  kind: EntityKind;
  facts?: string;
  sourceExtracts: string[];
  /** An organisation's group or a category's broader category, as the graph holds it. */
  partOf?: string | null;
}

const toList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** The facts of a definition, without what may differ harmlessly between files (aliases, which merge). */
function factsOf(definition: object, omit: string[] = []): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  // Keys in code-unit order: for the extract format's keys (ASCII camelCase, none differing only in
  // case) the same order as before, so stored facts compare equal.
  for (const key of Object.keys(definition).sort()) {
    const value = (definition as Record<string, unknown>)[key];
    if (value !== undefined && !omit.includes(key)) facts[key] = value;
  }
  return facts;
}

// Validation, pruning and loading each look at a file's entities: they are computed once per parsed
// extract (which nothing changes once parsed), and each entity's facts serialised once.
const entitiesByExtract = new WeakMap<Extract, { entities: Entity[]; refs: Ref[] }>();
const canonicalByFacts = new WeakMap<Record<string, unknown>, string>();

export function canonicalFacts(facts: Record<string, unknown>): string {
  let text = canonicalByFacts.get(facts);
  if (text === undefined) canonicalByFacts.set(facts, (text = JSON.stringify(facts)));
  return text;
}

export function entitiesOf(extract: Extract): { entities: Entity[]; refs: Ref[] } {
  let found = entitiesByExtract.get(extract);
  if (!found) entitiesByExtract.set(extract, (found = readEntities(extract)));
  return found;
}

function readEntities(extract: Extract): { entities: Entity[]; refs: Ref[] } {
  const entities: Entity[] = [];
  const refs: Ref[] = [];
  const ref = (path: string, id: string | undefined, kind: RefKind) => {
    if (id !== undefined) refs.push({ path, id, kind });
  };
  const refs_ = (path: string, ids: string[] | undefined, kind: RefKind) =>
    (ids ?? []).forEach((id, i) => ref(`${path}[${i}]`, id, kind));

  const { source } = extract;
  entities.push({ kind: "report", id: source.id, path: "source", facts: factsOf(source) });
  ref("source.publisher", source.publisher, "organization");
  refs_("source.authors", source.authors, "person");
  refs_("source.cites", source.cites, "report");

  extract.organizations.forEach((o, i) => {
    entities.push({ kind: "organization", id: o.id, path: `organizations[${i}]`, facts: factsOf(o, ["aliases"]) });
    ref(`organizations[${i}].partOf`, o.partOf, "organization");
  });
  extract.people.forEach((p, i) => {
    entities.push({ kind: "person", id: p.id, path: `people[${i}]`, facts: factsOf(p) });
    ref(`people[${i}].speaksFor`, p.speaksFor, "organization");
  });
  extract.reports.forEach((r, i) => {
    entities.push({ kind: "report", id: r.id, path: `reports[${i}]`, facts: factsOf(r) });
    ref(`reports[${i}].publisher`, r.publisher, "organization");
    refs_(`reports[${i}].authors`, r.authors, "person");
    refs_(`reports[${i}].cites`, r.cites, "report");
  });
  extract.dataCategories.forEach((c, i) => {
    entities.push({ kind: "category", id: c.id, path: `dataCategories[${i}]`, facts: factsOf(c) });
    ref(`dataCategories[${i}].partOf`, c.partOf, "category");
  });
  extract.grants.forEach((g, i) => {
    const at = `grants[${i}]`;
    entities.push({ kind: "grant", id: g.id, path: at, facts: factsOf(g) });
    ref(`${at}.grantor`, g.grantor, "organization");
    ref(`${at}.grantee`, g.grantee, "organization");
    ref(`${at}.derivedFrom`, g.derivedFrom, "grant");
    refs_(`${at}.data`, g.data, "category");
    g.documentedIn.forEach((d, j) => {
      ref(`${at}.documentedIn[${j}].report`, d.report, "report");
      ref(`${at}.documentedIn[${j}].carriedBy`, d.carriedBy, "report");
    });
  });
  extract.statements.forEach((s, i) => {
    const at = `statements[${i}]`;
    entities.push({ kind: "statement", id: s.id, path: at, facts: factsOf(s) });
    ref(`${at}.speaker`, s.speaker, "party");
    ref(`${at}.onBehalfOf`, s.onBehalfOf, "organization");
    const about = s.about;
    for (const role of ["grantee", "grantor"] as const) {
      const ids = toList(about[role]);
      if (Array.isArray(about[role])) refs_(`${at}.about.${role}`, ids, "organization");
      else ref(`${at}.about.${role}`, ids[0], "organization");
    }
    refs_(`${at}.about.except`, about.except, "organization");
    refs_(`${at}.about.data`, about.data, "category");
    refs_(`${at}.about.grants`, about.grants, "grant");
    s.reportedIn.forEach((r, j) => ref(`${at}.reportedIn[${j}].report`, r.report, "report"));
  });
  return { entities, refs };
}

export { toList };
