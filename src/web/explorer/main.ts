import cytoscape, { type Core, type EdgeSingular, type NodeSingular } from "cytoscape";
import fcose from "cytoscape-fcose";
import "./explorer.css";
import { type ContradictionFilterInput, describeFilter, filterFromSearchParams, filterToSearchParams } from "../../export/filterParams.ts";
import { ApiError, type Contradiction, type Neighbourhood, type TimelineEvent, loadNeighbourhood, loadStrongest, query, searchOrganizations } from "./api.ts";
import { h } from "./dom.ts";
import { type Lookup, type NodeType, buildElements, contradictionEdgeId, hiddenCount, nodeId } from "./graphElements.ts";
import { EVENT_LABELS } from "./labels.ts";
import { renderContradiction, renderGrant, renderOrganization, renderOverview, renderReport, renderStatement } from "./panel.ts";
import { GRAPH_STYLE } from "./graphStyle.ts";

cytoscape.use(fcose);

/**
 * The explorer at /explore?organization=ID: what bears on the organisation's contradictions drawn
 * with Cytoscape (its whole neighbourhood with &all=1), contradictions as red dashed edges whose
 * evidence chain opens in the side panel, the timeline below, a search box to move to another
 * organisation and one to find a quote. Without an organisation it opens on the strongest
 * contradictions overall. The URL holds the state: the contradiction filter (kind, minSeverity,
 * from, to, as the exports and /contradictions take it), &all=1, and the selection (&selected=the
 * element's id), so a view can be sent as a link. Data comes from POST /graphql only.
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

/** The URL's state. */
interface ViewState {
  organization: string | null;
  filter: ContradictionFilterInput;
  problems: string[];
  all: boolean;
  selected: string | null;
}

function readView(): ViewState {
  const params = new URLSearchParams(location.search);
  const { filter, problems } = filterFromSearchParams(params);
  delete filter.organization; // the organisation is the view's subject, not a filter here
  return { organization: params.get("organization"), filter, problems, all: params.get("all") === "1", selected: params.get("selected") };
}

function viewUrl(view: Omit<ViewState, "problems">): string {
  const params = new URLSearchParams();
  if (view.organization) params.set("organization", view.organization);
  filterToSearchParams(view.filter, params);
  if (view.all) params.set("all", "1");
  if (view.selected) params.set("selected", view.selected);
  return `/explore${params.size ? `?${params}` : ""}`;
}

/** The selection goes into the URL (replacing the entry: selecting is not navigating). */
function rememberSelection(view: ViewState, selected: string | null) {
  view.selected = selected;
  history.replaceState(null, "", viewUrl(view));
}

/**
 * A seeded pseudo-random generator (mulberry32): fcose takes no seed and draws its start from
 * Math.random, so the layout is run with this one in its place, seeded by what is drawn: the same
 * URL (the same elements) lays out the same way on every load.
 */
function seededRandom(text: string): () => number {
  let state = 0;
  for (let i = 0; i < text.length; i++) state = (Math.imul(state, 31) + text.charCodeAt(i)) | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs `run` with Math.random seeded by `seed`, then puts Math.random back. */
function withSeededRandom<T>(seed: string, run: () => T): T {
  const random = Math.random;
  Math.random = seededRandom(seed);
  try {
    return run();
  } finally {
    Math.random = random;
  }
}

/**
 * The zoom below which a label would be smaller than MIN_LABEL_PX on screen: the view opens no
 * further out (on the focus, or the graph's middle), and the reader pans or zooms out to see more.
 */
const MIN_LABEL_PX = 11;
function keepLabelsReadable(cy: Core, focus: string | null) {
  const smallest = Math.min(...cy.nodes().map((node) => parseFloat(node.style("font-size"))), ...cy.edges(".contradiction").map((edge) => parseFloat(edge.style("font-size"))));
  const readable = MIN_LABEL_PX / smallest;
  if (!Number.isFinite(readable) || cy.zoom() >= readable) return;
  const at = focus ? cy.$id(focus) : cy.elements();
  cy.zoom(readable);
  cy.center(at.nonempty() ? at : cy.elements());
}

function draw(n: { organization: Neighbourhood["organization"] | null; contradictions: Neighbourhood["contradictions"] }, all: boolean): { cy: Core; lookup: Lookup } {
  const { elements, lookup } = buildElements(n, { all });
  const seed = elements.map((e) => String(e.data.id)).join("\n");
  // Nodes start apart, on a grid, not all at the origin: fcose measures the graph before it lays it
  // out, and an edge between two nodes at one point has no endpoints (Cytoscape warns "invalid endpoints").
  elements.filter((e) => e.group === "nodes").forEach((node, i) => (node.position = { x: (i % 12) * 120, y: Math.floor(i / 12) * 120 }));
  const cy = withSeededRandom(seed, () => cytoscape({
    container: $("graph"),
    elements,
    style: GRAPH_STYLE,
    // fcose (cytoscape-fcose, maintained by the Cytoscape team's iVis group): force-directed with
    // the labels counted in each node's size, so labels do not overlap; a statement and the grant
    // it contradicts pull together, and separate components are packed side by side.
    layout: {
      name: "fcose",
      quality: "proof",
      randomize: true,
      animate: false,
      padding: 30,
      nodeDimensionsIncludeLabels: true,
      uniformNodeDimensions: false,
      packComponents: true,
      nodeRepulsion: () => 12_000,
      idealEdgeLength: (edge: EdgeSingular) => (edge.hasClass("contradiction") ? 140 : 90),
      edgeElasticity: () => 0.45,
      nodeSeparation: 90,
      numIter: 3000,
      gravity: 0.2,
      tile: true,
    } as cytoscape.LayoutOptions,
    minZoom: 0.2,
    maxZoom: 3,
  }));
  keepLabelsReadable(cy, n.organization ? nodeId("organization", n.organization.id) : null);
  return { cy, lookup };
}

/** The contradiction's panel, with a link to its own page (printable, citable). */
function contradictionPanel(c: Contradiction, focusId: string): HTMLElement {
  const article = renderContradiction(c, focusId);
  article.prepend(h("p", { class: "page-link" }, h("a", { href: `/contradictions/${encodeURIComponent(c.id)}` }, "Open its page (print, copy the citation) →")));
  return article;
}

/** The quote search box: statements whose words contain the text are marked, the rest faded; Enter or a click selects. */
function setUpQuoteSearch(cy: Core, select: (id: string) => void) {
  const input = $<HTMLInputElement>("quote-search");
  const results = $<HTMLUListElement>("quote-results");
  input.disabled = false;
  const run = () => {
    const text = input.value.trim().toLowerCase();
    cy.elements().removeClass("match faded");
    if (!text) {
      results.replaceChildren();
      return;
    }
    const found = cy.nodes(".statement").filter((node) => String(node.data("quote")).toLowerCase().includes(text));
    cy.elements().not(found).not(found.connectedEdges()).addClass("faded");
    found.addClass("match");
    results.replaceChildren(
      ...(found.length
        ? found.map((node) => {
            const button = h("button", { type: "button" }, node.data("label"));
            button.addEventListener("click", () => select(node.id()));
            return h("li", {}, button);
          })
        : [h("li", { class: "muted" }, "No quote drawn here has these words.")]),
    );
  };
  input.addEventListener("input", run);
  $<HTMLFormElement>("quote-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const first = cy.nodes(".match").first();
    if (first.nonempty()) select(first.id());
  });
}

async function explore(view: ViewState) {
  const organization = view.organization!;
  setState("loading");
  let n: Neighbourhood;
  try {
    n = await loadNeighbourhood(organization, view.filter);
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
  const exportQuery = filterToSearchParams({ ...view.filter, organization: focus.id }).toString();
  const hidden = hiddenCount(n);
  const filtered = describeFilter(view.filter);
  $("exports").replaceChildren(
    filtered ? h("span", { class: "filtered" }, `Only: ${filtered} · `) : "",
    "Export its contradictions: ",
    ...(["html", "docx", "md", "csv", "json"] as const).flatMap((format, i) => [
      i ? " · " : "",
      h("a", { href: `/export/contradictions.${format}?${exportQuery}` }, format === "html" ? "memo" : format === "docx" ? "Word" : format.toUpperCase()),
    ]),
    " · ",
    view.all
      ? h("a", { href: viewUrl({ ...view, all: false, selected: null }), id: "toggle-all" }, "Only what bears on contradictions")
      : hidden
        ? h("a", { href: viewUrl({ ...view, all: true, selected: null }), id: "toggle-all" }, `Show everything (${hidden} more)`)
        : "",
  );

  // The timeline first: its height settles the graph's, which Cytoscape measures when it draws.
  let select = (_event: TimelineEvent) => {};
  renderTimeline(focus.timeline, (event) => select(event));
  const { cy, lookup } = draw(n, view.all);
  new ResizeObserver(() => cy.resize()).observe($("graph"));
  const contradictions = n.contradictions.edges.map((e) => e.node);

  const openContradiction = (id: string) => {
    const c = lookup.contradictions.get(id);
    if (!c) return;
    cy.elements().unselect();
    cy.$id(contradictionEdgeId(id)).select();
    rememberSelection(view, contradictionEdgeId(id));
    showInPanel(contradictionPanel(c, focus.id));
  };
  const overview = () => showInPanel(renderOverview(focus, contradictions, n.contradictions.totalCount, openContradiction));
  const openNode = (type: NodeType, ref: string) => {
    rememberSelection(view, nodeId(type, ref));
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
    if (event.target === cy) {
      rememberSelection(view, null);
      overview();
    }
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

  const selectElement = (id: string) => {
    const element = cy.$id(id);
    if (element.empty()) return false;
    if (element.group() === "edges") openContradiction(element.data("ref"));
    else {
      cy.elements().unselect();
      element.select();
      openNode(element.data("type"), element.data("ref"));
    }
    cy.animate({ center: { eles: element }, duration: 200 });
    return true;
  };
  setUpQuoteSearch(cy, selectElement);
  if (!(view.selected && selectElement(view.selected))) overview();
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

/** How many contradictions the explorer opens on without an organisation. */
const STRONGEST = 12;

/** Without ?organization=, the strongest contradictions overall, drawn, and the organisations to start from. */
async function strongest(view: ViewState) {
  setState("loading");
  const [contradictions, organizations] = await Promise.all([
    loadStrongest(view.filter, STRONGEST),
    query<{ organizations: { edges: { node: { id: string; name: string; kind: string } }[] } }>("query ExplorerOrganizations { organizations(first: 100) { edges { node { id name kind } } } }", {}),
  ]);
  document.title = "Strongest contradictions · claimgraph explorer";
  $("heading").textContent = "Strongest contradictions";
  $("exports").replaceChildren(h("a", { href: "/contradictions" }, "All contradictions, as a table"));
  $("timeline").replaceChildren();
  const { cy, lookup } = draw({ organization: null, contradictions }, false);
  new ResizeObserver(() => cy.resize()).observe($("graph"));
  const overview = () =>
    showInPanel(
      h(
        "article",
        {},
        h("p", { class: "eyebrow" }, "Overview"),
        h("h2", {}, "The strongest contradictions"),
        h("p", {}, `The ${contradictions.edges.length} strongest of ${contradictions.totalCount}, drawn as red dashed edges. Click one for its evidence chain, or pick an organisation:`),
        h("ul", { class: "organization-list" }, ...organizations.organizations.edges.map(({ node }) => h("li", {}, h("a", { href: viewUrl({ ...view, organization: node.id, selected: null }) }, node.name)))),
      ),
    );
  const open = (id: string) => {
    const element = cy.$id(id);
    if (element.empty()) return false;
    cy.elements().unselect();
    element.select();
    rememberSelection(view, id);
    const ref = element.data("ref");
    const type = element.group() === "edges" ? "contradiction" : element.data("type");
    if (type === "contradiction") showInPanel(contradictionPanel(lookup.contradictions.get(ref)!, lookup.contradictions.get(ref)!.statement.onBehalfOf?.id ?? ""));
    else if (type === "organization") showInPanel(renderOrganization(lookup.organizations.get(ref)!, false));
    else if (type === "statement") showInPanel(renderStatement(lookup.statements.get(ref)!));
    else if (type === "grant") showInPanel(renderGrant(lookup.grants.get(ref)!));
    else if (type === "report") showInPanel(renderReport(lookup.reports.get(ref)!));
    return true;
  };
  cy.on("tap", "edge.contradiction, node", (event) => void open((event.target as NodeSingular).id()));
  cy.on("tap", (event) => {
    if (event.target === cy) {
      rememberSelection(view, null);
      overview();
    }
  });
  setUpQuoteSearch(cy, open);
  if (!(view.selected && open(view.selected))) overview();
  window.claimgraphExplorer = { cy, organization: "" };
  setState(contradictions.edges.length ? "ready" : "empty");
}

setUpSearch();
const view = readView();
void (view.problems.length ? Promise.reject(new Error(view.problems.join(" "))) : view.organization ? explore(view) : strongest(view)).catch((error: Error) => {
  setState("error");
  showInPanel(h("article", {}, h("h2", {}, "Something went wrong"), h("p", { class: "error" }, error.message)));
});
