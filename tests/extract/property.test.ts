import fc from "fast-check";
import YAML from "yaml";
import { describe, expect, it } from "vitest";
import type { KnownNode } from "../../src/extract/entities.ts";
import { type ExtractIssue, parseExtractText } from "../../src/extract/parse.ts";
import { validateExtracts } from "../../src/extract/validate.ts";
import { type Json, article, minimal } from "./fixtures.ts";

/**
 * Whatever an editor does to a valid extract, validation answers with issues (file + message), never
 * with a crash. Pure: parse + validate, no database.
 */

type Step = (string | number)[];

/** Every path to a value inside `value` (objects and arrays included), for mutations to aim at. */
function pathsOf(value: Json, prefix: Step = []): Step[] {
  const out: Step[] = [prefix];
  if (Array.isArray(value)) value.forEach((item, i) => out.push(...pathsOf(item, [...prefix, i])));
  else if (value && typeof value === "object") for (const key of Object.keys(value)) out.push(...pathsOf(value[key], [...prefix, key]));
  return out;
}

const ID_KEYS = new Set(["id", "grantor", "grantee", "speaker", "onBehalfOf", "publisher", "partOf", "speaksFor", "report"]);

type Mutation =
  | { kind: "delete"; at: number }
  | { kind: "replace"; at: number; value: unknown }
  | { kind: "duplicate"; at: number }
  | { kind: "reference"; at: number; id: string }
  | { kind: "addKey"; at: number; key: string; value: unknown }
  | { kind: "emptyArray"; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("replace" as const), at: fc.nat(), value: fc.jsonValue({ maxDepth: 3 }) }),
  fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant("reference" as const),
    at: fc.nat(),
    id: fc.oneof(
      fc.string(),
      fc.constantFrom("netflix", "facebook", "private-messages", "muriel-colon", "x' }) DETACH DELETE n //", "", "a".repeat(200)),
      fc.stringMatching(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    ),
  }),
  fc.record({ kind: fc.constant("addKey" as const), at: fc.nat(), key: fc.oneof(fc.string(), fc.constantFrom("__proto__", "constructor", "toString", "partOf", "id")), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({ kind: fc.constant("emptyArray" as const), at: fc.nat() }),
);

function parentOf(root: Json, step: Step): [Json, string | number] | undefined {
  if (step.length === 0) return undefined;
  let parent = root;
  for (const key of step.slice(0, -1)) parent = parent[key];
  return [parent, step[step.length - 1]];
}

/** Applies one mutation in place (the target is chosen among the current paths, modulo their count). */
function apply(root: Json, m: Mutation): void {
  const all = pathsOf(root);
  const pick = (candidates: Step[]) => (candidates.length ? candidates[m.at % candidates.length] : undefined);
  switch (m.kind) {
    case "delete": {
      const target = parentOf(root, pick(all.slice(1)) ?? []);
      if (!target) return;
      const [parent, key] = target;
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      return;
    }
    case "replace": {
      const target = parentOf(root, pick(all.slice(1)) ?? []);
      if (target) target[0][target[1]] = m.value;
      return;
    }
    case "duplicate": {
      const target = parentOf(root, pick(all.filter((step) => typeof step[step.length - 1] === "number")) ?? []);
      if (target) (target[0] as Json[]).splice(target[1] as number, 0, structuredClone(target[0][target[1]]));
      return;
    }
    case "reference": {
      const target = parentOf(root, pick(all.filter((step) => ID_KEYS.has(String(step[step.length - 1])) || typeof step[step.length - 1] === "number")) ?? []);
      if (target && typeof target[0][target[1]] === "string") target[0][target[1]] = m.id;
      return;
    }
    case "addKey": {
      const objects = all.filter((step) => {
        const value = step.reduce((v: Json, k) => v[k], root);
        return value && typeof value === "object" && !Array.isArray(value);
      });
      const step = pick(objects);
      if (!step) return;
      const object = step.reduce((v: Json, k) => v[k], root);
      Object.defineProperty(object, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
      return;
    }
    case "emptyArray": {
      const target = parentOf(root, pick(all.slice(1).filter((step) => Array.isArray(step.reduce((v: Json, k) => v[k], root)))) ?? []);
      if (target) target[0][target[1]] = [];
      return;
    }
  }
}

function serialise(extract: Json, format: "yaml" | "json"): string {
  return format === "json" ? JSON.stringify(extract) : YAML.stringify(extract);
}

/** Parses and validates one text; returns the issues (empty when accepted). Throws only on a crash. */
function check(file: string, text: string, known: KnownNode[] = [], alongside: Json[] = []): ExtractIssue[] {
  const parsed = parseExtractText(file, text);
  if (!parsed.extract) return parsed.issues;
  expect(parsed.issues).toEqual([]);
  // Other (valid) files of the same call, so that conflicts between files are exercised too.
  const others = alongside.map((extract, i) => {
    const other = parseExtractText(`seeds/original-${i}.yaml`, YAML.stringify(extract));
    expect(other.issues).toEqual([]);
    return { file: `seeds/original-${i}.yaml`, extract: other.extract! };
  });
  return validateExtracts([...others, { file, extract: parsed.extract }], known);
}

const KNOWN: KnownNode[] = [
  { id: "facebook", kind: "organization", facts: JSON.stringify({ id: "facebook", kind: "PLATFORM", name: "Facebook" }), sourceExtracts: ["seeds/other.yaml"] },
  { id: "private-messages", kind: "category", facts: JSON.stringify({ id: "private-messages", name: "private messages" }), sourceExtracts: ["seeds/other.yaml"] },
];

function expectWellFormed(issues: ExtractIssue[], file: string, others: string[] = []) {
  for (const issue of issues) {
    expect([file, ...others]).toContain(issue.file);
    expect(typeof issue.path).toBe("string");
    expect(typeof issue.message).toBe("string");
    expect(issue.message.trim().length).toBeGreaterThan(0);
    expect(issue.message).not.toMatch(/\n\s+at /);
  }
}

describe("random mutations of a valid extract", () => {
  it("the unmutated extracts are valid (the property below is not vacuous)", () => {
    expect(check("seeds/article.yaml", serialise(article(), "yaml"))).toEqual([]);
    expect(check("seeds/article.json", serialise(article(), "json"))).toEqual([]);
    expect(check("minimal.yaml", serialise(minimal(), "yaml"), KNOWN)).toEqual([]);
  });

  it("are accepted or refused with well-formed issues, never a crash", () => {
    let refused = 0;
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.constantFrom("article", "minimal"),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.constantFrom("yaml" as const, "json" as const),
        fc.boolean(),
        (base, mutations, format, withOriginal) => {
          const extract = base === "article" ? article() : minimal();
          for (const m of mutations) apply(extract, m);
          const file = `seeds/mutated-${base}.${format}`; // beside seeds/sources, where the article's text is
          let text: string;
          try {
            text = serialise(extract, format);
          } catch {
            return; // not serialisable (e.g. the root itself replaced oddly): nothing for an editor to save
          }
          const original = base === "article" ? article() : minimal();
          const issues = check(file, text, base === "minimal" ? KNOWN : [], withOriginal ? [original] : []);
          expectWellFormed(issues, file, withOriginal ? ["seeds/original-0.yaml"] : []);
          if (issues.length) refused += 1;
          else accepted += 1;
        },
      ),
      { numRuns: 300 },
    );
    // Most mutations break something; some are harmless. Both outcomes occur.
    expect(refused).toBeGreaterThan(100);
    expect(accepted).toBeGreaterThan(0);
  });

  it("arbitrary text, YAML or JSON, is refused with well-formed issues", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => YAML.stringify(v)),
          // YAML's own syntax: anchors, aliases, tags, flow collections, documents.
          fc.array(fc.constantFrom("*a", "&a ", "!!", "!x ", "- ", ": ", "{", "}", "[", "]", ",", "\n", "  ", "---", "? ", "source", "id", "'", '"', "#"), { maxLength: 20 }).map((parts) => parts.join("")),
        ),
        fc.constantFrom("x.yaml", "x.json"),
        (text, file) => {
        expectWellFormed(check(file, text), file);
      },
      ),
      { numRuns: 300 },
    );
  });
});
