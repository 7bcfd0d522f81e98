import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { projectRoot } from "../config.ts";
import type { z } from "zod";
import { entitiesOf } from "./entities.ts";
import { EXTRACT_FORMAT_VERSION, type Extract, extractSchema } from "./format.ts";
import { didYouMean, isMissing, keysAt } from "./suggest.ts";
import { confinedTextPath, readSourceText } from "./sourceText.ts";
import { decodeUtf8, unsafeText } from "./textSafety.ts";

/** One problem in one extract file: the file, the path inside it, and what is wrong. */
export interface ExtractIssue {
  file: string;
  path: string;
  message: string;
  /** A warning does not stop a load, unless the load is strict (`--strict`); absent: an error. */
  severity?: "warning";
}

export interface ParsedExtract {
  file: string;
  extract: Extract;
  /** The SHA-256 of the text it was parsed from, recorded at load (src/extract/unchanged.ts). */
  sha256?: string;
  /**
   * Of a partial extract (the well-formed parts of a file failing the schema): the paths the schema
   * refused. Other checks' problems at or under them are the schema's, already reported.
   */
  refused?: string[];
}

export const EXTRACT_EXTENSIONS = [".yaml", ".yml", ".json"];
const MAX_FILE_BYTES = 2 * 1024 * 1024;

export function formatIssue(issue: ExtractIssue): string {
  return `${issue.severity === "warning" ? "warning: " : ""}${issue.file}: ${issue.path ? `${issue.path}: ` : ""}${issue.message}`;
}

/** `statements[3].about.grantee` from zod's ["statements", 3, "about", "grantee"]. */
export function formatPath(segments: readonly PropertyKey[]): string {
  return segments
    .map((segment, index) =>
      typeof segment === "number" ? `[${segment}]` : `${index === 0 ? "" : "."}${String(segment)}`,
    )
    .join("");
}

/** Expands files and folders (not recursive into hidden folders) into extract files, sorted. */
export function listExtractFiles(paths: string[]): { files: string[]; issues: ExtractIssue[] } {
  const files: string[] = [];
  const issues: ExtractIssue[] = [];
  for (const given of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch {
      issues.push({ file: given, path: "", message: "no such file or folder" });
      continue;
    }
    if (stat.isDirectory()) {
      const found = fs
        .readdirSync(given, { recursive: true, encoding: "utf8" })
        .filter((name) => !name.split(path.sep).some((part) => part.startsWith(".")))
        .filter((name) => EXTRACT_EXTENSIONS.includes(path.extname(name).toLowerCase()))
        .map((name) => path.join(given, name))
        .sort();
      files.push(...found);
    } else {
      files.push(given);
    }
  }
  return { files: [...new Set(files.map(extractName))], issues };
}

/**
 * The name an extract file is known by, in messages and in nodes' `sourceExtracts`: its path from
 * the project root when it lies inside (`seeds/2018-12-20-facebook-partners.yaml`), else absolute.
 * The same file reached as `seeds/x.yaml` or `/…/seeds/x.yaml`, from any folder, is one file.
 */
export function extractName(file: string): string {
  const absolute = path.resolve(file);
  const relative = path.relative(projectRoot(), absolute);
  return relative.startsWith("..") || path.isAbsolute(relative) ? absolute : relative;
}

/** Reads one file and checks it against the schema; every problem of the file is returned at once. */
export function parseExtractFile(file: string): { extract?: Extract; issues: ExtractIssue[]; declaredIds?: string[]; partial?: Extract; sha256?: string } {
  let size: number;
  try {
    size = fs.statSync(path.resolve(projectRoot(), file)).size;
  } catch {
    return { issues: [{ file, path: "", message: "cannot read the file" }] };
  }
  if (size > MAX_FILE_BYTES) {
    return { issues: [{ file, path: "", message: `the file is ${(size / 1048576).toFixed(1)} MB; an extract is at most 2 MB` }] };
  }
  const decoded = decodeUtf8(fs.readFileSync(path.resolve(projectRoot(), file)));
  if ("invalidAt" in decoded) return { issues: [{ file, path: decoded.invalidAt, message: "the file is not valid UTF-8 (quotes are loaded verbatim, not with replaced bytes): save it as UTF-8" }] };
  return { ...parseExtractText(file, decoded.text), sha256: sha256Of(decoded.text) };
}

export const sha256Of = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * The ids a file that fails the schema still declares (`id` of its source and of every item of its
 * lists): other files' references to them are not reported as unknown while this file is broken.
 */
function declaredIds(data: Record<string, unknown>): string[] {
  const ids: unknown[] = [(data.source as Record<string, unknown> | undefined)?.id];
  for (const key of ["organizations", "people", "reports", "dataCategories", "grants", "statements"]) {
    const list = data[key];
    if (Array.isArray(list)) for (const item of list) ids.push(item && typeof item === "object" ? (item as Record<string, unknown>).id : undefined);
  }
  return ids.filter((id): id is string => typeof id === "string");
}

/**
 * How deep an extract's values may nest. An extract is six levels deep (statements[].about.period.from);
 * a deeper file is refused before anything recursive reads it (a parser, the checks below), which a
 * file nested a million levels deep would otherwise crash with no file named.
 */
export const MAX_NESTING = 64;

const tooDeep = (file: string, where: string): ExtractIssue => ({
  file,
  path: where,
  message: `nested more than ${MAX_NESTING} levels deep; an extract's values nest a few levels (statements[].about.period.from): this is not an extract`,
});

/** "line 3, column 7" of an offset of the text. */
function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

/**
 * Where the text's brackets first nest deeper than MAX_NESTING, before it is parsed: JSON's [ and {
 * outside strings; YAML's flow collections (a [ or { opening a value, and every bracket inside one,
 * outside quoted scalars and comments). YAML's indentation is checked on the parsed data.
 */
function deepBracketAt(text: string, json: boolean): number | undefined {
  let depth = 0;
  let lastSignificant = "\n"; // the last character that is not a space or tab, outside strings
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' && (json || depth > 0 || lastSignificant !== "")) {
      // a quoted string: to its closing mark
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
      lastSignificant = '"';
      continue;
    }
    if (!json && c === "'" && (depth > 0 || /[\n:\-?,[{]/.test(lastSignificant))) {
      for (i++; i < text.length; i++) if (text[i] === "'") {
        if (text[i + 1] === "'") i++;
        else break;
      }
      lastSignificant = "'";
      continue;
    }
    if (!json && c === "#" && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i < text.length && text[i] !== "\n") i++;
      lastSignificant = "\n";
      continue;
    }
    if (c === "[" || c === "{") {
      // in YAML's block context a bracket opens a flow collection only where a value starts
      if (json || depth > 0 || /[\n:\-?]/.test(lastSignificant)) {
        depth++;
        if (depth > MAX_NESTING) return i;
      }
    } else if ((c === "]" || c === "}") && depth > 0) depth--;
    if (c !== " " && c !== "\t" && c !== "\r") lastSignificant = c;
  }
  return undefined;
}

/** Whether parsed data nests deeper than MAX_NESTING (iterative: it may be deep). */
function nestsTooDeep(data: unknown): boolean {
  const stack: [unknown, number][] = [[data, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== "object") continue;
    if (depth > MAX_NESTING) return true;
    for (const item of Array.isArray(value) ? value : Object.values(value)) stack.push([item, depth + 1]);
  }
  return false;
}

export function parseExtractText(file: string, text: string): { extract?: Extract; issues: ExtractIssue[]; declaredIds?: string[]; partial?: Extract } {
  const json = path.extname(file).toLowerCase() === ".json";
  const deepAt = deepBracketAt(text, json);
  if (deepAt !== undefined) return { issues: [tooDeep(file, lineAndColumn(text, deepAt))] };
  try {
    return parseChecked(file, text, json);
  } catch (error) {
    // A parser's or a check's recursion that still overflowed (YAML nested by indentation).
    if (error instanceof RangeError) return { issues: [tooDeep(file, "")] };
    throw error;
  }
}

function parseChecked(file: string, text: string, json: boolean): { extract?: Extract; issues: ExtractIssue[]; declaredIds?: string[]; partial?: Extract } {
  let data: unknown;
  if (json) {
    try {
      data = JSON.parse(text.replace(/^\uFEFF/, "")); // editors on Windows may write a byte-order mark
    } catch (error) {
      const message = (error as Error).message;
      return { issues: [{ file, path: jsonErrorLocation(text, message), message: `invalid JSON: ${message}` }] };
    }
  } else {
    // logLevel "error": no Node warnings on stderr (a collection used as a key becomes an unknown key anyway).
    const document = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true, logLevel: "error" });
    if (document.errors.some((error) => /Maximum call stack size exceeded/.test(error.message))) {
      return { issues: [tooDeep(file, document.errors[0].linePos ? `line ${document.errors[0].linePos[0].line}, column ${document.errors[0].linePos[0].col}` : "")] };
    }
    if (document.errors.length > 0) {
      return {
        issues: document.errors.map((error) => ({
          file,
          path: error.linePos ? `line ${error.linePos[0].line}, column ${error.linePos[0].col}` : "",
          message: `invalid YAML: ${error.message.split("\n")[0]}`,
        })),
      };
    }
    try {
      data = document.toJS({ maxAliasCount: 100 });
    } catch (error) {
      // Resolving aliases throws rather than reporting: an alias to no anchor, or too many aliases.
      return { issues: [{ file, path: "", message: `invalid YAML: ${(error as Error).message}` }] };
    }
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    return { issues: [{ file, path: "", message: "an extract is a mapping with at least a `source`" }] };
  }
  if (nestsTooDeep(data)) return { issues: [tooDeep(file, "")] };
  const unsafe = unsafeText(data);
  if (unsafe.length > 0) {
    return { issues: unsafe.map((u) => ({ file, path: formatPath(u.path), message: u.message })), declaredIds: declaredIds(data as Record<string, unknown>) };
  }
  if (!("format" in data)) {
    return { issues: [oldFormatIssue(file)], declaredIds: declaredIds(data as Record<string, unknown>) };
  }
  const result = extractSchema.safeParse(data);
  if (!result.success) {
    return { issues: zodIssues(file, result.error, data), declaredIds: declaredIds(data as Record<string, unknown>), partial: partialExtract(file, data, result.error) };
  }
  return { extract: result.data, issues: [] };
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * The well-formed parts of a file that fails the schema, for the reference checks to run on in the
 * same run as the schema's (src/extract/validate.ts): the file's data without every value the
 * schema refused (an object the refusal is about keeps its fields, each checked on its own), in the
 * shape entitiesOf reads (lists where lists are, objects where objects are). Its definitions and
 * references are those of the file whose values are well-formed; nothing else of it is to be trusted
 * (it is never loaded). Undefined when the data cannot be read so.
 */
function partialExtract(file: string, data: object, error: z.ZodError): Extract | undefined {
  const copy = structuredClone(data) as Record<string, unknown>;
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys" || issue.path.length === 0) continue;
    const parent = valueAt(copy, issue.path.slice(0, -1));
    const key = issue.path.at(-1) as PropertyKey;
    if (!(isObject(parent) || Array.isArray(parent))) continue;
    const holder = parent as Record<PropertyKey, unknown>;
    if (isObject(holder[key])) continue;
    holder[key] = undefined;
  }
  const object = (value: unknown) => (isObject(value) ? value : {});
  const list = (value: unknown) => (Array.isArray(value) ? value.map(object) : []);
  // A text without its hash (reported as required, with the hash) is read as it stands, so that its
  // quotes are checked in the same run: a misquote is not hidden behind a schema problem.
  for (const report of [object(copy.source), ...list(copy.reports)]) {
    const text = report.text;
    if (!isObject(text) || typeof text.path !== "string" || typeof text.sha256 === "string") continue;
    const confined = confinedTextPath(path.resolve(projectRoot(), file), text.path);
    const read = "absolute" in confined ? readSourceText(confined.absolute) : confined;
    if ("sha256" in read) text.sha256 = read.sha256;
  }
  const partial = {
    ...copy,
    source: object(copy.source),
    organizations: list(copy.organizations),
    people: list(copy.people),
    reports: list(copy.reports),
    dataCategories: list(copy.dataCategories),
    grants: list(copy.grants).map((grant) => ({ ...grant, documentedIn: list(grant.documentedIn) })),
    statements: list(copy.statements).map((statement) => ({ ...statement, about: object(statement.about), reportedIn: list(statement.reportedIn) })),
  } as unknown as Extract;
  try {
    entitiesOf(partial);
  } catch {
    return undefined;
  }
  return partial;
}

/**
 * A file without `format` is in the first format, which could not say whose words a quote is: it is
 * refused with what to add, rather than guessed (a narration read as a quote is a misquote).
 */
function oldFormatIssue(file: string): ExtractIssue {
  return {
    file,
    path: "format",
    message:
      `this extract is in the old format (no \`format\`), which cannot say whose words a quote is. To bring it to format ${EXTRACT_FORMAT_VERSION}: ` +
      `add \`format: ${EXTRACT_FORMAT_VERSION}\` at the top; give every statement a \`form\` (DIRECT: the speaker's own words, in quotation marks in the source or a first-party text; ` +
      "REPORTED: the source's account only; MIXED: the source's sentence with some of the speaker's words quoted); keep `quote` only for the speaker's own words and move " +
      "the source's sentence to `reportedIn[].account`; in `grants[].documentedIn`, keep `quote` for a report's own words and write another report's account of it as " +
      "`{report, account, carriedBy}`. See docs/extract-format.md.",
  };
}

/** "line 3, column 7" from V8's "... in JSON at position 42", as YAML errors are located; else "". */
function jsonErrorLocation(text: string, message: string): string {
  const match = / at position (\d+)/.exec(message);
  if (!match) return "";
  const before = text.replace(/^\uFEFF/, "").slice(0, Number(match[1])).split("\n");
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

/** The value at a path of the data (undefined where the path leads nowhere). */
function valueAt(data: unknown, segments: readonly PropertyKey[]): unknown {
  let value = data;
  for (const segment of segments) value = isObject(value) || Array.isArray(value) ? (value as Record<PropertyKey, unknown>)[segment] : undefined;
  return value;
}

/**
 * Keys that are the rest of a value split at a comma by YAML's flow mapping (`{ quote: They did, and more }`
 * reads "and more" as a key with no value): a key with no value (null) that holds a space or is near no
 * field's name. Keys written on purpose are field names: no spaces, and a misspelt one has a value.
 */
function splitFlowKeys(holder: unknown, keys: readonly string[], known: string[]): string[] {
  if (!isObject(holder)) return [];
  return keys.filter((key) => holder[key] === null && (/\s/.test(key.trim()) || didYouMean(key, known) === ""));
}

/**
 * For a text without its hash: the hash of the file as it stands, to record once every quote has been
 * checked against it (": the text's SHA-256 is …"), or why it cannot be computed.
 */
function computedHash(file: string, text: unknown): string {
  if (!isObject(text) || typeof text.path !== "string") return "";
  const confined = confinedTextPath(path.resolve(projectRoot(), file), text.path);
  if ("problem" in confined) return ` (its hash cannot be computed: ${text.path}: ${confined.problem})`;
  const read = readSourceText(confined.absolute);
  if ("problem" in read) return ` (its hash cannot be computed: ${text.path}: ${read.problem})`;
  return `: ${text.path} as it stands now has SHA-256 ${read.sha256}; check the extract's quotes against that text, then record \`sha256: ${read.sha256}\``;
}

function zodIssues(file: string, error: z.ZodError, data: unknown): ExtractIssue[] {
  return error.issues.map((issue) => {
    let message = issue.message;
    if (isMissing(issue)) message = "required";
    if (isMissing(issue) && issue.path.length >= 2 && issue.path.at(-1) === "sha256" && issue.path.at(-2) === "text") message = `required${computedHash(file, valueAt(data, issue.path.slice(0, -1)))}`;
    if (issue.code === "unrecognized_keys") {
      const known = keysAt(extractSchema, issue.path);
      message = `unknown key${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.map((key) => `${key}${didYouMean(key, known)}`).join(", ")}`;
      const split = splitFlowKeys(valueAt(data, issue.path), issue.keys, known);
      if (split.length > 0) {
        message +=
          ` (a \`{ … }\` mapping was split at a comma: YAML ends an unquoted value at the comma, so "${split[0]}" became a key of its own;` +
          ` quote the value: "…, ${split[0]}")`;
      }
    }
    if (issue.code === "invalid_value" && "values" in issue) {
      // An enum's issue does not say whether the value is missing or wrong; the data does.
      const missing = issue.path.length > 0 && valueAt(data, issue.path) === undefined;
      message = `${missing ? "required: one of" : "must be one of"} ${(issue.values as unknown[]).join(", ")}`;
    }
    if (issue.code === "invalid_union") message = "must be an id or a list of ids";
    return { file, path: formatPath(issue.path), message };
  });
}
