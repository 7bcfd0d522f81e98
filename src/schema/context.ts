import type { Graph } from "../graph/graph.ts";
import { type Loaders, createLoaders } from "./loaders.ts";

/** What every resolver receives: the one Graph of the process and this request's loaders. */
export interface Context {
  graph: Graph;
  loaders: Loaders;
  /**
   * Read what a query asks below a root node in one round trip (src/schema/prefetch.ts); off, every
   * relationship goes through its loader. On by default; tests turn it off to compare the answers.
   */
  prefetch: boolean;
}

export function createContext(graph: Graph, options: { prefetch?: boolean } = {}): Context {
  return { graph, loaders: createLoaders(graph), prefetch: options.prefetch ?? true };
}
