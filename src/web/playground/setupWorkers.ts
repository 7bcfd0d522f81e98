/**
 * Monaco (GraphiQL 5's editor) runs its language services in web workers. GraphiQL's own
 * setup-workers modules load them from esm.sh (a CDN) or rely on a Vite/webpack worker plugin; the
 * project bundles the three workers itself (src/web/bundle.ts) and serves them from its own origin.
 */
const WORKERS: Record<string, string> = {
  json: "/assets/workers/json.js",
  graphql: "/assets/workers/graphql.js",
};

(globalThis as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return new Worker(WORKERS[label] ?? "/assets/workers/editor.js", { name: label });
  },
};
