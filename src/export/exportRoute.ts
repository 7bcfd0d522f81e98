import { isClaimgraphError } from "../domain/errors.ts";
import type { Graph } from "../graph/graph.ts";
import { type Route, sendJson } from "../server/http.ts";
import { EXPORT_GROUPS, isExportGroup } from "./exportGroups.ts";
import { fetchExport } from "./fetchContradictions.ts";
import { FILTER_PARAMS, filterFromSearchParams } from "./filterParams.ts";
import { FORMATS, formatContradictions, isExportFormat } from "./formats.ts";

const PATH = /^\/export\/contradictions\.([A-Za-z0-9]+)$/;

const errorBody = (code: string, message: string) => ({ errors: [{ message, extensions: { code } }] });

/** What an export's URL takes: the filter, and the grouping. */
const EXPORT_PARAMS = [...FILTER_PARAMS, "group"] as const;

/**
 * GET /export/contradictions.{json,csv,md,html,docx}[?organization=ID&kind=KIND&minSeverity=N&from=DATE&to=DATE&text=WORDS&status=STATUS&group=pairs]:
 * what `claimgraph export contradictions` writes, over HTTP, with the filter the API, the table of
 * contradictions and the explorer take (filterParams.ts; `status` the findings' review statuses), by
 * statement unless `group=pairs`. Errors are JSON in the API's shape: 404 NOT_FOUND for an unknown
 * organisation, 400 BAD_USER_INPUT for an unknown format, parameter or value.
 */
export function exportRoute(graph: Graph): Route {
  return async (req, res, url) => {
    const match = PATH.exec(url.pathname);
    if (!match) return false;
    if (req.method !== "GET" && req.method !== "HEAD") {
      sendJson(res, 405, errorBody("BAD_REQUEST", "Exports are read with GET."), { allow: "GET, HEAD" });
      return true;
    }
    const format = match[1];
    if (!isExportFormat(format)) {
      const formats = Object.keys(FORMATS).map((f) => `/export/contradictions.${f}`).join(", ");
      sendJson(res, 400, errorBody("BAD_USER_INPUT", `Unknown export format "${format}". Use ${formats}, optionally with ?organization=ID.`));
      return true;
    }
    const unknown = [...url.searchParams.keys()].filter((key) => !(EXPORT_PARAMS as readonly string[]).includes(key));
    if (unknown.length) {
      sendJson(res, 400, errorBody("BAD_USER_INPUT", `Unknown parameter "${unknown[0]}"; exports take ${EXPORT_PARAMS.join(", ")}.`));
      return true;
    }
    const { filter, problems } = filterFromSearchParams(url.searchParams);
    const group = url.searchParams.get("group") || "statement";
    if (!isExportGroup(group)) problems.push(`group is ${EXPORT_GROUPS.join(" or ")}; got "${group}".`);
    if (problems.length) {
      sendJson(res, 400, errorBody("BAD_USER_INPUT", problems.join(" ")));
      return true;
    }
    const organization = filter.organization;
    let data;
    try {
      data = await fetchExport(graph, { filter, group: isExportGroup(group) ? group : "statement" });
    } catch (error) {
      if (isClaimgraphError(error)) {
        const status = error.code === "NOT_FOUND" ? 404 : error.code === "DATABASE_UNAVAILABLE" || error.code === "DATABASE_TIMEOUT" ? 503 : 400;
        sendJson(res, status, errorBody(error.code, error.message));
        return true;
      }
      throw error;
    }
    const body = await formatContradictions(format, data);
    const name = `contradictions${organization ? `-${organization.replace(/[^a-z0-9-]/gi, "")}` : ""}.${FORMATS[format].extension}`;
    res.writeHead(200, {
      "content-type": FORMATS[format].contentType,
      "content-length": Buffer.byteLength(body),
      // A Word file is downloaded; the others open in the browser.
      "content-disposition": `${format === "docx" ? "attachment" : "inline"}; filename="${name}"`,
      ...(format === "html" ? { "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'" } : {}),
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    });
    res.end(req.method === "HEAD" ? undefined : body);
    return true;
  };
}
