import { distance } from "fastest-levenshtein";
import type { Graph } from "../graph/graph.ts";
import { type EntityKind, LABELS } from "./entities.ts";
import type { ExtractIssue, ParsedExtract } from "./parse.ts";

/**
 * Warnings (the load goes on) for names and ids that look like others: a name whose word mixes
 * scripts that share letter shapes ("Nеtflix" with a Cyrillic е reads as Netflix and is not it), and a
 * new id one letter from one the files or the graph already hold (`netfiix`, named "Netflix", beside
 * `netflix`): most likely a misspelling that would make a second Netflix. Both can be meant (a
 * company whose name mixes scripts; two names one letter apart), so they are warned of, not refused.
 */

/** The kinds whose ids and names are compared: what a reader tells apart by name. */
export const NAMED_KINDS: EntityKind[] = ["organization", "person", "category"];

export interface NamedNode {
  kind: EntityKind;
  id: string;
  name?: string | null;
}

/** Every node of the graph of these kinds, with its name: the candidates for "one letter from" and for "did you mean". */
export async function graphNodesOfKinds(graph: Graph, kinds: EntityKind[]): Promise<NamedNode[]> {
  if (kinds.length === 0) return [];
  const branches = kinds.map((kind) => `MATCH (n:${LABELS[kind]}) RETURN '${kind}' AS kind, n.id AS id, n.name AS name`).join(" UNION ALL ");
  return graph.read<NamedNode>(branches);
}

// Scripts whose letters look alike (Latin a, Cyrillic а, Greek α): mixing them inside one word deceives.
const LOOKALIKE_SCRIPTS: [string, RegExp][] = [
  ["Latin", /\p{Script=Latin}/u],
  ["Cyrillic", /\p{Script=Cyrillic}/u],
  ["Greek", /\p{Script=Greek}/u],
  ["Armenian", /\p{Script=Armenian}/u],
  ["Cherokee", /\p{Script=Cherokee}/u],
];

/** The first word of `name` whose letters come from two of the look-alike scripts, and which, or undefined. */
export function mixedScriptWord(name: string): { word: string; scripts: string[]; odd: string } | undefined {
  for (const word of name.match(/[\p{L}\p{M}]+/gu) ?? []) {
    const counts = new Map<string, number>();
    for (const letter of word) {
      const script = LOOKALIKE_SCRIPTS.find(([, pattern]) => pattern.test(letter))?.[0];
      if (script) counts.set(script, (counts.get(script) ?? 0) + 1);
    }
    if (counts.size > 1) {
      // the letters of the script least used are the odd ones out
      const rarest = [...counts.entries()].sort((a, b) => a[1] - b[1])[0][0];
      const pattern = LOOKALIKE_SCRIPTS.find(([script]) => script === rarest)![1];
      const odd = [...word].filter((letter) => pattern.test(letter)).map((letter) => `${letter} (U+${letter.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")})`);
      return { word, scripts: [...counts.keys()], odd: `${rarest} ${odd.join(", ")}` };
    }
  }
  return undefined;
}

const KIND_NAMES: Record<string, string> = { organization: "organisation", person: "person", category: "data category" };
const LIST: Record<string, "organizations" | "people" | "dataCategories"> = { organization: "organizations", person: "people", category: "dataCategories" };

/** Two ids one letter apart: a letter added, dropped or changed (digits and hyphens are not letters: `report-2018` and `report-2019` are two things). */
function oneLetterApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1 || distance(a, b) !== 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (a.length === b.length) return /[a-z]/.test(a[i]) && /[a-z]/.test(b[i]);
  return /[a-z]/.test((a.length > b.length ? a : b)[i]);
}

/**
 * The warnings for the files: names mixing look-alike scripts, and ids new to the graph one letter
 * from another of the same kind (in the files or the graph), said with the other's name.
 */
export function confusableWarnings(files: ParsedExtract[], graphNodes: NamedNode[]): ExtractIssue[] {
  const warnings: ExtractIssue[] = [];
  const inGraph = new Map<string, NamedNode>(graphNodes.map((node) => [`${node.kind}:${node.id}`, node]));
  // every id of each kind, from the graph and the files, with a name where known
  const all = new Map<string, Map<string, string | undefined>>(NAMED_KINDS.map((kind) => [kind, new Map()]));
  for (const node of graphNodes) all.get(node.kind)?.set(node.id, node.name ?? undefined);
  for (const { extract } of files) {
    for (const kind of NAMED_KINDS) for (const item of extract[LIST[kind]]) all.get(kind)!.set(item.id, item.name ?? undefined);
  }
  const warned = new Set<string>();
  for (const { file, extract } of files) {
    for (const kind of NAMED_KINDS) {
      extract[LIST[kind]].forEach((item, i) => {
        const at = `${LIST[kind]}[${i}]`;
        const names: [string, string][] = [];
        if (item.name) names.push([`${at}.name`, item.name]);
        if ("aliases" in item && item.aliases) item.aliases.forEach((alias, j) => names.push([`${at}.aliases[${j}]`, alias]));
        for (const [path, name] of names) {
          const mixed = mixedScriptWord(name);
          if (mixed) {
            warnings.push({
              file,
              path,
              message: `warning: "${mixed.word}" mixes ${mixed.scripts.join(" and ")} letters (${mixed.odd}), which look alike: it reads as a name it is not. Type it in one script, unless the name is written so`,
            });
          }
        }
        const key = `${kind}:${item.id}`;
        if (inGraph.has(key) || warned.has(key)) return;
        for (const [other, otherName] of all.get(kind)!) {
          if (!oneLetterApart(item.id, other)) continue;
          // of two new ids one letter apart, warn once, at the first
          if (!inGraph.has(`${kind}:${other}`)) warned.add(`${kind}:${other}`);
          const where = inGraph.has(`${kind}:${other}`) ? "in the graph" : "in the files";
          const sameName = otherName && item.name && otherName.toLowerCase() === item.name.toLowerCase() ? `, with the same name "${otherName}"` : otherName ? ` ("${otherName}")` : "";
          warnings.push({
            file,
            path: `${at}.id`,
            message: `warning: the new ${KIND_NAMES[kind]} "${item.id}" is one letter from "${other}" ${where}${sameName}: did you mean "${other}"? (if both are meant, ignore this)`,
          });
          break;
        }
      });
    }
  }
  return warnings;
}
