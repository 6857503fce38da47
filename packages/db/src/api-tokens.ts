import type { AuditOf } from "./accounts.ts";
import type { Db } from "./client.ts";
import { recordAudit } from "./audit.ts";
import { isUuid } from "./entities.ts";
import type { RevokeOutcome } from "./sessions.ts";
import { uuidv7 } from "./uuid7.ts";

/** An API token as administrators see it: never its hash. */
export interface ApiTokenRecord {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdBy: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const TOKEN_SELECT = { id: true, name: true, prefix: true, scopes: true, createdBy: true, createdAt: true, expiresAt: true, lastUsedAt: true, revokedAt: true } as const;

export interface NewApiToken {
  name: string;
  prefix: string;
  /** sha256Hex of the secret; the secret itself is never stored. */
  tokenHash: string;
  scopes: string[];
  createdBy: string;
  expiresAt: Date | null;
}

/** Time-ordered ids, so the newest-first list pages on the id alone. */
export async function insertApiToken(db: Db, input: NewApiToken, audit: AuditOf<ApiTokenRecord>): Promise<ApiTokenRecord> {
  return db.prisma.$transaction(async (tx) => {
    const token = await tx.apiToken.create({ data: { id: uuidv7(), ...input }, select: TOKEN_SELECT });
    await recordAudit(tx, ...audit(token));
    return token;
  });
}

/** Newest first (revoked and expired ones included, so their history stays visible); keyset before `beforeId`. */
export async function listApiTokens(db: Db, page: { limit: number; beforeId?: string }): Promise<{ items: ApiTokenRecord[]; hasMore: boolean }> {
  const rows = await db.prisma.apiToken.findMany({
    where: page.beforeId ? { id: { lt: page.beforeId } } : {},
    orderBy: { id: "desc" },
    take: page.limit + 1,
    select: TOKEN_SELECT,
  });
  return { items: rows.slice(0, page.limit), hasMore: rows.length > page.limit };
}

/** Revokes the token (audited) at once for every replica: authentication reads revoked_at on every request. */
export async function revokeApiToken(db: Db, id: string, audit: AuditOf<ApiTokenRecord>): Promise<RevokeOutcome<ApiTokenRecord>> {
  if (!isUuid(id)) return { outcome: "not_found" };
  return db.prisma.$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    const token = await tx.apiToken.findUnique({ where: { id }, select: TOKEN_SELECT });
    if (!token) return { outcome: "not_found" };
    if (count === 0) return { outcome: "already_revoked", value: token };
    await recordAudit(tx, ...audit(token));
    return { outcome: "revoked", value: token };
  });
}
