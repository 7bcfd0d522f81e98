import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";
import { projectRoot } from "../config.ts";
import type { Graph } from "../graph/graph.ts";
import { type Route, sendJson } from "../server/http.ts";

const PATH = /^\/reports\/([a-z0-9-]{1,120})\/text$/;

const errorBody = (code: string, message: string) => ({ errors: [{ message, extensions: { code } }] });

/**
 * GET /reports/<id>/text: a report's archived text, as loaded (the desk links a report without an
 * address to it, so the article a quote was checked against is one click away). Only a text the
 * graph holds for the report, and only while its bytes are the ones loaded (same SHA-256); plain text
 * that nothing in a browser runs. 404 for an unknown report or one without an archived text, 409
 * when the file changed since it was loaded (reload the extract), 503 without the database.
 */
export function reportTextRoute(graph: Graph): Route {
  return async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const match = PATH.exec(url.pathname);
    if (!match) return false;
    if (req.method !== "GET" && req.method !== "HEAD") {
      sendJson(res, 405, errorBody("BAD_REQUEST", "A report's text is read with GET."), { allow: "GET, HEAD" });
      return true;
    }
    const id = match[1];
    let rows: { textFile: string | null; textSha256: string | null }[];
    try {
      rows = await graph.read("MATCH (r:Report {id: $id}) RETURN r.textFile AS textFile, r.textSha256 AS textSha256", { id });
    } catch {
      sendJson(res, 503, errorBody("DATABASE_UNAVAILABLE", "The database is unavailable; try again shortly."));
      return true;
    }
    const [report] = rows;
    if (!report) {
      sendJson(res, 404, errorBody("NOT_FOUND", `No report with the id "${id}".`));
      return true;
    }
    if (!report.textFile) {
      sendJson(res, 404, errorBody("NOT_FOUND", `The report "${id}" has no archived text.`));
      return true;
    }
    // The bytes the load checked (and found plain, valid UTF-8) are known by their hash: no need to examine them again.
    let body: Buffer;
    try {
      body = await fs.readFile(path.resolve(projectRoot(), report.textFile));
    } catch {
      sendJson(res, 404, errorBody("NOT_FOUND", `The archived text of "${id}" cannot be read now (${report.textFile}); reload its extract.`));
      return true;
    }
    if (createHash("sha256").update(body).digest("hex") !== report.textSha256) {
      sendJson(res, 409, errorBody("CONFLICT", `The archived text of "${id}" (${report.textFile}) changed since it was loaded; reload its extract to check its quotes against it again.`));
      return true;
    }
    res.writeHead(200, {
      "content-type": "text/plain; charset=utf-8",
      "content-length": body.length,
      "content-disposition": `inline; filename="${id}.txt"`,
      "content-security-policy": "default-src 'none'; sandbox; frame-ancestors 'none'",
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
      "cache-control": "no-cache",
    });
    res.end(req.method === "HEAD" ? undefined : body);
    return true;
  };
}
