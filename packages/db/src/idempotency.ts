import type { Db } from "./client.ts";
import { Prisma } from "./generated/prisma/client.ts";

export type IdempotencyClaim =
  | { state: "new" }
  | { state: "replay"; status: number; body: unknown; headers: Record<string, string> }
  | { state: "mismatch" }
  | { state: "in_progress"; retryAfterSeconds: number };

/** How long a key is remembered; a retry after that is a new request. */
const RETENTION = "24 hours";
/**
 * A claim is a lease: the request holding it renews it (`renewIdempotencyClaim`) every
 * IDEMPOTENCY_RENEW_MS while it runs. A claim not renewed for this long belongs to a process that
 * died (a replica killed mid-request), and the client's retry takes it over.
 */
export const IDEMPOTENCY_LEASE_MS = 15_000;
export const IDEMPOTENCY_RENEW_MS = 5_000;

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
         OR (idempotency_keys.status IS NULL AND idempotency_keys.created_at < now() - ${`${IDEMPOTENCY_LEASE_MS} milliseconds`}::interval)`;
  if (inserted === 1) return { state: "new" };
  const row = await prisma.idempotencyKey.findUnique({ where: { key } });
  if (!row) return claimIdempotencyKey(db, key, fingerprint); // expired and removed in between
  if (row.fingerprint !== fingerprint) return { state: "mismatch" };
  if (row.status === null) {
    const leaseLeftMs = row.createdAt.getTime() + IDEMPOTENCY_LEASE_MS - Date.now();
    return { state: "in_progress", retryAfterSeconds: Math.min(IDEMPOTENCY_LEASE_MS / 1000, Math.max(1, Math.ceil(leaseLeftMs / 1000))) };
  }
  return { state: "replay", status: row.status, body: row.body, headers: (row.headers ?? {}) as Record<string, string> };
}

/** Keeps a running request's claim from being taken over: it is alive. */
export async function renewIdempotencyClaim(db: Db, key: string): Promise<void> {
  await db.prisma.$executeRaw`UPDATE idempotency_keys SET created_at = now() WHERE key = ${key} AND status IS NULL`;
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
