import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

// `vitest run --mode routing`: the same server reached through a neo4j:// (routing) URI, as a
// cluster or Aura is; `npm run test:full` runs the API tests once more so (tests/support/globalSetup.ts).
export default defineConfig(({ mode }) => ({
  resolve: {
    // graphql 16 ships CommonJS (main) and ESM (module) builds. Node, and so type-graphql and Apollo,
    // load the CommonJS one; Vite would pick the ESM one for our sources, and two copies of graphql
    // cannot share a schema. Point Vite at the build Node uses.
    alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }],
  },
  test: {
    include: ["tests/**/*.test.ts"],
    exclude: ["tests/bench/**", "node_modules/**"],
    globalSetup: ["tests/support/globalSetup.ts"],
    // Two files at a time, each worker on a throwaway Neo4j of its own (Community has one user
    // database per server), so files never share a graph. Against NEO4J_URI (one server) files take
    // turns on it.
    fileParallelism: !process.env.NEO4J_URI,
    maxWorkers: process.env.NEO4J_URI ? 1 : 2,
    reporters: ["default", "./tests/support/fileTimes.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    provide: { neo4jRouting: mode === "routing" },
  },
}));
