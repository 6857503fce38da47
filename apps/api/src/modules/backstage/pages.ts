import { queryEntities, type Db, type EntityRecord, type FilterGroups, type Position, type SortKey } from "@cartograph/db";

/** Entities read per query: a long list is many bounded queries, never one unbounded one. */
export const CHUNK = 500;

export interface Selection {
  where: FilterGroups;
  sort: SortKey[];
}

export interface Walk {
  /** Where the rest starts when `limit` stopped the walk before the end. */
  next?: Position;
  count: number;
  /** When asked for: all matches, not only this walk's. */
  total?: number;
}

/**
 * Reads the selected entities from `after` in chunks, handing each chunk to `onChunk`, until
 * `limit` entities (all without a limit). Makes at least one query, so a limit of 0 still counts.
 */
export async function walk(
  db: Db,
  selection: Selection,
  options: { after?: Position; limit?: number; withTotal: boolean },
  onChunk: (records: EntityRecord[]) => Promise<void>,
): Promise<Walk> {
  let after = options.after;
  let count = 0;
  let total: number | undefined;
  for (let first = true; ; first = false) {
    const size = options.limit === undefined ? CHUNK : Math.min(CHUNK, options.limit - count);
    if (size === 0 && !first) return { next: after, count, total };
    const page = await queryEntities(db, { ...selection, limit: size, after, withTotal: first && options.withTotal });
    total ??= page.total;
    count += page.items.length;
    if (page.items.length > 0) await onChunk(page.items);
    if (!page.next) return { count, total };
    after = page.next;
  }
}
