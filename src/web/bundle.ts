import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import zlib from "node:zlib";
import { projectRoot } from "../config.ts";

/**
 * The browser side of the project (the GraphiQL playground and the Cytoscape explorer), bundled by
 * esbuild from src/web and node_modules into a handful of files served from memory. Nothing is
 * fetched from any other host: GraphiQL's fonts and Monaco's icon font are inlined in their CSS,
 * Monaco's web workers are bundled here and loaded from /assets/workers/.
 *
 * The bundle is built on first use (or when `npm start` warms it up) and cached on disk under a
 * hash of everything it is made of (the browser sources under src/web, the lockfile, this file with
 * its build options), so a restart reads it back instead of building again; a change of any input
 * makes a new hash, hence a new build. No step is needed after `npm install`.
 */

export interface Asset {
  /** Path under /assets/, e.g. "playground/main.js". */
  path: string;
  contentType: string;
  body: Buffer;
  /** Strong ETag from the content. */
  etag: string;
}

export interface WebBundle {
  hash: string;
  assets: Map<string, Asset>;
  /** "built" in this process, or "cached" when read back from disk. */
  source: "built" | "cached";
  millis: number;
}

const WEB_SOURCES = path.join(projectRoot(), "src", "web");

const CONTENT_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".ttf": "font/ttf",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json; charset=utf-8",
};

export const contentTypeOf = (file: string) => CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream";

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? listFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)]))
    .sort();
}

/**
 * The browser sources; the server side of src/web (pages, routes) is not part of the bundle. The
 * pages also bundle a few plain modules from outside src/web (dates and grants in words, the memo's
 * text, the filter's URL form, the review statuses and reasons): they are hashed too.
 */
const BROWSER_SOURCES = ["playground", "explorer", "desk", "intake"].map((dir) => path.join(WEB_SOURCES, dir));
const SHARED_SOURCES = ["src/domain", "src/export/memoModel.ts", "src/export/filterParams.ts", "src/review/model.ts", "src/extract/textSafety.ts"].map((p) => path.join(projectRoot(), p));

/** The hash of every input of the bundle: browser sources, this file (the build options), installed packages. */
export function inputsHash(): string {
  const hash = createHash("sha256");
  hash.update(fs.readFileSync(new URL(import.meta.url)));
  for (const file of [...BROWSER_SOURCES, ...SHARED_SOURCES].flatMap((p) => (fs.statSync(p).isDirectory() ? listFiles(p) : [p]))) {
    hash.update(path.relative(WEB_SOURCES, file));
    hash.update(fs.readFileSync(file));
  }
  // The lockfile pins every installed package: any package added, removed or upgraded changes it.
  // (Not node_modules/.package-lock.json, which differs between a full and a --omit=dev install of
  // the same lockfile, so a bundle built with devDependencies serves an install without them.)
  const lockfile = path.join(projectRoot(), "package-lock.json");
  if (fs.existsSync(lockfile)) hash.update(fs.readFileSync(lockfile));
  return hash.digest("hex").slice(0, 16);
}

const MONACO_CSS = /[\\/]node_modules[\\/]monaco-editor[\\/].*\.css$/;

/** The esbuild options: two ESM entry points with shared chunks, and Monaco's workers as classic scripts. */
async function runEsbuild(): Promise<Map<string, Buffer>> {
  // esbuild is a devDependency of the project and a build tool only: it is loaded when a build runs.
  const esbuild = await import("esbuild");
  // Nothing is written there (write: false); it only names the outputs, relative to it.
  const outdir = path.join(projectRoot(), ".web-build-out");
  const common = {
    absWorkingDir: projectRoot(),
    bundle: true,
    minify: true,
    write: false,
    logLevel: "silent" as const,
    target: "es2022",
    legalComments: "none" as const,
    define: { "process.env.NODE_ENV": '"production"' },
  };
  const pages = esbuild.build({
    ...common,
    entryPoints: {
      "playground/main": path.join(WEB_SOURCES, "playground", "main.tsx"),
      "explorer/main": path.join(WEB_SOURCES, "explorer", "main.ts"),
      "desk/main": path.join(WEB_SOURCES, "desk", "main.ts"),
      "intake/main": path.join(WEB_SOURCES, "intake", "main.ts"),
    },
    outdir,
    format: "esm",
    splitting: true,
    jsx: "automatic",
    entryNames: "[dir]/[name]",
    chunkNames: "chunks/[name]-[hash]",
    assetNames: "files/[name]-[hash]",
    publicPath: "/assets",
    loader: { ".ttf": "file", ".woff": "file", ".woff2": "file", ".svg": "file", ".png": "file" },
    plugins: [
      {
        // Monaco's modules import their own CSS; graphiql/style.css already holds all of it (with the
        // icon font inlined), so those imports are dropped instead of being bundled twice.
        name: "monaco-css-in-graphiql-style",
        setup(build) {
          build.onLoad({ filter: MONACO_CSS }, () => ({ contents: "", loader: "css" }));
        },
      },
    ],
  });
  const workers = esbuild.build({
    ...common,
    entryPoints: {
      "workers/editor": resolvePackageFile("monaco-editor/esm/vs/editor/editor.worker.js"),
      "workers/json": resolvePackageFile("monaco-editor/esm/vs/language/json/json.worker.js"),
      "workers/graphql": resolvePackageFile("monaco-graphql/esm/graphql.worker.js"),
    },
    outdir,
    // Classic workers: `new Worker(url)` without `type: "module"` works in every browser.
    format: "iife",
    entryNames: "[dir]/[name]",
  });
  const files = new Map<string, Buffer>();
  for (const result of await Promise.all([pages, workers])) {
    for (const file of result.outputFiles ?? []) files.set(path.relative(outdir, file.path).split(path.sep).join("/"), Buffer.from(file.contents));
  }
  return files;
}

/** A file of a package, found the way Node finds it (monaco-graphql's exports map lists it). */
function resolvePackageFile(specifier: string): string {
  const require = createRequire(path.join(projectRoot(), "package.json"));
  const [scopeOrName, ...rest] = specifier.split("/");
  const name = scopeOrName.startsWith("@") ? `${scopeOrName}/${rest.shift()}` : scopeOrName;
  return path.join(path.dirname(require.resolve(`${name}/package.json`)), ...rest);
}

function toAssets(files: Map<string, Buffer>): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const [file, body] of files) {
    const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`;
    assets.set(file, { path: file, contentType: contentTypeOf(file), body, etag });
  }
  return assets;
}

function readCache(dir: string): Map<string, Buffer> | null {
  const manifestFile = path.join(dir, "manifest.json");
  if (!fs.existsSync(manifestFile)) return null;
  try {
    const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as { files: string[] };
    return new Map(manifest.files.map((file) => [file, fs.readFileSync(path.join(dir, file))]));
  } catch {
    return null; // a damaged cache is rebuilt
  }
}

/**
 * Writes the bundle to its cache folder: into a private temporary folder first, then renamed, so two
 * processes building at once never read a half-written bundle. Older bundles are removed.
 */
function writeCache(cacheDir: string, hash: string, files: Map<string, Buffer>, log: (line: string) => void) {
  const temporary = path.join(cacheDir, `${hash}.tmp-${process.pid}`);
  try {
    for (const [file, body] of files) {
      fs.mkdirSync(path.dirname(path.join(temporary, file)), { recursive: true });
      fs.writeFileSync(path.join(temporary, file), body);
    }
    fs.writeFileSync(path.join(temporary, "manifest.json"), JSON.stringify({ hash, files: [...files.keys()].sort() }, null, 1));
    try {
      fs.renameSync(temporary, path.join(cacheDir, hash));
    } catch {
      fs.rmSync(temporary, { recursive: true, force: true }); // another process got there first
    }
    for (const entry of fs.readdirSync(cacheDir)) {
      if (entry !== hash && !entry.includes(".tmp-")) fs.rmSync(path.join(cacheDir, entry), { recursive: true, force: true });
    }
  } catch (error) {
    // A read-only install still serves the bundle from memory; it is only rebuilt on the next start.
    fs.rmSync(temporary, { recursive: true, force: true });
    log(`[claimgraph] web bundle not cached in ${cacheDir}: ${(error as Error).message}`);
  }
}

/** Reads the bundle from the cache, or builds (and caches) it. */
export async function loadWebBundle(options: { cacheDir: string; log?: (line: string) => void }): Promise<WebBundle> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const hash = inputsHash();
  const cached = readCache(path.join(options.cacheDir, hash));
  if (cached) return { hash, assets: toAssets(cached), source: "cached", millis: Math.round(performance.now() - started) };
  const files = await runEsbuild();
  writeCache(options.cacheDir, hash, files, log);
  const millis = Math.round(performance.now() - started);
  log(`[claimgraph] built the playground and explorer bundle (${files.size} files) in ${(millis / 1000).toFixed(1)} s`);
  return { hash, assets: toAssets(files), source: "built", millis };
}

let shared: Promise<WebBundle> | undefined;

/** The bundle of this process, loaded once; a failed build is retried on the next call. */
export function webBundle(options: { cacheDir: string; log?: (line: string) => void }): Promise<WebBundle> {
  shared ??= loadWebBundle(options).catch((error) => {
    shared = undefined;
    throw error;
  });
  return shared;
}

const gzipped = new WeakMap<Asset, Buffer>();

/** The gzip form of an asset, made once (Monaco is megabytes; compressed it is a fifth of that). */
export function gzipOf(asset: Asset): Buffer {
  let body = gzipped.get(asset);
  if (!body) {
    body = zlib.gzipSync(asset.body, { level: 6 });
    gzipped.set(asset, body);
  }
  return body;
}
