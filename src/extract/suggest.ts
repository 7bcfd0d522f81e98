import type { z } from "zod";
import { closest } from "../domain/closest.ts";

/**
 * Validation's hints: "required" for a missing field, and the closest id or key for a misspelt
 * one ("did you mean …?"). Kept apart from parse.ts and validate.ts, which only call these.
 */

/** zod's message for a field that is absent: "Invalid input: expected string, received undefined". */
export function isMissing(issue: z.core.$ZodIssue): boolean {
  return issue.code === "invalid_type" && /received undefined$/.test(issue.message);
}

/**
 * ` (did you mean "netflix"?)`, or "" when no candidate is close: the nearest by spelling, else an id
 * the word is a whole part of ("location" → "location-data", "messages" → "private-messages"), the
 * shortest such, since slugs often name a thing by one of its words.
 */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const all = [...candidates];
  const suggestion = closest(word, all) ?? partOf(word, all);
  return suggestion && suggestion !== word ? ` (did you mean "${suggestion}"?)` : "";
}

/** The shortest candidate of which `word` (a slug) is a whole hyphen-separated part, or undefined. */
function partOf(word: string, candidates: string[]): string | undefined {
  const target = word.toLowerCase();
  if (target.length < 3) return undefined;
  const holding = candidates.filter((c) => `-${c.toLowerCase()}-`.includes(`-${target}-`));
  return holding.sort((a, b) => a.length - b.length || a.localeCompare(b))[0];
}

type AnySchema = z.core.$ZodType;
type Def = Record<string, unknown>;
const defOf = (schema: AnySchema): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The keys an object of the schema takes at `path` (through lists, optionals, nullables, defaults), or []. */
export function keysAt(schema: AnySchema, path: readonly PropertyKey[]): string[] {
  let current: AnySchema | undefined = schema;
  for (const segment of [...path, null]) {
    // Unwrap what wraps an object: optional, nullable, default, pipes, lazy.
    for (let guard = 0; current && guard < 10; guard++) {
      const def: Def = defOf(current);
      if (def.type === "optional" || def.type === "nullable" || def.type === "default" || def.type === "readonly" || def.type === "catch") current = def.innerType as AnySchema;
      else if (def.type === "pipe") current = def.in as AnySchema;
      else if (def.type === "lazy") current = (def.getter as () => AnySchema)();
      else break;
    }
    if (!current) return [];
    const def: Def = defOf(current);
    if (segment === null) return def.type === "object" ? Object.keys(def.shape as object) : [];
    if (typeof segment === "number" && def.type === "array") current = def.element as AnySchema;
    else if (typeof segment === "string" && def.type === "object") current = (def.shape as Record<string, AnySchema>)[segment];
    else return [];
  }
  return [];
}

/** The ids of entities of any of `kinds`, from validation's map of id → kinds. */
export function* idsOfKinds<K>(kindsById: Map<string, Set<K>>, kinds: readonly K[]): Iterable<string> {
  for (const [id, of] of kindsById) if (kinds.some((kind) => of.has(kind))) yield id;
}
