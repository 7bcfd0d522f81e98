import { speakerWords } from "../../domain/attribution.ts";
import { reportKindWord } from "../../domain/citation.ts";
import type { ElementDefinition } from "cytoscape";
import { dateInWords } from "../../domain/citation.ts";
import type { Contradiction, Grant, Named, Neighbourhood, Report, Statement } from "./api.ts";
import { clip } from "./dom.ts";
import { KIND_LABELS } from "./labels.ts";

/**
 * The graph's elements. By default only what bears on contradictions: the statements and grants in
 * them, their parties, and the reports that carried or documented them. With `all`, the
 * organisation's whole neighbourhood as well: its other statements, the grants it gave or received,
 * the reports it published. Without an organisation (the overview of /explore), the contradictions
 * given. Contradictions are marked statement→grant edges. Ids are prefixed by type, since a slug may
 * name a statement and a report alike.
 *
 * Labels tell similar items apart: a grant names grantor, grantee, data and period; a statement its
 * side and date; a report its publisher and date.
 */
export type NodeType = "organization" | "statement" | "grant" | "report";

export const nodeId = (type: NodeType, id: string) => `${type}:${id}`;
export const contradictionEdgeId = (id: string) => `contradiction:${id}`;

export interface Lookup {
  statements: Map<string, Statement>;
  grants: Map<string, Grant>;
  reports: Map<string, Report>;
  organizations: Map<string, Named>;
  contradictions: Map<string, Contradiction>;
}

/** "Facebook → Netflix: private messages, 2010 to 2014": a grant told apart from its neighbours. */
export function grantLabel(g: Pick<Grant, "grantor" | "grantee" | "data" | "validFrom" | "validTo" | "openEnded">): string {
  const data = g.data.map((d) => d.name).join(", ") || "data";
  const from = g.validFrom ? dateInWords(g.validFrom) : null;
  const to = g.validTo ? dateInWords(g.validTo) : null;
  const period = from && to ? `${from} to ${to}` : from ? `since ${from}${g.openEnded ? ", open" : ""}` : to ? `until ${to}` : g.openEnded ? "still open" : null;
  return `${g.grantor?.name ?? "Users"} → ${g.grantee?.name ?? "?"}: ${data}${period ? ` (${period})` : ""}`;
}

/**
 * "Netflix, December 2018: “Netflix never asked…”": a statement with its side and date; quotation
 * marks only around the speaker's own words, reported speech labelled as such.
 */
export function statementLabel(s: Statement, max = 56): string {
  const side = s.onBehalfOf?.name ?? s.speaker;
  const words = speakerWords(s);
  const said = words !== null ? `“${clip(words, max)}”` : `(reported) ${clip(s.paraphrase ?? s.account ?? "", max)}`;
  return `${side}${s.speakerInferred ? " (inferred)" : ""}${s.madeAt ? `, ${dateInWords(s.madeAt)}` : ""}: ${said}`;
}

export function buildElements(
  n: { organization: Neighbourhood["organization"] | null; contradictions: Neighbourhood["contradictions"] },
  options: { all?: boolean } = {},
): { elements: ElementDefinition[]; lookup: Lookup } {
  const focus = n.organization;
  const nodes = new Map<string, ElementDefinition>();
  const edges = new Map<string, ElementDefinition>();
  const lookup: Lookup = { statements: new Map(), grants: new Map(), reports: new Map(), organizations: new Map(), contradictions: new Map() };

  const organization = (org: Named, classes = "") => {
    const id = nodeId("organization", org.id);
    lookup.organizations.set(org.id, org);
    if (!nodes.has(id)) nodes.set(id, { group: "nodes", data: { id, label: org.name, type: "organization", ref: org.id }, classes: `organization ${classes}`.trim() });
    return id;
  };
  const edge = (type: string, source: string, target: string, label: string, classes = type) => {
    const id = `${type}:${source}->${target}`;
    if (!edges.has(id)) edges.set(id, { group: "edges", data: { id, source, target, label, type }, classes });
  };
  const report = (r: Report) => {
    const id = nodeId("report", r.id);
    lookup.reports.set(r.id, r);
    if (!nodes.has(id)) {
      const label = `${r.publisher ? `${r.publisher.name}: ` : ""}${clip(r.title ?? `untitled ${reportKindWord(r.kind)}`, 40)}${r.publishedAt ? ` (${dateInWords(r.publishedAt)})` : ""}`;
      nodes.set(id, { group: "nodes", data: { id, label, type: "report", ref: r.id }, classes: "report" });
      if (r.publisher) edge("published", id, organization(r.publisher, "party"), "published by");
    }
    return id;
  };
  const statement = (s: Statement) => {
    const id = nodeId("statement", s.id);
    lookup.statements.set(s.id, s);
    if (!nodes.has(id)) {
      // The quote search reads the speaker's words, or the source's sentence for reported speech.
      const searchable = [s.quote, s.account, s.paraphrase].filter(Boolean).join(" ");
      nodes.set(id, { group: "nodes", data: { id, label: statementLabel(s), type: "statement", ref: s.id, quote: searchable }, classes: "statement" });
      const side = s.onBehalfOf ? organization(s.onBehalfOf, "party") : focus ? nodeId("organization", focus.id) : null;
      if (side) edge("said", side, id, s.madeAt ? `said ${dateInWords(s.madeAt)}` : "said");
      for (const r of s.reportings) edge("reported", id, report(r.report), "reported in");
    }
    return id;
  };
  const grant = (g: Grant) => {
    const id = nodeId("grant", g.id);
    // A grant seen only as a link of an onward-transfer chain comes without its documentation.
    if (g.documentedIn.length > 0 || !lookup.grants.has(g.id)) lookup.grants.set(g.id, g);
    if (!nodes.has(id)) {
      nodes.set(id, { group: "nodes", data: { id, label: grantLabel(g), type: "grant", ref: g.id }, classes: `grant${g.exemptFromPrivacyRules ? " exempt" : ""}` });
      if (g.grantor) edge("gave", organization(g.grantor, "party"), id, "gave");
      if (g.grantee) edge("received", id, organization(g.grantee, "party"), "to");
      for (const d of g.documentedIn) edge("documented", id, report(d.report), "documented in");
    }
    return id;
  };

  if (focus) {
    organization(focus, "focus");
    if (options.all) {
      if (focus.partOf) edge("part-of", nodeId("organization", focus.id), organization(focus.partOf, "party"), "part of");
      for (const member of focus.members) edge("part-of", organization(member, "party"), nodeId("organization", focus.id), "part of");
      for (const { node } of focus.statements.edges) statement(node);
      for (const { node } of focus.grantsGiven.edges) grant(node);
      for (const { node } of focus.grantsReceived.edges) grant(node);
      for (const r of focus.reportsPublished) report(r);
    }
  }
  for (const { node: c } of n.contradictions.edges) {
    lookup.contradictions.set(c.id, c);
    const source = statement(c.statement);
    const target = grant(c.grant);
    // access passed on: each source grant → the grant passing it on, up to the one contradicted
    (c.chain ?? []).reduce((derived, source) => {
      const from = grant({ ...source, documentedIn: [] });
      edge("passed-on", from, derived, "passed on");
      return from;
    }, target);
    for (const r of c.evidence) report(r);
    const id = contradictionEdgeId(c.id);
    nodes.get(source)!.classes += " contradicted";
    nodes.get(target)!.classes += " contradicted";
    edges.set(id, {
      group: "edges",
      data: { id, source, target, label: `⚠ ${KIND_LABELS[c.kind]?.short ?? c.kind}`, type: "contradiction", ref: c.id, severity: c.severity },
      classes: "contradiction",
    });
  }
  // The focus stays drawn even when none of its contradictions reach it directly (a group member's).
  return { elements: [...nodes.values(), ...edges.values()], lookup };
}

/** How many nodes the whole neighbourhood would add: the "show everything" button says it. */
export function hiddenCount(n: Neighbourhood): number {
  const all = buildElements(n, { all: true }).elements.filter((e) => e.group === "nodes").length;
  const relevant = buildElements(n).elements.filter((e) => e.group === "nodes").length;
  return all - relevant;
}
