import { loadConfig } from "../config.ts";
import { exportRoute } from "../export/exportRoute.ts";
import type { Graph } from "../graph/graph.ts";
import { webRoutes } from "../web/webRoutes.ts";
import type { Route } from "./http.ts";

/** Routes beside /graphql: the exports, then the playground (/), the explorer (/explore) and their assets. */
export function extraRoutes(graph: Graph, options: { log?: (line: string) => void } = {}): Route[] {
  return [exportRoute(graph), webRoutes({ cacheDir: loadConfig().webCacheDir, log: options.log })];
}
