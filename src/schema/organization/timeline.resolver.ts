import { reportKindWord } from "../../domain/citation.ts";
import DataLoader from "dataloader";
import neo4j from "neo4j-driver";
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import { comparePartialDates } from "../../domain/dates.ts";
import { badInput } from "../../domain/errors.ts";
import type { Graph } from "../../graph/graph.ts";
import { dayBound } from "../common/dateArgs.ts";
import type { Context } from "../context.ts";
import type { NodeRecord } from "../loaders.ts";
import { OrganizationType } from "./organization.type.ts";
import { TIMELINE_EVENT_KINDS, type TimelineEventKind, TimelineEventType } from "./timeline.type.ts";

export const DEFAULT_TIMELINE_SIZE = 200;
export const MAX_TIMELINE_SIZE = 500;

/**
 * Every organisation's timeline asked for in one request, in one Cypher round trip: the keys are
 * unwound, and for each the statements, grant starts and ends, and reports of the organisation and
 * the members of its corporate group (Bing's grants are on Microsoft's timeline, as contradictions
 * count them) are gathered, filtered by date and cut to the limit inside Neo4j (LIMIT takes no
 * variables, so the ordered list is sliced).
 *
 * Dates are partial ISO 8601 strings. An event lies in [from, to] when the interval its date names
 * overlaps it; for a date d of n characters and full days from/to, that is
 * d >= left(from, n) AND d <= left(to, n) (fixed-width strings compare like the dates they name).
 * The order "earliest day, then the more precise first" is comparePartialDates' (src/domain/dates.ts);
 * Neo4j applies the same order before the limit, and the resolver sorts the page with the function
 * itself.
 */
const TIMELINES = `
UNWIND $keys AS k
CALL (k) {
  MATCH (o:Organization {id: k.id})
  MATCH (m:Organization)-[:PART_OF*0..6]->(o)
  WITH k, collect(DISTINCT m) AS members
  CALL (members) {
    UNWIND members AS m
    MATCH (s:Statement)-[:MADE_BY|ON_BEHALF_OF]->(m)
    WHERE s.madeAt IS NOT NULL
    WITH DISTINCT s
    RETURN {
      kind: 'STATEMENT_MADE', date: s.madeAt, id: s.id,
      statement: s {.*, __label: 'Statement'},
      speaker: [(s)-[:MADE_BY]->(x) | coalesce(x.name, x.description, x.id)][0],
      onBehalfOf: [(s)-[:ON_BEHALF_OF]->(x:Organization) | x.name][0]
    } AS event
    UNION ALL
    UNWIND members AS m
    MATCH (g:AccessGrant)-[:GRANTED_BY|GRANTED_TO]->(m)
    WITH DISTINCT g
    UNWIND [e IN [['GRANT_STARTED', g.validFrom], ['GRANT_ENDED', g.validTo]] WHERE e[1] IS NOT NULL] AS e
    RETURN {
      kind: e[0], date: e[1], id: g.id,
      grant: g {.*, __label: 'AccessGrant'},
      grantor: [(g)-[:GRANTED_BY]->(x:Organization) | x.name][0],
      grantee: [(g)-[:GRANTED_TO]->(x:Organization) | x.name][0],
      data: [(g)-[:COVERS]->(c:DataCategory) | c.name]
    } AS event
    UNION ALL
    CALL (members) {
      UNWIND members AS m
      MATCH (r:Report)-[:PUBLISHED_BY]->(m)
      RETURN r, null AS g, null AS s
      UNION
      UNWIND members AS m
      MATCH (m)<-[:GRANTED_BY|GRANTED_TO]-(g:AccessGrant)-[:DOCUMENTED_IN]->(r:Report)
      RETURN r, g, null AS s
      UNION
      UNWIND members AS m
      MATCH (m)<-[:MADE_BY|ON_BEHALF_OF]-(s:Statement)-[:REPORTED_IN]->(r:Report)
      RETURN r, null AS g, s
    }
    WITH r, collect(DISTINCT g) AS grants, collect(DISTINCT s) AS statements
    WHERE r.publishedAt IS NOT NULL
    RETURN {
      kind: 'REPORT_PUBLISHED', date: r.publishedAt, id: r.id,
      report: r {.*, __label: 'Report'},
      publisher: [(r)-[:PUBLISHED_BY]->(x:Organization) | x.name][0],
      grants: [x IN grants | x {.*, __label: 'AccessGrant'}],
      statements: [x IN statements | x {.*, __label: 'Statement'}]
    } AS event
  }
  WITH k, event
  WHERE (k.from IS NULL OR event.date >= left(k.from, size(event.date)))
    AND (k.to IS NULL OR event.date <= left(k.to, size(event.date)))
  WITH k, event ORDER BY
    CASE size(event.date) WHEN 4 THEN event.date + '-01-01' WHEN 7 THEN event.date + '-01' ELSE event.date END,
    size(event.date) DESC,
    CASE event.kind WHEN 'GRANT_STARTED' THEN 0 WHEN 'GRANT_ENDED' THEN 1 WHEN 'REPORT_PUBLISHED' THEN 2 ELSE 3 END,
    event.id
  WITH k, collect(event) AS events
  RETURN events[..k.limit] AS events
}
RETURN k.key AS key, events`;

interface TimelineKey {
  id: string;
  from: string | null;
  to: string | null;
  limit: number;
}

/** An event as the query returns it: the node of its kind and the names its summary needs. */
interface EventRow {
  kind: TimelineEventKind;
  date: string;
  id: string;
  statement?: NodeRecord;
  speaker?: string | null;
  onBehalfOf?: string | null;
  grant?: NodeRecord;
  grantor?: string | null;
  grantee?: string | null;
  data?: string[];
  report?: NodeRecord;
  publisher?: string | null;
  grants?: NodeRecord[];
  statements?: NodeRecord[];
}

const keyOf = (k: TimelineKey) => JSON.stringify([k.id, k.from, k.to, k.limit]);

/**
 * The timeline loader of a request. Loaders live in src/schema/loaders.ts; this one is kept beside
 * its resolver and attached to the request's loaders object, so it is created once per request and
 * batches every organisation of the request.
 */
const timelineLoaders = new WeakMap<object, DataLoader<TimelineKey, EventRow[], string>>();

function timelineLoader(context: Context) {
  let loader = timelineLoaders.get(context.loaders);
  if (!loader) {
    loader = createTimelineLoader(context.graph);
    timelineLoaders.set(context.loaders, loader);
  }
  return loader;
}

function createTimelineLoader(graph: Graph) {
  return new DataLoader<TimelineKey, EventRow[], string>(
    async (keys) => {
      const rows = await graph.read<{ key: string; events: EventRow[] }>(TIMELINES, {
        keys: keys.map((k) => ({ key: keyOf(k), id: k.id, from: k.from, to: k.to, limit: neo4j.int(k.limit) })),
      });
      const found = new Map(rows.map((row) => [row.key, row.events]));
      return keys.map((k) => found.get(keyOf(k)) ?? []);
    },
    { cacheKeyFn: keyOf },
  );
}

const KIND_ORDER = new Map(TIMELINE_EVENT_KINDS.map((kind, i) => [kind, i]));

/** Date order of comparePartialDates, then grants before reports before the statements that answer them. */
export function compareTimelineEvents(a: { date: string; kind: TimelineEventKind; id: string }, b: typeof a): number {
  return comparePartialDates(a.date, b.date) || KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)! || a.id.localeCompare(b.id);
}

const clip = (text: string, max = 140) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);
const list = (items: string[]) => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);

function grantPhrase(e: EventRow): string {
  const capabilities = (e.grant?.capabilities as string[] | null) ?? [];
  const access = `${capabilities.length ? `${list(capabilities.map((c) => c.toLowerCase()))} ` : ""}access to ${list(e.data ?? []) || "data"}`;
  return `${possessive(e.grantor ?? "Users")} grant to ${e.grantee ?? "an unknown party"} (${access})`;
}

const possessive = (name: string) => (name.endsWith("s") ? `${name}'` : `${name}'s`);

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

/** One plain line per event; the nodes themselves carry the details. */
export function summarize(e: EventRow): string {
  switch (e.kind) {
    case "STATEMENT_MADE": {
      const speaker = e.speaker ?? "unknown";
      const who = e.onBehalfOf && e.onBehalfOf !== speaker ? `${speaker} (${e.onBehalfOf})` : speaker;
      const Who = `${who.charAt(0).toUpperCase()}${who.slice(1)}`;
      const channel = e.statement?.channel ? ` (${String(e.statement.channel)})` : "";
      // Quotation marks only around the speaker's own words; reported speech says whose words it gives.
      const unverified = e.statement?.verified === true ? "" : " (unverified: no source of it has its text archived)";
      if (e.statement?.form !== "REPORTED" && e.statement?.quote) return `${Who} said${channel}: “${clip(String(e.statement.quote))}”${unverified}`;
      const account = String(e.statement?.account ?? e.statement?.paraphrase ?? "");
      return `${Who}, in reported speech; the source's words, not ${who}'s: “${clip(account)}”${unverified}`;
    }
    case "GRANT_STARTED":
      return `${grantPhrase(e)} starts.`;
    case "GRANT_ENDED":
      return `${grantPhrase(e)} ends.`;
    case "REPORT_PUBLISHED": {
      const what = [
        e.grants?.length ? `documents ${count(e.grants.length, "grant")}` : "",
        e.statements?.length ? `carries ${count(e.statements.length, "statement")}` : "",
      ].filter(Boolean);
      // A report without a title is said to be untitled, never given an empty or invented one.
      const title = e.report?.title ? `“${clip(String(e.report.title))}”` : `an untitled ${reportKindWord(e.report?.kind as string | undefined)}`;
      const published = e.publisher ? `${e.publisher} published ${title}` : `${title} published`;
      return `${published}${what.length ? ` (${what.join("; ")})` : ""}.`;
    }
  }
}

function toEvent(e: EventRow): TimelineEventType {
  return {
    date: e.date,
    kind: e.kind,
    summary: summarize(e),
    statement: e.statement ?? null,
    grant: e.grant ?? null,
    report: e.report ?? null,
    documentsGrants: e.grants ?? [],
    carriesStatements: e.statements ?? [],
  };
}

@Resolver(() => OrganizationType)
export class OrganizationTimelineResolver {
  @FieldResolver(() => [TimelineEventType], {
    description:
      "What happened, in date order: statements it (or someone on its behalf) made, grants it gave or received starting and ending, and reports published that it published, that document its grants or that carried its statements. Includes the members of its corporate group. Partial dates sort by their first day, the more precise first (2018-12-01 before 2018-12); events without a known date are left out.",
  })
  async timeline(
    @Root() org: OrganizationType,
    @Ctx() context: Context,
    @Arg("from", () => String, { nullable: true, description: "Events on or after this date (ISO 8601, any precision)." }) from?: string,
    @Arg("to", () => String, { nullable: true, description: "Events on or before this date (ISO 8601, any precision)." }) to?: string,
    @Arg("first", () => Int, {
      nullable: true,
      description: `At most this many events, the earliest first (default ${DEFAULT_TIMELINE_SIZE}, at most ${MAX_TIMELINE_SIZE}).`,
    })
    firstArg?: number,
  ): Promise<TimelineEventType[]> {
    const limit = firstArg ?? DEFAULT_TIMELINE_SIZE;
    if (!Number.isInteger(limit) || limit < 0 || limit > MAX_TIMELINE_SIZE) {
      throw badInput(`\`first\` must be between 0 and ${MAX_TIMELINE_SIZE}; got ${firstArg}.`, { argument: "first" });
    }
    const key = { id: org.id, from: dayBound(from, "start", "from"), to: dayBound(to, "end", "to"), limit };
    if (key.from && key.to && key.from > key.to) throw badInput(`\`from\` (${from}) is after \`to\` (${to}).`, { argument: "from" });
    const rows = await timelineLoader(context).load(key);
    return [...rows].sort(compareTimelineEvents).map(toEvent);
  }
}
