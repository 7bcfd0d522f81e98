import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { markdownLink } from "../../src/export/memoModel.ts";
import { createApolloServer } from "../../src/server/apollo.ts";
import { hostPolicy, isServedHost } from "../../src/server/hosts.ts";
import { RECEIVE_TIMEOUTS, listen } from "../../src/server/http.ts";
import { buildServer } from "../../src/server/server.ts";
import { type TestApi, useCleanApi } from "../support/api.ts";

const clean = useCleanApi();
let api: TestApi;
beforeAll(() => {
  ({ api } = clean);
});

const post = (body: string | Blob, headers: Record<string, string> = { "content-type": "application/json" }) =>
  fetch(`${api.url}/graphql`, { method: "POST", headers, body });

describe("the smaller holes (issue 15, point 6)", () => {
  it("in production, no introspection and no 'did you mean' suggestions", async () => {
    const apollo = await createApolloServer({ production: true, log: () => {} });
    try {
      const run = async (query: string) => {
        const response = await apollo.executeOperation({ query }, { contextValue: {} as never });
        return response.body.kind === "single" ? response.body.singleResult : undefined;
      };
      const introspection = await run("{ __schema { types { name } } }");
      expect(introspection?.errors?.[0]?.message).toMatch(/introspection/i);
      const typo = await run("{ organisations { totalCount } }");
      expect(typo?.errors?.[0]?.message).toContain("Cannot query field");
      expect(JSON.stringify(typo)).not.toMatch(/Did you mean/i);
    } finally {
      await apollo.stop();
    }
  });

  it("GET /graphql for a browser serves no landing page (none loading scripts from elsewhere)", async () => {
    const response = await fetch(`${api.url}/graphql`, { headers: { accept: "text/html" } });
    const text = await response.text();
    expect(response.headers.get("content-type")).not.toContain("text/html");
    expect(text).not.toContain("<script");
  });

  it("/graphql and /health send the security headers", async () => {
    for (const response of [await fetch(`${api.url}/health`), await post(JSON.stringify({ query: "{ __typename }" }))]) {
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
    }
  });

  it("a subscription is refused as BAD_REQUEST with status 400, no stack trace logged", async () => {
    const before = api.logs.length;
    const response = await post(JSON.stringify({ query: "subscription { __typename }" }));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.errors[0].extensions.code).toBe("BAD_REQUEST");
    expect(body.errors[0].message).toContain("not subscriptions");
    expect(api.logs.slice(before).join("\n")).not.toContain("    at ");
  });

  it("a body without a content type is refused (415), not parsed as JSON", async () => {
    // bytes: fetch gives a string body a text/plain type of its own
    const response = await post(new Blob([JSON.stringify({ query: "{ __typename }" })]), {});
    expect(response.status).toBe(415);
    expect((await response.json()).errors[0].extensions.code).toBe("BAD_REQUEST");
  });

  it("NOT_FOUND does not echo a huge id", async () => {
    const id = "x".repeat(900_000);
    const { body } = await api.query("query ($id: ID!) { organization(id: $id) { id } }", { id });
    expect(body.errors![0].extensions.code).toBe("NOT_FOUND");
    expect(JSON.stringify(body).length).toBeLessThan(2000);
    expect(body.errors![0].message).toContain("(900000 characters)");
  });

  it("/assets/%ZZ is a 400, not a 500", async () => {
    const response = await fetch(`${api.url}/assets/%ZZ`);
    expect(response.status).toBe(400);
  });

  it("the Markdown memo's report URLs cannot open HTML or leave their link", () => {
    expect(markdownLink("https://example.org/a?q=<script>alert(1)</script>")).toBe("<https://example.org/a?q=%3Cscript%3Ealert(1)%3C/script%3E>");
    expect(markdownLink("https://example.org/a b>c")).not.toMatch(/[ >]c/);
    expect(markdownLink("javascript:alert(1)")).not.toContain("<");
    expect(markdownLink("<script>x</script>")).toBe("\\<script\\>x\\</script\\>");
  });
});

/** A raw HTTP request (fetch will not send a Host of our choosing). */
function raw(method: string, pathname: string, headers: Record<string, string>, body?: string): Promise<{ status: number; text: string }> {
  const url = new URL(api.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path: pathname, headers: body === undefined ? headers : { ...headers, "content-length": Buffer.byteLength(body) } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("DNS rebinding and cross-site writes (issue 24, point 1)", () => {
  const query = JSON.stringify({ query: "{ organizations { totalCount } }" });
  const port = () => new URL(api.url).port;

  it("a request for a Host the API does not serve is refused with 421 before any work: exports, GraphQL, pages", async () => {
    const before = api.logs.length;
    for (const [method, pathname, body] of [
      ["GET", "/export/contradictions.json", undefined],
      ["GET", "/export/contradictions.csv", undefined],
      ["POST", "/graphql", query],
      ["GET", `/graphql?query=${encodeURIComponent("{ organizations { totalCount } }")}`, undefined],
      ["GET", "/contradictions", undefined],
      ["GET", "/explore", undefined],
    ] as const) {
      const response = await raw(method, pathname, { host: `attacker.example:${port()}`, "content-type": "application/json" }, body);
      expect(response.status, `${method} ${pathname}`).toBe(421);
      expect(JSON.parse(response.text).errors[0].extensions.code).toBe("MISDIRECTED_REQUEST");
      expect(response.text).not.toContain("totalCount");
    }
    expect(api.logs.slice(before).join("\n")).toContain("refused Host attacker.example");
  });

  it("loopback names and address literals are served; probes answer whatever the Host", async () => {
    for (const host of [`127.0.0.1:${port()}`, `localhost:${port()}`, `LOCALHOST:${port()}`, `desk.localhost:${port()}`, `[::1]:${port()}`, `10.1.2.3:${port()}`]) {
      const response = await raw("POST", "/graphql", { host, "content-type": "application/json" }, query);
      expect(response.status, host).toBe(200);
      expect(JSON.parse(response.text).data.organizations.totalCount).toBe(0);
    }
    expect((await raw("GET", "/health", { host: "attacker.example" })).status).toBe(200);
    expect((await raw("GET", "/graphql", { host: "" })).status).toBe(400); // no Host: refused by Node itself, before us
  });

  it("names a deployment publishes (CLAIMGRAPH_HOSTS) are served, others are not; malformed Hosts never", () => {
    const policy = hostPolicy(loadConfig({ CLAIMGRAPH_HOSTS: "desk.example.org, Claims.Example.net" }).hosts);
    expect(isServedHost(policy, "desk.example.org")).toBe(true);
    expect(isServedHost(policy, "claims.example.net:8443")).toBe(true);
    expect(isServedHost(policy, "desk.example.org.")).toBe(true);
    expect(isServedHost(policy, "evil.desk.example.org")).toBe(false);
    expect(isServedHost(policy, "example.org")).toBe(false);
    expect(isServedHost(policy, "localhost.attacker.example")).toBe(false);
    expect(isServedHost(policy, "127.0.0.1.nip.io")).toBe(false);
    expect(isServedHost(policy, "a b")).toBe(false);
    expect(isServedHost(policy, "[not-an-address]")).toBe(false);
    expect(isServedHost(policy, undefined)).toBe(false);
  });

  it("media types are parsed strictly: text/plain with a JSON parameter, or a JSON-ish substring, is 415", async () => {
    for (const type of ["text/plain; x=application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=application/json", "application/jsonp", "xapplication/json"]) {
      const response = await post(query, { "content-type": type });
      expect(response.status, type).toBe(415);
      expect((await response.json()).errors[0].extensions.code).toBe("BAD_REQUEST");
    }
    for (const type of ["application/json", "Application/JSON; charset=utf-8", "application/graphql-response+json"]) {
      expect((await post(query, { "content-type": type })).status, type).toBe(200);
    }
  });

  it("a state-changing request from another site is refused (403 FORBIDDEN_ORIGIN); the same site and non-browser clients are not", async () => {
    const host = `127.0.0.1:${port()}`;
    const headers = { host, "content-type": "application/json" };
    for (const extra of <Record<string, string>[]>[{ origin: "https://attacker.example" }, { origin: "null" }, { origin: `http://localhost:${port()}` }, { "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site" }]) {
      const response = await raw("POST", "/graphql", { ...headers, ...extra }, query);
      expect(response.status, JSON.stringify(extra)).toBe(403);
      expect(JSON.parse(response.text).errors[0].extensions.code).toBe("FORBIDDEN_ORIGIN");
    }
    // `Origin: null` is what a browser sends for its own page under no-referrer; Sec-Fetch-Site then vouches for it
    for (const extra of <Record<string, string>[]>[{ origin: `http://${host}` }, { "sec-fetch-site": "same-origin" }, { origin: "null", "sec-fetch-site": "same-origin" }, {}]) {
      expect((await raw("POST", "/graphql", { ...headers, ...extra }, query)).status, JSON.stringify(extra)).toBe(200);
    }
    // reads are not writes: a cross-site GET is answered (the browser keeps the answer from the page: no CORS)
    expect((await raw("GET", "/export/contradictions.json", { host, origin: "https://attacker.example" })).status).toBe(200);
  });

  it("a review mutation from another site, from a form (text/plain) or over GET never reaches the resolver; from the same site it does", async () => {
    const host = `127.0.0.1:${port()}`;
    const mutation = 'mutation { addNote(findingId: "netflix-unaware-of-access", text: "written by another site") { event { version } } }';
    const body = JSON.stringify({ query: mutation });
    const crossSite = await raw("POST", "/graphql", { host, "content-type": "application/json", origin: "https://attacker.example" }, body);
    expect(crossSite.status).toBe(403);
    // what an HTML form on another page can send without a preflight
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      expect((await raw("POST", "/graphql", { host, "content-type": type }, body)).status, type).toBe(415);
    }
    const overGet = await raw("GET", `/graphql?query=${encodeURIComponent(mutation)}`, { host });
    expect(overGet.status).toBe(405);
    expect(JSON.parse(overGet.text).errors[0].message).toMatch(/only support query operations/);
    // the same site's write gets to the resolver: the finding does not exist in this empty graph
    const sameSite = await raw("POST", "/graphql", { host, "content-type": "application/json", origin: `http://${host}` }, body);
    expect(JSON.parse(sameSite.text).errors[0].extensions.code).toBe("NOT_FOUND");
    expect((await clean.graph.read<{ n: number }>("MATCH (e:ReviewEvent) RETURN count(e) AS n"))[0].n).toBe(0);
  });
});

describe("a client sending slowly (issue 24, point 6)", () => {
  /** Sends the start of a request, then one byte a second; resolves with what the server answered and when the socket closed. */
  function trickle(url: string, headersDone: boolean): Promise<{ answer: string; closedAfterMs: number }> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const socket = net.connect(Number(port), hostname);
      let answer = "";
      const timer = setInterval(() => socket.writable && socket.write("x"), 1000);
      socket.setEncoding("utf8");
      socket.on("data", (chunk) => (answer += chunk));
      socket.on("error", () => {});
      socket.on("close", () => {
        clearInterval(timer);
        resolve({ answer, closedAfterMs: performance.now() - started });
      });
      socket.on("connect", () =>
        socket.write(headersDone ? `POST /graphql HTTP/1.1\r\nHost: ${hostname}:${port}\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n{` : `POST /graphql HTTP/1.1\r\nHost: ${hostname}:${port}\r\nx-slow: `),
      );
      setTimeout(() => reject(new Error("the server never closed the socket")), 20_000);
    });
  }

  it("a trickled body or trickled headers are cut at the receive deadline (408), not held for minutes", async () => {
    const { apollo, handler } = await buildServer(clean.graph, { log: () => {} });
    const server = await listen(handler, 0, "127.0.0.1", { headersTimeoutMs: 1500, requestTimeoutMs: 3000 });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const body = await trickle(url, true);
      expect(body.answer).toMatch(/^HTTP\/1\.1 408/);
      expect(body.closedAfterMs).toBeGreaterThan(2500);
      expect(body.closedAfterMs).toBeLessThan(8000);
      const headers = await trickle(url, false);
      expect(headers.answer).toMatch(/^HTTP\/1\.1 408/);
      expect(headers.closedAfterMs).toBeLessThan(6000);
      // the server itself answers on
      expect((await fetch(`${url}/health`)).status).toBe(200);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await apollo.stop();
    }
  }, 30_000);

  it("the API's defaults: 10 s for headers, 30 s for a whole request", () => {
    expect(RECEIVE_TIMEOUTS).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 30_000 });
  });
});
