import { buildCitation, memoBodyHtml, memoToText } from "../../export/memoModel.ts";
import { reportName } from "../../domain/citation.ts";
import { type Anchor, ApiError, CONTRADICTION_FIELDS, CONTRADICTION_FRAGMENTS, type Contradiction, type Report, query } from "../explorer/api.ts";
import { h } from "../explorer/dom.ts";
import { KIND_LABELS } from "../explorer/labels.ts";
import { renderContradiction } from "../explorer/panel.ts";
import { renderReviewSection } from "./review.ts";

/**
 * /contradictions/<id>: one contradiction's whole evidence chain (the explorer's panel, full
 * width), a "copy citation" button that puts it on the clipboard as plain text and as rich text
 * (HTML, which Google Docs and Word paste with its notes), a print button (the page has a print
 * stylesheet), and links to both parties' explorer views with this contradiction selected. Beneath,
 * the review of its finding (reviews attach to the statement, for all its grants: review.ts).
 */
const CONTRADICTION_QUERY = `
query DeskContradiction($id: ID!) {
  contradiction(id: $id) { ${CONTRADICTION_FIELDS} }
  authors: contradiction(id: $id) {
    statement { reportings { report { id authors { name } } } }
    grant { documentedIn { report { id authors { name } } carriedBy { id authors { name } } } }
  }
}
${CONTRADICTION_FRAGMENTS}`;

type Authored = { id: string; authors: { name: string | null }[] };

/** The reports' authors, read beside the chain (within the API's depth limit), set on its reports: the citation names them. */
function withAuthors(c: Contradiction, authored: { statement: { reportings: { report: Authored }[] }; grant: { documentedIn: { report: Authored; carriedBy: Authored | null }[] } }): Contradiction {
  const byId = new Map<string, Authored["authors"]>();
  for (const r of authored.statement.reportings) byId.set(r.report.id, r.report.authors);
  for (const d of authored.grant.documentedIn) {
    byId.set(d.report.id, d.report.authors);
    if (d.carriedBy) byId.set(d.carriedBy.id, d.carriedBy.authors);
  }
  const set = <R extends { id: string }>(r: R): R => ({ ...r, authors: byId.get(r.id) ?? [] });
  return {
    ...c,
    statement: { ...c.statement, reportings: c.statement.reportings.map((r) => ({ ...r, report: set(r.report) })) },
    grant: { ...c.grant, documentedIn: c.grant.documentedIn.map((d) => ({ ...d, report: set(d.report), carriedBy: d.carriedBy ? set(d.carriedBy) : null })) },
    evidence: c.evidence.map(set),
  };
}

/** The parties of a contradiction: the speaker's side, the grantor and the grantee, once each. */
export function partiesOf(c: Contradiction): { id: string; name: string; role: string }[] {
  const parties = [
    c.statement.onBehalfOf && { ...c.statement.onBehalfOf, role: "who said it" },
    c.grant.grantor && { ...c.grant.grantor, role: "who gave the access" },
    c.grant.grantee && { ...c.grant.grantee, role: "who received it" },
  ].filter((p): p is { id: string; name: string; role: string } => !!p);
  const seen = new Map<string, { id: string; name: string; role: string }>();
  for (const p of parties) {
    const known = seen.get(p.id);
    if (known) known.role = `${known.role}; ${p.role}`;
    else seen.set(p.id, { ...p });
  }
  return [...seen.values()];
}

/** A quote in its sentence of the archived source text, the quoted words marked. */
function inSentence(anchor: Anchor): HTMLElement {
  const at = anchor.sentence.indexOf(anchor.exact);
  if (at < 0) return h("span", { class: "source-sentence" }, anchor.sentence);
  return h("span", { class: "source-sentence" }, anchor.sentence.slice(0, at), h("mark", {}, anchor.exact), anchor.sentence.slice(at + anchor.exact.length));
}

/**
 * The quotes of the chain in their sentences of the archived source texts (the attribution's text
 * anchors); null when no source of the chain has its text archived.
 */
function sourceSentences(c: Contradiction): HTMLElement | null {
  const entries: { what: string; report: Report; anchor: Anchor }[] = [];
  for (const r of c.statement.reportings) {
    if (r.quoteAnchor) entries.push({ what: "The statement's words", report: r.report, anchor: r.quoteAnchor });
    else if (r.accountAnchor) entries.push({ what: "The source's account of the statement", report: r.report, anchor: r.accountAnchor });
  }
  for (const d of c.grant.documentedIn) if (d.anchor) entries.push({ what: "The documentation of the grant", report: d.carriedBy ?? d.report, anchor: d.anchor });
  const seen = new Set<string>();
  const unique = entries.filter((e) => !seen.has(`${e.report.id}:${e.anchor.start}`) && seen.add(`${e.report.id}:${e.anchor.start}`));
  if (!unique.length) return null;
  return h(
    "section",
    { class: "chain-step in-source" },
    h("h3", {}, "In the archived source texts"),
    h("ul", { class: "reports" }, ...unique.map((e) => h("li", {}, h("span", { class: "muted" }, `${e.what}, in ${reportName(e.report)}: `), inSentence(e.anchor)))),
  );
}

/**
 * The notes of the extracts the statement comes from (what each could not express, what it inferred
 * and why), once per source; null when none has notes.
 */
function extractNotes(c: Contradiction): HTMLElement | null {
  const seen = new Set<string>();
  const notes = c.statement.reportings
    .map((r) => r.report)
    .filter((r) => r.extractNotes && !seen.has(r.id) && seen.add(r.id));
  if (!notes.length) return null;
  return h(
    "section",
    { class: "chain-step extract-notes" },
    h("h3", {}, "The extract's notes"),
    ...notes.map((r) => h("p", {}, h("span", { class: "muted" }, `On ${reportName(r)}: `), r.extractNotes!)),
  );
}

/** Writes the citation to the clipboard as rich text and plain text (plain text only where rich text is refused). */
async function copyCitation(c: Contradiction, status: HTMLElement) {
  const memo = buildCitation(c);
  const text = memoToText(memo);
  const html = `<meta charset="utf-8">${memoBodyHtml(memo, { prefix: `c-${c.id.replace(/[^a-z0-9-]/g, "")}-`, titleLevel: 3 })}`;
  try {
    if (typeof ClipboardItem === "function" && navigator.clipboard?.write) {
      await navigator.clipboard.write([new ClipboardItem({ "text/plain": new Blob([text], { type: "text/plain" }), "text/html": new Blob([html], { type: "text/html" }) })]);
    } else {
      await navigator.clipboard.writeText(text);
    }
    status.textContent = "Citation copied, with its notes (paste it into a document).";
  } catch (error) {
    status.textContent = `The browser refused the clipboard (${(error as Error).message}); select the text below and copy it.`;
  }
}

export async function renderContradictionPage(root: HTMLElement, id: string): Promise<void> {
  let c: Contradiction;
  // The review is its finding's (the statement's, the id before the "~"), read beside the chain.
  const findingId = id.split("~")[0];
  const review = h("section", { class: "review", id: "review", "aria-labelledby": "review-heading" });
  const intro = h("p", { class: "muted" }, "Reviews are decided per finding: this statement with every grant it conflicts with. ", h("a", { href: `/findings/${encodeURIComponent(findingId)}` }, "The finding's page"), " lists them all.");
  const reviewRead = renderReviewSection(review, findingId, intro).catch((error: Error) => {
    review.replaceChildren(h("h2", { id: "review-heading" }, "Review"), h("p", { class: "error" }, `The review could not be read: ${error.message}`));
  });
  try {
    const answer = await query<{ contradiction: Contradiction; authors: Parameters<typeof withAuthors>[1] }>(CONTRADICTION_QUERY, { id });
    c = withAuthors(answer.contradiction, answer.authors);
  } catch (error) {
    const notFound = error instanceof ApiError && (error.code === "NOT_FOUND" || error.code === "BAD_USER_INPUT");
    document.title = "Not found · claimgraph";
    root.replaceChildren(
      h("p", { class: "crumbs" }, h("a", { href: "/contradictions" }, "← All contradictions")),
      h("h1", {}, notFound ? "No such contradiction" : "The API failed"),
      h("p", { class: "error" }, (error as Error).message),
    );
    document.body.dataset.state = "error";
    return;
  }
  document.title = `${KIND_LABELS[c.kind]?.short ?? c.kind}: ${c.statement.onBehalfOf?.name ?? c.statement.speaker} · claimgraph`;
  const status = h("p", { class: "copy-status", role: "status", "aria-live": "polite" });
  const copy = h("button", { type: "button", id: "copy-citation" }, "Copy citation");
  copy.addEventListener("click", () => void copyCitation(c, status));
  const print = h("button", { type: "button", id: "print" }, "Print");
  print.addEventListener("click", () => window.print());
  const parties = partiesOf(c);
  root.replaceChildren(
    h("p", { class: "crumbs" }, h("a", { href: "/contradictions" }, "← All contradictions")),
    h("div", { class: "actions" }, copy, print, status),
    renderContradiction(c, c.statement.onBehalfOf?.id ?? parties[0]?.id ?? ""),
    ...[sourceSentences(c), extractNotes(c)].filter((section): section is HTMLElement => section !== null),
    h(
      "section",
      { class: "parties" },
      h("h3", {}, "In the explorer"),
      h(
        "ul",
        {},
        ...parties.map((p) =>
          h("li", {}, h("a", { href: `/explore?organization=${encodeURIComponent(p.id)}&selected=${encodeURIComponent(`contradiction:${c.id}`)}` }, `${p.name}'s neighbourhood`), ` (${p.role})`),
        ),
      ),
    ),
    review,
  );
  await reviewRead;
  document.body.dataset.state = "ready";
}
