import type { Graph } from "../graph/graph.ts";
import { type Loaders, createLoaders } from "./loaders.ts";

/** What every resolver receives: the one Graph of the process and this request's loaders. */
export interface Context {
  graph: Graph;
  loaders: Loaders;
}

export function createContext(graph: Graph): Context {
  return { graph, loaders: createLoaders(graph) };
}
