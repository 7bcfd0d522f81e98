import { reportKindWord, reportName, withArticle } from "../../domain/citation.ts";
import type { StatementForm } from "../../domain/model.ts";
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import {
  type ContradictionQuery,
  type ContradictionRow,
  contradictionId,
  countContradictions,
  findContradictions,
  parseContradictionId,
} from "../../contradictions/contradictionService.ts";
import { explainContradiction, sideOf } from "../../contradictions/explain.ts";
import { evidenceNames } from "../../domain/evidenceNames.ts";
import { badInput } from "../../domain/errors.ts";
import { type ContradictionKind, type ContradictionOrderField, DEFAULT_ORDER_DIRECTION, MAX_TEXT_FILTER, type OrderDirection } from "../../domain/model.ts";
import { type Page, connectionFrom, listName, pageOfEither } from "../common/connection.ts";
import { dayBound } from "../common/dateArgs.ts";
import { first, nodes, required } from "../common/nodes.ts";
import type { Context } from "../context.ts";
import type { NodeRecord } from "../loaders.ts";
import { GrantType } from "../grant/grant.type.ts";
import { ReportType } from "../report/report.type.ts";
import { StatementType } from "../statement/statement.type.ts";
import { speakerName } from "../statement/statement.resolver.ts";
import { ContradictionFilter, ContradictionOrder } from "./contradiction.input.ts";
import { ContradictionConnection, ContradictionType, CorroborationType } from "./contradiction.type.ts";

export function toContradiction(row: ContradictionRow): ContradictionType {
  return {
    row,
    id: contradictionId(row),
    kind: row.kind,
    severity: row.severity,
    reportPredatesStatement: row.reportPredatesStatement,
  };
}

/** The service's query for a list's filter, order and page (contradictions and findings read the same). */
export function contradictionQuery(filter: ContradictionFilter | undefined, orderBy: ContradictionOrder | undefined, page: Page): ContradictionQuery {
  if (filter?.minSeverity !== undefined && filter.minSeverity !== null && (filter.minSeverity < 0 || filter.minSeverity > 100)) {
    throw badInput("`filter.minSeverity` is between 0 and 100.", { argument: "filter.minSeverity" });
  }
  if (filter?.text && filter.text.length > MAX_TEXT_FILTER) {
    throw badInput(`\`filter.text\` is at most ${MAX_TEXT_FILTER} characters; got ${filter.text.length}.`, { argument: "filter.text" });
  }
  const field = (orderBy?.field ?? "SEVERITY") as ContradictionOrderField;
  return {
    organization: filter?.organization,
    kinds: filter?.kinds as ContradictionKind[] | undefined,
    fromDay: dayBound(filter?.from, "start", "filter.from"),
    toDay: dayBound(filter?.to, "end", "filter.to"),
    minSeverity: filter?.minSeverity,
    statuses: filter?.statuses,
    text: filter?.text,
    order: { field, direction: (orderBy?.direction as OrderDirection | undefined) ?? DEFAULT_ORDER_DIRECTION[field] },
    skip: page.skip,
    limit: page.limit + 1,
  };
}

@Resolver(() => ContradictionType)
export class ContradictionResolver {
  @Query(() => ContradictionConnection, {
    description:
      "Statements (denials, unawareness claims, claims that access ended, privacy assurances) paired with the documented grants they conflict with, strongest first (or in `orderBy`). Page forward with `first`/`after`, back with `last`/`before`.",
  })
  async contradictions(
    @Ctx() { graph, loaders }: Context,
    @Arg("filter", () => ContradictionFilter, { nullable: true }) filter?: ContradictionFilter,
    @Arg("first", () => Int, { nullable: true, description: "Page size (default 20, at most 100)." }) firstArg?: number,
    @Arg("after", () => String, { nullable: true, description: "Read the page after this cursor (a page's endCursor)." }) after?: string,
    @Arg("last", () => Int, { nullable: true, description: "Page size reading backward, with `before` (default 20, at most 100)." }) last?: number,
    @Arg("before", () => String, { nullable: true, description: "Read the page before this cursor (a page's startCursor), with `last`." }) before?: string,
    @Arg("orderBy", () => ContradictionOrder, { nullable: true, description: "The order of the list, which the cursors page through (default: SEVERITY, DESC)." })
    orderBy?: ContradictionOrder,
  ) {
    const page = pageOfEither({ first: firstArg, after, last, before }, listName("contradictions", { filter: { ...filter }, orderBy: { ...orderBy } }));
    const query = contradictionQuery(filter, orderBy, page);
    // An unknown organisation is NOT_FOUND (not an empty list); asked at the same time as the rows.
    const [organization, rows] = await Promise.all([
      filter?.organization ? loaders.organization.load(filter.organization) : null,
      findContradictions(graph, query),
    ]);
    if (filter?.organization) required(organization, "organization", filter.organization);
    return connectionFrom(rows.map(toContradiction), page, () => countContradictions(graph, query));
  }

  @Query(() => ContradictionType, { nullable: true, description: "One contradiction by its id (STATEMENT_ID~GRANT_ID); NOT_FOUND when the pair does not conflict." })
  async contradiction(@Arg("id", () => ID) id: string, @Ctx() { graph }: Context) {
    const { statementId, grantId } = parseContradictionId(id);
    const [row] = await findContradictions(graph, { statementId, grantId, skip: 0, limit: 1 });
    return toContradiction(required(row, "contradiction", id));
  }

  @FieldResolver(() => StatementType, { description: "The statement: quote, speaker, organisation, date, where reported." })
  async statement(@Root() c: ContradictionType, @Ctx() { loaders }: Context) {
    return loaders.statement.load(c.row.statementId);
  }

  @FieldResolver(() => GrantType, { description: "The documented grant: parties, data, capabilities, period, reports." })
  async grant(@Root() c: ContradictionType, @Ctx() { loaders }: Context) {
    return loaders.grant.load(c.row.grantId);
  }

  @FieldResolver(() => [GrantType], {
    description:
      "Onward transfer: the grants the documented grant passes on, nearest first (C's grant from B, derived from A's grant to B, gives [A→B]); empty for a grantor's own grant. Part of the evidence chain.",
  })
  async chain(@Root() c: ContradictionType, @Ctx() { loaders }: Context) {
    return (await loaders.grant.loadMany(c.row.chain)).filter((g): g is NodeRecord => !!g && !(g instanceof Error));
  }

  @FieldResolver(() => [ReportType], { description: "The documenting reports independent of the speaker's side: the evidence." })
  async evidence(@Root() c: ContradictionType, @Ctx() { loaders }: Context) {
    return (await loaders.report.loadMany(c.row.independentReportIds)).filter((r): r is NodeRecord => !!r && !(r instanceof Error));
  }

  @FieldResolver(() => [CorroborationType], { description: "Admissions (AFFIRMS_ACCESS) that strengthen the evidence of the grant." })
  corroboration(@Root() c: ContradictionType): CorroborationType[] {
    return c.row.corroboration.map((x) => ({ statementId: x.statementId, byOtherParty: x.byOtherParty }));
  }

  @FieldResolver(() => String, { description: "One or two plain sentences naming both sides and why they conflict." })
  async explanation(@Root() c: ContradictionType, @Ctx() { loaders }: Context) {
    const { row } = c;
    const admitters = row.corroboration.filter((x) => x.byOtherParty).map((x) => x.statementId);
    const [statement, madeBy, onBehalfOf, grant, grantor, grantee, data, reports, admitterOrgs, reportings, documentedIn, admissions, admissionReportings, chainGrantors, chainGrantees] =
      await Promise.all([
      loaders.statement.load(row.statementId),
      loaders.statementMadeBy.load(row.statementId),
      loaders.statementOnBehalfOf.load(row.statementId),
      loaders.grant.load(row.grantId),
      loaders.grantGrantor.load(row.grantId),
      loaders.grantGrantee.load(row.grantId),
      loaders.grantData.load(row.grantId),
      loaders.report.loadMany(row.independentReportIds),
      Promise.all(admitters.map((id) => loaders.statementOnBehalfOf.load(id))),
      loaders.statementReportedIn.load(row.statementId),
      loaders.grantDocumentedIn.load(row.grantId),
      Promise.all(admitters.map((id) => loaders.statement.load(id))),
      Promise.all(admitters.map((id) => loaders.statementReportedIn.load(id))),
      Promise.all(row.chain.map((id) => loaders.grantGrantor.load(id))),
      Promise.all(row.chain.map((id) => loaders.grantGrantee.load(id))),
    ]);
    if (!statement || !grant) return "";
    const name = (n: NodeRecord | null) => (n ? String(n.name ?? n.id) : null);
    const id = (n: NodeRecord | null) => n?.id ?? null;
    // The source whose sentence carries the statement, and the reports carrying evidence known only through them.
    const accountSource = reportings.find((r) => r.rel.account)?.node ?? null;
    const carrierOf = new Map(
      documentedIn.filter((d) => d.rel.carriedBy && !d.rel.quote).map((d) => [String(d.node.id), String(d.rel.carriedBy)]),
    );
    // Reports the sources never name (every piece of their evidence here is the extract's inference).
    const inferredReports = new Set(
      documentedIn.filter((d) => documentedIn.every((e) => e.node.id !== d.node.id || e.rel.reportInferred)).map((d) => String(d.node.id)),
    );
    const evidence = reports.map((r) => (r && !(r instanceof Error) ? r : null));
    const named = [...evidence, accountSource, ...[...carrierOf.values()].map((id) => ({ id }) as NodeRecord)];
    const [carriers, publishers] = await Promise.all([
      loaders.report.loadMany([...carrierOf.values()]),
      Promise.all(named.map((r) => (r ? loaders.reportPublisher.load(String(r.id)) : []))),
    ]);
    const nameOf = (r: NodeRecord | null, publisher: NodeRecord | null) =>
      r ? reportName({ title: r.title as string | null, kind: r.kind as string, publishedAt: r.publishedAt as string | null, publisher: publisher ? { name: String(publisher.name) } : null }) : "a report";
    const carrierNames = new Map(
      [...carrierOf.values()].map((id, i) => {
        const carrier = carriers[i];
        return [id, nameOf(carrier && !(carrier instanceof Error) ? carrier : null, first(publishers[evidence.length + 1 + i]))];
      }),
    );
    // The names evidence must use to document this grant: the grantee's and its groups', the data's.
    const granteeNames: string[] = [];
    const seenGroups = new Set<string>();
    for (let at = first(grantee); at && !seenGroups.has(String(at.id)); at = first(await loaders.organizationPartOf.load(String(at.id)))) {
      seenGroups.add(String(at.id));
      granteeNames.push(String(at.name), ...((at.aliases as string[] | null) ?? []));
    }
    const names = { grantee: granteeNames, data: nodes<NodeRecord>(data).flatMap((d) => [String(d.name), ...((d.aliases as string[] | null) ?? [])]) };
    const namesGrant = (r: NodeRecord | null) =>
      !!r &&
      documentedIn.some((d) => {
        if (d.node.id !== r.id) return false;
        const named = evidenceNames(String(d.rel.quote ?? d.rel.account ?? ""), names);
        return named.grantee || named.data;
      });
    const reportNames = evidence.map((r, i) => {
      const carrier = r ? carrierOf.get(String(r.id)) : undefined;
      const inferred = r && inferredReports.has(String(r.id));
      if (carrier && inferred) return `${carrierNames.get(carrier)}, citing a report it does not name (inferred to be ${nameOf(r, first(publishers[i]))}),`;
      return `${nameOf(r, first(publishers[i]))}${inferred ? " (a report the source does not name; inferred)" : ""}${carrier ? `, as reported by ${carrierNames.get(carrier)},` : ""}`;
    });
    return explainContradiction({
      kind: row.kind,
      speaker: speakerName(first(madeBy)),
      organization: name(first(onBehalfOf)),
      side: sideOf([id(first(onBehalfOf)), id(first(madeBy))], {
        grantee: id(first(grantee)),
        grantors: [id(first(grantor)), ...chainGrantors.map((g) => id(first(g)))],
      }),
      form: (statement.form as StatementForm) ?? "DIRECT",
      quote: (statement.quote as string | null) ?? null,
      account: (reportings.find((r) => r.rel.account)?.rel.account as string | undefined) ?? null,
      source: accountSource ? nameOf(accountSource, first(publishers[evidence.length])) : null,
      sourceShort: accountSource ? ((name(first(publishers[evidence.length])) ?? null) === null ? `the ${reportKindWord(accountSource.kind as string)}` : withArticle(name(first(publishers[evidence.length]))!)) : null,
      ownSource:
        accountSource && id(first(publishers[evidence.length])) !== null && id(first(publishers[evidence.length])) === id(first(onBehalfOf) ?? first(madeBy))
          ? reportKindWord(accountSource.kind as string)
          : null,
      madeAt: (statement.madeAt as string) ?? null,
      speakerInferred: (statement.speakerInferred as string | null) ?? null,
      concedesAccess: statement.concedesAccess === true,
      claimedEnd: (statement.periodTo as string) ?? (statement.madeAt as string) ?? null,
      grantor: name(first(grantor)),
      grantee: name(first(grantee)) ?? "an unknown party",
      data: nodes<NodeRecord>(data).map((d) => String(d.name)),
      capabilities: (grant.capabilities as string[] | null) ?? null,
      validFrom: (grant.validFrom as string) ?? null,
      validTo: (grant.validTo as string) ?? null,
      openEnded: Boolean(grant.openEnded),
      exemptFromPrivacyRules: Boolean(grant.exemptFromPrivacyRules),
      chain: row.chain.map((_, i) => ({ grantor: name(first(chainGrantors[i])), grantee: name(first(chainGrantees[i])) ?? "an unknown party" })),
      reports: reportNames,
      reportsInGeneral: reportNames.filter((_, i) => !namesGrant(evidence[i])),
      admittedBy: [...new Set(admitterOrgs.map((o) => name(first(o))).filter((n): n is string => !!n))],
      // An organisation admits "by the article's account" when none of its admissions here is in its own words.
      admittedInReportedSpeech: reportedAdmitters(admitterOrgs.map((o) => name(first(o))), admissions, admissionReportings),
    });
  }
}

function reportedAdmitters(
  names: (string | null)[],
  statements: (NodeRecord | null)[],
  reportings: { node: NodeRecord; rel: Record<string, unknown> }[][],
): { by: string; source: string }[] {
  const ownWords = new Set(names.filter((by, i) => by && statements[i]?.form !== "REPORTED"));
  const reported = new Map<string, string>();
  names.forEach((by, i) => {
    if (!by || ownWords.has(by) || statements[i]?.form !== "REPORTED") return;
    const source = reportings[i].find((r) => r.rel.account)?.node;
    reported.set(by, source ? `the ${reportKindWord(source.kind as string)}` : "the source");
  });
  return [...reported].map(([by, source]) => ({ by, source }));
}

@Resolver(() => CorroborationType)
export class CorroborationResolver {
  @FieldResolver(() => StatementType, { description: "The admission." })
  async statement(@Root() c: CorroborationType, @Ctx() { loaders }: Context) {
    return loaders.statement.load(c.statementId);
  }
}
