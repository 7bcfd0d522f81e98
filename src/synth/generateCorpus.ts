import fs from "node:fs";
import path from "node:path";
import { EXTRACT_FORMAT_VERSION } from "../extract/format.ts";
import { generateCell } from "./cell.ts";
import { type CellResult, type Json, STATEMENTS_PER_EPISODE, pad } from "./episode.ts";
import { type Expectation, KINDS, MANIFEST_FILE, type ManifestSummary, NEAR_MISS_REASONS, pairOf } from "./manifest.ts";
import { DATA_CATEGORIES } from "./vocabulary.ts";

/**
 * A deterministic synthetic corpus in the real extract format (src/extract/format.ts), for
 * benchmarks at any scale and for checking the contradiction rules end to end: it plants a known set
 * of contradictions of every kind and a known set of near-misses, and says which in a manifest.
 *
 * Shape. The corpus is made of *cells*, each an article-like world of 10 organisations: a platform
 * that grants access, two corporate groups (a parent and a member each, as Microsoft and Bing), four
 * standalone partners and a local media outlet, with a spokesperson for each company and two
 * reporters. A cell lives through *episodes*, one per year, each like the seed article: an
 * investigation (published by the outlet of this or an earlier cell) and a local article document
 * grants; the platform and its partners answer with denials, claims of unawareness, claims that
 * access ended, privacy assurances, admissions and context, carried by their press releases. With the
 * default density (100 statements per organisation: 20 episodes of 50 statements per cell) 10,000
 * organisations make a million statements.
 *
 * Why the answer is known. Every grant and every statement that can contradict carries a purpose of
 * its own vignette, so rule 3 (purpose) keeps vignettes apart and only the pairs a vignette is built
 * for can meet; everything else that can contradict still reaches, through rule 1, every grant of its
 * parties (the cost a real graph has), and is turned away by the rules. A vignette either plants one
 * contradiction (or two, or an "except" claim with one pair kept and one excepted), or builds a
 * near-miss that fails exactly one rule.
 *
 * Where each part is: ./vocabulary.ts the words (data categories, features, names); ./cell.ts the
 * cell's organisations and people; ./episode.ts an episode's reports and the makers of grants and
 * statements; what an episode plants: ./plantContradictions.ts, ./plantNearMisses.ts,
 * ./plantBackground.ts; ./manifest.ts what the manifest says and how it is read back.
 */

// The manifest, read back by tests and the bench from here, with the corpus it describes.
export { type Manifest, MANIFEST_FILE, readManifest } from "./manifest.ts";

export const CELL_ORGANIZATIONS = 10;
export { STATEMENTS_PER_EPISODE };
export const DEFAULT_STATEMENTS_PER_ORGANIZATION = 100;
const MAX_EPISODES = 34; // one year each, 1990 to 2023
/** The extract loader refuses files over 2 MB; files are cut well below. */
const MAX_FILE_BYTES = 1_700_000;

export interface SynthOptions {
  organizations: number;
  seed?: number;
  statementsPerOrganization?: number;
}

// ---------------------------------------------------------------------------------------------
// The corpus

export interface CorpusLayout {
  cells: number;
  episodesPerCell: number;
  extraOrganizations: number;
  statementsPerOrganization: number;
  seed: number;
}

export function layoutOf(options: SynthOptions): CorpusLayout {
  const organizations = options.organizations;
  if (!Number.isInteger(organizations) || organizations < CELL_ORGANIZATIONS) {
    throw new Error(`--organizations must be a whole number of at least ${CELL_ORGANIZATIONS}; got ${options.organizations}.`);
  }
  const statementsPerOrganization = options.statementsPerOrganization ?? DEFAULT_STATEMENTS_PER_ORGANIZATION;
  const episodesPerCell = Math.round((statementsPerOrganization * CELL_ORGANIZATIONS) / STATEMENTS_PER_EPISODE);
  if (episodesPerCell < 1 || episodesPerCell > MAX_EPISODES) {
    throw new Error(`statements per organisation must be between ${STATEMENTS_PER_EPISODE / CELL_ORGANIZATIONS} and ${(MAX_EPISODES * STATEMENTS_PER_EPISODE) / CELL_ORGANIZATIONS}.`);
  }
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed must be a whole number; got ${options.seed}.`);
  const cells = Math.floor(organizations / CELL_ORGANIZATIONS);
  return { cells, episodesPerCell, extraOrganizations: organizations - cells * CELL_ORGANIZATIONS, statementsPerOrganization, seed };
}

export interface CorpusFile {
  name: string;
  extract: Json;
}

/**
 * The corpus as extract files, produced one at a time (a million statements need not sit in memory
 * at once): first the shared data categories, then the cells in order, packed into files below the
 * loader's size limit. A cell refers only to itself, earlier cells and the shared file, so the files
 * can be loaded all at once or one after another in name order. Expectations go to `expect`.
 */
export function* corpusFiles(options: SynthOptions, expect: (expectation: Expectation) => void): Generator<CorpusFile> {
  const layout = layoutOf(options);
  const tag = `synth-${layout.seed}`;
  yield {
    name: "00000-shared.json",
    extract: {
      format: EXTRACT_FORMAT_VERSION,
      source: { id: `${tag}-shared`, title: `Synthetic corpus (seed ${layout.seed}): shared vocabulary`, publishedAt: "2024", kind: "ARTICLE" },
      notes: "Generated by `claimgraph synth`: the data category hierarchy every cell uses.",
      dataCategories: DATA_CATEGORIES,
    },
  };
  let part = 0;
  let pending: CellResult[] = [];
  let pendingBytes = 0;
  let firstCell = 0;
  const flush = (lastCell: number): CorpusFile => {
    part += 1;
    const merged: Json = {
      format: EXTRACT_FORMAT_VERSION,
      source: {
        id: `${tag}-part-${pad(part, 5)}`,
        title: `Synthetic corpus (seed ${layout.seed}), cells ${firstCell} to ${lastCell}`,
        publishedAt: "2024",
        kind: "ARTICLE",
      },
      organizations: pending.flatMap((cell) => cell.organizations),
      people: pending.flatMap((cell) => cell.people),
      reports: pending.flatMap((cell) => cell.reports),
      grants: pending.flatMap((cell) => cell.grants),
      statements: pending.flatMap((cell) => cell.statements),
    };
    const file = { name: `${pad(part, 5)}-cells-${pad(firstCell, 5)}-${pad(lastCell, 5)}.json`, extract: merged };
    pending = [];
    pendingBytes = 0;
    firstCell = lastCell + 1;
    return file;
  };
  for (let index = 0; index < layout.cells; index++) {
    const cell = generateCell({
      index,
      episodes: layout.episodesPerCell,
      extraOrganizations: index === layout.cells - 1 ? layout.extraOrganizations : 0,
      seed: layout.seed,
    });
    cell.expectations.forEach(expect);
    const bytes = JSON.stringify(cell).length;
    if (pending.length > 0 && pendingBytes + bytes > MAX_FILE_BYTES) yield flush(index - 1);
    pending.push(cell);
    pendingBytes += bytes;
  }
  if (pending.length > 0) yield flush(layout.cells - 1);
}

/**
 * Writes the corpus into `dir` (created; existing extract files of an earlier corpus are removed so
 * `claimgraph seed DIR` loads exactly this one) and the manifest beside it, as JSON lines: the
 * summary first, then one line per expectation. Its extension keeps it out of `claimgraph seed`.
 */
export function writeCorpus(dir: string, options: SynthOptions, log: (line: string) => void = () => {}): ManifestSummary {
  const layout = layoutOf(options);
  fs.mkdirSync(dir, { recursive: true });
  for (const name of fs.readdirSync(dir)) {
    if (/^\d{5}-.*\.json$/.test(name) || name === MANIFEST_FILE) fs.rmSync(path.join(dir, name));
  }
  const expectations: Expectation[] = [];
  const counts = { organizations: 0, people: 0, reports: 0, dataCategories: 0, grants: 0, statements: 0 };
  const stances: Record<string, number> = {};
  const files: string[] = [];
  for (const file of corpusFiles(options, (e) => expectations.push(e))) {
    const extract = file.extract as Record<string, Json[]>;
    counts.organizations += extract.organizations?.length ?? 0;
    counts.people += extract.people?.length ?? 0;
    counts.reports += (extract.reports?.length ?? 0) + 1;
    counts.dataCategories += extract.dataCategories?.length ?? 0;
    counts.grants += extract.grants?.length ?? 0;
    counts.statements += extract.statements?.length ?? 0;
    for (const s of extract.statements ?? []) stances[s.stance as string] = (stances[s.stance as string] ?? 0) + 1;
    fs.writeFileSync(path.join(dir, file.name), JSON.stringify(file.extract));
    files.push(file.name);
    if (files.length % 50 === 0) log(`synth: ${files.length} files, ${counts.statements} statements`);
  }
  const byKind: Record<string, number> = Object.fromEntries(KINDS.map((k) => [k, 0]));
  const byReason: Record<string, number> = Object.fromEntries(NEAR_MISS_REASONS.map((r) => [r, 0]));
  for (const e of expectations) {
    if (e.expect === "contradiction") byKind[e.kind!] += 1;
    else byReason[e.reason!] += 1;
  }
  const planted = expectations.filter((e) => e.expect === "contradiction").length;
  const summary: ManifestSummary = {
    format: "claimgraph-synth-manifest/1",
    seed: layout.seed,
    organizations: options.organizations,
    statementsPerOrganization: layout.statementsPerOrganization,
    cells: layout.cells,
    episodesPerCell: layout.episodesPerCell,
    files,
    counts,
    stances,
    planted: { total: planted, byKind },
    nearMisses: { total: expectations.length - planted, byReason },
  };
  const lines = [JSON.stringify(summary), ...expectations.map((e) => JSON.stringify({ pair: pairOf(e), ...e }))];
  fs.writeFileSync(path.join(dir, MANIFEST_FILE), `${lines.join("\n")}\n`);
  return summary;
}
