import { CONTRADICTION_KINDS } from "../../domain/model.ts";
import { speakerWords } from "../../domain/attribution.ts";
import { dateInWords } from "../../domain/citation.ts";
import { type ContradictionFilterInput, filterFromSearchParams, filterToSearchParams } from "../../export/filterParams.ts";
import { query } from "../explorer/api.ts";
import { h } from "../explorer/dom.ts";
import { KIND_LABELS } from "../explorer/labels.ts";

/**
 * /contradictions: every contradiction in one table, filtered by organisation, kind, least
 * severity, statement dates and text, with the filters in the URL (a filtered table is a link to
 * send), counts per kind, and pages read with the API's cursors. Each row links to its page.
 *
 * The API returns rows strongest first; a column's sort orders the rows of the page shown. The
 * text filter keeps the contradictions whose quote, speaker, parties or data contain the words: it
 * reads the filtered list through the API's pages (at most MAX_SCANNED rows) and pages the matches here.
 */
export const PAGE_SIZE = 25;
const MAX_SCANNED = 2000;

interface Row {
  id: string;
  kind: string;
  severity: number;
  statement: { form: string; quote: string | null; account: string | null; madeAt: string | null; speaker: string; onBehalfOf: { id: string; name: string } | null };
  grant: { grantor: { id: string; name: string } | null; grantee: { id: string; name: string } | null; data: { name: string }[] };
}

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: Row }[];
}

const ROW = `id kind severity
  statement { form quote account madeAt speaker onBehalfOf { id name } }
  grant { grantor { id name } grantee { id name } data { name } }`;

const TABLE_QUERY = `
query DeskContradictions($filter: ContradictionFilter!, $first: Int!, $after: String, ${CONTRADICTION_KINDS.map((k) => `$f${k}: ContradictionFilter!`).join(", ")}) {
  contradictions(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { ${ROW} } }
  }
  ${CONTRADICTION_KINDS.map((k) => `${k}: contradictions(filter: $f${k}, first: 0) { totalCount }`).join("\n  ")}
  organizations(first: 100) { edges { node { id name } } }
}`;

export type SortKey = "severity" | "date" | "kind" | "organization";
const SORTS: Record<SortKey, (a: Row, b: Row) => number> = {
  severity: (a, b) => b.severity - a.severity,
  date: (a, b) => (b.statement.madeAt ?? "").localeCompare(a.statement.madeAt ?? ""),
  kind: (a, b) => a.kind.localeCompare(b.kind) || b.severity - a.severity,
  organization: (a, b) => side(a).localeCompare(side(b)) || b.severity - a.severity,
};

const said = (r: Row) => {
  const words = speakerWords(r.statement);
  return words !== null ? `“${words}”` : `Reported speech, in the source's words: “${r.statement.account ?? ""}”`;
};

const side = (r: Row) => r.statement.onBehalfOf?.name ?? r.statement.speaker;

/** The table's state, all of it in the URL: the API filter, the text, the sort and the cursor. */
export interface TableState {
  filter: ContradictionFilterInput;
  problems: string[];
  text: string;
  sort: SortKey;
  after: string | null;
}

export function readState(params: URLSearchParams): TableState {
  const { filter, problems } = filterFromSearchParams(params);
  const sort = params.get("sort") as SortKey | null;
  return { filter, problems, text: params.get("text")?.trim() ?? "", sort: sort && sort in SORTS ? sort : "severity", after: params.get("after") || null };
}

export function stateUrl(state: Omit<TableState, "problems">): string {
  const params = filterToSearchParams(state.filter);
  if (state.text) params.set("text", state.text);
  if (state.sort !== "severity") params.set("sort", state.sort);
  if (state.after) params.set("after", state.after);
  const search = params.toString();
  return `/contradictions${search ? `?${search}` : ""}`;
}

/** Whether a row holds every word of the text (case-insensitive): quote, speaker, parties, data. */
function matches(row: Row, words: string[]): boolean {
  const haystack = [row.statement.quote, row.statement.account, row.statement.speaker, row.statement.onBehalfOf?.name, row.grant.grantor?.name, row.grant.grantee?.name, ...row.grant.data.map((d) => d.name)]
    .filter(Boolean)
    .join(" ")
    .toLowerCase();
  return words.every((word) => haystack.includes(word));
}

interface Loaded {
  rows: Row[];
  total: number;
  next: string | null;
  counts: Record<string, number>;
  organizations: { id: string; name: string }[];
}

async function load(state: TableState): Promise<Loaded> {
  const variables: Record<string, unknown> = { filter: state.filter, first: PAGE_SIZE, after: state.after };
  for (const kind of CONTRADICTION_KINDS) variables[`f${kind}`] = { ...state.filter, kinds: [kind] };
  type Answer = { contradictions: Page; organizations: { edges: { node: { id: string; name: string } }[] } } & Record<string, { totalCount: number }>;
  if (!state.text) {
    const data = await query<Answer>(TABLE_QUERY, variables);
    return {
      rows: data.contradictions.edges.map((e) => e.node),
      total: data.contradictions.totalCount,
      next: data.contradictions.pageInfo.hasNextPage ? data.contradictions.pageInfo.endCursor : null,
      counts: Object.fromEntries(CONTRADICTION_KINDS.map((k) => [k, data[k].totalCount])),
      organizations: data.organizations.edges.map((e) => e.node),
    };
  }
  // With a text: read the filtered list through the API's pages, keep the matches, page them here
  // (the cursor is then the index of the last match shown).
  const words = state.text.toLowerCase().split(/\s+/).filter(Boolean);
  const found: Row[] = [];
  let after: string | null = null;
  let first: Answer | null = null;
  for (let scanned = 0; scanned < MAX_SCANNED; scanned += 100) {
    // Without the kinds, so the counts per kind hold for the text; the kinds are applied below.
    const data: Answer = await query<Answer>(TABLE_QUERY, { ...variables, filter: { ...state.filter, kinds: undefined }, first: 100, after });
    first ??= data;
    found.push(...data.contradictions.edges.map((e) => e.node).filter((row) => matches(row, words)));
    if (!data.contradictions.pageInfo.hasNextPage) break;
    after = data.contradictions.pageInfo.endCursor;
  }
  const start = state.after && /^\d+$/.test(state.after) ? Number(state.after) : 0;
  const counts = Object.fromEntries(CONTRADICTION_KINDS.map((k) => [k, found.filter((r) => r.kind === k).length]));
  const inKinds = state.filter.kinds?.length ? found.filter((r) => state.filter.kinds!.includes(r.kind as never)) : found;
  return {
    rows: inKinds.slice(start, start + PAGE_SIZE),
    total: inKinds.length,
    next: start + PAGE_SIZE < inKinds.length ? String(start + PAGE_SIZE) : null,
    counts,
    organizations: first!.organizations.edges.map((e) => e.node),
  };
}

function filterForm(state: TableState, organizations: { id: string; name: string }[], counts: Record<string, number>): HTMLFormElement {
  const kinds = new Set(state.filter.kinds ?? []);
  const form = h(
    "form",
    { class: "filters", method: "get", action: "/contradictions", role: "search", "aria-label": "Filter the contradictions" },
    h(
      "label",
      {},
      "Organisation ",
      h(
        "select",
        { name: "organization" },
        h("option", { value: "" }, "any"),
        ...organizations.map((o) => {
          const option = h("option", { value: o.id }, o.name);
          option.selected = o.id === state.filter.organization;
          return option;
        }),
      ),
    ),
    h(
      "fieldset",
      { class: "kinds" },
      h("legend", {}, "Kind (count within the other filters)"),
      ...CONTRADICTION_KINDS.map((kind) => {
        const box = h("input", { type: "checkbox", name: "kind", value: kind });
        box.checked = kinds.has(kind);
        return h("label", { class: "kind" }, box, ` ${KIND_LABELS[kind]?.short ?? kind} `, h("span", { class: "count", "data-kind-count": kind }, String(counts[kind] ?? 0)));
      }),
    ),
    h("label", {}, "Severity at least ", h("input", { type: "number", name: "minSeverity", min: "0", max: "100", step: "5", value: state.filter.minSeverity?.toString() ?? "" })),
    h("label", {}, "Said from ", h("input", { type: "text", name: "from", placeholder: "YYYY[-MM[-DD]]", pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?", size: "10", value: state.filter.from ?? "" })),
    h("label", {}, "to ", h("input", { type: "text", name: "to", placeholder: "YYYY[-MM[-DD]]", pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?", size: "10", value: state.filter.to ?? "" })),
    h("label", {}, "Text ", h("input", { type: "search", name: "text", placeholder: "words of the quote, a party, data", value: state.text })),
    h("button", { type: "submit" }, "Filter"),
    " ",
    h("a", { href: "/contradictions" }, "Clear"),
  );
  return form;
}

function table(state: TableState, rows: Row[]): HTMLElement {
  const header = (key: SortKey | null, label: string) => {
    if (!key) return h("th", { scope: "col" }, label);
    const current = state.sort === key;
    return h(
      "th",
      { scope: "col", "aria-sort": current ? (key === "kind" || key === "organization" ? "ascending" : "descending") : undefined },
      h("a", { href: stateUrl({ ...state, sort: key }), "data-sort": key }, label, current ? " ▾" : ""),
    );
  };
  const sorted = [...rows].sort(SORTS[state.sort]);
  return h(
    "table",
    { class: "contradictions" },
    h("caption", { class: "visually-hidden" }, "Contradictions; a column's link sorts the rows of this page"),
    h("thead", {}, h("tr", {}, header("severity", "Severity"), header("kind", "Kind"), header("organization", "Said by"), header("date", "Said"), header(null, "Statement"), header(null, "Documented grant"))),
    h(
      "tbody",
      {},
      ...sorted.map((row) =>
        h(
          "tr",
          { "data-contradiction": row.id, "data-kind": row.kind },
          h("td", { class: "severity" }, String(row.severity)),
          h("td", {}, KIND_LABELS[row.kind]?.short ?? row.kind),
          h("td", {}, side(row)),
          h("td", { class: "date" }, row.statement.madeAt ? dateInWords(row.statement.madeAt) : "not known"),
          // Quotation marks only around the speaker's own words; reported speech is said to be the source's.
          h("td", {}, h("a", { class: "open", href: `/contradictions/${encodeURIComponent(row.id)}` }, said(row))),
          h("td", {}, `${row.grant.grantor?.name ?? "Users"} → ${row.grant.grantee?.name ?? "?"}: ${row.grant.data.map((d) => d.name).join(", ") || "data"}`),
        ),
      ),
    ),
  );
}

export async function renderTable(root: HTMLElement, params: URLSearchParams): Promise<void> {
  const state = readState(params);
  if (state.problems.length) {
    root.replaceChildren(h("h1", {}, "All contradictions"), h("ul", { class: "error" }, ...state.problems.map((p) => h("li", {}, p))), h("p", {}, h("a", { href: "/contradictions" }, "Show all contradictions")));
    return;
  }
  const loaded = await load(state);
  const nav = h(
    "nav",
    { class: "pager", "aria-label": "Pages" },
    state.after ? h("a", { href: stateUrl({ ...state, after: null }), rel: "first" }, "« First page") : null,
    loaded.next ? h("a", { href: stateUrl({ ...state, after: loaded.next }), rel: "next" }, "Next page »") : null,
  );
  root.replaceChildren(
    h("h1", {}, "All contradictions"),
    filterForm(state, loaded.organizations, loaded.counts),
    h("p", { class: "summary", id: "summary" }, `${loaded.total} contradiction${loaded.total === 1 ? "" : "s"}${loaded.total ? ", strongest first" : ""}.`),
    loaded.rows.length ? table(state, loaded.rows) : h("p", { class: "muted" }, "No contradiction matches these filters."),
    nav,
  );
  // Empty fields stay out of the URL: a link to the table names only the filters it uses.
  const form = root.querySelector("form")!;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    new FormData(form).forEach((value, key) => {
      if (String(value).trim()) params.append(key, String(value).trim());
    });
    if (state.sort !== "severity") params.set("sort", state.sort);
    location.assign(`/contradictions${params.size ? `?${params}` : ""}`);
  });
}
