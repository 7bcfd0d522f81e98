import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { projectRoot } from "../config.ts";
import { normalised } from "../extract/sourceText.ts";
import { draftExtract } from "./draftExtract.ts";
import { emptyKnown, knownFromSeeds } from "./knownEntities.ts";
import type { Known } from "./mentions.ts";
import { readArticle } from "./readArticle.ts";

/**
 * The drafter's evaluation (tests/draft/eval/README.md says the gold format and how each figure is
 * counted): every text of the set drafted and scored against its gold, per text and overall, the
 * tuning and held-out parts apart, and the seed article against the hand-written seed extract.
 */

export interface GoldStatement {
  speaker: string | string[];
  form: "DIRECT" | "MIXED" | "REPORTED";
  quote?: string;
  account?: string;
  stance: string;
}

export interface Gold {
  title?: string;
  date?: string;
  publisher?: string;
  url?: string;
  authors?: string[];
  organisations: string[];
  reports: string[];
  grants: { grantor: string | null; grantee: string }[];
  statements: GoldStatement[];
}

export interface Counts {
  gold: number;
  drafted: number;
  matched: number;
  overlapped: number;
  speakerRight: number;
  formRight: number;
  stanceRight: number;
  direct: number;
  directExact: number;
  orgsGold: number;
  orgsFound: number;
  orgsDrafted: number;
  reportsGold: number;
  reportsFound: number;
  reportsDrafted: number;
  grantsGold: number;
  grantsFound: number;
  grantsDrafted: number;
  titles: number;
  titlesRight: number;
  dates: number;
  datesRight: number;
  ms: number;
  words: number;
  texts: number;
}

export interface TextScore {
  name: string;
  counts: Counts;
  misses: string[];
}

const zero = (): Counts => ({
  gold: 0, drafted: 0, matched: 0, overlapped: 0, speakerRight: 0, formRight: 0, stanceRight: 0, direct: 0, directExact: 0, orgsGold: 0, orgsFound: 0,
  orgsDrafted: 0, reportsGold: 0, reportsFound: 0, reportsDrafted: 0, grantsGold: 0, grantsFound: 0, grantsDrafted: 0, titles: 0, titlesRight: 0, dates: 0,
  datesRight: 0, ms: 0, words: 0, texts: 0,
});

export function add(a: Counts, b: Counts): Counts {
  const sum = zero();
  for (const key of Object.keys(sum) as (keyof Counts)[]) sum[key] = a[key] + b[key];
  return sum;
}

/** Where a passage is in the normalised text: [start, end), or undefined. */
function spanIn(normal: string, passage: string | undefined): [number, number] | undefined {
  if (!passage) return undefined;
  const needle = normalised(passage);
  const at = normal.indexOf(needle);
  return at < 0 ? undefined : [at, at + needle.length];
}

const overlap = (a: [number, number], b: [number, number]) => Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]));

export function scoreText(name: string, content: string, file: string, gold: Gold, known: Known): TextScore {
  const started = performance.now();
  const article = readArticle(file, content);
  const result = draftExtract(article, known);
  const ms = performance.now() - started;
  const normal = normalised(result.text);
  const c = zero();
  const misses: string[] = [];
  c.texts = 1;
  c.ms = ms;
  c.words = result.text.split(/\s+/).filter(Boolean).length;

  type Drafted = { speaker: string; form: string; quote?: string; stance: string; span?: [number, number]; used: boolean };
  const drafted: Drafted[] = result.extract.statements.map((s) => {
    const account = (s.reportedIn as { account?: string }[]).find((r) => r.account)?.account;
    const quote = s.quote as string | undefined;
    return { speaker: s.speaker as string, form: s.form as string, quote, stance: s.stance as string, span: spanIn(normal, quote ?? account), used: false };
  });
  c.gold = gold.statements.length;
  c.drafted = drafted.length;
  for (const g of gold.statements) {
    const span = spanIn(normal, g.quote ?? g.account);
    const speakers = Array.isArray(g.speaker) ? g.speaker : [g.speaker];
    const label = `${g.form} ${speakers.join("|")}: “${(g.quote ?? g.account ?? "").slice(0, 60)}”`;
    if (!span) {
      misses.push(`gold passage not in the drafted text: ${label}`);
      continue;
    }
    const near = drafted.filter((d) => !d.used && d.span && overlap(d.span, span) >= (span[1] - span[0]) / 2);
    if (near.length === 0) {
      misses.push(`missed: ${label}`);
      continue;
    }
    c.overlapped++;
    const right = near.find((d) => speakers.includes(d.speaker));
    if (!right) {
      misses.push(`wrong speaker ${near[0].speaker}: ${label}`);
      continue;
    }
    right.used = true;
    c.speakerRight++;
    c.matched++;
    if (right.form === g.form) c.formRight++;
    else misses.push(`form ${right.form}: ${label}`);
    if (right.stance === g.stance) c.stanceRight++;
    else misses.push(`stance ${right.stance} (gold ${g.stance}): ${label}`);
    if (g.form === "DIRECT") {
      c.direct++;
      if (right.quote && normalised(right.quote) === normalised(g.quote ?? "")) c.directExact++;
      else misses.push(`quote “${right.quote}” ≠ gold: ${label}`);
    }
  }
  for (const d of drafted) if (!d.used) misses.push(`extra ${d.form} ${d.speaker}: “${(d.quote ?? normal.slice(d.span?.[0] ?? 0, d.span?.[1] ?? 0)).slice(0, 60)}”`);

  const orgs = new Set((result.extract.organizations as { id: string }[]).map((o) => o.id));
  c.orgsGold = gold.organisations.length;
  c.orgsDrafted = orgs.size;
  for (const o of gold.organisations) if (orgs.has(o)) c.orgsFound++;
  else misses.push(`organisation missed: ${o}`);
  const extraOrgs = [...orgs].filter((o) => !gold.organisations.includes(o));
  if (extraOrgs.length) misses.push(`organisations not in gold: ${extraOrgs.join(", ")}`);

  const reports = new Set((result.extract.reports as { publisher?: string }[]).map((r) => r.publisher).filter(Boolean) as string[]);
  c.reportsGold = gold.reports.length;
  c.reportsDrafted = reports.size;
  for (const r of gold.reports) if (reports.has(r)) c.reportsFound++;
  else misses.push(`cited report missed: ${r}`);

  const pairs = new Set(result.extract.grants.map((g) => `${(g.grantor as string | undefined) ?? "null"}→${g.grantee as string}`));
  c.grantsGold = gold.grants.length;
  c.grantsDrafted = pairs.size;
  for (const g of gold.grants) if (pairs.has(`${g.grantor ?? "null"}→${g.grantee}`)) c.grantsFound++;
  else misses.push(`grant missed: ${g.grantor ?? "(self)"} → ${g.grantee}`);
  const goldPairs = new Set(gold.grants.map((g) => `${g.grantor ?? "null"}→${g.grantee}`));
  const extraGrants = [...pairs].filter((p) => !goldPairs.has(p));
  if (extraGrants.length) misses.push(`grants not in gold: ${extraGrants.join(", ")}`);

  if (gold.title) {
    c.titles = 1;
    if (result.extract.source.title === gold.title) c.titlesRight = 1;
    else misses.push(`title “${String(result.extract.source.title)}”`);
  }
  if (gold.date) {
    c.dates = 1;
    if (result.extract.source.publishedAt === gold.date) c.datesRight = 1;
    else misses.push(`date ${String(result.extract.source.publishedAt)} (gold ${gold.date})`);
  }
  return { name, counts: c, misses };
}

export const EVAL_DIR = () => path.join(projectRoot(), "tests", "draft", "eval");

/** The texts of one part (tuning, heldout) with their gold. */
export function evalTexts(part: string): { name: string; file: string; gold: Gold }[] {
  const dir = path.join(EVAL_DIR(), part);
  return fs
    .readdirSync(dir)
    .filter((f) => /\.(txt|md|html)$/.test(f))
    .sort()
    .map((f) => ({ name: `${part}/${f}`, file: path.join(dir, f), gold: YAML.parse(fs.readFileSync(path.join(dir, f.replace(/\.(txt|md|html)$/, ".gold.yaml")), "utf8")) as Gold }));
}

/** The seed article and its gold, read from the hand-written seed extract. */
export function seedGold(): { name: string; file: string; gold: Gold } {
  const extractFile = path.join(projectRoot(), "seeds", "2018-12-20-facebook-partners.yaml");
  const extract = YAML.parse(fs.readFileSync(extractFile, "utf8"));
  const file = path.join(path.dirname(extractFile), extract.source.text.path);
  const firstParty = new Set(["PRESS_STATEMENT", "SOCIAL_POST"]);
  const reports = new Map<string, { publisher?: string; kind: string }>(extract.reports.map((r: { id: string; publisher?: string; kind: string }) => [r.id, r]));
  return {
    name: "seed article",
    file,
    gold: {
      title: extract.source.title,
      date: extract.source.publishedAt,
      organisations: extract.organizations.map((o: { id: string }) => o.id),
      reports: [...new Set((extract.source.cites as string[]).map((id) => reports.get(id)).filter((r) => r && !firstParty.has(r.kind)).map((r) => r!.publisher!))],
      grants: extract.grants.map((g: { grantor?: string; grantee: string }) => ({ grantor: g.grantor ?? null, grantee: g.grantee })),
      statements: extract.statements.map((s: { speaker: string; form: GoldStatement["form"]; quote?: string; stance: string; reportedIn: { report: string; account?: string }[] }) => ({
        speaker: s.speaker,
        form: s.form,
        quote: s.quote,
        account: s.reportedIn.find((r) => r.report === extract.source.id)?.account,
        stance: s.stance,
      })),
    },
  };
}

export interface Evaluation {
  parts: { part: string; texts: TextScore[]; total: Counts }[];
}

export function evaluate(): Evaluation {
  const seedsDir = path.join(projectRoot(), "seeds");
  // The eval texts are drafted knowing the seeds folder, as a reporter's would be; the seed article
  // knowing nothing (its own extract is its gold).
  const known = knownFromSeeds([seedsDir]);
  const parts: Evaluation["parts"] = [];
  // `--no-heldout`: tuning and seed only (what the drafter may be tuned on).
  const partNames = process.argv.includes("--no-heldout") ? ["tuning"] : ["tuning", "heldout"];
  for (const part of partNames) {
    const texts = evalTexts(part).map((t) => scoreText(t.name, fs.readFileSync(t.file, "utf8"), t.file, t.gold, known));
    parts.push({ part, texts, total: texts.reduce((sum, t) => add(sum, t.counts), zero()) });
  }
  const seed = seedGold();
  const seedScore = scoreText(seed.name, fs.readFileSync(seed.file, "utf8"), seed.file, seed.gold, emptyKnown());
  parts.push({ part: "seed", texts: [seedScore], total: seedScore.counts });
  return { parts };
}

const pct = (n: number, d: number) => (d === 0 ? "  —" : `${Math.round((100 * n) / d)}`.padStart(3));

export interface Figures {
  recall: number;
  precision: number;
  form: number;
  speaker: number;
  exact: number;
  stance: number;
  organisations: number;
  reports: number;
  grants: number;
  title: number;
  date: number;
  msPer1000Words: number;
}

export function figures(c: Counts): Figures {
  const r = (n: number, d: number) => (d === 0 ? 1 : n / d);
  return {
    recall: r(c.matched, c.gold),
    precision: r(c.matched, c.drafted),
    form: r(c.formRight, c.matched),
    speaker: r(c.speakerRight, c.overlapped),
    exact: r(c.directExact, c.direct),
    stance: r(c.stanceRight, c.matched),
    organisations: r(c.orgsFound, c.orgsGold),
    reports: r(c.reportsFound, c.reportsGold),
    grants: r(c.grantsFound, c.grantsGold),
    title: r(c.titlesRight, c.titles),
    date: r(c.datesRight, c.dates),
    msPer1000Words: (1000 * c.ms) / Math.max(1, c.words),
  };
}

export function table(evaluation: Evaluation, verbose = false): string {
  const head = "text                                         stmts  R    P  form spkr exact stance  orgs R/P  reports R/P  grants R/P  title date    ms";
  const row = (name: string, c: Counts) =>
    `${name.padEnd(44).slice(0, 44)} ${String(c.gold).padStart(5)} ${pct(c.matched, c.gold)} ${pct(c.matched, c.drafted)}  ${pct(c.formRight, c.matched)}  ${pct(c.speakerRight, c.overlapped)}  ${pct(c.directExact, c.direct)}   ${pct(c.stanceRight, c.matched)}   ${pct(c.orgsFound, c.orgsGold)}/${pct(c.orgsFound, c.orgsDrafted)}    ${pct(c.reportsFound, c.reportsGold)}/${pct(c.reportsFound, c.reportsDrafted)}     ${pct(c.grantsFound, c.grantsGold)}/${pct(c.grantsFound, c.grantsDrafted)}   ${pct(c.titlesRight, c.titles)}  ${pct(c.datesRight, c.dates)} ${(c.ms / Math.max(1, c.texts)).toFixed(0).padStart(5)}`;
  const lines: string[] = [];
  for (const part of evaluation.parts) {
    lines.push("", `== ${part.part} ==`, head);
    for (const t of part.texts) {
      lines.push(row(t.name, t.counts));
      // The held-out texts' misses are not printed unless asked: they are not to be tuned on.
      if (verbose && (part.part !== "heldout" || process.argv.includes("--heldout-details"))) for (const miss of t.misses) lines.push(`    ${miss}`);
    }
    lines.push(row(`ALL ${part.part} (${part.total.texts} texts, ms = per text)`, part.total));
  }
  lines.push("", "Columns (%): statement recall and precision; form, speaker, exact direct quotes and stance among matched; organisations, cited reports and grants recall/precision; title and date right; ms to draft.");
  return lines.join("\n");
}

// `npm run eval:draft [-- --verbose] [--no-heldout]`
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  // Warm-up: the first draft pays for loading the libraries, which is not a draft's own time.
  const evaluation = evaluate();
  const again = process.argv.includes("--cold") ? evaluation : evaluate();
  process.stdout.write(`${table(again, process.argv.includes("--verbose"))}\n`);
}
