/**
 * The archived source texts' cost (issue 24): validating an extract against a text of 0.5 to 5 MB
 * (read, hash, UTF-8, plain-text check, normalisation, quotations, the quote found and placed, and a
 * misquote's nearest passage). Goal: a 5 MB text in at most 2 s, and time linear in the size.
 *
 *   node --import tsx tests/bench/sourceText.ts [--mb 0.5,1,2.5,5]
 *
 * No Neo4j: the check is the one the load runs (checkAttribution), without the graph.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { checkAttribution } from "../../src/extract/attribution.ts";
import { parseExtractFile } from "../../src/extract/parse.ts";
import { normalise } from "../../src/extract/sourceText.ts";
import { quotationSpans } from "../../src/extract/quotationSpans.ts";
import { writeLargeTextExtract } from "../support/largeText.ts";

const arg = process.argv.indexOf("--mb");
const sizes = (arg > 0 ? process.argv[arg + 1] : "0.5,1,2.5,5").split(",").map(Number);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-text-bench-"));
try {
  console.log("size MB | validate s | of which normalise s | quotations s | s per MB");
  for (const mb of sizes) {
    // just under the limit for "5"
    const bytes = Math.min(Math.round(mb * 1024 * 1024), 5 * 1024 * 1024 - 1);
    const file = writeLargeTextExtract(dir, `t${String(mb).replace(".", "-")}`, bytes);
    const parsed = parseExtractFile(file);
    if (!parsed.extract) throw new Error(JSON.stringify(parsed.issues));
    // a misquote too: its nearest passage is searched over the whole text
    parsed.extract.statements.push({ ...parsed.extract.statements[0], id: "misquoted", quote: "we never read anybody's messages, ever" });
    const started = performance.now();
    const issues = checkAttribution([{ file, extract: parsed.extract }], []);
    const seconds = (performance.now() - started) / 1000;
    if (issues.length !== 1 || !issues[0].message.includes("nearest passage")) throw new Error(`unexpected: ${JSON.stringify(issues)}`);
    const text = fs.readFileSync(path.join(dir, "sources", `${path.basename(file, ".yaml")}.txt`), "utf8");
    let t = performance.now();
    normalise(text);
    const normaliseSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    quotationSpans(text);
    const spansSeconds = (performance.now() - t) / 1000;
    const actualMb = Buffer.byteLength(text) / 1048576;
    console.log(`${actualMb.toFixed(2)} | ${seconds.toFixed(2)} | ${normaliseSeconds.toFixed(2)} | ${spansSeconds.toFixed(2)} | ${(seconds / actualMb).toFixed(2)}`);
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
