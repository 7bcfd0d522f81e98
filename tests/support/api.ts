import type http from "node:http";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { projectRoot } from "../../src/config.ts";
import { seed } from "../../src/extract/load.ts";
import { cleanGraph } from "./graph.ts";
import type { AddressInfo } from "node:net";
import type { Graph } from "../../src/graph/graph.ts";
import { listen } from "../../src/server/http.ts";
import { buildApp } from "../../src/main.ts";

/** The real HTTP server on a free loopback port, and a small client for GraphQL over HTTP. */
export interface TestApi {
  url: string;
  logs: string[];
  query<T = any>(query: string, variables?: Record<string, unknown>): Promise<{ status: number; body: { data?: T; errors?: any[] } }>;
  close(): Promise<void>;
}

export async function startApi(graph: Graph): Promise<TestApi> {
  const logs: string[] = [];
  const { apollo, handler } = await buildApp(graph, { log: (line) => logs.push(line) });
  const server: http.Server = await listen(handler, 0, "127.0.0.1");
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    logs,
    async query(query, variables) {
      const response = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/graphql-response+json, application/json" },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: await response.json() };
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await apollo.stop();
    },
  };
}

/** For a test file: the API over a clean graph (migrations applied, no data); read `.graph` and `.api` inside tests. */
export function useCleanApi(): { graph: Graph; api: TestApi } {
  const handle = {} as { graph: Graph; api: TestApi };
  beforeAll(async () => {
    handle.graph = await cleanGraph();
    handle.api = await startApi(handle.graph);
  });
  afterAll(async () => {
    await handle.api?.close();
    await handle.graph?.close();
  });
  return handle;
}

/**
 * For a test file: a clean graph holding the article's extract, and the API over it, opened in
 * beforeAll and closed in afterAll. Read `.graph` and `.api` inside tests.
 */
export function useSeededApi(): { graph: Graph; api: TestApi } {
  const handle = {} as { graph: Graph; api: TestApi };
  beforeAll(async () => {
    handle.graph = await cleanGraph();
    await seed(handle.graph, [path.join(projectRoot(), "seeds")]);
    handle.api = await startApi(handle.graph);
  });
  afterAll(async () => {
    await handle.api?.close();
    await handle.graph?.close();
  });
  return handle;
}
