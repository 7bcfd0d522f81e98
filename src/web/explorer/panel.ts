import type { Contradiction, Grant, Named, Report, Statement } from "./api.ts";
import { attributedEvidence, attributedStatement, speakerWords } from "../../domain/attribution.ts";
import { dateInWords, reportCitation as citeReport } from "../../domain/citation.ts";
import { describeGrant } from "../../domain/describeGrant.ts";
import { h } from "./dom.ts";
import { KIND_LABELS, STANCE_LABELS } from "./labels.ts";

/**
 * The side panel: the evidence chain of a contradiction (the quote, who said it and when, where it
 * was reported; the documented grant and the reports' own words, with links), or the details of a
 * node.
 */

/** A report as a citation: its title linked to its address when known, publisher, kind and date. */
export function reportCitation(r: Report): HTMLElement {
  // A report without a title is cited as what it is ("an untitled report by …"), never with an invented title.
  const name = r.title ?? citeReport({ ...r, publishedAt: null });
  // Without an address, a report whose text is archived links to that text (what its quotes were checked against).
  const title = r.url
    ? h("a", { class: "report-link", href: r.url, target: "_blank", rel: "noopener noreferrer" }, name)
    : r.textFile
      ? h("a", { class: "report-link archived", href: `/reports/${encodeURIComponent(r.id)}/text`, target: "_blank", rel: "noopener" }, name)
      : h("span", { class: "report-title" }, name);
  const details = [r.title ? r.publisher?.name : null, r.kind.toLowerCase().replace(/_/g, " "), r.publishedAt ? dateInWords(r.publishedAt) : "undated"]
    .filter(Boolean)
    .join(", ");
  return h(
    "span",
    { class: "citation" },
    title,
    ` — ${details}`,
    r.url ? null : h("span", { class: "muted" }, r.textFile ? " (no address recorded; linked to its archived text)" : " (no address recorded)"),
    r.textFile ? null : h("span", { class: "muted unverified" }, " (text not archived: unverified)"),
  );
}

function who(s: Pick<Statement, "speaker" | "onBehalfOf" | "speakerInferred">): string {
  const org = s.onBehalfOf?.name;
  const speaker = s.speaker.charAt(0).toUpperCase() + s.speaker.slice(1);
  return `${org && org !== s.speaker ? `${speaker} (${org})` : speaker}${s.speakerInferred ? " (speaker inferred)" : ""}`;
}

/** Says that the source never names the speaker, and why the extract reads it as the speaker's; null when it names them. */
export function inferredSpeaker(s: Pick<Statement, "speakerInferred">): HTMLElement | null {
  return s.speakerInferred
    ? h("p", { class: "inferred", "data-inferred": "speaker" }, "The source does not say who spoke: the speaker is the extract's inference (", s.speakerInferred, ").")
    : null;
}

const FORM_LABELS: Record<string, string> = {
  DIRECT: "the speaker's own words",
  MIXED: "the source's sentence quoting the speaker",
  REPORTED: "reported speech: the source's words",
};

function grantLine(g: Grant): string {
  return describeGrant(g);
}

function statementSection(s: Statement, heading: string): HTMLElement {
  return h(
    "section",
    { class: "chain-step" },
    h("h3", {}, heading),
    // Quotation marks after the speaker's name only around the speaker's own words (docs/attribution.md).
    speakerWords(s) !== null
      ? h("blockquote", { class: "quote", "data-form": s.form }, `“${speakerWords(s)}”`)
      : h("p", { class: "reported", "data-form": s.form }, attributedStatement(s)),
    h(
      "p",
      { class: "attribution" },
      `— ${who(s)}${s.channel ? `, ${s.channel}` : ""}, ${s.madeAt ? dateInWords(s.madeAt) : "date not known"} (${STANCE_LABELS[s.stance] ?? s.stance}; ${FORM_LABELS[s.form] ?? s.form}${s.verified ? "" : "; unverified"})`,
    ),
    inferredSpeaker(s),
    s.notes ? h("p", { class: "statement-notes" }, h("strong", {}, "Notes on this statement: "), s.notes) : null,
    s.reportings.length
      ? h(
          "ul",
          { class: "reports" },
          ...s.reportings.map((r) =>
            h(
              "li",
              {},
              "Reported in ",
              reportCitation(r.report),
              r.account ? h("p", { class: "report-quote" }, `Its words: “${r.account}”`) : null,
            ),
          ),
        )
      : null,
  );
}

function grantSection(g: Grant, evidence: Report[]): HTMLElement {
  const independent = new Set(evidence.map((r) => r.id));
  // One badge per independent source, so the badges count what "Evidence" counts.
  const badged = new Set<string>();
  const badge = (id: string) => independent.has(id) && !badged.has(id) && !!badged.add(id);
  return h(
    "section",
    { class: "chain-step" },
    h("h3", {}, "What was documented"),
    h("p", { class: "grant-line" }, grantLine(g)),
    g.description ? h("p", { class: "muted" }, g.description) : null,
    h(
      "ul",
      { class: "reports" },
      ...g.documentedIn.map((d) =>
        h(
          "li",
          {},
          reportCitation(d.report),
          badge(d.report.id) ? h("span", { class: "badge evidence" }, evidence.length === 1 ? "the independent source" : "an independent source") : null,
          h("p", { class: "documented" }, attributedEvidence(d)),
        ),
      ),
    ),
  );
}

/** A list entry: who, what (the speaker's words in quotation marks, or reported speech said as such), and the grantee and data that tell entries apart. */
function listLabel(c: Contradiction): string {
  const words = speakerWords(c.statement);
  const said = words !== null ? `“${words.length > 70 ? `${words.slice(0, 69)}…` : words}”` : "(reported speech)";
  return `${who(c.statement)}: ${said} — vs ${c.grant.grantee?.name ?? "?"}'s access to ${c.grant.data.map((d) => d.name).join(", ")}`;
}

export function renderContradiction(c: Contradiction, focusId: string): HTMLElement {
  const timing =
    c.reportPredatesStatement === true
      ? "A documenting report was published before the statement."
      : c.reportPredatesStatement === false
        ? "The documenting reports were all published after the statement."
        : "The dates cannot tell whether the reports came before the statement.";
  const admissions = c.corroboration.filter((x) => x.byOtherParty);
  return h(
    "article",
    { class: "contradiction", "data-contradiction": c.id },
    h("p", { class: "eyebrow" }, `Contradiction · severity ${c.severity}`),
    h("h2", {}, KIND_LABELS[c.kind]?.long ?? c.kind),
    h("p", { class: "explanation" }, c.explanation),
    statementSection(c.statement, "What was said"),
    grantSection(c.grant, c.evidence),
    h(
      "section",
      { class: "chain-step" },
      h("h3", {}, "Evidence"),
      h("p", {}, `${c.evidence.length === 1 ? "One independent source" : `${c.evidence.length} independent sources`} (a report that cites or carries another, or shares its publisher's group, counts once). ${timing}`),
      admissions.length ? h("p", {}, `Admitted by the other party: ${admissions.map((x) => attributedStatement(x.statement)).join("; ")}`) : null,
    ),
    h(
      "p",
      { class: "exports" },
      "Cite it: ",
      h("a", { href: `/export/contradictions.md?organization=${encodeURIComponent(focusId)}` }, "memo with footnotes"),
      " · ",
      h("a", { href: `/export/contradictions.csv?organization=${encodeURIComponent(focusId)}` }, "CSV"),
      " · ",
      h("a", { href: `/export/contradictions.json?organization=${encodeURIComponent(focusId)}` }, "JSON"),
    ),
  );
}

export function renderStatement(s: Statement): HTMLElement {
  return h("article", {}, h("p", { class: "eyebrow" }, "Statement"), statementSection(s, "What was said"));
}

export function renderGrant(g: Grant): HTMLElement {
  return h("article", {}, h("p", { class: "eyebrow" }, "Documented grant"), grantSection(g, []));
}

export function renderReport(r: Report): HTMLElement {
  return h("article", {}, h("p", { class: "eyebrow" }, "Report"), h("p", {}, reportCitation(r)));
}

export function renderOrganization(org: Named, isFocus: boolean): HTMLElement {
  return h(
    "article",
    {},
    h("p", { class: "eyebrow" }, "Organisation"),
    h("h2", {}, org.name),
    isFocus ? h("p", { class: "muted" }, "The organisation this page explores.") : h("p", {}, h("a", { href: `/explore?organization=${encodeURIComponent(org.id)}` }, `Explore ${org.name}`)),
  );
}

/** The panel's default: the contradictions as a list (the keyboard's way to what the graph's red edges show). */
export function renderOverview(
  focus: Named,
  contradictions: Contradiction[],
  total: number,
  open: (id: string) => void,
): HTMLElement {
  return h(
    "article",
    {},
    h("p", { class: "eyebrow" }, "Overview"),
    h("h2", {}, focus.name),
    h(
      "p",
      {},
      total === 0
        ? "No contradictions: no statement of or about this organisation conflicts with a documented grant."
        : `${total} contradiction${total === 1 ? "" : "s"}, drawn as red dashed edges from a statement to the grant it conflicts with. Click one (or pick it below) for its evidence chain.`,
    ),
    h(
      "ol",
      { class: "contradiction-list" },
      ...contradictions.map((c) => {
        const button = h("button", { type: "button", "data-contradiction": c.id }, `${KIND_LABELS[c.kind]?.short ?? c.kind} · ${listLabel(c)}`);
        button.addEventListener("click", () => open(c.id));
        return h("li", {}, button);
      }),
    ),
  );
}
