import { registerEnumType } from "type-graphql";
import {
  CAPABILITIES,
  CONTRADICTION_KINDS,
  CONTRADICTION_ORDER_FIELDS,
  ORDER_DIRECTIONS,
  type ContradictionOrderField,
  type OrderDirection,
  ORGANIZATION_KINDS,
  REPORT_KINDS,
  STANCES,
  STATEMENT_FORMS,
  type StatementForm,
  type Capability,
  type ContradictionKind,
  type OrganizationKind,
  type ReportKind,
  type Stance,
} from "../../domain/model.ts";

/** GraphQL enums from the domain's closed vocabularies (one definition, in src/domain/model.ts). */
const asEnum = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };

export const StanceEnum = asEnum<Stance>(STANCES);
export const CapabilityEnum = asEnum<Capability>(CAPABILITIES);
export const OrganizationKindEnum = asEnum<OrganizationKind>(ORGANIZATION_KINDS);
export const ReportKindEnum = asEnum<ReportKind>(REPORT_KINDS);
export const ContradictionKindEnum = asEnum<ContradictionKind>(CONTRADICTION_KINDS);
export const PartyRoleEnum = asEnum(["GRANTEE", "GRANTOR", "EXCEPT"] as const);

registerEnumType(StanceEnum, {
  name: "Stance",
  description: "What a statement claims about access to data.",
  valuesConfig: {
    DENIES_ACCESS: {
      description:
        'Denies having (or giving) the access: "we do not have Facebook data". Said by a grantor naming no grantee, it speaks of the grants it gave (docs/rules.md).',
    },
    DENIES_REQUEST: { description: "Denies having asked for the access." },
    DENIES_USE: { description: "Denies having used or accessed the data (or a use of it)." },
    CLAIMS_UNAWARE: { description: "Claims not to have known the extent of the access." },
    CLAIMS_ENDED: { description: "Claims the access or partnership has been shut down." },
    ASSURES_SAFEGUARD: {
      description:
        "Assures that privacy rules or settings protect the data. Naming a grantee, data or a purpose, it meets any documented grant in that scope; naming only the grantor, only grants exempt from privacy rules.",
    },
    AFFIRMS_ACCESS: { description: "Admits or confirms the access; corroborates, never contradicts." },
    CONTEXT: { description: "Anything else worth keeping." },
  },
});
registerEnumType(CapabilityEnum, { name: "Capability", description: "What an access grant allows with the data." });
registerEnumType(OrganizationKindEnum, { name: "OrganizationKind", description: "What sort of organisation it is." });
registerEnumType(ReportKindEnum, { name: "ReportKind", description: "What sort of source a report is." });
registerEnumType(PartyRoleEnum, {
  name: "PartyRole",
  description: "How a statement's scope names an organisation.",
  valuesConfig: {
    GRANTEE: { description: "The statement speaks of this organisation's access." },
    GRANTOR: { description: "The statement speaks of access this organisation gave." },
    EXCEPT: { description: "The statement explicitly excepts this organisation." },
  },
});
registerEnumType(ContradictionKindEnum, {
  name: "ContradictionKind",
  description: "How a statement conflicts with a documented grant, strongest first.",
  valuesConfig: {
    DENIAL_VS_GRANT: { description: "A denial of access against a documented grant of that access (to the grantee named, or passed on to it from the grantor named)." },
    ENDED_VS_ACTIVE: { description: "A claim that access ended against a grant documented as still valid after that." },
    ASSURANCE_VS_EXEMPTION: {
      description:
        "A privacy assurance against a documented grant in its scope: base severity 70 when the grant is exempt from the privacy rules, 60 otherwise. An assurance naming only the grantor meets only exempt grants.",
    },
    UNAWARENESS_VS_GRANT: { description: "A claim of unawareness against a documented grant to the claimant." },
    USE_OR_REQUEST_VS_GRANT: {
      description: "A denial of use or of asking, against a grant. A grant is permission, not proof of use: a tension, not a proven falsehood.",
    },
  },
});

export const StatementFormEnum = asEnum<StatementForm>(STATEMENT_FORMS);
registerEnumType(StatementFormEnum, {
  name: "StatementForm",
  description: "How a source carries a statement. Only DIRECT and MIXED statements have words of the speaker's own (`quote`); print nothing else in quotation marks as the speaker's.",
  valuesConfig: {
    DIRECT: { description: "The speaker's own words: inside quotation marks in the source, or a first-party text (a tweet, a press release)." },
    REPORTED: { description: "The source's account of what the speaker said, with no words of the speaker's: `quote` is null; the account is the source's words." },
    MIXED: { description: "The source's sentence (its account) with some of the speaker's words quoted inside it (`quote`)." },
  },
});

export const ContradictionOrderFieldEnum = asEnum<ContradictionOrderField>(CONTRADICTION_ORDER_FIELDS);
registerEnumType(ContradictionOrderFieldEnum, {
  name: "ContradictionOrderField",
  description: "What a list of contradictions is ordered by. Ties go strongest first, then by the statement's date; the ids settle the rest.",
  valuesConfig: {
    SEVERITY: { description: "Severity (default direction DESC: strongest first)." },
    DATE: { description: "The statement's date, by its first possible day (default DESC: latest first); undated statements last." },
    KIND: { description: "Kind, in the order of ContradictionKind (default ASC: strongest kind first)." },
    SPEAKER: { description: "Who said it: the name of the organisation it was said for, else of its speaker, case-insensitive (default ASC: A to Z)." },
    WAITING: {
      description:
        "How long its finding has waited for a review (default ASC: the longest waiting first): since it was sent (back) to the queue, or, never reviewed, since its statement was first loaded. The review queue's order.",
    },
  },
});

export const OrderDirectionEnum = asEnum<OrderDirection>(ORDER_DIRECTIONS);
registerEnumType(OrderDirectionEnum, {
  name: "OrderDirection",
  description: "Ascending or descending.",
  valuesConfig: { ASC: { description: "Smallest, earliest, A first." }, DESC: { description: "Largest, latest, Z first." } },
});
