import type { Graph } from "../graph/graph.ts";
import type { Route } from "./http.ts";

/** Routes beside /graphql: the playground, the explorer and the exports register here. */
export function extraRoutes(_graph: Graph): Route[] {
  return [];
}
