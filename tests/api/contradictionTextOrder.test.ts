import { beforeAll, describe, expect, it } from "vitest";
import { type ContradictionOrder, contradictionsQuery, liveContradictionsQuery } from "../../src/contradictions/contradictionCypher.ts";
import { contradictionParams } from "../../src/contradictions/contradictionService.ts";
import type { Graph } from "../../src/graph/graph.ts";
import { CONTRADICTION_KINDS } from "../../src/domain/model.ts";
import { type TestApi, useSeededApi } from "../support/api.ts";

/**
 * The contradictions list filtered by text and read in any order, across pages, on the seed: the
 * API's answer against the same rule applied here to every contradiction's fields, and the counts
 * and cursors against the rows.
 */
const seeded = useSeededApi();
let graph: Graph;
let api: TestApi;
beforeAll(() => {
  ({ graph, api } = seeded);
});

const NETFLIX_DENIAL = "netflix-never-asked-or-accessed-messages~facebook-netflix-private-messages";

interface Party {
  name: string;
  aliases: string[];
}
interface Row {
  id: string;
  kind: string;
  severity: number;
  statement: {
    quote: string | null;
    paraphrase: string | null;
    account: string | null;
    madeAt: string | null;
    madeBy: { name?: string | null; organizationName?: string; description?: string | null; id: string } | null;
    onBehalfOf: Party | null;
  };
  grant: { description: string | null; grantor: Party | null; grantee: Party | null; data: { name: string }[] };
}

const FIELDS = `id kind severity
  statement { quote paraphrase account madeAt onBehalfOf { name aliases }
              madeBy { ... on Person { id name description } ... on Organization { id organizationName: name } } }
  grant { description grantor { name aliases } grantee { name aliases } data { name } }`;

const PAGE = `query ($filter: ContradictionFilter, $orderBy: ContradictionOrder, $first: Int, $after: String, $last: Int, $before: String) {
  contradictions(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { node { ${FIELDS} } }
  }
}`;

interface Connection {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: { node: Row }[];
}

async function page(variables: Record<string, unknown>): Promise<Connection> {
  const { body } = await api.query<{ contradictions: Connection }>(PAGE, variables);
  expect(body.errors, JSON.stringify(variables)).toBeUndefined();
  return body.data!.contradictions;
}

/** Every row, read forward `size` at a time; checks each page's counts and flags on the way. */
async function walkForward(variables: Record<string, unknown>, size: number): Promise<{ rows: Row[]; pages: Connection[] }> {
  const pages: Connection[] = [];
  let after: string | null = null;
  for (;;) {
    const current = await page({ ...variables, first: size, after });
    pages.push(current);
    expect(current.pageInfo.hasPreviousPage).toBe(pages.length > 1);
    if (!current.pageInfo.hasNextPage) break;
    expect(current.edges).toHaveLength(size);
    after = current.pageInfo.endCursor;
  }
  const rows = pages.flatMap((p) => p.edges.map((e) => e.node));
  for (const p of pages) expect(p.totalCount).toBe(rows.length);
  return { rows, pages };
}

const speakerOf = (row: Row) => {
  const by = row.statement.madeBy;
  return by ? (by.organizationName ?? by.name ?? by.description ?? by.id) : null;
};

/** The filter's rule, applied here: every word somewhere in the pair's text, case-insensitive, ’ as '. */
function textOf(row: Row): string {
  const party = (p: Party | null) => (p ? [p.name, ...p.aliases] : []);
  const speaker = speakerOf(row);
  return [row.statement.quote, row.statement.paraphrase, row.statement.account, speaker, row.statement.onBehalfOf?.name, row.grant.description, ...party(row.grant.grantor), ...party(row.grant.grantee), ...row.grant.data.map((d) => d.name)]
    .filter(Boolean)
    .join("\n")
    .toLowerCase()
    .replace(/’/g, "'");
}
const holds = (text: string) => (row: Row) => text.toLowerCase().replace(/’/g, "'").split(/\s+/).filter(Boolean).every((word) => textOf(row).includes(word));

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

let all: Row[];
beforeAll(async () => {
  all = (await page({ first: 100 })).edges.map((e) => e.node);
  expect(all.length).toBe(7);
});

describe("the text filter, in the API", () => {
  const TEXTS = ["never asked", "NEVER   Asked", "spotify", "messages", "friends lists", "the social network", "spokesperson", "anyone's private", "anyone’s", "netflix unaware", "zzz-not-there", "private messages Netflix"];

  it("keeps exactly the contradictions holding every word, strongest first, counted and paged alike", async () => {
    const seen = new Set<number>();
    for (const text of TEXTS) {
      const expected = all.filter(holds(text));
      seen.add(expected.length);
      const { rows } = await walkForward({ filter: { text } }, 2);
      expect(ids(rows), text).toEqual(ids(expected));
    }
    // The texts chosen keep none, one, some and all of the contradictions: the filter is no constant.
    expect([...seen]).toEqual(expect.arrayContaining([0, 1, all.length]));
    expect([...seen].some((n) => n > 1 && n < all.length)).toBe(true);
  });

  it("finds a quote's words, the data's names and a party's alias", async () => {
    expect(ids((await page({ filter: { text: "never asked" }, first: 100 })).edges.map((e) => e.node))).toEqual([NETFLIX_DENIAL]);
    // "private messages" is the name of the data of Netflix's and Spotify's grants.
    expect((await page({ filter: { text: "private messages" }, first: 100 })).totalCount).toBe(all.filter((r) => r.grant.data.some((d) => d.name === "private messages")).length);
    // "the social network" is an alias of Facebook, which granted every contradicted grant.
    expect((await page({ filter: { text: "the social network" }, first: 100 })).totalCount).toBe(all.length);
    expect((await page({ filter: { text: "   " }, first: 100 })).totalCount).toBe(all.length);
  });

  it("combines with the other filters and with the organisation's start", async () => {
    for (const filter of [
      { text: "messages", organization: "netflix" },
      { text: "messages", kinds: ["UNAWARENESS_VS_GRANT"] },
      { text: "facebook", minSeverity: 60 },
      { text: "private", organization: "facebook", to: "2018-12" },
    ]) {
      const base = await walkForward({ filter: { ...filter, text: undefined } }, 100);
      const { rows } = await walkForward({ filter }, 1);
      expect(ids(rows), JSON.stringify(filter)).toEqual(ids(base.rows.filter(holds(filter.text))));
    }
  });

  it("the precomputed and the from-scratch queries answer it alike, with the same parameter", async () => {
    for (const [start, organization] of [["all", null], ["organization", "netflix"], ["organization", "facebook"]] as const) {
      for (const text of ["messages", "never asked", "spotify private", "zzz"]) {
        const params = contradictionParams({ organization, text, skip: 0, limit: 100 });
        expect(params.words.length).toBeGreaterThan(0);
        const precomputed = await graph.read(contradictionsQuery({ start, text: true }), params);
        const live = await graph.read(liveContradictionsQuery({ start, text: true }), params);
        expect(live, `${start} ${organization} ${text}`).toEqual(precomputed);
        const [{ total }] = await graph.read<{ total: number }>(liveContradictionsQuery({ start, text: true, count: true }), params);
        expect(Number(total)).toBe(precomputed.length);
        if (text === "zzz") expect(precomputed).toEqual([]);
        else expect(precomputed.length).toBeGreaterThan(0);
      }
    }
  }, 240_000);

  it("refuses a text over 200 characters as BAD_USER_INPUT", async () => {
    const { body } = await api.query(PAGE, { filter: { text: "x".repeat(201) } });
    expect(body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(body.errors?.[0]?.message).toContain("filter.text");
  });
});

/** The order each field means, applied here (ties: severity down, date, then the ids). */
function sortedHere(rows: Row[], order: ContradictionOrder): Row[] {
  const sign = order.direction === "DESC" ? -1 : 1;
  const said = (r: Row) => (r.statement.onBehalfOf?.name ?? speakerOf(r) ?? "").toLowerCase();
  const date = (r: Row) => r.statement.madeAt ?? "";
  const compare = (a: Row, b: Row): number => {
    switch (order.field) {
      case "SEVERITY":
        return sign * (a.severity - b.severity) || date(a).localeCompare(date(b));
      case "DATE":
        return Number(!a.statement.madeAt) - Number(!b.statement.madeAt) || sign * date(a).localeCompare(date(b)) || b.severity - a.severity;
      case "KIND":
        return sign * (CONTRADICTION_KINDS.indexOf(a.kind as never) - CONTRADICTION_KINDS.indexOf(b.kind as never)) || b.severity - a.severity || date(a).localeCompare(date(b));
      case "SPEAKER":
        return sign * (said(a) < said(b) ? -1 : said(a) > said(b) ? 1 : 0) || b.severity - a.severity || date(a).localeCompare(date(b));
      case "WAITING": // one load, nobody reviewed: all waiting since the same time
        return b.severity - a.severity || date(a).localeCompare(date(b));
    }
  };
  return [...rows].sort((a, b) => compare(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

describe("the order of the list, across pages", () => {
  const ORDERS: ContradictionOrder[] = (["SEVERITY", "DATE", "KIND", "SPEAKER", "WAITING"] as const).flatMap((field) => (["ASC", "DESC"] as const).map((direction) => ({ field, direction })));

  it("each order is the whole list's, read two at a time forward and back", async () => {
    const orders = new Set<string>();
    for (const order of ORDERS) {
      const expected = ids(sortedHere(all, order));
      orders.add(expected.join());
      const { rows, pages } = await walkForward({ orderBy: order }, 2);
      expect(ids(rows), JSON.stringify(order)).toEqual(expected);
      // Backward from the last page with last/before: the same pages, in reverse.
      let current = pages.at(-1)!;
      const back: string[][] = [ids(current.edges.map((e) => e.node))];
      while (current.pageInfo.hasPreviousPage) {
        current = await page({ orderBy: order, last: 2, before: current.pageInfo.startCursor });
        expect(current.pageInfo.hasNextPage).toBe(true);
        back.unshift(ids(current.edges.map((e) => e.node)));
      }
      expect(back.flat(), JSON.stringify(order)).toEqual(expected);
      expect(back[0]).toEqual(ids(pages[0].edges.map((e) => e.node)));
    }
    // The orders differ from one another on the seed: none is the default under another name.
    expect(orders.size).toBeGreaterThanOrEqual(5);
  });

  it("the default is strongest first, as SEVERITY DESC, and a direction defaults by field", async () => {
    expect(ids(all)).toEqual(ids(sortedHere(all, { field: "SEVERITY", direction: "DESC" })));
    expect(ids((await page({ orderBy: { field: "SPEAKER" }, first: 100 })).edges.map((e) => e.node))).toEqual(ids(sortedHere(all, { field: "SPEAKER", direction: "ASC" })));
    expect(ids((await page({ orderBy: { field: "DATE" }, first: 100 })).edges.map((e) => e.node))).toEqual(ids(sortedHere(all, { field: "DATE", direction: "DESC" })));
  });

  it("orders the text-filtered list, the organisation's list and the from-scratch answer alike", async () => {
    for (const order of ORDERS) {
      const { rows } = await walkForward({ orderBy: order, filter: { text: "private", organization: "facebook" } }, 2);
      expect(ids(rows)).toEqual(ids(sortedHere(all.filter(holds("private")), order)));
      // (The from-scratch query is planned anew for each order: one start, the ORDER BY being the same for all.)
      const params = contradictionParams({ skip: 0, limit: 100 });
      const precomputed = await graph.read(contradictionsQuery({ start: "all", order }), params);
      expect(await graph.read(liveContradictionsQuery({ start: "all", order }), params), JSON.stringify(order)).toEqual(precomputed);
    }
  }, 240_000);

  it("a backward page mixed with a forward one, or `last` without `before`, is BAD_USER_INPUT", async () => {
    const first = await page({ first: 2 });
    for (const variables of [{ first: 2, before: first.pageInfo.endCursor }, { last: 2, after: first.pageInfo.endCursor }, { last: 2 }, { last: 2, before: "bm9wZQ" }, { last: 101, before: first.pageInfo.endCursor }]) {
      const { body } = await api.query(PAGE, variables);
      expect(body.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe("BAD_USER_INPUT");
    }
  });
});
