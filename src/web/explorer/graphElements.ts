import { speakerWords } from "../../domain/attribution.ts";
import { reportKindWord } from "../../domain/citation.ts";
import type { ElementDefinition } from "cytoscape";
import type { Contradiction, Grant, Named, Neighbourhood, Report, Statement } from "./api.ts";
import { clip } from "./dom.ts";
import { KIND_LABELS } from "./labels.ts";

/**
 * The organisation's neighbourhood as graph elements: its statements, the grants it gave or
 * received, the reports that carried or documented them, the other parties, and the contradictions
 * as marked statement→grant edges. Ids are prefixed by type, since a slug may name a statement and
 * a report alike.
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

export function buildElements(n: Neighbourhood): { elements: ElementDefinition[]; lookup: Lookup } {
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
      const label = `${r.publisher ? `${r.publisher.name}: ` : ""}${clip(r.title ?? `untitled ${reportKindWord(r.kind)}`, 48)}${r.publishedAt ? ` (${r.publishedAt})` : ""}`;
      nodes.set(id, { group: "nodes", data: { id, label, type: "report", ref: r.id }, classes: "report" });
      if (r.publisher) edge("published", id, organization(r.publisher, "party"), "published by");
    }
    return id;
  };
  const statement = (s: Statement) => {
    const id = nodeId("statement", s.id);
    lookup.statements.set(s.id, s);
    if (!nodes.has(id)) {
      // Quotation marks only around the speaker's own words; reported speech is labelled as such.
      const words = speakerWords(s);
      const label = words !== null ? `“${clip(words, 56)}”` : `(reported) ${clip(s.paraphrase ?? s.account ?? "", 56)}`;
      nodes.set(id, { group: "nodes", data: { id, label, type: "statement", ref: s.id }, classes: "statement" });
      edge("said", s.onBehalfOf ? organization(s.onBehalfOf, "party") : nodeId("organization", focus.id), id, s.madeAt ? `said ${s.madeAt}` : "said");
      for (const r of s.reportings) edge("reported", id, report(r.report), "reported in");
    }
    return id;
  };
  const grant = (g: Grant) => {
    const id = nodeId("grant", g.id);
    lookup.grants.set(g.id, g);
    if (!nodes.has(id)) {
      const data = g.data.map((d) => d.name).join(", ") || "data";
      const label = `${g.grantor?.name ?? "users"} → ${g.grantee?.name ?? "?"}: ${data}`;
      nodes.set(id, { group: "nodes", data: { id, label, type: "grant", ref: g.id }, classes: `grant${g.exemptFromPrivacyRules ? " exempt" : ""}` });
      if (g.grantor) edge("gave", organization(g.grantor, "party"), id, "gave");
      if (g.grantee) edge("received", id, organization(g.grantee, "party"), "to");
      for (const d of g.documentedIn) edge("documented", id, report(d.report), "documented in");
    }
    return id;
  };

  organization(focus, "focus");
  if (focus.partOf) edge("part-of", nodeId("organization", focus.id), organization(focus.partOf, "party"), "part of");
  for (const member of focus.members) edge("part-of", organization(member, "party"), nodeId("organization", focus.id), "part of");
  for (const { node } of focus.statements.edges) statement(node);
  for (const { node } of focus.grantsGiven.edges) grant(node);
  for (const { node } of focus.grantsReceived.edges) grant(node);
  for (const r of focus.reportsPublished) report(r);
  for (const { node: c } of n.contradictions.edges) {
    lookup.contradictions.set(c.id, c);
    const source = statement(c.statement);
    const target = grant(c.grant);
    // access passed on: each source grant → the grant passing it on, up to the one contradicted
    (c.chain ?? []).reduce((derived, source) => {
      const from = grant(source);
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
  return { elements: [...nodes.values(), ...edges.values()], lookup };
}
