import { badInput } from "../../domain/errors.ts";

/**
 * Turns what a person typed into a safe Lucene query for Neo4j's full-text indexes: special
 * characters are escaped (so `AT&T` or an unbalanced quote is text, not syntax), and every word must
 * appear, the last one as a prefix so results come while typing.
 */
export function luceneQuery(text: string): string {
  const words = text
    .toLowerCase()
    .split(/\s+/)
    .map((word) => word.replace(/[+\-&|!(){}[\]^"~*?:\\/]/g, (ch) => `\\${ch}`))
    .filter(Boolean);
  if (words.length === 0) throw badInput("The search text is empty.", { argument: "text" });
  if (text.length > 200 || words.length > 20) {
    throw badInput("The search text is at most 200 characters and 20 words.", { argument: "text" });
  }
  return words.map((word, i) => (i === words.length - 1 ? `(${word} OR ${word}*)` : word)).join(" AND ");
}
