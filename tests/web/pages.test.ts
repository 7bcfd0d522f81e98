import { getIntrospectionQuery } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "../../src/graph/graph.ts";
import { type TestApi, startApi } from "../support/api.ts";
import { cleanGraph } from "../support/graph.ts";

/** The playground and explorer pages over HTTP: what they load, from where, with which headers. */
let graph: Graph;
let api: TestApi;
let base: string;

beforeAll(async () => {
  graph = await cleanGraph();
  api = await startApi(graph);
  base = api.url;
});
afterAll(async () => {
  await api?.close();
  await graph?.close();
});

/** Every src= and href= of a page. */
const references = (html: string) => [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]);

const CDN = /esm\.sh|unpkg\.com|jsdelivr|cdnjs|fonts\.googleapis|fonts\.gstatic|googletagmanager|cdn\./i;

describe("the pages", () => {
  for (const [path, entry] of [
    ["/", "playground"],
    ["/explore?organization=netflix", "explorer"],
    ["/contradictions?kind=DENIAL_VS_GRANT", "desk"],
    ["/contradictions/netflix-never-asked-or-accessed-messages~facebook-netflix-private-messages", "desk"],
    ["/contradictions?view=queue&status=NEEDS_REPLY", "desk"],
    ["/findings/netflix-never-asked-or-accessed-messages", "desk"],
    ["/intake", "intake"],
  ] as const) {
    it(`${path} is HTML with a same-origin-only CSP and references only this origin's assets`, async () => {
      const response = await fetch(`${base}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("worker-src 'self'");
      expect(csp).not.toMatch(/https?:|\*/);
      const html = await response.text();
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/); // no inline script
      expect(html).not.toMatch(/<style|\sstyle=/); // no inline style
      const refs = references(html);
      expect(refs).toEqual(expect.arrayContaining([`/assets/${entry}/main.js`, `/assets/${entry}/main.css`]));
      for (const ref of refs) expect(ref, ref).toMatch(/^\/(?!\/)/);
      for (const ref of refs.filter((r) => r.startsWith("/assets/") || r.startsWith("/favicon"))) {
        const asset = await fetch(`${base}${ref}`);
        expect(asset.status, ref).toBe(200);
      }
    });
  }

  it("serves the bundle with content types, gzip and ETags, and 404s what it does not have", async () => {
    const js = await fetch(`${base}/assets/playground/main.js`);
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(js.headers.get("content-encoding")).toBe("gzip"); // fetch asks for gzip and decompresses
    expect(js.headers.get("cache-control")).toBe("no-cache");
    const etag = js.headers.get("etag")!;
    expect((await js.text()).length).toBeGreaterThan(100_000);
    const again = await fetch(`${base}/assets/playground/main.js`, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    const css = await fetch(`${base}/assets/playground/main.css`);
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
    for (const worker of ["editor", "json", "graphql"]) {
      const response = await fetch(`${base}/assets/workers/${worker}.js`);
      expect(response.status, worker).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    }
    expect((await fetch(`${base}/assets/nothing.js`)).status).toBe(404);
    expect((await fetch(`${base}/`, { method: "POST" })).status).toBe(405);
  });

  it("loads nothing from a CDN: no CDN address in any script or style, fonts inlined or local", async () => {
    const html = (await (await fetch(`${base}/`)).text()) + (await (await fetch(`${base}/explore`)).text());
    const seen = new Set<string>();
    const queue = references(html).filter((r) => r.startsWith("/assets/"));
    queue.push("/assets/workers/editor.js", "/assets/workers/json.js", "/assets/workers/graphql.js");
    // Follow chunk imports too: everything the pages can load.
    while (queue.length) {
      const ref = queue.shift()!;
      if (seen.has(ref)) continue;
      seen.add(ref);
      const text = await (await fetch(`${base}${ref}`)).text();
      expect(text, ref).not.toMatch(CDN);
      if (ref.endsWith(".css")) {
        for (const [, url] of text.matchAll(/url\(\s*["']?([^"')]+)/g)) expect(url, `${ref}: ${url.slice(0, 40)}`).toMatch(/^(data:|\/assets\/|#)/);
      }
      for (const [, chunk] of text.matchAll(/["']((?:\.\.?|\/assets)\/[\w./-]+\.(?:js|css))["']/g)) queue.push(new URL(chunk, `${base}${ref}`).pathname);
    }
    expect(seen.size).toBeGreaterThan(10);
  });

  it("answers the standard introspection query, so the playground can show the schema's documentation", async () => {
    const response = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true, schemaDescription: true }) }),
    });
    const body = await response.json();
    expect(body.errors).toBeUndefined();
    const organization = body.data.__schema.types.find((t: { name: string }) => t.name === "Organization");
    expect(organization.fields.find((f: { name: string }) => f.name === "timeline").description).toMatch(/^What happened, in date order/);
  });
});
