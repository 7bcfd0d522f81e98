import "../desk/desk.css";
import "./intake.css";
import { ORGANIZATION_KINDS, STANCES, STATEMENT_FORMS } from "../../domain/model.ts";
import { clip, h } from "../explorer/dom.ts";

/**
 * /intake: from an article to a reviewed extract. Paste a text or open a file; the server drafts it
 * (`claimgraph draft`'s drafter, POST /intake/draft); the text is shown with every proposal marked
 * (quotes with their cue, accounts, grant sentences, organisations) and each statement and grant
 * has a card to accept, reject or correct it; what the draft missed is added from a selection of
 * the text. Each change is checked by the CLI's validator on the server (POST /intake/check), which
 * also previews the contradictions the extract would add to the graph (nothing written). Then the
 * extract and its text are downloaded, or, for a viewer who may write, saved into the seeds folder
 * and loaded (POST /intake/save). Every control is a native form control: keyboard operable.
 * Requests go to this origin only (the server's Origin check: src/server/hosts.ts).
 */

type Decision = "pending" | "accepted" | "rejected";
type Json = Record<string, unknown>;
interface Span {
  start: number;
  end: number;
}
interface Pending {
  at: string;
  suggestion: string;
  reason: string;
  confidence: number;
}
interface DraftAnswer {
  name: string;
  text: string;
  extract: Json & { source: Json; statements: Json[]; grants: Json[]; organizations: Json[]; people: Json[]; dataCategories: Json[] };
  pending: Pending[];
  highlights: {
    statements: { index: number; quote?: Span; account: Span; cue?: Span }[];
    grants: { index: number; sentence: Span }[];
    organizations: { id: string; start: number; end: number; known: boolean }[];
  };
  save: { allowed: boolean; reason: string };
  seedsDir: string;
  knownCategories?: string[];
}
interface Item {
  kind: "statement" | "grant";
  data: Json;
  decision: Decision;
  /** Where it lies in the text (quote / account / cue for statements, the sentence for grants). */
  spans: { quote?: Span; account?: Span; cue?: Span; sentence?: Span };
  pending: Pending[];
  added: boolean;
}
interface CheckAnswer {
  valid: boolean;
  isDraft: boolean;
  issues: { path: string; message: string; warning: boolean }[];
  contradictions: { statementId: string; grantId: string; kind: string; severity: number; grantor: string | null; grantee: string | null }[];
  yaml: string;
}

const root = document.getElementById("intake")!;
let state: (DraftAnswer & { items: Item[] }) | undefined;
let lastCheck: CheckAnswer | undefined;
let checkSeq = 0;
let checkTimer: number | undefined;

async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), credentials: "same-origin" });
  const answer = (await response.json().catch(() => ({}))) as T & { errors?: { message: string }[]; issues?: CheckAnswer["issues"] };
  if (!response.ok) {
    const error = new Error(answer.errors?.[0]?.message ?? `${path} answered ${response.status}`) as Error & { issues?: CheckAnswer["issues"] };
    error.issues = answer.issues;
    throw error;
  }
  return answer;
}

const slug = (text: string) =>
  text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80) || "item";

// ------------------------------------------------------------------------------------------------
// Step 1: the text

function renderStart() {
  const text = h("textarea", { id: "paste", rows: "12", "aria-describedby": "paste-help" });
  const file = h("input", { id: "file", type: "file", accept: ".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html" });
  const field = (id: string, label: string, placeholder = "") => h("label", { for: id }, label, h("input", { id, type: "text", placeholder }));
  const status = h("p", { id: "start-status", role: "status", "aria-live": "polite" });
  const form = h(
    "form",
    { id: "start", class: "start" },
    h("h1", {}, "Intake: from an article to an extract"),
    h("p", { id: "paste-help", class: "muted" }, "Paste the article's text, or open a file (.txt, .md, .html). Nothing leaves this server; the draft is a proposal to review, not a fact."),
    h("label", { for: "paste" }, "Article text"),
    text,
    h("label", { for: "file" }, "…or open a file ", file),
    h(
      "details",
      {},
      h("summary", {}, "The article's details (when the text does not give them)"),
      h("div", { class: "meta" }, field("title", "Title"), field("published", "Published", "YYYY-MM-DD"), field("publisher", "Publisher"), field("url", "Address", "https://…")),
    ),
    h("button", { type: "submit", id: "draft-button" }, "Draft the extract"),
    status,
  );
  let fileName = "pasted.txt";
  file.addEventListener("change", async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    fileName = chosen.name;
    text.value = await chosen.text();
    status.textContent = `Read ${chosen.name} (${chosen.size.toLocaleString()} bytes).`;
  });
  text.addEventListener("input", () => {
    if (!file.files?.length) fileName = "pasted.txt";
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!text.value.trim()) {
      status.textContent = "Paste a text or open a file first.";
      text.focus();
      return;
    }
    const value = (id: string) => (document.getElementById(id) as HTMLInputElement).value.trim() || undefined;
    status.textContent = "Drafting…";
    try {
      const answer = await post<DraftAnswer>("/intake/draft", {
        fileName,
        content: text.value,
        title: value("title"),
        published: value("published"),
        publisher: value("publisher"),
        url: value("url"),
      });
      start(answer);
    } catch (error) {
      status.textContent = (error as Error).message;
      status.classList.add("error");
    }
  });
  root.replaceChildren(form);
}

// ------------------------------------------------------------------------------------------------
// Step 2: review

function start(answer: DraftAnswer) {
  const pendingOf = (prefix: string) => answer.pending.filter((p) => p.at === prefix || p.at.startsWith(`${prefix}.`));
  const items: Item[] = [
    ...answer.extract.statements.map((data, i): Item => {
      const spans = answer.highlights.statements.find((s) => s.index === i);
      return { kind: "statement", data, decision: "pending", spans: { quote: spans?.quote, account: spans?.account, cue: spans?.cue }, pending: pendingOf(`statements[${i}]`), added: false };
    }),
    ...answer.extract.grants.map((data, i): Item => {
      const spans = answer.highlights.grants.find((g) => g.index === i);
      return { kind: "grant", data, decision: "pending", spans: { sentence: spans?.sentence }, pending: pendingOf(`grants[${i}]`), added: false };
    }),
  ];
  state = { ...answer, items };
  renderReview();
  document.body.dataset.state = "review";
  scheduleCheck(0);
}

const statements = () => state!.items.filter((i) => i.kind === "statement");
const grants = () => state!.items.filter((i) => i.kind === "grant");
const itemId = (item: Item) => `${item.kind}-${state!.items.indexOf(item)}`;

function renderReview() {
  const s = state!;
  const undecided = s.items.filter((i) => i.decision === "pending").length;
  const layout = h(
    "div",
    { class: "review" },
    h(
      "section",
      { class: "article", "aria-labelledby": "article-heading" },
      h("h2", { id: "article-heading" }, String(s.extract.source.title ?? s.name)),
      h(
        "p",
        { class: "legend" },
        h("span", { class: "m-quote" }, "quote"),
        " ",
        h("span", { class: "m-cue" }, "cue"),
        " ",
        h("span", { class: "m-account" }, "account"),
        " ",
        h("span", { class: "m-grant" }, "grant sentence"),
        " ",
        h("span", { class: "m-org" }, "organisation"),
      ),
      articleText(),
      addForm(),
    ),
    h(
      "section",
      { class: "proposals", "aria-labelledby": "proposals-heading" },
      h("h2", { id: "proposals-heading" }, `Proposals (${s.items.length}; ${undecided} to decide)`),
      h("p", {}, h("button", { type: "button", id: "accept-all", disabled: undecided === 0 ? "" : undefined }, "Accept every undecided proposal")),
      h("h3", {}, "Statements"),
      statements().length ? h("ol", { class: "cards" }, ...statements().map(statementCard)) : h("p", { class: "muted" }, "None proposed: add them from the text."),
      h("h3", {}, "Grants"),
      grants().length ? h("ol", { class: "cards" }, ...grants().map(grantCard)) : h("p", { class: "muted" }, "None proposed: add them from the text."),
      organisationsPanel(),
    ),
    verdictPanel(),
  );
  const focused = document.activeElement?.id;
  root.replaceChildren(layout);
  if (focused) document.getElementById(focused)?.focus();
  document.getElementById("accept-all")!.addEventListener("click", () => {
    for (const item of s.items) if (item.decision === "pending") item.decision = "accepted";
    changed();
  });
  renderVerdict();
}

/** The text with every proposal marked: one element per run of text covered by the same marks. */
function articleText(): HTMLElement {
  const s = state!;
  const marks: { span: Span; cls: string; item?: string; title?: string }[] = [];
  for (const item of s.items) {
    if (item.decision === "rejected") continue;
    const id = itemId(item);
    const speaker = String(item.data.speaker ?? "");
    if (item.spans.account) marks.push({ span: item.spans.account, cls: "m-account", item: id, title: `${item.data.form} statement by ${speaker}` });
    if (item.spans.quote) marks.push({ span: item.spans.quote, cls: "m-quote", item: id, title: `quote of ${speaker}` });
    if (item.spans.cue) marks.push({ span: item.spans.cue, cls: "m-cue", item: id, title: `cue of ${speaker}'s statement` });
    if (item.spans.sentence) marks.push({ span: item.spans.sentence, cls: "m-grant", item: id, title: `grant ${item.data.grantor ?? "(self)"} → ${item.data.grantee}` });
  }
  for (const org of s.highlights.organizations) marks.push({ span: org, cls: "m-org", title: `organisation ${org.id}${org.known ? " (known)" : " (new)"}` });
  const cuts = new Set([0, s.text.length]);
  for (const m of marks) cuts.add(Math.max(0, Math.min(s.text.length, m.span.start))).add(Math.max(0, Math.min(s.text.length, m.span.end)));
  const points = [...cuts].sort((a, b) => a - b);
  const container = h("div", { id: "article-text", class: "text" });
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const covering = marks.filter((m) => m.span.start <= from && m.span.end >= to);
    const piece = s.text.slice(from, to);
    if (covering.length === 0) {
      container.append(piece);
      continue;
    }
    const item = [...covering].reverse().find((m) => m.item)?.item;
    const mark = h("span", { class: [...new Set(covering.map((m) => m.cls))].join(" "), title: covering.map((m) => m.title).filter(Boolean).join("; "), "data-item": item }, piece);
    if (item) mark.addEventListener("click", () => showCard(item));
    container.append(mark);
  }
  return container;
}

function showCard(id: string) {
  const card = document.getElementById(`card-${id}`);
  if (!card) return;
  card.scrollIntoView({ block: "nearest" });
  card.querySelector<HTMLElement>("input, select, button")?.focus();
}

function showInText(id: string) {
  const mark = document.querySelector<HTMLElement>(`#article-text [data-item="${id}"]`);
  if (!mark) return;
  document.querySelectorAll(".flash").forEach((m) => m.classList.remove("flash"));
  document.querySelectorAll(`#article-text [data-item="${id}"]`).forEach((m) => m.classList.add("flash"));
  mark.scrollIntoView({ block: "center" });
}

function decisionControl(item: Item): HTMLElement {
  const id = itemId(item);
  const group = h("fieldset", { class: "decision" }, h("legend", { class: "visually-hidden" }, "Decision"));
  for (const [value, label] of [
    ["accepted", "Accept"],
    ["rejected", "Reject"],
    ["pending", "Undecided"],
  ] as const) {
    const input = h("input", { type: "radio", name: `decision-${id}`, id: `decision-${id}-${value}`, value });
    input.checked = item.decision === value;
    input.addEventListener("change", () => {
      item.decision = value;
      changed();
    });
    group.append(h("label", { for: input.id }, input, label));
  }
  return group;
}

function select(id: string, label: string, options: [string, string][], value: string | undefined, onChange: (value: string) => void): HTMLElement {
  const control = h("select", { id }, ...options.map(([v, text]) => h("option", { value: v }, text)));
  control.value = value ?? "";
  control.addEventListener("change", () => onChange(control.value));
  return h("label", { for: id }, `${label} `, control);
}

function textInput(id: string, label: string, value: string, onChange: (value: string) => void, help?: string): HTMLElement {
  const control = h("input", { id, type: "text", value, "aria-description": help });
  control.addEventListener("change", () => onChange(control.value));
  return h("label", { for: id }, `${label} `, control);
}

const orgOptions = (): [string, string][] => state!.extract.organizations.map((o) => [String(o.id), `${o.name} (${o.id})`]);
const partyOptions = (): [string, string][] => [...state!.extract.people.map((p): [string, string] => [String(p.id), `${p.name ?? p.description ?? p.id} (person)`]), ...orgOptions()];
const list = (value: unknown): string[] => (value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);
const ids = (value: string) =>
  value
    .split(/[,\s]+/)
    .map((v) => slug(v))
    .filter((v) => v !== "item" && v !== "");

function statementCard(item: Item): HTMLElement {
  const id = itemId(item);
  const d = item.data;
  const about = (d.about ??= {}) as Json;
  const words = String(d.quote ?? (d.reportedIn as Json[] | undefined)?.find((r) => r.account)?.account ?? "");
  const card = h(
    "li",
    { id: `card-${id}`, class: `card ${item.decision}`, "aria-label": `${d.form} statement by ${d.speaker}` },
    h("p", { class: "words" }, h("strong", {}, String(d.form)), " ", d.quote ? `“${clip(words, 240)}”` : clip(words, 240)),
    decisionControl(item),
    h(
      "div",
      { class: "fields" },
      select(`${id}-speaker`, "Speaker", partyOptions(), String(d.speaker), (v) => {
        d.speaker = v;
        const person = state!.extract.people.find((p) => p.id === v);
        const onBehalfOf = person ? (person.speaksFor as string | undefined) : v;
        if (onBehalfOf) d.onBehalfOf = onBehalfOf;
        else delete d.onBehalfOf;
        // the reporter chose the speaker: no longer the draft's inference
        delete d.speakerInferred;
        decide(item);
      }),
      select(`${id}-form`, "Form", STATEMENT_FORMS.map((f) => [f, f]), String(d.form), (v) => {
        setForm(item, v);
        decide(item);
      }),
      select(`${id}-stance`, "Stance", STANCES.map((s) => [s, s]), String(d.stance), (v) => {
        d.stance = v;
        decide(item);
      }),
      select(`${id}-grantor`, "About grantor", [["", "—"], ...orgOptions()], list(about.grantor)[0], (v) => {
        if (v) about.grantor = v;
        else delete about.grantor;
        decide(item);
      }),
      select(`${id}-grantee`, "About grantee", [["", "—"], ...orgOptions()], list(about.grantee)[0], (v) => {
        if (v) about.grantee = v;
        else delete about.grantee;
        decide(item);
      }),
      textInput(`${id}-data`, "About data", list(about.data).join(", "), (v) => {
        const data = ids(v);
        if (data.length) about.data = data;
        else delete about.data;
        decide(item);
      }, "data category ids, separated by commas; empty: any data"),
    ),
    d.speakerInferred ? h("p", { class: "inferred" }, `Speaker inferred: ${d.speakerInferred}`) : null,
    reasons(item),
    h("button", { type: "button", class: "link", id: `${id}-show` }, "Show in the text"),
  );
  card.querySelector(`#${id}-show`)!.addEventListener("click", () => showInText(id));
  return card;
}

function grantCard(item: Item): HTMLElement {
  const id = itemId(item);
  const d = item.data;
  const evidence = (d.documentedIn as Json[] | undefined)?.[0];
  const card = h(
    "li",
    { id: `card-${id}`, class: `card ${item.decision}`, "aria-label": `grant ${d.grantor ?? "(self)"} to ${d.grantee}` },
    h("p", { class: "words" }, h("strong", {}, "Grant"), " ", clip(String(evidence?.quote ?? evidence?.account ?? ""), 240)),
    decisionControl(item),
    h(
      "div",
      { class: "fields" },
      select(`${id}-grantor`, "Grantor", [["", "— (self-collected)"], ...orgOptions()], d.grantor as string | undefined, (v) => {
        if (v) d.grantor = v;
        else delete d.grantor;
        decide(item);
      }),
      select(`${id}-grantee`, "Grantee", orgOptions(), String(d.grantee), (v) => {
        d.grantee = v;
        decide(item);
      }),
      textInput(`${id}-data`, "Data", list(d.data).join(", "), (v) => {
        const data = ids(v);
        if (data.length) d.data = data;
        decide(item);
      }, "data category ids, separated by commas"),
    ),
    reasons(item),
    h("button", { type: "button", class: "link", id: `${id}-show` }, "Show in the text"),
  );
  card.querySelector(`#${id}-show`)!.addEventListener("click", () => showInText(id));
  return card;
}

function reasons(item: Item): HTMLElement | null {
  if (item.pending.length === 0) return null;
  return h(
    "details",
    { class: "reasons" },
    h("summary", {}, "Why the draft proposes this"),
    h("ul", {}, ...item.pending.map((p) => h("li", {}, `${p.suggestion}: ${p.reason} (confidence ${Math.round(p.confidence * 100)}%)`))),
  );
}

/** A correction is a decision: the item is accepted as corrected. */
function decide(item: Item) {
  if (item.decision === "pending") item.decision = "accepted";
  changed();
}

/** A statement's form, with what the format asks of it: DIRECT a quote, REPORTED an account only, MIXED both. */
function setForm(item: Item, form: string) {
  const s = state!;
  const d = item.data;
  const quote = item.spans.quote ? s.text.slice(item.spans.quote.start, item.spans.quote.end) : (d.quote as string | undefined);
  const account = item.spans.account ? s.text.slice(item.spans.account.start, item.spans.account.end) : quote;
  d.form = form;
  if (form === "REPORTED") delete d.quote;
  else d.quote = quote ?? account;
  const sourceId = String(s.extract.source.id);
  for (const r of d.reportedIn as Json[]) {
    if (r.report !== sourceId) continue;
    if (form === "DIRECT") delete r.account;
    else r.account = account;
  }
}

function organisationsPanel(): HTMLElement {
  const s = state!;
  const name = h("input", { id: "new-org-name", type: "text" });
  const kind = h("select", { id: "new-org-kind" }, ...ORGANIZATION_KINDS.map((k) => h("option", { value: k }, k)));
  const add = h("button", { type: "button", id: "new-org-add" }, "Add organisation");
  add.addEventListener("click", () => {
    const value = name.value.trim();
    if (!value) return name.focus();
    const id = slug(value);
    if (!s.extract.organizations.some((o) => o.id === id)) s.extract.organizations.push({ id, name: value, kind: kind.value });
    changed();
  });
  return h(
    "details",
    { class: "organisations" },
    h("summary", {}, `Organisations (${s.extract.organizations.length})`),
    h(
      "ul",
      {},
      ...s.extract.organizations.map((o, i) =>
        h(
          "li",
          {},
          textInput(`org-${i}-name`, String(o.id), String(o.name), (v) => {
            o.name = v;
            changed();
          }),
          " ",
          select(`org-${i}-kind`, "kind", ORGANIZATION_KINDS.map((k) => [k, k]), String(o.kind), (v) => {
            o.kind = v;
            changed();
          }),
        ),
      ),
    ),
    h("div", { class: "fields" }, h("label", { for: "new-org-name" }, "New organisation ", name), h("label", { for: "new-org-kind" }, "kind ", kind), add),
  );
}

/** Adding what the draft missed: a passage of the text (selected, or pasted into the field), as a statement or a grant. */
function addForm(): HTMLElement {
  const passage = h("textarea", { id: "add-passage", rows: "3", "aria-describedby": "add-help" });
  const fromSelection = h("button", { type: "button", id: "add-from-selection" }, "Use the selected text");
  const what = h("select", { id: "add-what" }, ...["DIRECT statement", "REPORTED statement", "grant"].map((v) => h("option", { value: v }, v)));
  const party = h("select", { id: "add-party" }, ...partyOptions().map(([v, t]) => h("option", { value: v }, t)));
  const grantee = h("select", { id: "add-grantee" }, h("option", { value: "" }, "—"), ...orgOptions().map(([v, t]) => h("option", { value: v }, t)));
  const data = h("input", { id: "add-data", type: "text", value: "personal-data" });
  const add = h("button", { type: "button", id: "add-button" }, "Add");
  const status = h("p", { id: "add-status", role: "status", "aria-live": "polite" });
  fromSelection.addEventListener("click", () => {
    const span = selectedSpan();
    if (!span) {
      status.textContent = "Select a passage of the article's text first.";
      return;
    }
    passage.value = state!.text.slice(span.start, span.end);
    passage.dataset.start = String(span.start);
    status.textContent = "";
  });
  add.addEventListener("click", () => {
    const s = state!;
    const words = passage.value.trim();
    const start = passage.dataset.start && s.text.startsWith(words, Number(passage.dataset.start)) ? Number(passage.dataset.start) : s.text.indexOf(words);
    if (!words || start < 0) {
      status.textContent = words ? "That passage is not in the text, word for word: select it in the text, or copy it exactly." : "Select or paste a passage first.";
      passage.focus();
      return;
    }
    const span = { start, end: start + words.length };
    const sourceId = String(s.extract.source.id);
    const speaker = party.value;
    const person = s.extract.people.find((p) => p.id === speaker);
    const onBehalfOf = person ? (person.speaksFor as string | undefined) : speaker;
    const used = new Set(s.items.map((i) => String(i.data.id)));
    const uniqueId = (base: string) => {
      let id = base;
      for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
      return id;
    };
    if (what.value === "grant") {
      if (!grantee.value) {
        status.textContent = "A grant needs a grantee.";
        grantee.focus();
        return;
      }
      const dataIds = ids(data.value);
      s.items.push({
        kind: "grant",
        data: { id: uniqueId(slug(`${speaker}-${grantee.value}-${dataIds[0] ?? "data"}`)), grantor: speaker, grantee: grantee.value, data: dataIds.length ? dataIds : ["personal-data"], documentedIn: [{ report: sourceId, quote: words }] },
        decision: "accepted",
        spans: { sentence: span },
        pending: [],
        added: true,
      });
    } else {
      const direct = what.value.startsWith("DIRECT");
      s.items.push({
        kind: "statement",
        data: {
          id: uniqueId(slug(`${speaker}-${words.split(/\s+/).slice(0, 6).join(" ")}`)),
          form: direct ? "DIRECT" : "REPORTED",
          ...(direct ? { quote: words } : {}),
          speaker,
          ...(onBehalfOf ? { onBehalfOf } : {}),
          stance: "CONTEXT",
          about: onBehalfOf ? { grantor: onBehalfOf } : { data: ["personal-data"] },
          reportedIn: [{ report: sourceId, ...(direct ? {} : { account: words }) }],
        },
        decision: "accepted",
        spans: direct ? { quote: span } : { account: span },
        pending: [],
        added: true,
      });
    }
    passage.value = "";
    status.textContent = `Added a ${what.value}: correct it in its card.`;
    changed();
    showCard(itemId(s.items[s.items.length - 1]));
  });
  return h(
    "details",
    { class: "add", open: "" },
    h("summary", {}, "Add what the draft missed"),
    h("p", { id: "add-help", class: "muted" }, "Select a passage in the text and press “Use the selected text”, or paste the passage (word for word) into the field."),
    h("div", { class: "fields" }, h("label", { for: "add-passage" }, "Passage ", passage), fromSelection),
    h(
      "div",
      { class: "fields" },
      h("label", { for: "add-what" }, "As ", what),
      h("label", { for: "add-party" }, "Speaker or grantor ", party),
      h("label", { for: "add-grantee" }, "Grantee (grants) ", grantee),
      h("label", { for: "add-data" }, "Data (grants) ", data),
      add,
    ),
    status,
  );
}

/** The selection's offsets in the article's text (the rendered text is the text itself). */
function selectedSpan(): Span | undefined {
  const selection = window.getSelection();
  const container = document.getElementById("article-text");
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed || !container) return undefined;
  const range = selection.getRangeAt(0);
  if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return undefined;
  const before = document.createRange();
  before.setStart(container, 0);
  before.setEnd(range.startContainer, range.startOffset);
  const start = before.toString().length;
  let end = start + range.toString().length;
  let from = start;
  const text = state!.text;
  while (from < end && /\s/.test(text[from])) from++;
  while (end > from && /\s/.test(text[end - 1])) end--;
  return end > from ? { start: from, end } : undefined;
}

// ------------------------------------------------------------------------------------------------
// The extract as reviewed, its check and its saving

/** The extract as the page holds it: rejected proposals out, a draft block while any is undecided. */
function currentExtract(): Json & { source: Json } {
  const s = state!;
  const kept = (kind: Item["kind"]) => s.items.filter((i) => i.kind === kind && i.decision !== "rejected");
  const statementsKept = kept("statement");
  const grantsKept = kept("grant");
  const grantIds = new Set(grantsKept.map((g) => g.data.id));
  const grantsOut = grantsKept.map((g) => {
    const data = { ...g.data };
    if (data.derivedFrom && !grantIds.has(data.derivedFrom)) delete data.derivedFrom;
    return data;
  });
  // the data categories named and defined nowhere (the extract, the graph): defined by their id
  const categories = [...s.extract.dataCategories];
  const known = new Set([...categories.map((c) => String(c.id)), ...(s.knownCategories ?? [])]);
  for (const id of [...grantsOut.flatMap((g) => list(g.data)), ...statementsKept.flatMap((i) => list((i.data.about as Json).data))]) {
    if (!known.has(id)) {
      categories.push({ id, name: id.replace(/-/g, " ") });
      known.add(id);
    }
  }
  const undecided: Pending[] = [];
  statementsKept.forEach((item, i) => {
    if (item.decision === "pending") undecided.push(...renumber(item, `statements[${i}]`));
  });
  grantsKept.forEach((item, i) => {
    if (item.decision === "pending") undecided.push(...renumber(item, `grants[${i}]`));
  });
  const { draft: _draft, ...rest } = s.extract;
  return {
    ...(undecided.length ? { draft: { by: "the intake page", review: "Accept, correct or reject each pending proposal, then delete this draft: block.", pending: undecided } } : {}),
    ...rest,
    dataCategories: categories,
    statements: statementsKept.map((i) => i.data),
    grants: grantsOut,
  };
}

function renumber(item: Item, at: string): Pending[] {
  const entries = item.pending.length ? item.pending : [{ at, suggestion: `${item.kind} ${item.data.id}`, reason: "added on the intake page", confidence: 1 }];
  return entries.map((p) => ({ ...p, at: p.at.replace(/^(statements|grants)\[\d+\]/, at) }));
}

function changed() {
  renderReview();
  scheduleCheck();
}

function scheduleCheck(delay = 400) {
  window.clearTimeout(checkTimer);
  const verdict = document.getElementById("verdict-status");
  if (verdict) verdict.textContent = "Checking…";
  checkTimer = window.setTimeout(runCheck, delay);
}

async function runCheck() {
  const seq = ++checkSeq;
  const s = state!;
  try {
    const answer = await post<CheckAnswer>("/intake/check", { name: s.name, text: s.text, extract: currentExtract() });
    if (seq !== checkSeq) return; // a later change is being checked
    lastCheck = answer;
  } catch (error) {
    if (seq !== checkSeq) return;
    lastCheck = { valid: false, isDraft: false, issues: [{ path: "", message: (error as Error).message, warning: false }], contradictions: [], yaml: "" };
  }
  renderVerdict();
}

function verdictPanel(): HTMLElement {
  const s = state!;
  const name = h("input", { id: "save-name", type: "text", value: s.name });
  name.addEventListener("change", () => {
    s.name = slug(name.value);
    name.value = s.name;
    scheduleCheck(0);
  });
  return h(
    "section",
    { class: "verdict", "aria-labelledby": "verdict-heading" },
    h("h2", { id: "verdict-heading" }, "Validator and preview"),
    h("p", { id: "verdict-status", role: "status", "aria-live": "polite" }, "Checking…"),
    h("ul", { id: "issues", class: "issues" }),
    h("h3", {}, "Contradictions this extract would add"),
    h("p", { class: "muted" }, "A dry run against the graph as it is now: nothing is written."),
    h("ul", { id: "preview", class: "preview" }),
    h("h3", {}, "Save"),
    h("div", { class: "fields" }, h("label", { for: "save-name" }, "File name ", name, ".yaml")),
    h(
      "div",
      { class: "save-buttons" },
      h("button", { type: "button", id: "download-yaml" }, "Download the extract (YAML)"),
      h("button", { type: "button", id: "download-text" }, "Download its text"),
      h("button", { type: "button", id: "save-seeds" }, `Save into ${s.seedsDir}/ and load`),
    ),
    h("p", { id: "save-status", role: "status", "aria-live": "polite", class: "muted" }, s.save.allowed ? "" : s.save.reason),
  );
}

function renderVerdict() {
  const s = state!;
  const status = document.getElementById("verdict-status");
  if (!status || !lastCheck) return;
  const c = lastCheck;
  const errors = c.issues.filter((i) => !i.warning);
  const undecided = s.items.filter((i) => i.decision === "pending").length;
  status.textContent =
    errors.length > 0
      ? `The validator finds ${errors.length} problem${errors.length === 1 ? "" : "s"}.`
      : `Valid${c.issues.length ? ` (${c.issues.length} warning${c.issues.length === 1 ? "" : "s"})` : ""}${undecided ? `; ${undecided} proposal${undecided === 1 ? "" : "s"} still to decide (it is a draft until then)` : "; reviewed"}.`;
  status.className = errors.length ? "error" : "ok";
  const issues = document.getElementById("issues")!;
  issues.replaceChildren(
    ...c.issues.map((issue) => {
      const match = /^(statements|grants)\[(\d+)\]/.exec(issue.path);
      const li = h("li", { class: issue.warning ? "warning" : "error" }, issue.path ? h("code", {}, issue.path) : null, " ", issue.message);
      if (match) {
        const kind = match[1] === "statements" ? "statement" : "grant";
        const item = s.items.filter((i) => i.kind === kind && i.decision !== "rejected")[Number(match[2])];
        if (item) {
          const go = h("button", { type: "button", class: "link" }, "Go to its card");
          go.addEventListener("click", () => showCard(itemId(item)));
          li.append(" ", go);
        }
      }
      return li;
    }),
  );
  const preview = document.getElementById("preview")!;
  const words = (statementId: string) => {
    const d = s.items.find((i) => i.data.id === statementId)?.data;
    return d ? clip(String(d.quote ?? (d.reportedIn as Json[])[0]?.account ?? ""), 120) : statementId;
  };
  preview.replaceChildren(
    ...(c.contradictions.length
      ? c.contradictions.map((x) =>
          h("li", {}, h("strong", {}, `${x.kind} · ${x.severity}`), " ", `“${words(x.statementId)}” against the grant ${x.grantor ?? "(self)"} → ${x.grantee ?? "?"} (${x.grantId})`),
        )
      : [h("li", { class: "muted" }, c.valid ? "None." : "(once the extract is valid)")]),
  );
  const saveButton = document.getElementById("save-seeds") as HTMLButtonElement;
  const why = !s.save.allowed ? s.save.reason : errors.length ? "Fix the validator's problems first." : undecided ? `Decide every proposal first (${undecided} left).` : "";
  saveButton.disabled = why !== "";
  saveButton.title = why;
  const saveStatus = document.getElementById("save-status")!;
  if (!saveStatus.dataset.done) saveStatus.textContent = why;
  (document.getElementById("download-yaml") as HTMLButtonElement).onclick = () => download(`${s.name}.yaml`, c.yaml, "application/yaml");
  (document.getElementById("download-text") as HTMLButtonElement).onclick = () => download(`${s.name}.txt`, s.text, "text/plain");
  saveButton.onclick = () => void saveIntoSeeds();
}

function download(name: string, body: string, type: string) {
  const url = URL.createObjectURL(new Blob([body], { type: `${type};charset=utf-8` }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function saveIntoSeeds() {
  const s = state!;
  const status = document.getElementById("save-status")!;
  status.textContent = "Saving and loading…";
  try {
    const saved = await post<{ file: string; text: string; nodes: number; millis: number }>("/intake/save", { name: s.name, text: s.text, extract: currentExtract() });
    status.dataset.done = "true";
    const links = (lastCheck?.contradictions ?? []).map((x) => h("li", {}, h("a", { href: `/contradictions/${encodeURIComponent(`${x.statementId}~${x.grantId}`)}` }, `${x.kind}: “${clip(x.statementId, 60)}” against ${x.grantId}`)));
    status.replaceChildren(
      h("span", { class: "ok" }, `Saved ${saved.file} and ${saved.text}, and loaded them (${saved.nodes} nodes, ${saved.millis} ms). `),
      h("a", { href: "/contradictions", id: "to-contradictions" }, "See all contradictions"),
      ...(links.length ? [h("ul", {}, ...links)] : []),
    );
    document.body.dataset.state = "saved";
  } catch (error) {
    const e = error as Error & { issues?: CheckAnswer["issues"] };
    status.textContent = `Not saved: ${e.message}${e.issues?.length ? ` ${e.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}` : ""}`;
  }
}

renderStart();
document.body.dataset.state = "ready";
