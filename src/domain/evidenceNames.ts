/**
 * Does a piece of evidence name what it proves? One reading, for the validator (which warns, or with
 * `--strict` refuses, evidence that names neither the grantee nor the data) and for the
 * explanations (which say a report "documents" a grant only where its evidence names the grant's
 * parties, and otherwise that it "reports in general that …"). Plain functions, no imports: the
 * browser pages may bundle this file.
 */

/** Lower case, apostrophes and quotation marks folded, every run of anything but letters and digits one space, padded. */
function words(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[‘’‚‛']/g, "'")
    .replace(/'s\b/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()} `;
}

/** True when `text` names `name` as whole words, in any case ("the Times" in "the Times' report"; not "Apple" in "Applebee's"). */
export function mentions(text: string, name: string): boolean {
  const needle = words(name);
  return needle.trim().length > 0 && words(text).includes(needle);
}

export interface GrantNames {
  /** The grantee's name and aliases, and those of the corporate groups above it. */
  grantee: string[];
  /** The names and aliases of the grant's data categories. */
  data: string[];
}

/** What a piece of evidence names of its grant: the grantee (or its group), and the data. */
export function evidenceNames(text: string, names: GrantNames): { grantee: boolean; data: boolean } {
  return { grantee: names.grantee.some((name) => mentions(text, name)), data: names.data.some((name) => mentions(text, name)) };
}
