import type { Db } from "./client.ts";
import { Prisma } from "./generated/prisma/client.ts";

export type IdempotencyClaim =
  | { state: "new" }
  | { state: "replay"; status: number; body: unknown; headers: Record<string, string> }
  | { state: "mismatch" }
  | { state: "in_progress" };

/** How long a key is remembered; a retry after that is a new request. */
const RETENTION = "24 hours";
/** A claim never completed (its process died) is taken over after this long. */
const ABANDONED_AFTER_MS = 5 * 60_000;

/**
 * Claims `key` for a request with this fingerprint, or reports what an earlier request with the
 * same key got. The insert is atomic, so of two concurrent requests with one key only one runs.
 */
export async function claimIdempotencyKey(db: Db, key: string, fingerprint: string): Promise<IdempotencyClaim> {
  const { prisma } = db;
  if (Math.random() < 0.01) await prisma.$executeRaw`DELETE FROM idempotency_keys WHERE created_at < now() - ${RETENTION}::interval`;
  const inserted = await prisma.$executeRaw`
    INSERT INTO idempotency_keys (key, fingerprint, created_at) VALUES (${key}, ${fingerprint}, now())
    ON CONFLICT (key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, status = NULL, body = NULL, headers = NULL, created_at = now()
      WHERE idempotency_keys.created_at < now() - ${RETENTION}::interval
         OR (idempotency_keys.status IS NULL AND idempotency_keys.created_at < now() - ${`${ABANDONED_AFTER_MS} milliseconds`}::interval)`;
  if (inserted === 1) return { state: "new" };
  const row = await prisma.idempotencyKey.findUnique({ where: { key } });
  if (!row) return claimIdempotencyKey(db, key, fingerprint); // expired and removed in between
  if (row.fingerprint !== fingerprint) return { state: "mismatch" };
  if (row.status === null) return { state: "in_progress" };
  return { state: "replay", status: row.status, body: row.body, headers: (row.headers ?? {}) as Record<string, string> };
}

export async function completeIdempotencyKey(db: Db, key: string, response: { status: number; body: unknown; headers: Record<string, string> }) {
  await db.prisma.idempotencyKey.update({
    where: { key },
    data: { status: response.status, body: (response.body ?? Prisma.DbNull) as Prisma.InputJsonValue, headers: response.headers },
  });
}

/** Forget a claim whose request failed on our side, so the client's retry runs again. */
export async function releaseIdempotencyKey(db: Db, key: string) {
  await db.prisma.idempotencyKey.deleteMany({ where: { key, status: null } });
}
