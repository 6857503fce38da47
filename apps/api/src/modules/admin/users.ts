import type { AccountListQuery, CreateAccountRequest, UpdateAccountRequest } from "@cartograph/contracts";
import {
  getAccount,
  insertAccount,
  listAccounts,
  listLiveSessions,
  revokeAccountSessions,
  revokeSession,
  setAccountPassword,
  updateAccount,
  type AccountChange,
  type AccountRecord,
  type AuditInput,
  type Db,
} from "@cartograph/db";
import { ConflictError, NotFoundError } from "../../errors.ts";
import { auditBase, type RequestContext } from "../../http/principal.ts";
import { hashPassword } from "../auth/password.ts";
import { assertAcceptablePassword } from "../auth/password-policy.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";

export interface AdminDeps {
  db: Db;
  sessionIdleMinutes: number;
}

const target = (id: string) => `account:${id}`;
const notFound = (id: string) => new NotFoundError("account_not_found", `No account with id ${id}.`);

export async function listUsers(deps: AdminDeps, query: AccountListQuery) {
  const afterEmail = query.cursor ? decodeCursor(query.cursor, (p) => p.length <= 254) : undefined;
  const { items, hasMore } = await listAccounts(deps.db, { limit: query.limit, afterEmail, q: query.q || undefined });
  return { items, nextCursor: hasMore ? encodeCursor(items.at(-1)!.email) : undefined };
}

export async function getUser(deps: AdminDeps, id: string): Promise<AccountRecord> {
  const account = await getAccount(deps.db, id);
  if (!account) throw notFound(id);
  return account;
}

export async function createUser(deps: AdminDeps, input: CreateAccountRequest, ctx: RequestContext): Promise<AccountRecord> {
  assertAcceptablePassword(input.password, { email: input.email });
  const { password, ...rest } = input;
  const account = await insertAccount(deps.db, { ...rest, passwordHash: await hashPassword(password) }, (a) => [
    { ...auditBase(ctx), action: "user.created", target: target(a.id), outcome: "success", details: { email: a.email, role: a.role, displayName: a.displayName } },
  ]);
  if (!account) throw new ConflictError("account_exists", `An account with the email ${input.email} exists already.`);
  return account;
}

const isEnabledAdmin = (a: AccountRecord) => a.role === "admin" && !a.disabled;

/** One audit record per thing that changed, so the log can be filtered by what happened. */
function auditChange(ctx: RequestContext, { before, after, sessionsRevoked }: AccountChange): AuditInput[] {
  const base = { ...auditBase(ctx), target: target(after.id), outcome: "success" as const };
  const events: AuditInput[] = [];
  if (before.role !== after.role) events.push({ ...base, action: "user.role_changed", details: { from: before.role, to: after.role } });
  if (!before.disabled && after.disabled) events.push({ ...base, action: "user.disabled", details: { sessionsRevoked } });
  if (before.disabled && !after.disabled) events.push({ ...base, action: "user.enabled" });
  if (before.displayName !== after.displayName) events.push({ ...base, action: "user.renamed", details: { from: before.displayName, to: after.displayName } });
  return events;
}

/**
 * Changes role, disabled and display name; disabling ends the account's sessions. Refused when it
 * would leave no enabled admin: the check runs on the state the change leaves (under the accounts
 * lock), and refusing rolls back the change with its audit records.
 */
export async function updateUser(deps: AdminDeps, id: string, patch: UpdateAccountRequest, ctx: RequestContext): Promise<AccountRecord> {
  const result = await updateAccount(deps.db, id, patch, {
    audit: (change) => auditChange(ctx, change),
    check: ({ before, after, enabledAdmins }) => {
      if (enabledAdmins === 0 && isEnabledAdmin(before) && !isEnabledAdmin(after)) {
        throw new ConflictError("last_admin", `${before.email} is the last enabled admin: make another account an admin before demoting or disabling this one.`);
      }
    },
  });
  if (result.outcome === "not_found") throw notFound(id);
  return result.change.after;
}

/** Sets a new password (checked against the rules) and ends every session of the account. */
export async function resetPassword(deps: AdminDeps, id: string, password: string, ctx: RequestContext): Promise<void> {
  const account = await getUser(deps, id);
  assertAcceptablePassword(password, { email: account.email });
  const done = await setAccountPassword(deps.db, id, await hashPassword(password), ({ account, sessionsRevoked }) => [
    { ...auditBase(ctx), action: "user.password_reset", target: target(account.id), outcome: "success", details: { sessionsRevoked } },
  ]);
  if (!done) throw notFound(id);
}

export async function userSessions(deps: AdminDeps, id: string) {
  await getUser(deps, id);
  return listLiveSessions(deps.db, id, deps.sessionIdleMinutes);
}

export async function revokeUserSessions(deps: AdminDeps, id: string, ctx: RequestContext): Promise<void> {
  const count = await revokeAccountSessions(deps.db, id, ({ accountId, count }) => [
    { ...auditBase(ctx), action: "session.revoked_all", target: target(accountId), outcome: "success", details: { sessionsRevoked: count } },
  ]);
  if (count === null) throw notFound(id);
}

/** Idempotent: revoking a revoked session answers the same and records nothing more. */
export async function revokeSessionById(deps: AdminDeps, sessionId: string, ctx: RequestContext): Promise<void> {
  const result = await revokeSession(deps.db, sessionId, (s) => [
    { ...auditBase(ctx), action: "session.revoked", target: target(s.accountId), outcome: "success", details: { sessionId: s.id } },
  ]);
  if (result.outcome === "not_found") throw new NotFoundError("session_not_found", `No session with id ${sessionId}.`);
}
