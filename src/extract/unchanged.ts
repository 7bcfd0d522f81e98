import fs from "node:fs";
import path from "node:path";
import { PRECOMPUTED_VERSION, READ_PRECOMPUTED_VERSION } from "../contradictions/precompute.ts";
import { projectRoot } from "../config.ts";
import type { Graph } from "../graph/graph.ts";
import { type SeedResult, type ValidateOptions, seed } from "./load.ts";
import { listExtractFiles, sha256Of } from "./parse.ts";
import { EXTRACT_LABEL, loaderVersion } from "./prune.ts";

/**
 * Warm start: `npm start` loads the seed files again at every start. A file whose text is the one
 * its last load read (the SHA-256 recorded on its `_Extract` node, src/extract/prune.ts), loaded by
 * the same loader, would change nothing, so it is skipped; a changed file is loaded as any load is
 * (validated against the graph, what it no longer defines pruned). Nothing is skipped when the
 * stored contradictions were decided by other rules: a load decides them all again.
 */

const LOADED_AS = `UNWIND $files AS f
MATCH (x:${EXTRACT_LABEL} {file: f.file}) WHERE x.sha256 = f.sha256 AND x.loader = $loader
RETURN x.file AS file`;

/** Of `files` (extract names), those whose text and loader are those of their last load. */
export async function unchangedFiles(graph: Graph, files: string[]): Promise<string[]> {
  const [marker] = await graph.read<{ version: string | null }>(READ_PRECOMPUTED_VERSION);
  if (marker?.version !== PRECOMPUTED_VERSION) return [];
  const hashed = files.map((file) => ({ file, sha256: sha256Of(fs.readFileSync(path.resolve(projectRoot(), file), "utf8")) }));
  const rows = await graph.read<{ file: string }>(LOADED_AS, { files: hashed, loader: loaderVersion() });
  return rows.map((row) => row.file);
}

export interface StartLoad {
  /** The files loaded (changed or new), and what the load did; undefined when none was. */
  loaded?: SeedResult;
  /** The files skipped as unchanged. */
  skipped: string[];
}

/** Loads the files of `paths` that changed since their last load, in one load (see `seed`). */
export async function seedChanged(graph: Graph, paths: string[], options: ValidateOptions = {}): Promise<StartLoad> {
  const listed = listExtractFiles(paths);
  // Problems with the paths themselves are reported by the load, as for any load.
  if (listed.issues.length > 0 || listed.files.length === 0) return { loaded: await seed(graph, paths, undefined, options), skipped: [] };
  const skipped = new Set(await unchangedFiles(graph, listed.files));
  const changed = listed.files.filter((file) => !skipped.has(file));
  return { loaded: changed.length > 0 ? await seed(graph, changed, undefined, options) : undefined, skipped: [...skipped] };
}
