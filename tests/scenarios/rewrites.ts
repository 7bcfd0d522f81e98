import fc from "fast-check";

/**
 * Rewrites of an extract that keep its meaning, as an editor might make them: the order of its
 * lists, a single id or a list of one, the default period spelled out, the organisation speaking for
 * itself named as such, statements moved to a second file. Whatever the rewrite, the statement~grant
 * pairs must not change.
 */

type Obj = Record<string, any>;

export interface Rewrite {
  /** A permutation seed per list: organizations, people, dataCategories, grants, statements. */
  order: number[];
  /** For each statement (by position, modulo): write single parties as a list of one, or back. */
  listParties: boolean[];
  /** For each statement: spell out the default period end (the statement's date). */
  explicitPeriod: boolean[];
  /** For each statement whose speaker is an organisation: name it as onBehalfOf too. */
  onBehalfOfItself: boolean[];
  /** Move the statements to a second file (with a source of its own). */
  splitStatements: boolean;
}

export const rewrite: fc.Arbitrary<Rewrite> = fc.record({
  order: fc.array(fc.nat(), { minLength: 5, maxLength: 5 }),
  listParties: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
  explicitPeriod: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
  onBehalfOfItself: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
  splitStatements: fc.boolean(),
});

/** A deterministic shuffle of a list from a number. */
function permute<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed + 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const LISTS = ["organizations", "people", "dataCategories", "grants", "statements"] as const;

/** The rewritten extract, as one file or two. */
export function applyRewrite(extract: Obj, r: Rewrite, tag: string): Obj[] {
  const out: Obj = structuredClone(extract);
  LISTS.forEach((list, i) => {
    if (Array.isArray(out[list])) out[list] = permute(out[list], r.order[i]);
  });
  const organizations = new Set((out.organizations ?? []).map((o: Obj) => o.id));
  (out.statements ?? []).forEach((s: Obj, i: number) => {
    const pick = (flags: boolean[]) => flags[i % flags.length];
    if (pick(r.listParties)) {
      for (const role of ["grantee", "grantor"]) {
        const value = s.about[role];
        if (typeof value === "string") s.about[role] = [value];
        else if (Array.isArray(value) && value.length === 1) s.about[role] = value[0];
      }
    }
    if (pick(r.explicitPeriod) && s.madeAt && !s.about.period?.to && !(s.about.period?.from && s.about.period.from > s.madeAt)) {
      s.about.period = { ...s.about.period, to: s.madeAt };
    }
    if (pick(r.onBehalfOfItself) && !s.onBehalfOf && organizations.has(s.speaker)) s.onBehalfOf = s.speaker;
  });
  if (!r.splitStatements || !(out.statements?.length > 0)) return [out];
  const statements = out.statements;
  out.statements = [];
  const second = {
    format: out.format,
    source: { id: `${tag}-statements-file`, title: `Statements of ${tag}, filed apart`, publishedAt: out.source.publishedAt, kind: "ARTICLE" },
    statements,
  };
  return [out, second];
}
