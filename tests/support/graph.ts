import { Graph } from "../../src/graph/graph.ts";
import { applyMigrations } from "../../src/graph/migrations.ts";
import { testNeo4j } from "./neo4j.ts";

/** A driver on the run's Neo4j, with migrations applied and the graph emptied (migrations kept). */
export async function cleanGraph(): Promise<Graph> {
  const graph = new Graph(testNeo4j());
  await applyMigrations(graph);
  await resetGraph(graph);
  return graph;
}

export async function resetGraph(graph: Graph): Promise<void> {
  await graph.write("MATCH (n) WHERE NOT n:_Migration DETACH DELETE n");
}
