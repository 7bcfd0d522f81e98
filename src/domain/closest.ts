/**
 * "Did you mean …?": the candidate nearest a misspelt word, for options on the command line and
 * ids and keys in extract files. The distance is fastest-levenshtein's (a maintained, dependency-free
 * implementation).
 */
import { distance } from "fastest-levenshtein";

/** The closest of `candidates` to `word` (Levenshtein distance at most a third of its length, at least 1; case-insensitive). */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const target = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(target.length / 3)) + 1;
  for (const candidate of candidates) {
    const edits = distance(target, candidate.toLowerCase());
    if (edits < bestDistance) {
      best = candidate;
      bestDistance = edits;
    }
  }
  return best;
}
