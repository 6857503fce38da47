import type { Db } from "./client.ts";
import { Prisma } from "./generated/prisma/client.ts";

/** One change-log row as live listeners see it. */
export interface ChangeEventRow {
  id: string;
  ref: string;
  operation: string;
  etag: string | null;
  actor: string;
  source: string | null;
  at: string;
}

/**
 * One read of the change log for the live feed: the rows after `after` plus the ids in `missing`
 * (gaps left by transactions that had taken their id but not committed yet), together with the
 * statement's snapshot bounds, all from ONE snapshot: `xmin` is the oldest transaction still
 * running, `xmax` the first not yet started. A gap noticed under xmax X whose row a later read
 * with xmin >= X still does not see was rolled back: every transaction that could hold it is over.
 * (Writers insert their change events after their entity rows, so they own a transaction id
 * before they take a change id.)
 */
export async function readChangeFeed(db: Db, after: string, missing: string[], limit: number): Promise<{ rows: ChangeEventRow[]; xmin: string; xmax: string }> {
  const [row] = await db.query<{ xmin: string; xmax: string; rows: (Omit<ChangeEventRow, "id"> & { id: string | number })[] }>(
    Prisma.sql`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin, pg_snapshot_xmax(pg_current_snapshot())::text AS xmax,
        coalesce((SELECT json_agg(c) FROM (
          SELECT id::text AS id, ref, operation, etag, actor, source, created_at AS at FROM change_events
           WHERE id > ${after}::bigint OR id = ANY(${missing}::bigint[]) ORDER BY id LIMIT ${limit}) c), '[]'::json) AS rows`,
    { prepare: true },
  );
  const rows = row!.rows.map(normalize).sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  return { xmin: row!.xmin, xmax: row!.xmax, rows };
}

/** Where the live feed starts: the newest id, the ids present among the `window` before it, and the snapshot's xmax. */
export async function changeFeedStart(db: Db, window: number): Promise<{ last: string; present: string[]; xmax: string }> {
  const [row] = await db.query<{ last: string; present: string[]; xmax: string }>(
    Prisma.sql`WITH top AS (SELECT coalesce(max(id), 0) AS last FROM change_events)
      SELECT top.last::text AS last, pg_snapshot_xmax(pg_current_snapshot())::text AS xmax,
             coalesce((SELECT array_agg(id::text) FROM change_events WHERE id > top.last - ${window}), '{}') AS present
        FROM top`,
  );
  return row!;
}

/** Change events after `after` (the live feed's cursor) and when the oldest of them was written: how far the feed is behind. */
export async function changeFeedBacklog(db: Db, after: string): Promise<{ events: number; oldestAt: Date | null }> {
  const [row] = await db.query<{ events: number; oldest: string | Date | null }>(
    Prisma.sql`SELECT count(*)::int AS events, min(created_at) AS oldest FROM change_events WHERE id > ${after}::bigint`,
    { prepare: true },
  );
  return { events: row!.events, oldestAt: row!.oldest === null ? null : new Date(row!.oldest) };
}

/** The changes after `after` in id order (a reconnecting listener's replay), only of `refs` when given. */
export async function changeEventsAfter(db: Db, after: string, refs: string[] | null, limit: number): Promise<ChangeEventRow[]> {
  const rows = await db.query<ChangeEventRow & { id: string | number }>(
    Prisma.sql`SELECT id::text AS id, ref, operation, etag, actor, source, created_at AS at FROM change_events
      WHERE id > ${after}::bigint ${refs ? Prisma.sql`AND ref = ANY(${refs}::text[])` : Prisma.empty} ORDER BY id LIMIT ${limit}`,
  );
  return rows.map(normalize);
}

const normalize = (r: Omit<ChangeEventRow, "id" | "at"> & { id: string | number; at: string | Date }): ChangeEventRow => ({
  ...r,
  id: String(r.id),
  at: new Date(r.at).toISOString(),
});

/** Whether an API token (by id) still works: not revoked, not expired. */
export async function apiTokenIsLive(db: Db, id: string): Promise<boolean> {
  const rows = await db.query(
    Prisma.sql`SELECT 1 FROM api_tokens WHERE id = ${id}::uuid AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
    { prepare: true },
  );
  return rows.length === 1;
}
