/**
 * How a documented grant reads in prose, in one place for the explanations, the exports and the
 * explorer (which bundles this file for the browser: plain functions, no imports).
 */

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

/** "Facebook gave Spotify read access to private messages (period not documented; purpose: …)." */
export function describeGrant(g: GrantFacts, escape: (text: string) => string = (text) => text): string {
  const details = [
    grantPeriod(g) ?? "period not documented",
    g.purpose ? `purpose: ${g.purpose}` : null,
    g.exemptFromPrivacyRules ? "exempt from the usual privacy rules" : null,
  ].filter(Boolean);
  return `${escape(g.grantor?.name ?? "Users")} gave ${escape(g.grantee?.name ?? "an unknown party")} ${escape(grantAccess(g))} (${details.join("; ")}).`;
}
