import type { ApolloServer } from "@apollo/server";
import { Kind, parse } from "graphql";
import fs from "node:fs";
import path from "node:path";
import type { Graph } from "./graph/graph.ts";
import type { LocalNeo4jState } from "./graph/localNeo4j.ts";
import { type Context, createContext } from "./schema/context.ts";
import { CONTRADICTIONS_QUERY, ORGANIZATION_QUERY, SEARCH_QUERY, STRONGEST_QUERY } from "./web/explorer/api.ts";
import { EXAMPLE_TABS } from "./web/playground/exampleTabs.ts";

/**
 * What the first answers after a start pay for, paid during the start instead. Measured (`npm start`,
 * seed only): the first `contradictions(organization)` request after /ready took 9.3 s on a quiet
 * machine (60-97 s on a busy one), the next ones 0.1-0.4 s. Nearly all of it was Neo4j planning statements it had not seen since it started (the
 * driver's `resultAvailableAfter` equalled the round trip): the contradictions query's variants (a
 * page and its count, for an organisation or for all), then each loader's statement and the
 * look-ahead's statement of the request. Neo4j keeps plans by statement text in memory only, so a
 * restart pays again. The schema and the driver cost little by comparison (the schema is built
 * before /ready anyway).
 *
 * So, once the seeds are loaded, every query the playground's tabs and the explorer send goes through
 * the API itself (its HTTP endpoint, Apollo, the look-ahead, the loaders), with ids taken from the
 * graph so that every level is read: three times, the first to have Neo4j plan each statement, the
 * others so that both processes' compilers have seen the answers' code paths before /ready (after
 * two rounds the first answer after /ready was still up to 2.05x the tenth at a million statements);
 * the start logs the first round's time and the last's.
 */

/** A query a page of the API sends: the playground's tabs and the explorer's. */
export interface PageQuery {
  name: string;
  query: string;
  variables: Record<string, unknown>;
}

export function pageQueries(): PageQuery[] {
  const tabs = EXAMPLE_TABS.map((tab) => ({ query: tab.query ?? "", variables: tab.variables ? (JSON.parse(tab.variables) as Record<string, unknown>) : {} }));
  const explorer = [ORGANIZATION_QUERY, CONTRADICTIONS_QUERY, STRONGEST_QUERY, SEARCH_QUERY].map((query) => ({ query, variables: {} }));
  return [...tabs, ...explorer].map((page) => {
    const operation = parse(page.query).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    return { name: operation?.name?.value ?? "anonymous", ...page };
  });
}

/** Ids of the graph to ask the pages' queries about: an organisation with contradictions, and one of them. */
async function sampleIds(apollo: ApolloServer<Context>, graph: Graph): Promise<{ organization?: string; contradiction?: string }> {
  const response = await apollo.executeOperation<{ contradictions: { edges: { node: { id: string; grant: { grantee: { id: string } | null } } }[] } }>(
    { query: "query WarmUpSample { contradictions(first: 1) { edges { node { id grant { grantee { id } } } } } }" },
    { contextValue: createContext(graph) },
  );
  const node = response.body.kind === "single" ? response.body.singleResult.data?.contradictions.edges[0]?.node : undefined;
  return { organization: node?.grant.grantee?.id, contradiction: node?.id };
}

/** The page's variables, with the graph's ids in place of the seed article's (kept when the graph has none). */
export function variablesFor(page: PageQuery, ids: { organization?: string; contradiction?: string }): Record<string, unknown> {
  const operation = parse(page.query).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  const variables: Record<string, unknown> = { ...page.variables };
  for (const definition of operation?.kind === Kind.OPERATION_DEFINITION ? (operation.variableDefinitions ?? []) : []) {
    const name = definition.variable.name.value;
    const given = variables[name];
    if (name === "text") variables[name] = given ?? "data";
    else if (name === "organization") variables[name] = ids.organization ?? given;
    else if (name === "filter") variables[name] = given ?? { organization: ids.organization };
    else if (name === "first") variables[name] = given ?? 10;
    else if (name === "id") variables[name] = /contradiction\(/.test(page.query) ? (ids.contradiction ?? given) : (ids.organization ?? given);
  }
  return variables;
}

export interface WarmUpResult {
  queries: number;
  rounds: number;
  /** Milliseconds of each round (all the pages' queries at once). */
  roundMillis: number[];
  errors: string[];
}

/**
 * Sends every page's query through the API (`url`: its HTTP endpoint) `rounds` times (the queries of a round together, as a
 * browser opening the pages would) and reports how long each round took. Errors are collected, not
 * thrown: a query that fails here fails the same way for its user, and the start goes on.
 */
export async function warmPages(
  apollo: ApolloServer<Context>,
  graph: Graph,
  // `authorization`: the header the requests to `url` carry (the process's own credential, under an access policy)
  options: { rounds?: number; url?: string; authorization?: string } = {},
): Promise<WarmUpResult> {
  const rounds = options.rounds ?? 3;
  const ids = await sampleIds(apollo, graph);
  const pages = pageQueries().map((page) => ({ ...page, variables: variablesFor(page, ids) }));
  // Through the API's own HTTP handler when it listens (its parsing and Apollo's HTTP path are part
  // of a first answer too), else in process.
  const send = async (page: PageQuery): Promise<readonly { message: string }[] | undefined> => {
    const body = { query: page.query, variables: page.variables };
    if (options.url) {
      const headers = { "content-type": "application/json", ...(options.authorization ? { authorization: options.authorization } : {}) };
      const response = await fetch(options.url, { method: "POST", headers, body: JSON.stringify(body) });
      return ((await response.json()) as { errors?: { message: string }[] }).errors;
    }
    const response = await apollo.executeOperation(body, { contextValue: createContext(graph) });
    return response.body.kind === "single" ? response.body.singleResult.errors : undefined;
  };
  const roundMillis: number[] = [];
  const errors = new Set<string>();
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    await Promise.all(
      pages.map(async (page) => {
        try {
          for (const error of (await send(page)) ?? []) errors.add(`${page.name}: ${error.message}`);
        } catch (error) {
          errors.add(`${page.name}: ${(error as Error).message}`);
        }
      }),
    );
    roundMillis.push(performance.now() - started);
  }
  return { queries: pages.length, rounds, roundMillis, errors: [...errors] };
}

/**
 * Neo4j keeps its plans in memory, so they stay warm exactly as long as the server that made them
 * runs: an API started again against the local Neo4j an earlier API warmed (`claimgraph neo4j start`
 * first, then `npm start` as often as wanted) needs no warm-up; its first answers pay only for this
 * process's own first run of its code (measured in tests/bench/startupRestart.ts). The server is
 * named by its pid and start time in `warmed.json` beside its state.json.
 */
function warmedFile(state: LocalNeo4jState): string {
  return path.join(state.home, "warmed.json");
}

/** Has an API warmed this very server (the same process, not one started since on the same pid)? */
export function plansWarm(state: LocalNeo4jState): boolean {
  try {
    const warmed = JSON.parse(fs.readFileSync(warmedFile(state), "utf8")) as { pid?: number; startedAt?: string };
    return warmed.pid === state.pid && warmed.startedAt === state.startedAt;
  } catch {
    return false;
  }
}

/** Records that this server's plans are warm (a failure to write costs the next start a warm-up, no more). */
export function markPlansWarm(state: LocalNeo4jState): void {
  try {
    fs.writeFileSync(warmedFile(state), JSON.stringify({ pid: state.pid, startedAt: state.startedAt }), { mode: 0o600 });
  } catch {
    // the next API start warms up again
  }
}
