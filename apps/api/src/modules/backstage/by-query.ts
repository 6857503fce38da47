import type { Condition, Db, EntityRecord, Position } from "@cartograph/db";
import { allOf, containsText, whereOf } from "./conditions.ts";
import { decodeQueryCursor, encodeQueryCursor, type QuerySpec } from "./cursor.ts";
import { parseFilterSets } from "./filters.ts";
import { walk, type Selection } from "./pages.ts";
import { parsePredicate } from "./predicates.ts";

/** One page of `/entities/by-query`, from a first request or from a cursor. */
export interface PageRequest {
  spec: QuerySpec;
  after?: Position;
  /** How many matches come before this page. */
  offset: number;
  /** Without one, every remaining match. */
  limit?: number;
  /** "count" on a first page that includes the total; later pages carry it, null when excluded. */
  totalItems: number | null | "count";
}

export interface PageInfo {
  nextCursor?: string;
  prevCursor?: string;
}

/**
 * Full-text filtering is a case-insensitive substring match on the given fields. Without fields,
 * Backstage searches the order field, or the uid when there is none; so does this.
 */
function fullText(spec: QuerySpec): Condition | null {
  const term = spec.fullTextFilter?.term.trim();
  if (!term) return null;
  const fields = spec.fullTextFilter?.fields?.length ? spec.fullTextFilter.fields : [spec.orderField?.key ?? "metadata.uid"];
  return containsText(fields, term);
}

export function selectionOf(spec: QuerySpec): Selection {
  const filter = spec.query ? parsePredicate(spec.query) : parseFilterSets(spec.filter);
  const text = fullText(spec);
  return { where: whereOf(text ? allOf([filter, text]) : filter), sort: spec.orderField ? [spec.orderField] : [] };
}

/** Hands the page's entities to `emit` chunk by chunk; returns the total and the cursors around the page. */
export async function queryPage(
  db: Db,
  request: PageRequest,
  emit: (records: EntityRecord[]) => Promise<void>,
): Promise<{ totalItems: number; pageInfo: PageInfo }> {
  const selection = selectionOf(request.spec);
  const result = await walk(db, selection, { after: request.after, limit: request.limit, withTotal: request.totalItems === "count" }, emit);
  const totalItems = request.totalItems === "count" ? (result.total ?? 0) : request.totalItems;
  const cursor = (after: Position, offset: number) => encodeQueryCursor({ spec: request.spec, after, offset, limit: request.limit, totalItems });
  const pageInfo: PageInfo = {};
  if (result.next) pageInfo.nextCursor = cursor(result.next, request.offset + result.count);
  if (request.offset > 0) {
    const previous = Math.max(0, request.offset - (request.limit ?? result.count));
    pageInfo.prevCursor = cursor({ offset: previous }, previous);
  }
  return { totalItems: totalItems ?? 0, pageInfo };
}

export function firstPage(input: { spec: QuerySpec; offset?: number; limit?: number; totalItems?: "include" | "exclude" }): PageRequest {
  const offset = input.offset ?? 0;
  return { spec: input.spec, after: offset > 0 ? { offset } : undefined, offset, limit: input.limit, totalItems: input.totalItems === "exclude" ? null : "count" };
}

/** The page a cursor points at; `limit` and nothing else may change along the way. */
export function pageAt(cursor: string, limit: number | undefined): PageRequest {
  const c = decodeQueryCursor(cursor);
  return { spec: c.spec, after: c.after, offset: c.offset, limit: limit ?? c.limit, totalItems: c.totalItems };
}
