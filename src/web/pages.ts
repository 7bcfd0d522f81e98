/**
 * The HTML pages. They hold no inline script or style and name no other host: everything comes
 * from /assets/ (see bundle.ts), which the Content-Security-Policy of webRoutes.ts enforces.
 */

const head = (title: string, entry: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/${entry}/main.css">
<script type="module" src="/assets/${entry}/main.js"></script>
</head>`;

export function playgroundPage(): string {
  return `${head("claimgraph · GraphQL playground", "playground")}
<body>
<div id="root"><p class="cg-loading">Loading the playground…</p></div>
<noscript>The playground needs JavaScript. The API itself is at /graphql.</noscript>
</body>
</html>
`;
}

export function explorerPage(): string {
  return `${head("claimgraph · explorer", "explorer")}
<body data-state="loading">
<header class="cg-bar">
  <a class="cg-brand" href="/">claimgraph</a>
  <span>Explorer</span>
  <form id="search-form" class="search" role="search" autocomplete="off">
    <input id="search" type="search" placeholder="Search an organisation…" aria-label="Search an organisation">
    <ul id="search-results" aria-live="polite"></ul>
  </form>
  <nav><a href="/contradictions">All contradictions</a><a href="/export/contradictions.html">Memo</a><a href="/">Playground</a></nav>
</header>
<main class="ex-main">
  <section class="ex-graph" aria-label="The organisation's neighbourhood as a graph">
    <header>
      <h1 id="heading"></h1><p id="exports"></p>
      <form id="quote-form" class="quote-search" role="search" autocomplete="off">
        <input id="quote-search" type="search" placeholder="Find a quote…" aria-label="Find a quote in the graph" disabled>
        <ul id="quote-results" aria-live="polite"></ul>
      </form>
    </header>
    <div id="graph"></div>
    <div class="legend" aria-hidden="true">
      <span class="l-org">organisation</span><span class="l-statement">statement</span><span class="l-grant">grant</span><span class="l-report">report</span><span class="l-contradiction">contradiction</span>
    </div>
  </section>
  <aside id="panel" aria-live="polite"><p class="muted">Loading…</p></aside>
</main>
<section id="timeline" aria-label="Timeline"></section>
<noscript>The explorer needs JavaScript. The API itself is at /graphql.</noscript>
</body>
</html>
`;
}

/** /contradictions, /contradictions/<id> and /findings/<id>: one page, which reads its URL (desk/main.ts). */
export function deskPage(): string {
  return `${head("claimgraph · contradictions", "desk")}
<body data-state="loading">
<header class="cg-bar">
  <a class="cg-brand" href="/">claimgraph</a>
  <span>Contradictions</span>
  <nav><a href="/contradictions">All contradictions</a><a href="/contradictions?view=queue">Review queue</a><a href="/explore">Explorer</a><a href="/">Playground</a></nav>
</header>
<main id="desk"><p class="muted">Loading…</p></main>
<noscript>This page needs JavaScript. The memo is at /export/contradictions.html, the API at /graphql.</noscript>
</body>
</html>
`;
}

/** /intake: from an article's text to a reviewed extract (intake/main.ts; endpoints in src/draft/intakeRoute.ts). */
export function intakePage(): string {
  return `${head("claimgraph · intake", "intake")}
<body data-state="loading">
<header class="cg-bar">
  <a class="cg-brand" href="/">claimgraph</a>
  <span>Intake</span>
  <nav><a href="/contradictions">All contradictions</a><a href="/explore">Explorer</a><a href="/">Playground</a></nav>
</header>
<main id="intake"><p class="muted">Loading…</p></main>
<noscript>This page needs JavaScript. Without it, draft an extract with <code>claimgraph draft FILE</code>.</noscript>
</body>
</html>
`;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

/** Shown instead of a page when its bundle could not be built: the API still works. */
export function unavailablePage(reason: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>claimgraph · playground unavailable</title></head>
<body>
<h1>The playground and explorer are unavailable</h1>
<p>Their bundle could not be built: ${escapeHtml(reason)}</p>
<p>It is built with esbuild (a devDependency) on first use: run <code>npm install</code> (not <code>--omit=dev</code>) and restart. The API itself works at <a href="/graphql">/graphql</a>, and the exports at <a href="/export/contradictions.md">/export/contradictions.md</a>.</p>
</body>
</html>
`;
}

export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1b2a3a"/><circle cx="10" cy="11" r="4" fill="#f0a500"/><path d="M22 7l5 5-5 5-5-5z" fill="#2e9d6a"/><path d="M13 13l6 8" stroke="#d62839" stroke-width="2.5" stroke-dasharray="3 2"/><circle cx="16" cy="24" r="4" fill="#2d6cdf"/></svg>`;
