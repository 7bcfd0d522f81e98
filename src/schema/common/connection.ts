import crypto from "node:crypto";
import { ClassType, Field, Int, ObjectType } from "type-graphql";
import { badInput } from "../../domain/errors.ts";
import type DataLoader from "dataloader";
import { type PageKey, type PageResult, withLoaded } from "../loaders.ts";

/**
 * Relay-style pagination. A cursor is opaque: an offset in its list, bound to that list (the query
 * field and its filter and order, as the resolver names it) by an HMAC under the deployment's secret
 * (useCursorKey; a random key per process until set). A cursor of another list, or one made by hand,
 * is BAD_USER_INPUT instead of silently reading some other page.
 */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ObjectType({ simpleResolvers: true, description: "Where a page stands in its list." })
export class PageInfo {
  @Field(() => Boolean, { description: "True when a later page exists." })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: "True when an earlier page exists." })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the first edge of the page." })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: "Cursor of the last edge; pass it as `after` for the next page." })
  endCursor!: string | null;
}

export interface Page {
  skip: number;
  limit: number;
  /** The list the page belongs to; its cursors are bound to it. */
  list: string;
}

let cursorKey: Buffer = crypto.randomBytes(32);

/** The key cursors are sealed with: the deployment's secret, so every process of it reads the others' cursors (server.ts). */
export function useCursorKey(key: Buffer) {
  cursorKey = key;
}

const cursorTag = (offset: number, list: string) => crypto.createHmac("sha256", cursorKey).update(`cursor\n${list}\n${offset}`).digest("base64url").slice(0, 16);

/** A stable name for a list with its filter and order: the same arguments in any key order name the same list. */
export function listName(field: string, args: Record<string, unknown> = {}): string {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === "object"
        ? Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]))
        : value;
  return `${field}:${JSON.stringify(canonical(args))}`;
}

export function encodeCursor(offset: number, list: string): string {
  return Buffer.from(`v2:${offset}:${cursorTag(offset, list)}`).toString("base64url");
}

export function pageOf(first: number | undefined | null, after: string | undefined | null, list: string): Page {
  const limit = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE_SIZE) {
    throw badInput(`\`first\` must be between 0 and ${MAX_PAGE_SIZE}; got ${first}.`, { argument: "first" });
  }
  if (!after) return { skip: 0, limit, list };
  return { skip: offsetOf(after, "after", list) + 1, limit, list };
}

function offsetOf(cursor: string, argument: string, list: string): number {
  const decoded = /^v2:(\d{1,9}):([\w-]{16})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!decoded) throw badInput(`\`${argument}\` is not a cursor this API issued: "${cursor.slice(0, 60)}".`, { argument });
  const offset = Number(decoded[1]);
  const expected = Buffer.from(cursorTag(offset, list));
  if (!crypto.timingSafeEqual(expected, Buffer.from(decoded[2]))) {
    throw badInput(`\`${argument}\` is a cursor of another list (another query, filter or order) or was not issued by this API; read the first page of this list again without it.`, { argument });
  }
  return offset;
}

/**
 * A page read forward (`first`, `after`) or backward (`last` items before the cursor `before`, in
 * the list's order): the previous page of a page is `last: n, before: <its startCursor>`. The two
 * directions do not mix, and `last` needs `before`.
 */
export function pageOfEither(args: { first?: number | null; after?: string | null; last?: number | null; before?: string | null }, list: string): Page {
  const backward = (args.last ?? null) !== null || (args.before ?? null) !== null;
  if (!backward) return pageOf(args.first, args.after, list);
  if ((args.first ?? null) !== null || (args.after ?? null) !== null) {
    throw badInput("Page forward with `first` and `after`, or backward with `last` and `before`; not both.", { argument: "last" });
  }
  if (!args.before) throw badInput("`last` reads the items before a cursor: give `before` too (the startCursor of the page after them).", { argument: "before" });
  const last = args.last ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(last) || last < 0 || last > MAX_PAGE_SIZE) {
    throw badInput(`\`last\` must be between 0 and ${MAX_PAGE_SIZE}; got ${args.last}.`, { argument: "last" });
  }
  const end = offsetOf(args.before, "before", list);
  const skip = Math.max(0, end - last);
  return { skip, limit: end - skip, list };
}

export interface ConnectionData<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: PageInfo;
  /** A number, or a function computing it only when the client asks for it (graphql-js calls it). */
  totalCount: number | (() => Promise<number>);
}

/** Builds a page from items fetched with one extra row (limit + 1) to learn whether more exist. */
export function connectionFrom<T>(rows: T[], page: Page, total: number | (() => Promise<number>)): ConnectionData<T> {
  const items = rows.slice(0, page.limit);
  const edges = items.map((node, i) => ({ node, cursor: encodeCursor(page.skip + i, page.list) }));
  return {
    edges,
    totalCount: total,
    pageInfo: {
      hasNextPage: rows.length > page.limit,
      hasPreviousPage: page.skip > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** A connection type for T: `edges { node cursor }`, `pageInfo`, `totalCount`. */
export function Connection<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true, description: `One ${name} in a page, with its cursor.` })
  class Edge {
    @Field(() => nodeType, { description: `The ${name}.` })
    node!: T;

    @Field(() => String, { description: "Opaque cursor of this edge." })
    cursor!: string;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true, description: `A page of ${name} items.` })
  class ConnectionType {
    @Field(() => [Edge], { description: "The items of this page." })
    edges!: Edge[];

    @Field(() => PageInfo, { description: "Where this page stands." })
    pageInfo!: PageInfo;

    @Field(() => Int, { simple: true, description: "How many items the whole list holds (counted only when asked for)." })
    totalCount!: number;
  }
  return ConnectionType;
}

/** A connection field backed by a paged loader: one batched round trip for all parents (none when the look-ahead read the page). */
export function pagedConnection(loader: DataLoader<PageKey, PageResult, string>, list: string, id: string, firstArg: number | undefined, after: string | undefined) {
  const page = pageOf(firstArg, after, list);
  return withLoaded(loader, { id, skip: page.skip, limit: page.limit + 1 }, (result) => connectionFrom(result.items, page, result.total));
}

