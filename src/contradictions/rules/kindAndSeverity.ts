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

/** What is added to (or taken from) the kind's strength: the table of docs/rules.md, "Severity". */
export const SEVERITY_WEIGHTS = {
  direct: 0,
  mixed: -5,
  reported: -10,
  speakerInferred: -10,
  vague: -5,
  groupClaim: -10,
  concedesAccess: -10,
  evidenceOnlyCarried: -5,
  corroborated: 5,
} as const;

/**
 * Severity (docs/rules.md, "Severity"): the kind's strength, then what an editor weighs: the
 * statement's form (the speaker's own words above the source's sentence quoting some, above the
 * source's account only), an inferred speaker, how specific it is (names neither the grantee, a
 * grant nor the data; a group claim "companies like …"), a claim that concedes the access ("not aware
 * of the full scale of their access"), the evidence (a report's own words above another report's
 * account of them), independent sources, and corroboration in scope by the other party. Between 0
 * and 100. Reads `kind`, `s`, `g`, `independent` and `corroboration`.
 */
export const SEVERITY = `[total IN [CASE kind WHEN 'DENIAL_VS_GRANT' THEN ${BASE_SEVERITY.DENIAL_VS_GRANT}
               WHEN 'ENDED_VS_ACTIVE' THEN ${BASE_SEVERITY.ENDED_VS_ACTIVE}
               WHEN 'ASSURANCE_VS_EXEMPTION' THEN CASE WHEN g.exemptFromPrivacyRules THEN ${BASE_SEVERITY.ASSURANCE_VS_EXEMPTION} ELSE ${NOT_EXEMPT_ASSURANCE_SEVERITY} END
               WHEN 'UNAWARENESS_VS_GRANT' THEN ${BASE_SEVERITY.UNAWARENESS_VS_GRANT}
               ELSE ${BASE_SEVERITY.USE_OR_REQUEST_VS_GRANT} END
     + CASE s.form WHEN 'DIRECT' THEN ${SEVERITY_WEIGHTS.direct} WHEN 'MIXED' THEN ${SEVERITY_WEIGHTS.mixed} ELSE ${SEVERITY_WEIGHTS.reported} END
     + CASE WHEN s.speakerInferred IS NOT NULL THEN ${SEVERITY_WEIGHTS.speakerInferred} ELSE 0 END
     + CASE WHEN EXISTS { (s)-[:ABOUT {role: 'GRANTEE'}]->() } OR EXISTS { (s)-[:ABOUT]->(:AccessGrant) } OR EXISTS { (s)-[:ABOUT]->(:DataCategory) } THEN 0 ELSE ${SEVERITY_WEIGHTS.vague} END
     + CASE WHEN s.groupClaim THEN ${SEVERITY_WEIGHTS.groupClaim} ELSE 0 END
     + CASE WHEN s.concedesAccess THEN ${SEVERITY_WEIGHTS.concedesAccess} ELSE 0 END
     + CASE WHEN any(r IN independent WHERE EXISTS { (g)-[d:DOCUMENTED_IN]->(r) WHERE d.quote IS NOT NULL }) THEN 0 ELSE ${SEVERITY_WEIGHTS.evidenceOnlyCarried} END
     + CASE WHEN size(independent) >= 3 THEN 10 WHEN size(independent) = 2 THEN 5 ELSE 0 END
     + CASE WHEN any(c IN corroboration WHERE c.byOtherParty) THEN ${SEVERITY_WEIGHTS.corroborated} ELSE 0 END]
   | CASE WHEN total > 100 THEN 100 WHEN total < 0 THEN 0 ELSE total END][0]`;
