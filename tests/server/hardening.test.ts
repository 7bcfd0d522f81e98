import { beforeAll, describe, expect, it } from "vitest";
import { markdownLink } from "../../src/export/memoModel.ts";
import { createApolloServer } from "../../src/server/apollo.ts";
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

  it("a mutation is refused as BAD_REQUEST with status 400, no stack trace logged", async () => {
    const before = api.logs.length;
    const response = await post(JSON.stringify({ query: "mutation { __typename }" }));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.errors[0].extensions.code).toBe("BAD_REQUEST");
    expect(body.errors[0].message).toContain("read-only");
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
