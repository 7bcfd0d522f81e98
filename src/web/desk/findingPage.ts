import { ApiError, STATEMENT_FRAGMENTS, type Statement, query } from "../explorer/api.ts";
import { h } from "../explorer/dom.ts";
import { KIND_LABELS } from "../explorer/labels.ts";
import { renderStatement } from "../explorer/panel.ts";
import { renderReviewSection } from "./review.ts";

/**
 * /findings/<id>: one finding — a statement with every grant it conflicts with (issue 22, point 6) —
 * and its review (issue 23): the status, the buttons and forms of every review write, the requests
 * for comment with their replies, and the history beneath. Each grant links to its contradiction's
 * page, which holds the whole evidence chain.
 */
export const FINDING_QUERY = `
query DeskFinding($id: ID!) {
  finding(id: $id) {
    id severity kind grantCount
    statement { ...S }
    contradictions { id kind severity explanation grant { grantor { name } grantee { name } data { name } } }
  }
}
${STATEMENT_FRAGMENTS}`;

interface Finding {
  id: string;
  severity: number;
  kind: string;
  grantCount: number;
  statement: Statement;
  contradictions: { id: string; kind: string; severity: number; explanation: string; grant: { grantor: { name: string } | null; grantee: { name: string } | null; data: { name: string }[] } }[];
}

const crumbs = () => h("p", { class: "crumbs" }, h("a", { href: "/contradictions" }, "← All contradictions"), " · ", h("a", { href: "/contradictions?view=queue" }, "Review queue"));

export async function renderFindingPage(root: HTMLElement, id: string): Promise<void> {
  const review = h("section", { class: "review", id: "review", "aria-labelledby": "review-heading" });
  let finding: Finding;
  try {
    // The finding and its review, asked together: two requests, one round trip of latency.
    const [answer] = await Promise.all([query<{ finding: Finding }>(FINDING_QUERY, { id }), renderReviewSection(review, id)]);
    finding = answer.finding;
  } catch (error) {
    const notFound = error instanceof ApiError && (error.code === "NOT_FOUND" || error.code === "BAD_USER_INPUT");
    document.title = "Not found · claimgraph";
    root.replaceChildren(crumbs(), h("h1", {}, notFound ? "No such finding" : "The API failed"), h("p", { class: "error" }, (error as Error).message));
    if (notFound) root.append(h("p", { class: "muted" }, "A finding is a statement that conflicts with at least one documented grant; a reload may have removed it (its review is kept: the API's reviewsNoLongerFound lists it)."));
    document.body.dataset.state = "error";
    return;
  }
  const who = finding.statement.onBehalfOf?.name ?? finding.statement.speaker;
  document.title = `Finding: ${who} · claimgraph`;
  root.replaceChildren(
    crumbs(),
    h(
      "article",
      { class: "finding", "data-finding": finding.id },
      h("p", { class: "eyebrow" }, `Finding · severity ${finding.severity} · ${KIND_LABELS[finding.kind]?.short ?? finding.kind}`),
      h("h1", {}, `${who}: one statement, ${finding.grantCount} documented grant${finding.grantCount === 1 ? "" : "s"} against it`),
      renderStatement(finding.statement),
      h(
        "section",
        { class: "chain-step finding-grants" },
        h("h3", {}, finding.grantCount === 1 ? "The grant it conflicts with" : `The ${finding.grantCount} grants it conflicts with, strongest first`),
        h(
          "ol",
          { class: "grant-list" },
          ...finding.contradictions.map((c) =>
            h(
              "li",
              { "data-contradiction": c.id },
              h("p", {}, h("strong", {}, `${c.grant.grantor?.name ?? "Users"} → ${c.grant.grantee?.name ?? "?"}: ${c.grant.data.map((d) => d.name).join(", ") || "data"}`), h("span", { class: "muted" }, ` severity ${c.severity}, ${KIND_LABELS[c.kind]?.short ?? c.kind}`)),
              h("p", { class: "explanation" }, c.explanation),
              h("p", {}, h("a", { href: `/contradictions/${encodeURIComponent(c.id)}` }, "The whole evidence chain, with its citation →")),
            ),
          ),
        ),
      ),
    ),
    review,
  );
  document.body.dataset.state = "ready";
}
