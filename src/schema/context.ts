import type { Graph } from "../graph/graph.ts";
import { type Loaders, type Projection, createLoaders } from "./loaders.ts";

/** What every resolver receives: the one Graph of the process and this request's loaders. */
export interface Context {
  graph: Graph;
  loaders: Loaders;
  /**
   * Read what a query asks below a root node in one round trip (src/schema/prefetch.ts); off, every
   * relationship goes through its loader. On by default; tests turn it off to compare the answers.
   */
  prefetch: boolean;
  /**
   * What the loaders and the look-ahead read of each node: set once the operation is known
   * (src/schema/projection.ts) when `project` is on (the default; tests turn it off to compare).
   */
  projection: Projection & { enabled: boolean };
}

export function createContext(graph: Graph, options: { prefetch?: boolean; project?: boolean } = {}): Context {
  const projection: Context["projection"] = { enabled: options.project ?? true };
  return { graph, loaders: createLoaders(graph, projection), prefetch: options.prefetch ?? true, projection };
}
