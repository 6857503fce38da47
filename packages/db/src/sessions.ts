import { revokeSessionsOf, type AuditOf } from "./accounts.ts";
import type { Db } from "./client.ts";
import { recordAudit, type AuditInput } from "./audit.ts";
import { isUuid } from "./entities.ts";
import { Prisma } from "./generated/prisma/client.ts";

/** A session as administrators see it; its id is the SHA-256 of the token, which cannot be turned back into the token. */
export interface SessionRecord {
  id: string;
  accountId: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  ip: string | null;
  userAgent: string | null;
}

const SESSION_SELECT = { id: true, accountId: true, createdAt: true, lastSeenAt: true, expiresAt: true, revokedAt: true, ip: true, userAgent: true } as const;

export interface NewSession {
  /** sha256Hex of the token handed to the client. */
  id: string;
  accountId: string;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

/** Starts a session with the audit records of the sign-in that opened it, in one transaction. */
export async function insertSession(db: Db, input: NewSession, audit: AuditInput[]): Promise<SessionRecord> {
  return db.prisma.$transaction(async (tx) => {
    const session = await tx.session.create({ data: { ...input, userAgent: input.userAgent?.slice(0, 500) ?? null }, select: SESSION_SELECT });
    await recordAudit(tx, ...audit);
    return session;
  });
}

/**
 * Sessions still usable (not revoked, before their absolute expiry, used within `idleMinutes`),
 * most recently used first.
 */
export async function listLiveSessions(db: Db, accountId: string, idleMinutes: number): Promise<SessionRecord[]> {
  if (!isUuid(accountId)) return [];
  return db.query<SessionRecord>(
    Prisma.sql`
      SELECT id, account_id::text AS "accountId", created_at AS "createdAt", last_seen_at AS "lastSeenAt", expires_at AS "expiresAt",
             revoked_at AS "revokedAt", ip, user_agent AS "userAgent"
        FROM sessions
       WHERE account_id = ${accountId}::uuid AND revoked_at IS NULL AND expires_at > now()
         AND last_seen_at > now() - make_interval(mins => ${idleMinutes}::int)
       ORDER BY last_seen_at DESC, id`,
  );
}

export type RevokeOutcome<T> = { outcome: "revoked"; value: T } | { outcome: "already_revoked"; value: T } | { outcome: "not_found" };

/** Revokes one session (audited); revoking a revoked session changes and records nothing. */
export async function revokeSession(db: Db, id: string, audit: AuditOf<SessionRecord>): Promise<RevokeOutcome<SessionRecord>> {
  return db.prisma.$transaction(async (tx) => {
    const { count } = await tx.session.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    const session = await tx.session.findUnique({ where: { id }, select: SESSION_SELECT });
    if (!session) return { outcome: "not_found" };
    if (count === 0) return { outcome: "already_revoked", value: session };
    await recordAudit(tx, ...audit(session));
    return { outcome: "revoked", value: session };
  });
}

/** Revokes every live session of the account (audited, with how many); null when there is no such account. */
export async function revokeAccountSessions(db: Db, accountId: string, audit: AuditOf<{ accountId: string; count: number }>): Promise<number | null> {
  if (!isUuid(accountId)) return null;
  return db.prisma.$transaction(async (tx) => {
    const account = await tx.account.findUnique({ where: { id: accountId }, select: { id: true } });
    if (!account) return null;
    const count = await revokeSessionsOf(tx, accountId);
    await recordAudit(tx, ...audit({ accountId, count }));
    return count;
  });
}
