import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "../config.ts";
import { badInput } from "../domain/errors.ts";

/**
 * `claimgraph new extract FILE`: a skeleton to fill in, with every section and an example entry of
 * each commented out. Its first line points editors (YAML language server) at the schema by a path
 * relative to where the file is written, so it resolves wherever the file lives in or out of the
 * project; a JSON file gets the same reference in `$schema`.
 */
export function schemaReference(file: string): string {
  const schema = path.join(projectRoot(), "schema", "extract.schema.json");
  const relative = path.relative(path.dirname(path.resolve(file)), schema).split(path.sep).join("/");
  return relative.startsWith(".") ? relative : `./${relative}`;
}

const YAML_BODY = `# An extract of one source (an article, a report): what it says, verbatim, as facts the graph can
# hold. Ids are lowercase slugs (netflix, nyt-2018-12-18-facebook-partners) shared across files:
# an id another file defines can be used here without defining it again. Quotes are verbatim; the
# rules of whose words are whose are in docs/attribution.md.
# \`claimgraph validate FILE\` checks it against the schema and the graph and writes nothing.
format: 2

source:
  id: ""            # a slug naming this source, e.g. facebook-partners-private-messages-2018-12-20
  # title: …        # its title as published; leave this out if the source gives none (never invent one)
  publishedAt: ""   # YYYY, YYYY-MM or YYYY-MM-DD
  kind: ARTICLE     # ARTICLE, INVESTIGATION, PRESS_STATEMENT, SOCIAL_POST, TESTIMONY, FILING, HELP_PAGE
  # url: https://…
  # publisher: an-organisation-id
  # authors: [a-person-id]
  # text: { path: sources/the-article.txt, sha256: … }   # its archived text: quotes are checked against it
  # cites: [a-report-id]                                  # reports it cites or carries

# notes: >-
#   What the source leaves out or leaves ambiguous, and the choices made.

organizations: []
#  - { id: netflix, name: Netflix, kind: COMPANY }

people: []
#  - { id: a-spokesperson, description: a Netflix spokesperson, anonymous: true, speaksFor: netflix, role: SPOKESPERSON }

reports: []
#  - { id: a-report-id, title: …, publisher: an-organisation-id, publishedAt: "2018-12-18", kind: INVESTIGATION }

dataCategories: []
#  - { id: private-messages, name: private messages, partOf: messages }

grants: []
#  - id: a-grant-id
#    grantor: facebook
#    grantee: netflix
#    data: [private-messages]
#    documentedIn:
#      - report: a-report-id
#        quote: The report's own words documenting the access.
#      # or another report's account of it:
#      # - { report: a-report-id, account: The other report's sentence., carriedBy: this-source-id }

statements: []
#  - id: a-statement-id
#    form: DIRECT        # DIRECT (the speaker's words), REPORTED (only the source's sentence) or MIXED
#    quote: The speaker's own words.
#    madeAt: "2018-12"
#    speaker: a-person-or-organisation-id
#    onBehalfOf: netflix
#    stance: DENIES_ACCESS
#    about: { grantor: facebook, data: [private-messages] }
#    reportedIn:
#      - report: a-report-id
#        # account: The source's sentence carrying it (for REPORTED and MIXED).
`;

/** Writes the skeleton; refuses to overwrite a file. */
export function writeExtractSkeleton(file: string): { file: string; schemaReference: string } {
  const target = path.resolve(file);
  const extension = path.extname(target).toLowerCase();
  if (![".yaml", ".yml", ".json"].includes(extension)) throw badInput(`${file}: an extract file ends in .yaml, .yml or .json.`);
  if (fs.existsSync(target)) throw badInput(`${target} exists; claimgraph new does not overwrite a file.`);
  const reference = schemaReference(target);
  const body =
    extension === ".json"
      ? `${JSON.stringify({ $schema: reference, format: 2, source: { id: "", publishedAt: "", kind: "ARTICLE" }, organizations: [], people: [], reports: [], dataCategories: [], grants: [], statements: [] }, null, 2)}\n`
      : `# yaml-language-server: $schema=${reference}\n${YAML_BODY}`;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, body, { flag: "wx" });
  return { file: target, schemaReference: reference };
}
