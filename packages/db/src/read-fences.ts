import type { Db } from "./client.ts";
import { Prisma } from "./generated/prisma/client.ts";

/**
 * Read-your-writes with read replicas. After a caller's write commits, the primary's WAL insert
 * position (at or past the end of that commit) becomes the caller's fence; the caller's reads go to
 * a replica only once it has replayed that far. Kept on the primary, so every API process sees it.
 * Only the largest position is kept: concurrent writes by one caller never move it back.
 */
export async function recordReadFence(db: Db, principal: string): Promise<void> {
  await db.query(
    Prisma.sql`INSERT INTO read_fences (principal, lsn, updated_at) VALUES (${principal}, pg_current_wal_insert_lsn(), now())
      ON CONFLICT (principal) DO UPDATE SET lsn = GREATEST(read_fences.lsn, EXCLUDED.lsn), updated_at = EXCLUDED.updated_at`,
    { prepare: true },
  );
}

/** The caller's fence (a pg_lsn such as `0/1B99E70`), or null when they never wrote. Read on the primary. */
export async function readFenceOf(db: Db, principal: string): Promise<string | null> {
  const [row] = await db.query<{ lsn: string }>(Prisma.sql`SELECT lsn::text AS lsn FROM read_fences WHERE principal = ${principal}`, { prepare: true });
  return row?.lsn ?? null;
}

/** After a committed catalog change by `principal`: with replicas configured, moves their fence. */
export async function fenceAfterWrite(db: Db, principal: string | undefined): Promise<void> {
  if (db.replicas && principal) await recordReadFence(db, principal);
}
