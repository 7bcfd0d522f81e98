// Workers first: Monaco asks MonacoEnvironment for them as soon as an editor starts.
import "./setupWorkers.ts";
import "graphiql/style.css";
import "@graphiql/react/font/roboto.css";
import "@graphiql/react/font/fira-code.css";
import "./playground.css";
import { GraphiQL } from "graphiql";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { EXAMPLE_TABS } from "./exampleTabs.ts";
import { fetcher } from "./fetcher.ts";

/**
 * The playground at /: GraphiQL over this server's /graphql, with the research desk's example
 * questions as tabs and the schema's documentation in the Docs panel. Everything it loads comes
 * from this origin (bundled by src/web/bundle.ts).
 */

/** GraphiQL keeps tabs in localStorage under "graphiql:"; forgetting them brings the examples back. */
function resetTabs() {
  for (const key of Object.keys(localStorage)) if (key.startsWith("graphiql:")) localStorage.removeItem(key);
  location.reload();
}

function Header() {
  return (
    <header className="cg-bar">
      <a className="cg-brand" href="/">claimgraph</a>
      <span className="cg-title">GraphQL playground</span>
      <nav>
        <a href="/explore?organization=facebook">Explorer</a>
        <a href="/export/contradictions.md">Memo (Markdown)</a>
        <a href="/export/contradictions.csv">CSV</a>
        <button type="button" onClick={resetTabs} title="Close your tabs and open the example queries again">
          Reset example tabs
        </button>
      </nav>
    </header>
  );
}

/**
 * GraphiQL 5 opens the first default tab with its query but not its variables (its initial
 * variables come only from the `initialVariables` prop or storage), so a first visit would run the
 * first example without them. They are passed as initial variables while no tab state is stored;
 * afterwards GraphiQL's stored tabs hold them.
 */
const firstVisit = localStorage.getItem("graphiql:tabState") === null;

function Playground() {
  return (
    <>
      <Header />
      <main className="cg-graphiql">
        <GraphiQL
          fetcher={fetcher}
          defaultTabs={EXAMPLE_TABS}
          initialVariables={firstVisit ? (EXAMPLE_TABS[0].variables ?? undefined) : undefined}
          defaultEditorToolsVisibility="variables"
          isHeadersEditorEnabled={false}
        >
          <GraphiQL.Logo>claimgraph</GraphiQL.Logo>
        </GraphiQL>
      </main>
    </>
  );
}

const root = document.getElementById("root");
if (!root) throw new Error("The playground page has no #root element.");
root.textContent = "";
createRoot(root).render(
  <StrictMode>
    <Playground />
  </StrictMode>,
);
