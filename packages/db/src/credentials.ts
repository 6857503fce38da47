import type { Db } from "./client.ts";
import { Prisma } from "./generated/prisma/client.ts";

/**
 * The lookups behind every authenticated request: a session or an API token by the SHA-256 of
 * the secret the caller sent. One indexed read each, straight from PostgreSQL on every request, so
 * a sign-out or a revocation holds on every API replica at once.
 */
export interface SessionRow {
  sessionId: string;
  accountId: string;
  email: string;
  displayName: string;
  role: string;
  disabled: boolean;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

export async function findSession(db: Db, sessionId: string): Promise<SessionRow | null> {
  const [row] = await db.query<SessionRow>(
    Prisma.sql`
      SELECT s.id AS "sessionId", a.id::text AS "accountId", a.email, a.display_name AS "displayName", a.role, a.disabled,
             s.last_seen_at AS "lastSeenAt", s.expires_at AS "expiresAt", s.revoked_at AS "revokedAt"
        FROM sessions s JOIN accounts a ON a.id = s.account_id
       WHERE s.id = ${sessionId}`,
    { prepare: true },
  );
  return row ?? null;
}

/** Records activity at most once a minute per session (idle expiry needs no finer grain), sparing a write per request. */
export async function touchSession(db: Db, sessionId: string): Promise<void> {
  await db.query(Prisma.sql`UPDATE sessions SET last_seen_at = now() WHERE id = ${sessionId} AND last_seen_at < now() - interval '60 seconds'`, {
    prepare: true,
  });
}

export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

export async function findApiToken(db: Db, tokenHash: string): Promise<TokenRow | null> {
  const [row] = await db.query<TokenRow>(
    Prisma.sql`
      SELECT id::text AS id, name, prefix, scopes, expires_at AS "expiresAt", revoked_at AS "revokedAt", last_used_at AS "lastUsedAt"
        FROM api_tokens WHERE token_hash = ${tokenHash}`,
    { prepare: true },
  );
  return row ?? null;
}

/**
 * Notes a use of the token (at most once a minute). `firstUse` is true for exactly one caller,
 * even when several replicas see the token's first requests at once.
 */
export async function markTokenUsed(db: Db, token: Pick<TokenRow, "id" | "lastUsedAt">): Promise<{ firstUse: boolean }> {
  if (token.lastUsedAt === null) {
    const claimed = await db.query(Prisma.sql`UPDATE api_tokens SET last_used_at = now() WHERE id = ${token.id}::uuid AND last_used_at IS NULL RETURNING id`);
    return { firstUse: claimed.length === 1 };
  }
  if (Date.now() - token.lastUsedAt.getTime() > 60_000) {
    await db.query(Prisma.sql`UPDATE api_tokens SET last_used_at = now() WHERE id = ${token.id}::uuid`, { prepare: true });
  }
  return { firstUse: false };
}
