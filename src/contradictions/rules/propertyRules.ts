/** Rules 3 and 4 of docs/rules.md, decided from a statement's and a grant's properties alone (no pattern). */

/** Rule 3: capabilities and purpose overlap where both sides give them. */
export const capabilitiesAndPurposeOverlap = (s: string, g: string) => `
(${s}.aboutCapabilities IS NULL OR ${g}.capabilities IS NULL
   OR any(capability IN ${s}.aboutCapabilities WHERE capability IN ${g}.capabilities))
AND (${s}.aboutPurpose IS NULL OR ${g}.purpose IS NULL OR ${s}.aboutPurpose = ${g}.purpose)`;

/**
 * Rule 4, time. Dates are stored as day bounds of partial dates (see src/domain/dates.ts).
 * Other stances: the grant's validity overlaps the period spoken of (default: up to the statement).
 * CLAIMS_ENDED: the grant is still valid after the claimed end (open, or ends surely later).
 */
export const timeMatches = (s: string, g: string) => `
CASE WHEN ${s}.stance = 'CLAIMS_ENDED' THEN
  ${g}.openEnded OR (${g}.endEarliestDay IS NOT NULL AND ${s}.periodEndDay IS NOT NULL AND ${g}.endEarliestDay > ${s}.periodEndDay)
ELSE
  (${g}.startDay IS NULL OR ${s}.periodEndDay IS NULL OR ${g}.startDay <= ${s}.periodEndDay)
  AND (${g}.endDay IS NULL OR ${s}.periodStartDay IS NULL OR ${g}.endDay >= ${s}.periodStartDay)
END`;

/**
 * The properties `propertyRules` reads of a statement and of a grant, for when they are read once
 * into maps (PRECOMPUTE). Keep them in step with the rules: a key missing from a map reads as null.
 */
export const STATEMENT_RULE_PROPERTIES = ".stance, .aboutCapabilities, .aboutPurpose, .periodStartDay, .periodEndDay";
export const GRANT_RULE_PROPERTIES =
  ".id, .capabilities, .purpose, .startDay, .endDay, .endEarliestDay, .openEnded, .exemptFromPrivacyRules";

/**
 * The rules a pair's properties decide (3, 4 and the grant filter), checked before any pattern is
 * matched. `s` and `g` may be nodes or maps of their properties.
 */
export const propertyRules = (s: string, g: string) => `($grantId IS NULL OR ${g}.id = $grantId)
    AND ${capabilitiesAndPurposeOverlap(s, g)}
    AND ${timeMatches(s, g)}`;
