/**
 * How a documented grant reads in prose, in one place for the explanations, the exports and the
 * explorer (which bundles this file for the browser: plain functions, only the citation's dates imported).
 */
import { dateInWords } from "./citation.ts";

/** "a", "a and b", "a, b and c". */
export function listOf(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

export interface GrantFacts {
  grantor?: { name: string } | null;
  grantee?: { name: string } | null;
  data: { name: string }[];
  capabilities?: string[] | null;
  validFrom?: string | null;
  validTo?: string | null;
  openEnded?: boolean | null;
  purpose?: string | null;
  exemptFromPrivacyRules?: boolean | null;
}

/** "from 2010 to 2014", "from 2016, still open", "until 2014", "still open", or null when undocumented. */
export function grantPeriod(g: Pick<GrantFacts, "validFrom" | "validTo" | "openEnded">): string | null {
  if (g.validFrom && g.validTo) return `from ${g.validFrom} to ${g.validTo}`;
  if (g.validFrom) return `from ${g.validFrom}${g.openEnded ? ", still open" : ""}`;
  if (g.validTo) return `until ${g.validTo}`;
  return g.openEnded ? "still open" : null;
}

/** "read access to private messages": the capabilities (when known) and the data. */
export function grantAccess(g: Pick<GrantFacts, "capabilities" | "data">): string {
  const capabilities = g.capabilities?.length ? `${listOf(g.capabilities.map((c) => c.toLowerCase()))} ` : "";
  return `${capabilities}access to ${listOf(g.data.map((d) => d.name)) || "data"}`;
}

/** A slug read as words, for fields the API gives as slugs (a purpose such as messaging-features → "messaging features"). */
export const slugInWords = (slug: string) => (/^[a-z0-9]+(-[a-z0-9]+)+$/.test(slug) ? slug.replace(/-/g, " ") : slug);

/**
 * Whether "exempt from the usual privacy rules" can be said of the grant: an exemption is from the
 * rules on giving users' data to another party, so never of a company's collection from its own
 * users (no grantor, or the grantee itself as grantor).
 */
export function exemptionApplies(g: Pick<GrantFacts, "grantor" | "grantee" | "exemptFromPrivacyRules">): boolean {
  return !!g.exemptFromPrivacyRules && !!g.grantor && g.grantor.name !== g.grantee?.name;
}

/** "Facebook gave Spotify read access to private messages (period not documented; for messaging features)." */
export function describeGrant(g: GrantFacts, escape: (text: string) => string = (text) => text): string {
  const details = [
    // Dates in words, as every sentence gives them ("from August 2016, still open").
    grantPeriod({ validFrom: g.validFrom && dateInWords(g.validFrom), validTo: g.validTo && dateInWords(g.validTo), openEnded: g.openEnded }) ?? "period not documented",
    g.purpose ? `for ${slugInWords(g.purpose)}` : null,
    exemptionApplies(g) ? "exempt from the usual privacy rules" : null,
  ].filter(Boolean);
  return `${escape(g.grantor?.name ?? "Users")} gave ${escape(g.grantee?.name ?? "an unknown party")} ${escape(grantAccess(g))} (${details.join("; ")}).`;
}
