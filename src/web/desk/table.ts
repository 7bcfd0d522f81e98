import { CONTRADICTION_KINDS, type ContradictionOrderField, DEFAULT_ORDER_DIRECTION } from "../../domain/model.ts";
import { speakerWords } from "../../domain/attribution.ts";
import { dateInWords } from "../../domain/citation.ts";
import { type ContradictionFilterInput, filterFromSearchParams, filterToSearchParams } from "../../export/filterParams.ts";
import { QUEUE_STATUSES, REVIEW_STATUSES, type ReviewStatus } from "../../review/model.ts";
import { ApiError, query } from "../explorer/api.ts";
import { h } from "../explorer/dom.ts";
import { KIND_LABELS, STATUS_LABELS } from "../explorer/labels.ts";
import { REVIEW_SUMMARY_FIELDS, type ReviewSummary, VIEWER_FIELDS, type Viewer, setStatus, statusBadge, statusFields, whenInWords, writeFailure } from "./review.ts";

/**
 * /contradictions: the findings in one table — one row per finding (a statement with every grant it
 * conflicts with, the grants inside the row), or, with `group=pairs`, one row per contradiction
 * (statement ~ grant) — filtered by organisation, kind, least severity, statement dates, text and
 * review status, with the filters in the URL (a filtered table is a link to send), counts per kind
 * and per status, and pages read with the API's cursors, forward and back. Each row links to its
 * page. `view=queue` is the review queue: the findings waiting (NEW and NEEDS_REPLY), the longest
 * waiting first, overdue requests for comment marked.
 *
 * A reviewer selects rows (each row's checkbox, or all of the page's) and sets their status in one
 * go: one reviewFinding per selected finding, with the version it was read at; a finding someone
 * changed meanwhile is reported with its state now (CONFLICT), the others are written.
 *
 * Everything is the API's: the filters (the text and statuses too), the order a column's link asks for
 * (across all pages: `orderBy`), and the pages (`after` for the next, `last`/`before` for the
 * previous). The URL holds the filter, `status` (comma-separated), `group`, `view`, `sort` and `dir`
 * (when not the view's default), the cursor, and `size` (rows a page, when not PAGE_SIZE).
 */
export const PAGE_SIZE = 25;

type Party = { id: string; name: string };
interface StatementCells {
  id: string;
  form: string;
  quote: string | null;
  account: string | null;
  madeAt: string | null;
  speaker: string;
  speakerInferred: string | null;
  onBehalfOf: Party | null;
}
interface GrantCells {
  grantor: Party | null;
  grantee: Party | null;
  data: { name: string }[];
}

/** One row per contradiction (`group=pairs`). */
interface PairRow {
  id: string;
  kind: string;
  severity: number;
  statement: StatementCells;
  grant: GrantCells;
  review: ReviewSummary;
}

/** One row per finding: its grants inside. */
interface FindingRow {
  id: string;
  kind: string;
  severity: number;
  grantCount: number;
  statement: StatementCells;
  contradictions: { id: string; kind: string; severity: number; grant: GrantCells }[];
  review: ReviewSummary;
}

interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

const STATEMENT = "statement { id form quote account madeAt speaker speakerInferred onBehalfOf { id name } }";
const GRANT = "grant { grantor { id name } grantee { id name } data { name } }";
const PAIR_ROW = `id kind severity ${STATEMENT} ${GRANT} review { ${REVIEW_SUMMARY_FIELDS} }`;
const FINDING_ROW = `id kind severity grantCount ${STATEMENT} contradictions { id kind severity ${GRANT} } review { ${REVIEW_SUMMARY_FIELDS} }`;

export type Group = "findings" | "pairs";

/**
 * The table's query, per grouping: the page of rows, the counts per kind and per status within the
 * other filters, the number of contradictions (pairs) of the whole list, the organisations of the
 * filter's list, and who is asking (a reader gets no write controls).
 */
function tableQuery(group: Group): string {
  const root = group === "findings" ? "findings" : "contradictions";
  const counts = [...CONTRADICTION_KINDS.map((k) => `${k}: ${root}(filter: $f${k}, first: 0) { totalCount }`), ...REVIEW_STATUSES.map((s) => `${s}: ${root}(filter: $s${s}, first: 0) { totalCount }`)];
  return `
query Desk${group === "findings" ? "Findings" : "Contradictions"}($filter: ContradictionFilter!, $orderBy: ContradictionOrder, $first: Int, $after: String, $last: Int, $before: String, ${[...CONTRADICTION_KINDS.map((k) => `$f${k}`), ...REVIEW_STATUSES.map((s) => `$s${s}`)].map((v) => `${v}: ContradictionFilter!`).join(", ")}) {
  list: ${root}(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { ${group === "findings" ? FINDING_ROW : PAIR_ROW} } }
  }
  ${group === "findings" ? "pairs: contradictions(filter: $filter, first: 0) { totalCount }" : ""}
  ${counts.join("\n  ")}
  organizations(first: 100) { edges { node { id name } } }
  ${VIEWER_FIELDS}
}`;
}

export const TABLE_QUERIES: Record<Group, string> = { findings: tableQuery("findings"), pairs: tableQuery("pairs") };

/** The columns a link sorts by (the API's ContradictionOrderField), by their URL names. */
const SORTS = { severity: "SEVERITY", date: "DATE", kind: "KIND", organization: "SPEAKER", waiting: "WAITING" } as const satisfies Record<string, ContradictionOrderField>;
export type SortKey = keyof typeof SORTS;
type Direction = "asc" | "desc";
const defaultDirection = (key: SortKey): Direction => (DEFAULT_ORDER_DIRECTION[SORTS[key]] === "DESC" ? "desc" : "asc");

/** The order in words, for the summary line. */
const ORDER_WORDS: Record<SortKey, Record<Direction, string>> = {
  severity: { desc: "strongest first", asc: "weakest first" },
  date: { desc: "latest first", asc: "earliest first" },
  kind: { asc: "by kind, strongest kind first", desc: "by kind, weakest kind first" },
  organization: { asc: "by who said them, A to Z", desc: "by who said them, Z to A" },
  waiting: { asc: "longest waiting first", desc: "most recently queued first" },
};

const said = (s: StatementCells) => {
  const words = speakerWords(s);
  if (words !== null) return `“${words}”`;
  return s.speakerInferred ? `In the source's words, attributed to no one: “${s.account ?? ""}”` : `Reported speech, in the source's words: “${s.account ?? ""}”`;
};

const side = (s: StatementCells) => s.onBehalfOf?.name ?? s.speaker;

/** "Said by", with a mark when the source never says who spoke (its tooltip: the extract's reason). */
function saidBy(s: StatementCells): (HTMLElement | string)[] {
  const reason = s.speakerInferred;
  if (!reason) return [side(s)];
  const tip = `The source does not say who spoke; the speaker is inferred: ${reason}`;
  return [side(s), " ", h("abbr", { class: "inferred", title: tip, "aria-label": tip, tabindex: "0", "data-inferred": "speaker" }, "(inferred)")];
}

const grantWords = (g: GrantCells) => `${g.grantor?.name ?? "Users"} → ${g.grantee?.name ?? "?"}: ${g.data.map((d) => d.name).join(", ") || "data"}`;

/** The table's state, all of it in the URL: the API filter (text and statuses included), the grouping, the view, the order, the cursor and the page size. */
export interface TableState {
  filter: ContradictionFilterInput;
  /** The review statuses shown (none: all). */
  statuses: ReviewStatus[];
  group: Group;
  /** The review queue: NEW and NEEDS_REPLY findings, the longest waiting first. */
  queue: boolean;
  problems: string[];
  sort: SortKey;
  dir: Direction;
  /** Rows after this cursor, or (`before`) the page before it; at most one of the two. */
  after: string | null;
  before: string | null;
  size: number;
}

const defaultSort = (queue: boolean): SortKey => (queue ? "waiting" : "severity");

export function readState(params: URLSearchParams): TableState {
  // `status=NEW,NEEDS_REPLY` (also repeated, any case) is read with the rest of the filter (src/export/filterParams.ts); kept apart here, in the order of REVIEW_STATUSES.
  const { filter: { statuses: given = [], ...filter }, problems } = filterFromSearchParams(params);
  const queue = params.get("view") === "queue";
  if (params.get("view") && !queue) problems.push(`view is "queue" (the review queue) or left out; got "${params.get("view")}".`);
  const groupParam = params.get("group");
  if (groupParam && groupParam !== "pairs" && groupParam !== "findings") problems.push(`group is "pairs" (one row per statement and grant) or "findings" (one row per statement, the default); got "${groupParam}".`);
  // The queue is of findings: reviews are decided per statement.
  const group: Group = groupParam === "pairs" && !queue ? "pairs" : "findings";
  const statuses = REVIEW_STATUSES.filter((s) => given.includes(s));
  if (queue) {
    const outside = statuses.filter((s) => !QUEUE_STATUSES.includes(s));
    if (outside.length) problems.push(`The review queue holds only ${QUEUE_STATUSES.join(" and ")} findings; ${outside.join(", ")} is not waiting.`);
  }
  const sortParam = params.get("sort");
  const sort: SortKey = sortParam && Object.hasOwn(SORTS, sortParam) ? (sortParam as SortKey) : defaultSort(queue);
  const dirParam = params.get("dir");
  const dir: Direction = dirParam === "asc" || dirParam === "desc" ? dirParam : defaultDirection(sort);
  const sizeParam = params.get("size");
  const size = sizeParam && /^\d{1,3}$/.test(sizeParam) && Number(sizeParam) >= 1 && Number(sizeParam) <= 100 ? Number(sizeParam) : PAGE_SIZE;
  if (sizeParam && size !== Number(sizeParam)) problems.push(`size is a number of rows from 1 to 100; got "${sizeParam}".`);
  const after = params.get("after") || null;
  return { filter, statuses, group, queue, problems, sort, dir, after, before: after ? null : params.get("before") || null, size };
}

export function stateUrl(state: Omit<TableState, "problems">): string {
  const params = filterToSearchParams(state.filter);
  if (state.statuses.length) params.set("status", state.statuses.join(","));
  if (state.queue) params.set("view", "queue");
  else if (state.group === "pairs") params.set("group", "pairs");
  if (state.sort !== defaultSort(state.queue)) params.set("sort", state.sort);
  if (state.dir !== defaultDirection(state.sort)) params.set("dir", state.dir);
  if (state.size !== PAGE_SIZE) params.set("size", String(state.size));
  if (state.after) params.set("after", state.after);
  else if (state.before) params.set("before", state.before);
  const search = params.toString();
  return `/contradictions${search ? `?${search}` : ""}`;
}

/** The statuses the API is asked for: the URL's, or in the queue, the queue's. */
const shownStatuses = (state: TableState): ReviewStatus[] => (state.statuses.length ? state.statuses : state.queue ? QUEUE_STATUSES : []);

/** The API's filter of the state: the URL's filter and the statuses shown. */
export function apiFilter(state: TableState): Record<string, unknown> {
  const statuses = shownStatuses(state);
  return statuses.length ? { ...state.filter, statuses } : { ...state.filter };
}

interface Loaded {
  rows: (PairRow | FindingRow)[];
  total: number;
  pairs: number | null;
  pageInfo: PageInfo;
  kindCounts: Record<string, number>;
  statusCounts: Record<string, number>;
  organizations: Party[];
  viewer: Viewer;
}

/** The table query's variables for a state of the table. */
export function tableVariables(state: TableState): Record<string, unknown> {
  const filter = apiFilter(state);
  const orderBy = { field: SORTS[state.sort], direction: state.dir === "asc" ? "ASC" : "DESC" };
  const variables: Record<string, unknown> = state.before ? { filter, orderBy, last: state.size, before: state.before } : { filter, orderBy, first: state.size, after: state.after };
  for (const kind of CONTRADICTION_KINDS) variables[`f${kind}`] = { ...filter, kinds: [kind] };
  // A status's count is within the other filters, the queue's statuses aside (the queue counts its own).
  for (const status of REVIEW_STATUSES) variables[`s${status}`] = { ...filter, statuses: [status] };
  return variables;
}

export const tableQueryOf = (state: TableState) => TABLE_QUERIES[state.group];

async function load(state: TableState): Promise<Loaded> {
  type Counted = { totalCount: number };
  type Answer = {
    list: { totalCount: number; pageInfo: PageInfo; edges: { cursor: string; node: PairRow | FindingRow }[] };
    pairs?: Counted;
    organizations: { edges: { node: Party }[] };
    viewer: Viewer;
  } & Record<string, Counted>;
  const data = await query<Answer>(tableQueryOf(state), tableVariables(state));
  return {
    rows: data.list.edges.map((e) => e.node),
    total: data.list.totalCount,
    pairs: data.pairs?.totalCount ?? null,
    pageInfo: data.list.pageInfo,
    kindCounts: Object.fromEntries(CONTRADICTION_KINDS.map((k) => [k, data[k].totalCount])),
    statusCounts: Object.fromEntries(REVIEW_STATUSES.map((s) => [s, data[s].totalCount])),
    organizations: data.organizations.edges.map((e) => e.node),
    viewer: data.viewer,
  };
}

function filterForm(state: TableState, loaded: Loaded): HTMLFormElement {
  const kinds = new Set(state.filter.kinds ?? []);
  const shown = new Set(shownStatuses(state));
  const statusChoices = state.queue ? QUEUE_STATUSES : REVIEW_STATUSES;
  return h(
    "form",
    { class: "filters", method: "get", action: "/contradictions", role: "search", "aria-label": state.queue ? "Filter the review queue" : "Filter the contradictions" },
    h(
      "label",
      {},
      "Organisation ",
      h(
        "select",
        { name: "organization" },
        h("option", { value: "" }, "any"),
        ...loaded.organizations.map((o) => {
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
        return h("label", { class: "kind" }, box, ` ${KIND_LABELS[kind]?.short ?? kind} `, h("span", { class: "count", "data-kind-count": kind }, String(loaded.kindCounts[kind] ?? 0)));
      }),
    ),
    h(
      "fieldset",
      { class: "kinds statuses-filter" },
      h("legend", {}, "Review status (count within the other filters)"),
      ...statusChoices.map((status) => {
        const box = h("input", { type: "checkbox", name: "status", value: status });
        box.checked = state.statuses.length ? shown.has(status) : false;
        return h("label", { class: "kind" }, box, ` ${STATUS_LABELS[status]} `, h("span", { class: "count", "data-status-count": status }, String(loaded.statusCounts[status] ?? 0)));
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
    h("a", { href: stateUrl({ filter: {}, statuses: [], group: state.group, queue: state.queue, sort: defaultSort(state.queue), dir: defaultDirection(defaultSort(state.queue)), after: null, before: null, size: state.size }) }, "Clear"),
  );
}

/** The status cell: the badge, a flag when a reload changed the evidence, an overdue request for comment, who decided last. */
function statusCell(review: ReviewSummary, queue: boolean): HTMLElement {
  const overdue = review.replyRequests.filter((r) => r.overdue);
  const waiting = review.replyRequests.filter((r) => !r.receivedAt && !r.overdue);
  return h(
    "td",
    { class: "review-status", "data-label": "Status" },
    statusBadge(review.status),
    review.evidenceChanged ? h("span", { class: "flag-mark", title: "A reload changed what this finding rests on since it was reviewed" }, " evidence changed") : null,
    ...overdue.map((r) => h("span", { class: "overdue-mark", "data-overdue": "true" }, ` Reply overdue${r.party ? ` (${r.party.name}` : " ("}${r.deadline ? `, deadline ${whenInWords(r.deadline)})` : ")"}`)),
    ...waiting.map((r) => h("span", { class: "muted waiting-reply" }, ` Asked ${r.party?.name ?? "a party"}${r.deadline ? `, deadline ${whenInWords(r.deadline)}` : ""}`)),
    queue && review.queuedAt ? h("span", { class: "muted since" }, ` Waiting since ${whenInWords(review.queuedAt)}`) : null,
    !queue && review.lastReviewer ? h("span", { class: "muted by" }, ` by ${review.lastReviewer}`) : null,
  );
}

/** A row's checkbox: it selects the row's finding (its id, the version read, a label for the report of a bulk change). */
function selectBox(findingId: string, version: number, label: string, rowKey: string): HTMLElement {
  const box = h("input", { type: "checkbox", class: "select-row", name: "select", value: findingId, "data-version": String(version), "data-label": label, id: `select-${rowKey}`, "aria-label": `Select: ${label}` });
  return h("td", { class: "select" }, box);
}

function table(state: TableState, rows: (PairRow | FindingRow)[], mayReview: boolean): HTMLElement {
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
  const findings = state.group === "findings";
  const label = (s: StatementCells) => `${side(s)}: ${said(s).slice(0, 80)}`;
  const body = rows.map((row) => {
    const s = row.statement;
    const cells = [
      h("td", { class: "severity", "data-label": "Severity" }, String(row.severity)),
      statusCell(row.review, state.queue),
      h("td", { class: "kind", "data-label": "Kind" }, KIND_LABELS[row.kind]?.short ?? row.kind),
      h("td", { class: "said-by", "data-label": "Said by" }, ...saidBy(s)),
      h("td", { class: "date", "data-label": "Said" }, s.madeAt ? dateInWords(s.madeAt) : "not known"),
    ];
    if (findings) {
      const f = row as FindingRow;
      return h(
        "tr",
        { "data-finding": f.id, "data-kind": f.kind, "data-status": f.review.status, class: f.review.replyRequests.some((r) => r.overdue) ? "overdue" : undefined },
        mayReview ? selectBox(f.id, f.review.version, label(s), f.id) : null,
        ...cells,
        // Quotation marks only around the speaker's own words; reported speech is said to be the source's.
        h("td", { class: "statement", "data-label": "Statement" }, h("a", { class: "open", href: `/findings/${encodeURIComponent(f.id)}` }, said(s))),
        h(
          "td",
          { class: "grants", "data-label": f.grantCount === 1 ? "Documented grant" : `${f.grantCount} documented grants` },
          h(
            "ul",
            { class: "grant-list" },
            ...f.contradictions.map((c) =>
              h("li", { "data-contradiction": c.id }, h("a", { href: `/contradictions/${encodeURIComponent(c.id)}` }, grantWords(c.grant)), h("span", { class: "muted" }, ` ${c.severity}, ${KIND_LABELS[c.kind]?.short ?? c.kind}`)),
            ),
          ),
        ),
      );
    }
    const p = row as PairRow;
    return h(
      "tr",
      { "data-contradiction": p.id, "data-finding": s.id, "data-kind": p.kind, "data-status": p.review.status },
      mayReview ? selectBox(s.id, p.review.version, label(s), p.id.replace(/~/g, "--")) : null,
      ...cells,
      h("td", { class: "statement", "data-label": "Statement" }, h("a", { class: "open", href: `/contradictions/${encodeURIComponent(p.id)}` }, said(s))),
      h("td", { class: "grants", "data-label": "Documented grant" }, grantWords(p.grant)),
    );
  });
  return h(
    "table",
    { class: "contradictions" },
    h("caption", { class: "visually-hidden" }, `${findings ? "Findings, one row per statement with its grants" : "Contradictions, one row per statement and grant"}; a column's link orders all of them by it`),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        mayReview ? h("th", { scope: "col", class: "select" }, h("span", { class: "visually-hidden" }, "Select")) : null,
        header("severity", "Severity"),
        state.queue ? header("waiting", "Status") : h("th", { scope: "col" }, "Status"),
        header("kind", "Kind"),
        header("organization", "Said by"),
        header("date", "Said"),
        header(null, "Statement"),
        header(null, findings ? "Documented grants" : "Documented grant"),
      ),
    ),
    h("tbody", {}, ...body),
  );
}

/**
 * The bulk status change: how many rows are selected, a box for all of the page's, the status (a
 * dismissal's reason required, from the list), a note, and the button. The report of what was
 * written and what was not comes back through `done`.
 */
function bulkForm(tableElement: HTMLElement, done: (report: BulkReport) => void): HTMLFormElement {
  const boxes = () => Array.from(tableElement.querySelectorAll<HTMLInputElement>("input.select-row"));
  const count = h("span", { id: "selected-count", "aria-live": "polite" }, "0 selected");
  const all = h("input", { type: "checkbox", id: "select-all" });
  const status = statusFields("bulk", null);
  const apply = h("button", { type: "submit", id: "bulk-apply", disabled: "" }, "Set the status of the selected");
  const sync = () => {
    const selected = boxes().filter((b) => b.checked);
    const findings = new Set(selected.map((b) => b.value));
    count.textContent = `${findings.size} finding${findings.size === 1 ? "" : "s"} selected`;
    apply.disabled = findings.size === 0;
    all.checked = selected.length > 0 && selected.length === boxes().length;
    all.indeterminate = selected.length > 0 && !all.checked;
    for (const box of boxes()) box.closest("tr")?.classList.toggle("selected", box.checked);
  };
  tableElement.addEventListener("change", (event) => {
    const box = event.target as HTMLInputElement;
    if (!box.classList.contains("select-row")) return;
    // In pairs, one finding has several rows: they are selected together.
    for (const other of boxes()) if (other.value === box.value) other.checked = box.checked;
    sync();
  });
  all.addEventListener("change", () => {
    for (const box of boxes()) box.checked = all.checked;
    sync();
  });
  const form = h(
    "form",
    { class: "bulk", id: "bulk-form", "aria-label": "Set the status of the selected findings" },
    h("div", { class: "bulk-head" }, h("label", { class: "choice", for: "select-all" }, all, " Select all on this page"), count),
    ...status.fields,
    h("div", { class: "buttons" }, apply),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    const input = status.read();
    if (!input) return;
    const targets = new Map<string, { version: number; label: string }>();
    for (const box of boxes()) if (box.checked && !targets.has(box.value)) targets.set(box.value, { version: Number(box.dataset.version), label: box.dataset.label ?? box.value });
    apply.disabled = true;
    form.setAttribute("aria-busy", "true");
    void applyToAll([...targets].map(([id, t]) => ({ id, ...t })), input).then(done);
  });
  sync();
  return form;
}

interface BulkReport {
  status: ReviewStatus;
  written: { id: string; label: string; version: number }[];
  refused: { id: string; label: string; message: string; code: string | undefined }[];
}

/**
 * One reviewFinding per finding, one after the other (each carries the bookmarks of the one before),
 * each with the version its row was read at. A refusal stops nothing: the rest are written, and
 * each refusal is reported with why.
 */
async function applyToAll(targets: { id: string; version: number; label: string }[], input: Parameters<typeof setStatus>[2]): Promise<BulkReport> {
  const report: BulkReport = { status: input.status, written: [], refused: [] };
  for (const target of targets) {
    try {
      const written = await setStatus(target.id, target.version, input);
      report.written.push({ id: target.id, label: target.label, version: written.review.version });
    } catch (error) {
      report.refused.push({ id: target.id, label: target.label, message: writeFailure(error), code: error instanceof ApiError ? error.code : undefined });
    }
  }
  return report;
}

function bulkReport(report: BulkReport): HTMLElement[] {
  const parts: HTMLElement[] = [];
  if (report.written.length) {
    parts.push(
      h(
        "div",
        { class: "review-notice", id: "bulk-written", role: "status", tabindex: "-1" },
        h("p", {}, `Set to ${STATUS_LABELS[report.status]}: ${report.written.length} finding${report.written.length === 1 ? "" : "s"}.`),
        h("ul", {}, ...report.written.map((w) => h("li", { "data-finding": w.id }, `${w.label} (version ${w.version})`))),
      ),
    );
  }
  if (report.refused.length) {
    parts.push(
      h(
        "div",
        { class: "review-alert error", id: "bulk-refused", role: "alert", tabindex: "-1" },
        h("p", {}, `Not changed: ${report.refused.length} finding${report.refused.length === 1 ? "" : "s"}. The table below shows each as it is now.`),
        h("ul", {}, ...report.refused.map((r) => h("li", { "data-finding": r.id, "data-code": r.code ?? "" }, h("strong", {}, r.label), ` — ${r.message}`))),
      ),
    );
  }
  return parts;
}

/** "One row per finding" / "one row per pair": links that keep the filter and the order. */
/** Reviews whose finding a reload removed: kept, with what changed (issue 23, point 4); shown under the review queue. */
export const NO_LONGER_FOUND_QUERY = `query NoLongerFound {
  reviewsNoLongerFound(first: 50) { findingId status version lastReviewer lastChangedAt changes }
}`;

interface GoneReview {
  findingId: string;
  status: ReviewStatus;
  version: number;
  lastReviewer: string | null;
  lastChangedAt: string | null;
  changes: string[];
}

function noLongerFound(reviews: GoneReview[]): HTMLElement {
  return h(
    "section",
    { class: "no-longer-found", id: "no-longer-found", "aria-labelledby": "no-longer-found-title" },
    h("h2", { id: "no-longer-found-title" }, "No longer found"),
    reviews.length
      ? h("p", { class: "muted" }, "Reviewed findings a reload removed. Their reviews are kept, with what changed; a finding that comes back keeps its history.")
      : h("p", { class: "muted" }, "No reviewed finding was removed by a reload."),
    reviews.length
      ? h(
          "ul",
          { class: "gone" },
          ...reviews.map((r) =>
            h(
              "li",
              { "data-finding": r.findingId },
              h("strong", {}, r.findingId),
              " ",
              statusBadge(r.status),
              r.lastReviewer ? h("span", { class: "muted" }, ` last decided by ${r.lastReviewer}${r.lastChangedAt ? `, ${whenInWords(r.lastChangedAt)}` : ""}`) : null,
              r.changes.length ? h("ul", { class: "changes" }, ...r.changes.map((c) => h("li", {}, c))) : null,
            ),
          ),
        )
      : null,
  );
}

function groupSwitch(state: TableState): HTMLElement {
  const link = (group: Group, label: string) =>
    group === state.group
      ? h("a", { href: stateUrl({ ...state, group, after: null, before: null }), "aria-current": "page", "data-group": group }, label)
      : h("a", { href: stateUrl({ ...state, group, after: null, before: null }), "data-group": group }, label);
  return h("nav", { class: "group-switch", "aria-label": "Rows" }, "Rows: ", link("findings", "one per finding (statement), its grants inside"), " · ", link("pairs", "one per statement and grant"));
}

export async function renderTable(root: HTMLElement, params: URLSearchParams, report?: BulkReport): Promise<void> {
  const state = readState(params);
  const title = state.queue ? "Review queue" : "All contradictions";
  document.title = `${title} · claimgraph`;
  if (state.problems.length) {
    root.replaceChildren(h("h1", {}, title), h("ul", { class: "error" }, ...state.problems.map((p) => h("li", {}, p))), h("p", {}, h("a", { href: "/contradictions" }, "Show all contradictions")));
    return;
  }
  const [loaded, gone] = await Promise.all([
    load(state),
    state.queue ? query<{ reviewsNoLongerFound: GoneReview[] }>(NO_LONGER_FOUND_QUERY, {}).then((d) => d.reviewsNoLongerFound) : Promise.resolve(null),
  ]);
  const { pageInfo } = loaded;
  const nav = h(
    "nav",
    { class: "pager", "aria-label": "Pages" },
    pageInfo.hasPreviousPage ? h("a", { href: stateUrl({ ...state, after: null, before: null }), rel: "first" }, "« First page") : null,
    pageInfo.hasPreviousPage && pageInfo.startCursor ? h("a", { href: stateUrl({ ...state, after: null, before: pageInfo.startCursor }), rel: "prev" }, "‹ Previous page") : null,
    pageInfo.hasNextPage && pageInfo.endCursor ? h("a", { href: stateUrl({ ...state, after: pageInfo.endCursor, before: null }), rel: "next" }, "Next page ›") : null,
  );
  const noun = state.group === "findings" ? (state.queue ? ["finding waiting", "findings waiting"] : ["finding", "findings"]) : ["contradiction", "contradictions"];
  const summary = `${loaded.total} ${noun[loaded.total === 1 ? 0 : 1]}${loaded.pairs !== null ? ` (${loaded.pairs} contradiction${loaded.pairs === 1 ? "" : "s"})` : ""}${loaded.total ? `, ${ORDER_WORDS[state.sort][state.dir]}` : ""}.`;
  const mayReview = loaded.viewer.mayReview && loaded.rows.length > 0;
  const tableElement = loaded.rows.length ? table(state, loaded.rows, mayReview) : h("p", { class: "muted" }, state.queue ? "Nothing waits for a review." : "No contradiction matches these filters.");
  const reported = report ? bulkReport(report) : [];
  const viewLinks = h(
    "p",
    { class: "views" },
    state.queue ? h("a", { href: "/contradictions" }, "All contradictions") : h("a", { href: "/contradictions?view=queue", id: "queue-link" }, "Review queue"),
    " · ",
    h("a", { href: "/contradictions?status=NEEDS_REPLY" }, "Waiting for a reply"),
  );
  const parts: (HTMLElement | null)[] = [
    h("h1", {}, title),
    viewLinks,
    state.queue ? h("p", { class: "muted" }, "Findings nobody has decided on yet (New), or sent back by a reload, and those waiting for a party's reply (Needs reply); the longest waiting first. A request for comment past its deadline is marked overdue.") : null,
    filterForm(state, loaded),
    state.queue ? null : groupSwitch(state),
    ...reported,
    h("p", { class: "summary", id: "summary" }, summary),
    mayReview
      ? bulkForm(tableElement, (done) => {
          // Read the table again (the writes' bookmarks travel with it) and say what was written.
          renderTable(root, params, done).then(
            () => (root.querySelector<HTMLElement>("#bulk-refused") ?? root.querySelector<HTMLElement>("#bulk-written"))?.focus(),
            (error: Error) => root.prepend(h("p", { class: "error", role: "alert" }, `The table could not be read again: ${error.message}`)),
          );
        })
      : loaded.viewer.mayReview
        ? null
        : h("p", { class: "muted read-only", id: "read-only" }, `You are signed in as ${loaded.viewer.subject}, a ${loaded.viewer.role}: reviews need the role reviewer.`),
    tableElement,
    nav,
    gone ? noLongerFound(gone) : null,
  ];
  root.replaceChildren(...parts.filter((part): part is HTMLElement => part !== null));
  // Empty fields stay out of the URL: a link to the table names only the filters it uses.
  const form = root.querySelector<HTMLFormElement>("form.filters")!;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const fields = new URLSearchParams();
    let order = { sort: state.sort, dir: state.dir };
    new FormData(form).forEach((value, key) => {
      const [sort, dir] = String(value).split(".");
      if (key === "order" && Object.hasOwn(ORDER_WORDS, sort) && (dir === "asc" || dir === "desc")) order = { sort: sort as SortKey, dir };
      else if (key !== "order" && String(value).trim()) fields.append(key, String(value).trim());
    });
    const next = readState(fields);
    if (next.problems.length) {
      location.assign(`/contradictions?${fields}`);
      return;
    }
    // The view, the grouping, the order (the form's) and the page size stay; the cursor does not (the filtered list starts again).
    location.assign(stateUrl({ ...next, group: state.group, queue: state.queue, ...order, after: null, before: null, size: state.size }));
  });
}
