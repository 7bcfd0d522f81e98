import type { Graph } from "../graph/graph.ts";
import { ANONYMOUS_READER, type Viewer } from "../server/roles.ts";
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
  /** Who asks (src/server/roles.ts): the writes check the role and record the subject. */
  viewer: Viewer;
  /** The server's log: every write, and every refused one, is logged with who asked. */
  log: (line: string) => void;
  /** Bookmarks of this request's writes: sent back in the Neo4j-Bookmarks header (src/server/http.ts). */
  bookmarksOut: string[];
}

export function createContext(graph: Graph, options: { prefetch?: boolean; project?: boolean; viewer?: Viewer; log?: (line: string) => void } = {}): Context {
  const projection: Context["projection"] = { enabled: options.project ?? true };
  return {
    graph,
    loaders: createLoaders(graph, projection),
    prefetch: options.prefetch ?? true,
    projection,
    viewer: options.viewer ?? ANONYMOUS_READER,
    log: options.log ?? ((line) => process.stderr.write(`${line}\n`)),
    bookmarksOut: [],
  };
}
