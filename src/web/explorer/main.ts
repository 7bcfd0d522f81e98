import cytoscape, { type Core, type EdgeSingular, type NodeSingular } from "cytoscape";
import "./explorer.css";
import { ApiError, type Neighbourhood, type TimelineEvent, loadNeighbourhood, query, searchOrganizations } from "./api.ts";
import { h } from "./dom.ts";
import { type Lookup, type NodeType, buildElements, contradictionEdgeId, nodeId } from "./graphElements.ts";
import { EVENT_LABELS } from "./labels.ts";
import { renderContradiction, renderGrant, renderOrganization, renderOverview, renderReport, renderStatement } from "./panel.ts";
import { GRAPH_STYLE } from "./graphStyle.ts";

/**
 * The explorer at /explore?organization=ID: the organisation's neighbourhood drawn with Cytoscape,
 * contradictions as red dashed edges whose evidence chain opens in the side panel, the timeline
 * below, and a search box to move to another organisation. Data comes from POST /graphql only.
 */

const $ = <T extends HTMLElement>(id: string) => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The explorer page has no #${id}.`);
  return element as T;
};

/** Scripts (and the browser tests) can reach the graph once drawn: window.claimgraphExplorer.cy. */
declare global {
  interface Window {
    claimgraphExplorer?: { cy: Core; organization: string };
  }
}

function setState(state: "loading" | "ready" | "empty" | "error") {
  document.body.dataset.state = state;
}

function showInPanel(content: HTMLElement) {
  const panel = $("panel");
  panel.replaceChildren(content);
  panel.scrollTop = 0;
}

function renderTimeline(events: TimelineEvent[], select: (event: TimelineEvent) => void) {
  const section = $("timeline");
  const items = events.map((event) => {
    const button = h(
      "button",
      { type: "button", class: `event ${event.kind.toLowerCase()}` },
      h("time", {}, event.date),
      h("span", { class: `badge ${event.kind.toLowerCase()}` }, EVENT_LABELS[event.kind] ?? event.kind),
      h("span", { class: "summary" }, event.summary),
    );
    button.addEventListener("click", () => select(event));
    return h("li", {}, button);
  });
  section.replaceChildren(
    h("h2", {}, "Timeline"),
    events.length ? h("ol", { class: "timeline" }, ...items) : h("p", { class: "muted" }, "No dated events."),
  );
}

function draw(n: Neighbourhood): { cy: Core; lookup: Lookup } {
  const { elements, lookup } = buildElements(n);
  const cy = cytoscape({
    container: $("graph"),
    elements,
    style: GRAPH_STYLE,
    layout: {
      name: "cose",
      // Force-directed: the neighbourhood's clusters (a grant with its reports, a statement with
      // where it was reported) pull together; contradiction edges stay short and visible.
      animate: false,
      padding: 40,
      nodeRepulsion: () => 90_000,
      idealEdgeLength: () => 90,
      nodeOverlap: 20,
      gravity: 0.25,
      numIter: 1500,
      randomize: true,
    },
    minZoom: 0.2,
    maxZoom: 3,
  });
  return { cy, lookup };
}

async function explore(organization: string) {
  setState("loading");
  let n: Neighbourhood;
  try {
    n = await loadNeighbourhood(organization);
  } catch (error) {
    setState("error");
    const message = error instanceof ApiError && error.code === "NOT_FOUND" ? `No organisation with id “${organization}”. Search for one above.` : `The API failed: ${(error as Error).message}`;
    showInPanel(h("article", {}, h("h2", {}, "Not found"), h("p", { class: "error" }, message)));
    $("timeline").replaceChildren();
    return;
  }
  const focus = n.organization;
  document.title = `${focus.name} · claimgraph explorer`;
  $("heading").textContent = focus.name;
  $("exports").replaceChildren(
    "Export its contradictions: ",
    ...(["md", "csv", "json"] as const).flatMap((format, i) => [
      i ? " · " : "",
      h("a", { href: `/export/contradictions.${format}?organization=${encodeURIComponent(focus.id)}` }, format === "md" ? "memo" : format.toUpperCase()),
    ]),
  );

  // The timeline first: its height settles the graph's, which Cytoscape measures when it draws.
  let select = (_event: TimelineEvent) => {};
  renderTimeline(focus.timeline, (event) => select(event));
  const { cy, lookup } = draw(n);
  new ResizeObserver(() => cy.resize()).observe($("graph"));
  const contradictions = n.contradictions.edges.map((e) => e.node);

  const openContradiction = (id: string) => {
    const c = lookup.contradictions.get(id);
    if (!c) return;
    cy.elements().unselect();
    cy.$id(contradictionEdgeId(id)).select();
    showInPanel(renderContradiction(c, focus.id));
  };
  const overview = () => showInPanel(renderOverview(focus, contradictions, n.contradictions.totalCount, openContradiction));
  const openNode = (type: NodeType, ref: string) => {
    if (type === "statement" && lookup.statements.has(ref)) showInPanel(renderStatement(lookup.statements.get(ref)!));
    else if (type === "grant" && lookup.grants.has(ref)) showInPanel(renderGrant(lookup.grants.get(ref)!));
    else if (type === "report" && lookup.reports.has(ref)) showInPanel(renderReport(lookup.reports.get(ref)!));
    else if (type === "organization" && lookup.organizations.has(ref)) showInPanel(renderOrganization(lookup.organizations.get(ref)!, ref === focus.id));
  };

  cy.on("tap", "edge.contradiction", (event) => openContradiction((event.target as EdgeSingular).data("ref")));
  cy.on("tap", "node", (event) => {
    const node = event.target as NodeSingular;
    openNode(node.data("type"), node.data("ref"));
  });
  cy.on("tap", (event) => {
    if (event.target === cy) overview();
  });

  select = (event) => {
    const [type, ref] = event.statement ? (["statement", event.statement.id] as const) : event.grant ? (["grant", event.grant.id] as const) : (["report", event.report!.id] as const);
    const node = cy.$id(nodeId(type, ref));
    cy.elements().unselect();
    if (node.nonempty()) {
      node.select();
      cy.animate({ center: { eles: node }, duration: 200 });
    }
    openNode(type, ref);
  };

  overview();
  window.claimgraphExplorer = { cy, organization: focus.id };
  setState("ready");
}

/** Organisations as the search box finds them; Enter opens the first. */
function setUpSearch() {
  const input = $<HTMLInputElement>("search");
  const results = $<HTMLUListElement>("search-results");
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest = 0;
  let first: string | undefined;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (!text) {
      results.replaceChildren();
      first = undefined;
      return;
    }
    timer = setTimeout(async () => {
      const ticket = ++latest;
      try {
        const found = await searchOrganizations(text);
        if (ticket !== latest) return; // a later keystroke's answer wins
        first = found[0]?.id;
        results.replaceChildren(
          ...(found.length
            ? found.map((org) => h("li", {}, h("a", { href: `/explore?organization=${encodeURIComponent(org.id)}` }, org.name), h("span", { class: "muted" }, ` ${org.kind.toLowerCase()}`)))
            : [h("li", { class: "muted" }, "No organisation by that name.")]),
        );
      } catch (error) {
        results.replaceChildren(h("li", { class: "error" }, (error as Error).message));
      }
    }, 150);
  });
  $<HTMLFormElement>("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    if (first) location.assign(`/explore?organization=${encodeURIComponent(first)}`);
  });
}

/** Without ?organization=, the page lists the organisations to start from. */
async function listOrganizations() {
  setState("loading");
  const data = await query<{ organizations: { edges: { node: { id: string; name: string; kind: string } }[] } }>(
    "query ExplorerOrganizations { organizations(first: 100) { edges { node { id name kind } } } }",
    {},
  );
  showInPanel(
    h(
      "article",
      {},
      h("h2", {}, "Pick an organisation"),
      h("p", {}, "Search above, or start from one of these:"),
      h("ul", { class: "organization-list" }, ...data.organizations.edges.map(({ node }) => h("li", {}, h("a", { href: `/explore?organization=${encodeURIComponent(node.id)}` }, node.name)))),
    ),
  );
  setState("empty");
}

setUpSearch();
const organization = new URLSearchParams(location.search).get("organization");
void (organization ? explore(organization) : listOrganizations()).catch((error: Error) => {
  setState("error");
  showInPanel(h("article", {}, h("h2", {}, "Something went wrong"), h("p", { class: "error" }, error.message)));
});
