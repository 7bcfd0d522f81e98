import { notFound } from "../../domain/errors.ts";
import type { NodeRecord, Related } from "../loaders.ts";

/** Helpers shared by resolvers: nodes come from Cypher as property maps with `__label`. */

export function nodes<T = NodeRecord>(related: Related[]): T[] {
  return related.map((r) => r.node as unknown as T);
}

export function first<T = NodeRecord>(related: Related[]): T | null {
  return (related[0]?.node as unknown as T) ?? null;
}

/** A node that must exist: NOT_FOUND names what was asked for. */
export function required<T>(node: T | null | undefined, what: string, id: string): T {
  if (!node) throw notFound(what, id);
  return node;
}

/** Plain types of the stored nodes, as the resolvers see them. */
export interface OrganizationNode {
  id: string;
  name: string;
  kind: string;
  aliases?: string[];
  sourceExtracts?: string[];
}
