import "reflect-metadata";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, HeaderMap } from "@apollo/server";
import { Graph } from "../../src/graph/graph.ts";
import { listen } from "../../src/server/http.ts";
import { buildApp } from "../../src/main.ts";
import { NEO4J_GRAPHQL_TYPEDEFS, bareContradictions, bareEvidence, bareNested, bareSearch } from "./workloads.ts";

/**
 * One HTTP server of the comparison, in a process of its own (so the load generator does not share
 * its event loop, and its memory can be measured): `--kind claimgraph|bare|neo4j-graphql --uri BOLT [--database NAME]`.
 * Listens on 127.0.0.1 only, on a free port it prints as "READY <port>"; stops on SIGTERM.
 */

const args = Object.fromEntries(
  process.argv.slice(2).reduce<[string, string][]>((pairs, arg, i, all) => (arg.startsWith("--") ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const kind = args.kind as "claimgraph" | "bare" | "neo4j-graphql";
const uri = args.uri;
/** The database to name in every session (all three servers alike); none: the server's home database. */
const database = args.database || undefined;
/** The local server's password (authentication is on), from the bench that started it. */
const password = process.env.NEO4J_PASSWORD || undefined;
if (!kind || !uri) {
  process.stderr.write("usage: benchServer --kind claimgraph|bare|neo4j-graphql --uri bolt://...\n");
  process.exit(2);
}

/** A driver with the settings claimgraph's Graph uses (the Graph's own), for the two baselines too. */
function driver() {
  return new Graph({ uri, database, password }).driver;
}

async function readJson(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
}

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

let server: http.Server;
let stop: () => Promise<void>;

if (kind === "claimgraph") {
  const graph = new Graph({ uri, database, password });
  const { apollo, handler } = await buildApp(graph, { log: (line) => process.stderr.write(`${line}\n`) });
  server = await listen(handler, 0, "127.0.0.1");
  stop = async () => {
    await apollo.stop();
    await graph.close();
  };
} else if (kind === "bare") {
  const d = driver();
  server = await listen(
    async (req, res) => {
      try {
        const body = await readJson(req);
        if (req.url === "/nested") return send(res, 200, { data: await bareNested(d, body.id, database) });
        if (req.url === "/contradictions") return send(res, 200, { data: await bareContradictions(d, body.organization, database) });
        if (req.url === "/search") return send(res, 200, { data: await bareSearch(d, body.text, database) });
        if (req.url === "/evidence") return send(res, 200, { data: await bareEvidence(d, body.id, database) });
        send(res, 404, { error: "not found" });
      } catch (error) {
        send(res, 500, { error: (error as Error).message });
      }
    },
    0,
    "127.0.0.1",
  );
  stop = () => d.close();
} else {
  const { Neo4jGraphQL } = await import("@neo4j/graphql");
  const d = driver();
  const schema = await new Neo4jGraphQL({ typeDefs: NEO4J_GRAPHQL_TYPEDEFS, driver: d }).getSchema();
  const apollo = new ApolloServer({ schema, introspection: true, csrfPrevention: false });
  await apollo.start();
  // The same minimal HTTP front as claimgraph's (src/server/http.ts), so only the GraphQL layers differ.
  server = await listen(
    async (req, res) => {
      try {
        const headers = new HeaderMap();
        for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
        const url = new URL(req.url ?? "/", "http://localhost");
        const body = req.method === "POST" ? await readJson(req) : undefined;
        const response = await apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: req.method ?? "GET", headers, search: url.search, body },
          context: async () => ({ sessionConfig: { database } }),
        });
        for (const [key, value] of response.headers) res.setHeader(key, value);
        res.statusCode = response.status ?? 200;
        if (response.body.kind === "complete") return res.end(response.body.string);
        for await (const chunk of response.body.asyncIterator) res.write(chunk);
        res.end();
      } catch (error) {
        send(res, 500, { error: (error as Error).message });
      }
    },
    0,
    "127.0.0.1",
  );
  stop = async () => {
    await apollo.stop();
    await d.close();
  };
}

process.once("SIGTERM", async () => {
  server.closeAllConnections();
  server.close();
  await stop().catch(() => {});
  process.exit(0);
});
process.stdout.write(`READY ${(server.address() as AddressInfo).port}\n`);
