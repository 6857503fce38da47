import { ScopeSchema, type Account, type ApiToken, type AuditEvent, type Role, type Scope, type SessionInfo } from "@cartograph/contracts";
import type { AccountRecord, ApiTokenRecord, AuditRecord, SessionRecord } from "@cartograph/db";

/** Records as the contracts serve them: ISO dates, and never a password or token hash (the records hold none). */
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const toAccount = (a: AccountRecord): Account => ({
  id: a.id,
  email: a.email,
  displayName: a.displayName,
  role: a.role as Role,
  disabled: a.disabled,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
});

export const toSessionInfo = (s: SessionRecord): SessionInfo => ({
  id: s.id,
  accountId: s.accountId,
  createdAt: s.createdAt.toISOString(),
  lastSeenAt: s.lastSeenAt.toISOString(),
  expiresAt: s.expiresAt.toISOString(),
  ip: s.ip,
  userAgent: s.userAgent,
});

export const toApiToken = (t: ApiTokenRecord): ApiToken => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  scopes: t.scopes.filter((s): s is Scope => ScopeSchema.safeParse(s).success),
  createdBy: t.createdBy,
  createdAt: t.createdAt.toISOString(),
  expiresAt: iso(t.expiresAt),
  lastUsedAt: iso(t.lastUsedAt),
  revokedAt: iso(t.revokedAt),
});

export const toAuditEvent = (e: AuditRecord): AuditEvent => ({ ...e, at: new Date(e.at).toISOString() });
