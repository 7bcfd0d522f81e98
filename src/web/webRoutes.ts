import type { IncomingMessage, ServerResponse } from "node:http";
import { type Route, sendJson } from "../server/http.ts";
import { FAVICON_SVG, deskPage, explorerPage, intakePage, playgroundPage, unavailablePage } from "./pages.ts";
import { type Asset, gzipOf, webBundle } from "./bundle.ts";

/**
 * Only this origin, for everything: scripts, workers, styles, fonts, API calls. Styles may be inline
 * because Monaco and Cytoscape set element styles at run time; fonts and images may be data: URLs
 * because GraphiQL's CSS inlines its fonts. No other host can be reached from these pages.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const SECURITY_HEADERS = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
};

/** Chunks and files carry a content hash in their names and never change; entry points and workers do. */
const IMMUTABLE = /^(chunks|files)\//;

function send(req: IncomingMessage, res: ServerResponse, status: number, contentType: string, body: string | Buffer, headers: Record<string, string> = {}) {
  const buffer = typeof body === "string" ? Buffer.from(body) : body;
  res.writeHead(status, { "content-type": contentType, "content-length": buffer.length, ...SECURITY_HEADERS, ...headers });
  res.end(req.method === "HEAD" ? undefined : buffer);
}

function sendAsset(req: IncomingMessage, res: ServerResponse, asset: Asset) {
  const headers: Record<string, string> = {
    etag: asset.etag,
    "cache-control": IMMUTABLE.test(asset.path) ? "public, max-age=31536000, immutable" : "no-cache",
    vary: "accept-encoding",
  };
  if (req.headers["if-none-match"] === asset.etag) {
    res.writeHead(304, { ...SECURITY_HEADERS, ...headers });
    res.end();
    return;
  }
  if (/\bgzip\b/.test(String(req.headers["accept-encoding"] ?? "")) && asset.body.length > 1024) {
    send(req, res, 200, asset.contentType, gzipOf(asset), { ...headers, "content-encoding": "gzip" });
    return;
  }
  send(req, res, 200, asset.contentType, asset.body, headers);
}

/** The table of contradictions, a contradiction's page (ids are STATEMENT~GRANT slugs) and a finding's (a statement's id). */
const DESK_PATH = /^\/(?:contradictions(\/[a-z0-9~-]{1,250})?|findings\/[a-z0-9-]{1,120})\/?$/;

/**
 * GET / (the playground), /contradictions, /contradictions/<id> and /findings/<id> (the reporter's desk), /explore (the explorer), /intake
 * (from an article to an extract; its endpoints are src/draft/intakeRoute.ts), /assets/* (their bundle), /favicon.svg. The
 * bundle is loaded on the first asset request unless the server warmed it up at start.
 */
export function webRoutes(options: { cacheDir: string; log?: (line: string) => void }): Route {
  return async (req, res, url) => {
    const page =
      url.pathname === "/"
        ? playgroundPage
        : url.pathname === "/explore"
          ? explorerPage
          : url.pathname === "/intake"
            ? intakePage
            : DESK_PATH.test(url.pathname)
              ? deskPage
              : null;
    const isAsset = url.pathname.startsWith("/assets/");
    const isIcon = url.pathname === "/favicon.svg" || url.pathname === "/favicon.ico";
    if (!page && !isAsset && !isIcon) return false;
    if (req.method !== "GET" && req.method !== "HEAD") {
      sendJson(res, 405, { errors: [{ message: `${url.pathname} is read with GET.`, extensions: { code: "BAD_REQUEST" } }] }, { allow: "GET, HEAD" });
      return true;
    }
    if (page) {
      // A page is only useful with its bundle: when the bundle cannot be built (esbuild missing from
      // an install without devDependencies, say), the page says so instead of loading forever.
      const failure = await webBundle(options).then(
        () => null,
        (error: Error) => error,
      );
      if (failure) {
        send(req, res, 503, "text/html; charset=utf-8", unavailablePage(failure.message), { "cache-control": "no-store" });
        return true;
      }
      send(req, res, 200, "text/html; charset=utf-8", page(), { "cache-control": "no-cache" });
      return true;
    }
    if (isIcon) {
      send(req, res, 200, "image/svg+xml", FAVICON_SVG, { "cache-control": "public, max-age=86400" });
      return true;
    }
    const bundle = await webBundle(options);
    const asset = bundle.assets.get(decodeURIComponent(url.pathname.slice("/assets/".length)));
    if (!asset) {
      sendJson(res, 404, { error: `No asset at ${url.pathname}.` });
      return true;
    }
    sendAsset(req, res, asset);
    return true;
  };
}
