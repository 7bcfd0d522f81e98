import { CONTRADICTION_KINDS, type ContradictionOrderField, DEFAULT_ORDER_DIRECTION } from "../../domain/model.ts";
import { speakerWords } from "../../domain/attribution.ts";
import { dateInWords } from "../../domain/citation.ts";
import { type ContradictionFilterInput, filterFromSearchParams, filterToSearchParams } from "../../export/filterParams.ts";
import { query } from "../explorer/api.ts";
import { h } from "../explorer/dom.ts";
import { KIND_LABELS } from "../explorer/labels.ts";

/**
 * /contradictions: every contradiction in one table, filtered by organisation, kind, least
 * severity, statement dates and text, with the filters in the URL (a filtered table is a link to
 * send), counts per kind, and pages read with the API's cursors, forward and back. Each row links
 * to its page.
 *
 * Everything is the API's: the filters (the text too), the order a column's link asks for (across
 * all pages: `orderBy`), and the pages (`after` for the next, `last`/`before` for the previous).
 * The URL holds the filter, `sort` and `dir` (when not strongest first), the cursor, and `size`
 * (rows a page, when not PAGE_SIZE).
 */
export const PAGE_SIZE = 25;

interface Row {
  id: string;
  kind: string;
  severity: number;
  statement: { form: string; quote: string | null; account: string | null; madeAt: string | null; speaker: string; speakerInferred: string | null; onBehalfOf: { id: string; name: string } | null };
  grant: { grantor: { id: string; name: string } | null; grantee: { id: string; name: string } | null; data: { name: string }[] };
}

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: { cursor: string; node: Row }[];
}

const ROW = `id kind severity
  statement { form quote account madeAt speaker speakerInferred onBehalfOf { id name } }
  grant { grantor { id name } grantee { id name } data { name } }`;

export const TABLE_QUERY = `
query DeskContradictions($filter: ContradictionFilter!, $orderBy: ContradictionOrder, $first: Int, $after: String, $last: Int, $before: String, ${CONTRADICTION_KINDS.map((k) => `$f${k}: ContradictionFilter!`).join(", ")}) {
  contradictions(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { ${ROW} } }
  }
  ${CONTRADICTION_KINDS.map((k) => `${k}: contradictions(filter: $f${k}, first: 0) { totalCount }`).join("\n  ")}
  organizations(first: 100) { edges { node { id name } } }
}`;

/** The columns a link sorts by (the API's ContradictionOrderField), by their URL names. */
const SORTS = { severity: "SEVERITY", date: "DATE", kind: "KIND", organization: "SPEAKER" } as const satisfies Record<string, ContradictionOrderField>;
export type SortKey = keyof typeof SORTS;
type Direction = "asc" | "desc";
const defaultDirection = (key: SortKey): Direction => (DEFAULT_ORDER_DIRECTION[SORTS[key]] === "DESC" ? "desc" : "asc");

/** The order in words, for the summary line. */
const ORDER_WORDS: Record<SortKey, Record<Direction, string>> = {
  severity: { desc: "strongest first", asc: "weakest first" },
  date: { desc: "latest first", asc: "earliest first" },
  kind: { asc: "by kind, strongest kind first", desc: "by kind, weakest kind first" },
  organization: { asc: "by who said them, A to Z", desc: "by who said them, Z to A" },
};

const said = (r: Row) => {
  const words = speakerWords(r.statement);
  if (words !== null) return `“${words}”`;
  return r.statement.speakerInferred
    ? `In the source's words, attributed to no one: “${r.statement.account ?? ""}”`
    : `Reported speech, in the source's words: “${r.statement.account ?? ""}”`;
};

const side = (r: Row) => r.statement.onBehalfOf?.name ?? r.statement.speaker;

/** "Said by", with a mark when the source never says who spoke (its tooltip: the extract's reason). */
function saidBy(r: Row): (HTMLElement | string)[] {
  const reason = r.statement.speakerInferred;
  if (!reason) return [side(r)];
  const tip = `The source does not say who spoke; the speaker is inferred: ${reason}`;
  return [side(r), " ", h("abbr", { class: "inferred", title: tip, "aria-label": tip, tabindex: "0", "data-inferred": "speaker" }, "(inferred)")];
}

/** The table's state, all of it in the URL: the API filter (text included), the order, the cursor and the page size. */
export interface TableState {
  filter: ContradictionFilterInput;
  problems: string[];
  sort: SortKey;
  dir: Direction;
  /** Rows after this cursor, or (`before`) the page before it; at most one of the two. */
  after: string | null;
  before: string | null;
  size: number;
}

export function readState(params: URLSearchParams): TableState {
  const { filter, problems } = filterFromSearchParams(params);
  const sortParam = params.get("sort");
  const sort: SortKey = sortParam && Object.hasOwn(SORTS, sortParam) ? (sortParam as SortKey) : "severity";
  const dirParam = params.get("dir");
  const dir: Direction = dirParam === "asc" || dirParam === "desc" ? dirParam : defaultDirection(sort);
  const sizeParam = params.get("size");
  const size = sizeParam && /^\d{1,3}$/.test(sizeParam) && Number(sizeParam) >= 1 && Number(sizeParam) <= 100 ? Number(sizeParam) : PAGE_SIZE;
  if (sizeParam && size !== Number(sizeParam)) problems.push(`size is a number of rows from 1 to 100; got "${sizeParam}".`);
  const after = params.get("after") || null;
  return { filter, problems, sort, dir, after, before: after ? null : params.get("before") || null, size };
}

export function stateUrl(state: Omit<TableState, "problems">): string {
  const params = filterToSearchParams(state.filter);
  if (state.sort !== "severity") params.set("sort", state.sort);
  if (state.dir !== defaultDirection(state.sort)) params.set("dir", state.dir);
  if (state.size !== PAGE_SIZE) params.set("size", String(state.size));
  if (state.after) params.set("after", state.after);
  else if (state.before) params.set("before", state.before);
  const search = params.toString();
  return `/contradictions${search ? `?${search}` : ""}`;
}

interface Loaded {
  rows: Row[];
  total: number;
  pageInfo: Page["pageInfo"];
  counts: Record<string, number>;
  organizations: { id: string; name: string }[];
}

/** TABLE_QUERY's variables for a state of the table. */
export function tableVariables(state: TableState): Record<string, unknown> {
  const orderBy = { field: SORTS[state.sort], direction: state.dir === "asc" ? "ASC" : "DESC" };
  const variables: Record<string, unknown> = state.before
    ? { filter: state.filter, orderBy, last: state.size, before: state.before }
    : { filter: state.filter, orderBy, first: state.size, after: state.after };
  for (const kind of CONTRADICTION_KINDS) variables[`f${kind}`] = { ...state.filter, kinds: [kind] };
  return variables;
}

async function load(state: TableState): Promise<Loaded> {
  const variables = tableVariables(state);
  type Answer = { contradictions: Page; organizations: { edges: { node: { id: string; name: string } }[] } } & Record<string, { totalCount: number }>;
  const data = await query<Answer>(TABLE_QUERY, variables);
  return {
    rows: data.contradictions.edges.map((e) => e.node),
    total: data.contradictions.totalCount,
    pageInfo: data.contradictions.pageInfo,
    counts: Object.fromEntries(CONTRADICTION_KINDS.map((k) => [k, data[k].totalCount])),
    organizations: data.organizations.edges.map((e) => e.node),
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
    h("label", {}, "Text ", h("input", { type: "search", name: "text", placeholder: "words of the quote, a party, data", value: state.filter.text ?? "" })),
    // The order as a field too: the column links are hidden on narrow screens (one card per row).
    h(
      "label",
      {},
      "Order ",
      h(
        "select",
        { name: "order" },
        ...(Object.keys(ORDER_WORDS) as SortKey[]).flatMap((key) =>
          (["desc", "asc"] as Direction[]).map((dir) => {
            const option = h("option", { value: `${key}.${dir}` }, ORDER_WORDS[key][dir]);
            option.selected = state.sort === key && state.dir === dir;
            return option;
          }),
        ),
      ),
    ),
    h("button", { type: "submit" }, "Filter"),
    " ",
    h("a", { href: "/contradictions" }, "Clear"),
  );
  return form;
}

function table(state: TableState, rows: Row[]): HTMLElement {
  // A column's link orders the whole list by it (its usual direction first; again, the other way),
  // from the first page.
  const header = (key: SortKey | null, label: string) => {
    if (!key) return h("th", { scope: "col" }, label);
    const current = state.sort === key;
    const dir: Direction = current ? (state.dir === "asc" ? "desc" : "asc") : defaultDirection(key);
    return h(
      "th",
      { scope: "col", "aria-sort": current ? (state.dir === "asc" ? "ascending" : "descending") : undefined },
      h("a", { href: stateUrl({ ...state, sort: key, dir, after: null, before: null }), "data-sort": key }, label, current ? (state.dir === "asc" ? " ▴" : " ▾") : ""),
    );
  };
  return h(
    "table",
    { class: "contradictions" },
    h("caption", { class: "visually-hidden" }, "Contradictions; a column's link orders all of them by it"),
    h("thead", {}, h("tr", {}, header("severity", "Severity"), header("kind", "Kind"), header("organization", "Said by"), header("date", "Said"), header(null, "Statement"), header(null, "Documented grant"))),
    h(
      "tbody",
      {},
      ...rows.map((row) =>
        h(
          "tr",
          { "data-contradiction": row.id, "data-kind": row.kind },
          h("td", { class: "severity" }, String(row.severity)),
          h("td", {}, KIND_LABELS[row.kind]?.short ?? row.kind),
          h("td", {}, ...saidBy(row)),
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
  const { pageInfo } = loaded;
  const nav = h(
    "nav",
    { class: "pager", "aria-label": "Pages" },
    pageInfo.hasPreviousPage ? h("a", { href: stateUrl({ ...state, after: null, before: null }), rel: "first" }, "« First page") : null,
    pageInfo.hasPreviousPage && pageInfo.startCursor ? h("a", { href: stateUrl({ ...state, after: null, before: pageInfo.startCursor }), rel: "prev" }, "‹ Previous page") : null,
    pageInfo.hasNextPage && pageInfo.endCursor ? h("a", { href: stateUrl({ ...state, after: pageInfo.endCursor, before: null }), rel: "next" }, "Next page ›") : null,
  );
  root.replaceChildren(
    h("h1", {}, "All contradictions"),
    filterForm(state, loaded.organizations, loaded.counts),
    h("p", { class: "summary", id: "summary" }, `${loaded.total} contradiction${loaded.total === 1 ? "" : "s"}${loaded.total ? `, ${ORDER_WORDS[state.sort][state.dir]}` : ""}.`),
    loaded.rows.length ? table(state, loaded.rows) : h("p", { class: "muted" }, "No contradiction matches these filters."),
    nav,
  );
  // Empty fields stay out of the URL: a link to the table names only the filters it uses.
  const form = root.querySelector("form")!;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    let order = { sort: state.sort, dir: state.dir };
    new FormData(form).forEach((value, key) => {
      const [sort, dir] = String(value).split(".");
      if (key === "order" && Object.hasOwn(ORDER_WORDS, sort) && (dir === "asc" || dir === "desc")) order = { sort: sort as SortKey, dir };
      else if (key !== "order" && String(value).trim()) params.append(key, String(value).trim());
    });
    // The order (the form's) and the page size stay; the cursor does not (the filtered list starts again).
    const url = new URL(stateUrl({ ...state, ...order, filter: {}, after: null, before: null }), location.href);
    url.searchParams.forEach((value, key) => params.set(key, value));
    location.assign(`/contradictions${params.size ? `?${params}` : ""}`);
  });
}
