import { z } from "zod";
import {
  CAPABILITIES,
  ORGANIZATION_KINDS,
  REPORT_KINDS,
  STANCES,
  STATEMENT_FORMS,
} from "../domain/model.ts";
import { isValidPartialDate } from "../domain/dates.ts";

/**
 * The extract format (README "Writing an extract", docs/attribution.md): one file per article, written by an editor. This zod
 * schema is the single definition; schema/extract.schema.json is generated from it (`npm run
 * generate`). Objects are strict, so a misspelt key is an error rather than a silently ignored fact.
 */

/** The version of the format this claimgraph reads; a file states it as `format: 2`. */
export const EXTRACT_FORMAT_VERSION = 2;

const slug = z
  .string()
  .max(120, "an id is at most 120 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "an id is a lowercase slug: letters a-z, digits and single hyphens (e.g. new-york-times)")
  .describe("A lowercase slug, shared across files: the same id in two files is the same thing.");

const DATE_SHAPE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const partialDate = z
  .string()
  .regex(DATE_SHAPE, "a date is ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD")
  // Only a date of the right shape can be missing from the calendar (zod runs every check).
  .refine((value) => !DATE_SHAPE.test(value) || isValidPartialDate(value), "this date does not exist in the calendar")
  .describe("ISO 8601 date at the precision the source gives: 2018, 2018-12 or 2018-12-18.");

const quote = z
  .string()
  .trim()
  .min(1, "a quote must not be empty")
  .max(4000, "a quote is at most 4,000 characters; quote the words that carry the statement, not the article")
  .describe("The source's verbatim words.");

const text = (max: number, what: string) =>
  z.string().trim().min(1, `${what} must not be empty`).max(max, `${what} is at most ${max} characters`);

const url = z.url({ protocol: /^https?$/, error: "a url is an absolute http(s) address" });

const account = z
  .string()
  .trim()
  .min(1, "an account must not be empty")
  .max(4000, "an account is at most 4,000 characters; give the source's sentence that carries it, not the article")
  .describe("The source's own sentence, verbatim: its account of what was said or documented.");

/** A reason for an inference the extract makes where the source is silent. */
const inferred = text(1000, "an inference's reason");

const evidence = z
  .strictObject({
    report: slug.describe("The report whose evidence this is (or the source article's id)."),
    quote: quote.optional().describe("The report's own words, verbatim in the report. Give this or account + carriedBy."),
    account: account.optional().describe("Another report's account of this report's evidence, verbatim in the carrying report (the article's sentence about the Times report)."),
    carriedBy: slug.optional().describe("The report whose sentence `account` is; it cites `report`."),
    reportInferred: inferred
      .optional()
      .describe(
        "Present when the source does not name the report whose evidence this is and `report` is the extract's inference: the reason (\"'the Tuesday bombshell' is read as the Times report of 18 December\"). Outputs say the report is inferred. Absent: the source names it.",
      ),
  })
  .describe("How a report documents a grant: in its own words (quote), or as another report carries it (account + carriedBy).");

const reporting = z.strictObject({
  report: slug.describe("A report (or the source article's id) that carries the statement."),
  account: account.optional().describe("The report's sentence carrying the statement, verbatim; required for REPORTED and MIXED statements in at least one report."),
});

const sourceText = z
  .strictObject({
    path: z
      .string()
      .trim()
      .min(1, "a path must not be empty")
      .max(500, "a path is at most 500 characters")
      .regex(/\.txt$/i, "a source text is a UTF-8 .txt file")
      .describe("The archived text, a UTF-8 .txt file, relative to the extract file (sources/2018-12-20-….txt)."),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, "sha256 is 64 lowercase hexadecimal digits")
      .describe("SHA-256 of the file's bytes: a changed text is refused until the extract is checked against it again."),
  })
  .describe("The report's archived text: every quote and account the extract says it carries must occur in it verbatim.");

const reportFields = {
  id: slug,
  // An empty title is an invented one's placeholder: say what to do instead (the source gives none: remove the key).
  title: z
    .string()
    .trim()
    .min(1, "a title must not be empty: give the title as the source prints it, or remove the `title` key if the source gives none (never invent one)")
    .max(500, "a title is at most 500 characters")
    .optional()
    .describe("The report's own title; absent when the source does not give it (never invent one)."),
  url: url.optional(),
  publisher: slug.optional().describe("The organisation that published it."),
  authors: z.array(slug).optional().describe("People (ids under people) who wrote it."),
  cites: z.array(slug).optional().describe("Reports this one cites or summarises: it is not independent of them."),
  text: sourceText.optional(),
};

const oneOrMany = slug.or(z.array(slug).min(1)).describe("One id or a list of ids.");

export const sourceSchema = z
  .strictObject({
    ...reportFields,
    publishedAt: partialDate,
    kind: z.enum(REPORT_KINDS).default("ARTICLE"),
  })
  .describe("The article this extract was made from; it becomes a Report.");

export const organizationSchema = z.strictObject({
  id: slug,
  name: text(200, "a name"),
  aliases: z.array(text(200, "an alias")).optional(),
  kind: z.enum(ORGANIZATION_KINDS),
  partOf: slug.optional().describe("The corporate group it belongs to (Bing → microsoft)."),
});

export const personSchema = z.strictObject({
  id: slug,
  name: text(200, "a name").nullable().optional().describe("Null or absent when the source does not name them."),
  description: text(300, "a description").optional().describe('How the source describes them: "a Facebook spokesperson".'),
  anonymous: z.boolean().default(false),
  speaksFor: slug.optional().describe("The organisation they speak for."),
  role: z.enum(["SPOKESPERSON", "EXECUTIVE", "AUTHOR", "EMPLOYEE", "OTHER"]).optional(),
});

export const reportSchema = z.strictObject({
  ...reportFields,
  publishedAt: partialDate.optional(),
  kind: z.enum(REPORT_KINDS),
});

export const dataCategorySchema = z.strictObject({
  id: slug,
  name: text(200, "a name"),
  aliases: z
    .array(text(200, "an alias"))
    .optional()
    .describe('Other names sources use for it ("private user messages"): evidence naming one of them names the category.'),
  partOf: slug.optional().describe("The broader category (private-messages → messages)."),
});

export const grantSchema = z.strictObject({
  id: slug,
  grantor: slug.optional().describe("Who gave the access; absent when users gave it themselves."),
  grantee: slug.describe("Who received the access."),
  derivedFrom: slug
    .optional()
    .describe(
      "Onward transfer: the grant this one passes on (B gives C what A granted B). Its grantee is this grant's grantor. A statement about data from A then reaches this grant.",
    ),
  data: z.array(slug).min(1, "a grant covers at least one data category"),
  capabilities: z.array(z.enum(CAPABILITIES)).optional(),
  validFrom: partialDate.optional(),
  validTo: partialDate
    .nullable()
    .optional()
    .describe("null: documented as still open; absent: the end is not known."),
  exemptFromPrivacyRules: z.boolean().default(false),
  purpose: slug.optional().describe("What the access was for, as a slug compared with statements' about.purpose."),
  description: text(1000, "a description").optional(),
  documentedIn: z.array(evidence).min(1, "a grant needs at least one documenting report"),
});

export const aboutSchema = z
  .strictObject({
    grantee: oneOrMany.optional().describe("Whose access the statement speaks of."),
    grantor: oneOrMany.optional().describe("Whose giving of access the statement speaks of."),
    grants: z.array(slug).optional().describe("Grants the statement speaks of directly."),
    data: z.array(slug).optional().describe("Data categories; absent: any data."),
    capabilities: z.array(z.enum(CAPABILITIES)).optional(),
    purpose: slug.optional(),
    period: z
      .strictObject({ from: partialDate.optional(), to: partialDate.optional() })
      .optional()
      .describe("The time it speaks of; default: up to the statement's date. For CLAIMS_ENDED, `to` is the claimed end."),
    except: z.array(slug).optional().describe("Parties the statement itself excepts."),
  })
  .describe("What the statement speaks of: at least one party, grant or data category.");

export const statementSchema = z.strictObject({
  id: slug,
  form: z
    .enum(STATEMENT_FORMS)
    .describe(
      "How the source carries it. DIRECT: the speaker's own words (in quotation marks in the source, or a first-party text such as a tweet or press release). REPORTED: the source's account only, no words of the speaker's (no quote). MIXED: the source's sentence with some of the speaker's words quoted inside it (quote: those words; account: the sentence).",
    ),
  quote: quote
    .optional()
    .describe("The speaker's own words, verbatim: required for DIRECT and MIXED, absent for REPORTED. Only this is ever printed in quotation marks as the speaker's."),
  paraphrase: text(2000, "a paraphrase").optional(),
  madeAt: partialDate.optional(),
  channel: text(200, "a channel").optional().describe('Where it was said: "statement to CNN", "tweet".'),
  speaker: slug.describe("A person or an organisation."),
  speakerInferred: inferred
    .optional()
    .describe(
      "Present when the source never says who spoke and `speaker` is the extract's inference: the reason (\"'He' follows the Facebook spokesperson of the first paragraph\"). Every output then says the speaker is inferred. Absent: the source names the speaker.",
    ),
  onBehalfOf: slug.optional(),
  stance: z.enum(STANCES),
  about: aboutSchema,
  reportedIn: z.array(reporting).min(1, "a statement is reported in at least one report"),
  notes: text(4000, "a statement's notes").optional().describe("The statement's own notes: choices made in reading it. Shown beside it on its contradictions' pages and in memos."),
});

/**
 * A draft's marker (`claimgraph draft`, src/draft/): its presence means nobody has reviewed the file;
 * `claimgraph seed` and `npm start` refuse it. It lists what awaits the reporter's decision.
 */
export const draftSchema = z
  .strictObject({
    by: text(200, "draft.by").describe("What wrote the draft."),
    at: text(40, "draft.at").optional().describe("When (ISO 8601)."),
    review: text(2000, "draft.review").optional().describe("How to review it and mark it reviewed."),
    pending: z
      .array(
        z.strictObject({
          at: text(200, "a pending item's at").describe("What the suggestion is: a path in this file (statements[3].stance)."),
          suggestion: text(2000, "a suggestion"),
          reason: text(2000, "a reason"),
          confidence: z.number().min(0).max(1),
        }),
      )
      .default([]),
  })
  .describe("Present: this extract is a draft nobody has reviewed. Review each pending suggestion, then delete the whole `draft:` block; seed and npm start refuse a draft.");

export const extractSchema = z
  .strictObject({
    $schema: z.string().optional(),
    draft: draftSchema.optional(),
    format: z.literal(EXTRACT_FORMAT_VERSION, { error: `must be ${EXTRACT_FORMAT_VERSION}: this claimgraph reads extract format ${EXTRACT_FORMAT_VERSION}` }).describe("The extract format's version."),
    source: sourceSchema,
    notes: text(10_000, "notes").optional().describe("What the extract could not express, and choices made. Stored with the source (Report.extractNotes) and shown on the pages and in the memos' notes of what it carries."),
    organizations: z.array(organizationSchema).default([]),
    people: z.array(personSchema).default([]),
    reports: z.array(reportSchema).default([]),
    dataCategories: z.array(dataCategorySchema).default([]),
    grants: z.array(grantSchema).default([]),
    statements: z.array(statementSchema).default([]),
  })
  .describe("claimgraph extract: one news article as structured, citable facts.");

export type Extract = z.output<typeof extractSchema>;
export type ExtractStatement = Extract["statements"][number];
export type ExtractGrant = Extract["grants"][number];
export type ExtractReport = Extract["reports"][number] | Extract["source"];

/** The JSON Schema editors validate against, generated from the zod schema. */
export function extractJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(extractSchema, { io: "input", target: "draft-2020-12" }) as Record<string, unknown>;
  return {
    title: "claimgraph extract",
    ...schema,
  };
}
