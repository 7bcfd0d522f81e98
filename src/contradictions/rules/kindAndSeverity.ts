/** docs/rules.md, "Kinds and severity": the kind a stance yields and the severity a pair weighs. */

/** Stances that can contradict, and the kind each yields. */
export const KIND_BY_STANCE = {
  DENIES_ACCESS: "DENIAL_VS_GRANT",
  CLAIMS_ENDED: "ENDED_VS_ACTIVE",
  ASSURES_SAFEGUARD: "ASSURANCE_VS_EXEMPTION",
  CLAIMS_UNAWARE: "UNAWARENESS_VS_GRANT",
  DENIES_USE: "USE_OR_REQUEST_VS_GRANT",
  DENIES_REQUEST: "USE_OR_REQUEST_VS_GRANT",
} as const;

/**
 * Severity before evidence: stronger kinds first (docs/rules.md's order). An assurance weighs 70
 * against a grant exempt from the privacy rules, 60 against another grant in its scope.
 */
export const BASE_SEVERITY = {
  DENIAL_VS_GRANT: 90,
  ENDED_VS_ACTIVE: 80,
  ASSURANCE_VS_EXEMPTION: 70,
  UNAWARENESS_VS_GRANT: 55,
  USE_OR_REQUEST_VS_GRANT: 40,
} as const;
export const NOT_EXEMPT_ASSURANCE_SEVERITY = 60;

/**
 * Fragments both ways of deciding contradictions share (the live rules and the precomputation at load).
 * The kind a statement `s` makes, from its stance (KIND_BY_STANCE).
 */
export const KIND_OF_STATEMENT = `CASE s.stance
       WHEN 'DENIES_ACCESS' THEN 'DENIAL_VS_GRANT'
       WHEN 'CLAIMS_ENDED' THEN 'ENDED_VS_ACTIVE'
       WHEN 'ASSURES_SAFEGUARD' THEN 'ASSURANCE_VS_EXEMPTION'
       WHEN 'CLAIMS_UNAWARE' THEN 'UNAWARENESS_VS_GRANT'
       ELSE 'USE_OR_REQUEST_VS_GRANT' END`;

/** Severity from `kind`, the `independent` reports and the `corroboration`. */
// At most 100, as documented (a denial, 90, with three independent reports and a corroboration by
// another party summed to 105).
export const SEVERITY = `[total IN [CASE kind WHEN 'DENIAL_VS_GRANT' THEN ${BASE_SEVERITY.DENIAL_VS_GRANT}
               WHEN 'ENDED_VS_ACTIVE' THEN ${BASE_SEVERITY.ENDED_VS_ACTIVE}
               WHEN 'ASSURANCE_VS_EXEMPTION' THEN CASE WHEN g.exemptFromPrivacyRules THEN ${BASE_SEVERITY.ASSURANCE_VS_EXEMPTION} ELSE ${NOT_EXEMPT_ASSURANCE_SEVERITY} END
               WHEN 'UNAWARENESS_VS_GRANT' THEN ${BASE_SEVERITY.UNAWARENESS_VS_GRANT}
               ELSE ${BASE_SEVERITY.USE_OR_REQUEST_VS_GRANT} END
     + CASE WHEN size(independent) >= 3 THEN 10 WHEN size(independent) = 2 THEN 5 ELSE 0 END
     + CASE WHEN any(c IN corroboration WHERE c.byOtherParty) THEN 5 ELSE 0 END] | CASE WHEN total > 100 THEN 100 ELSE total END][0]`;
