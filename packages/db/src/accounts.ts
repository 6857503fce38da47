import type { Db } from "./client.ts";
import { recordAudit, type AuditInput } from "./audit.ts";
import { isUuid } from "./entities.ts";
import { isUniqueViolation } from "./errors.ts";
import { Prisma } from "./generated/prisma/client.ts";
import { uuidv7 } from "./uuid7.ts";

/** An account as the API serves it: never its password hash. */
export interface AccountRecord {
  id: string;
  email: string;
  displayName: string;
  role: string;
  disabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** Maps what a committed change did to the audit records written in its transaction. */
export type AuditOf<C> = (change: C) => AuditInput[];

type Tx = Prisma.TransactionClient;

const ACCOUNT_SELECT = { id: true, email: true, displayName: true, role: true, disabled: true, createdAt: true, updatedAt: true } as const;

/** Role and disabled changes of every account queue on one lock, so "is someone still admin?" is answered against settled rows. */
const lockAdmins = (tx: Tx) => tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('cartograph:accounts:admins', 0))`;

const countEnabledAdmins = (tx: Tx) => tx.account.count({ where: { role: "admin", disabled: false } });

/** Revokes every live session of the account; returns how many. */
export async function revokeSessionsOf(tx: Tx, accountId: string): Promise<number> {
  const { count } = await tx.session.updateMany({ where: { accountId, revokedAt: null }, data: { revokedAt: new Date() } });
  return count;
}


/** The account behind a sign-in, with its hash; emails are stored lower-cased. */
export async function findAccountForSignIn(db: Db, email: string): Promise<(AccountRecord & { passwordHash: string }) | null> {
  const [row] = await db.query<AccountRecord & { passwordHash: string }>(
    Prisma.sql`
      SELECT id::text AS id, email, display_name AS "displayName", role, disabled, created_at AS "createdAt", updated_at AS "updatedAt",
             password_hash AS "passwordHash"
        FROM accounts WHERE email = ${email.toLowerCase()}`,
    { prepare: true },
  );
  return row ?? null;
}

/** An id that is not a uuid is simply not found. */
export async function getAccount(db: Db, id: string): Promise<AccountRecord | null> {
  if (!isUuid(id)) return null;
  return db.prisma.account.findUnique({ where: { id }, select: ACCOUNT_SELECT });
}

const likePrefix = (q: string) => `${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** By email; `q` matches the start of the email or of the display name; keyset after `afterEmail`. */
export async function listAccounts(db: Db, page: { limit: number; afterEmail?: string; q?: string }): Promise<{ items: AccountRecord[]; hasMore: boolean }> {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (page.q) conditions.push(Prisma.sql`(email LIKE ${likePrefix(page.q)} OR lower(display_name) LIKE ${likePrefix(page.q)})`);
  if (page.afterEmail !== undefined) conditions.push(Prisma.sql`email > ${page.afterEmail}`);
  const rows = await db.query<AccountRecord>(Prisma.sql`
    SELECT id::text AS id, email, display_name AS "displayName", role, disabled, created_at AS "createdAt", updated_at AS "updatedAt"
      FROM accounts WHERE ${Prisma.join(conditions, " AND ")}
     ORDER BY email LIMIT ${page.limit + 1}`);
  return { items: rows.slice(0, page.limit), hasMore: rows.length > page.limit };
}

export interface NewAccount {
  email: string;
  displayName: string;
  role: string;
  passwordHash: string;
}

/** Creates the account and its audit records in one transaction; null when the email is taken. */
export async function insertAccount(db: Db, input: NewAccount, audit: AuditOf<AccountRecord>): Promise<AccountRecord | null> {
  try {
    return await db.prisma.$transaction(async (tx) => {
      const account = await tx.account.create({ data: { id: uuidv7(), ...input, email: input.email.toLowerCase() }, select: ACCOUNT_SELECT });
      await recordAudit(tx, ...audit(account));
      return account;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

export interface AccountPatch {
  role?: string;
  disabled?: boolean;
  displayName?: string;
}

export interface AccountChange {
  before: AccountRecord;
  after: AccountRecord;
  /** Sessions ended because the account was disabled. */
  sessionsRevoked: number;
  /** Enabled admin accounts once the change is applied. */
  enabledAdmins: number;
}

export type AccountUpdateResult = { outcome: "updated"; change: AccountChange } | { outcome: "not_found" };

/**
 * Applies the patch, revokes the sessions of an account it disables, writes the audit records,
 * then calls `check` with the outcome: throwing there rolls everything back (the change and its
 * audit records), which is how a rule about the resulting state, such as "an enabled admin must
 * remain", is enforced. Changes of accounts are serialized, so concurrent ones cannot both pass.
 */
export async function updateAccount(
  db: Db,
  id: string,
  patch: AccountPatch,
  hooks: { audit: AuditOf<AccountChange>; check?: (change: AccountChange) => void },
): Promise<AccountUpdateResult> {
  if (!isUuid(id)) return { outcome: "not_found" };
  return db.prisma.$transaction(async (tx) => {
    await lockAdmins(tx);
    const before = await tx.account.findUnique({ where: { id }, select: ACCOUNT_SELECT });
    if (!before) return { outcome: "not_found" };
    const after = await tx.account.update({ where: { id }, data: patch, select: ACCOUNT_SELECT });
    const sessionsRevoked = after.disabled && !before.disabled ? await revokeSessionsOf(tx, id) : 0;
    const change: AccountChange = { before, after, sessionsRevoked, enabledAdmins: await countEnabledAdmins(tx) };
    await recordAudit(tx, ...hooks.audit(change));
    hooks.check?.(change);
    return { outcome: "updated", change };
  });
}

/** Sets a new password hash and revokes every session of the account, with its audit records. */
export async function setAccountPassword(
  db: Db,
  id: string,
  passwordHash: string,
  audit: AuditOf<{ account: AccountRecord; sessionsRevoked: number }>,
): Promise<{ account: AccountRecord; sessionsRevoked: number } | null> {
  if (!isUuid(id)) return null;
  return db.prisma.$transaction(async (tx) => {
    const found = await tx.account.findUnique({ where: { id }, select: { id: true } });
    if (!found) return null;
    const account = await tx.account.update({ where: { id }, data: { passwordHash }, select: ACCOUNT_SELECT });
    const change = { account, sessionsRevoked: await revokeSessionsOf(tx, id) };
    await recordAudit(tx, ...audit(change));
    return change;
  });
}

export type EnsureAdminResult =
  | { outcome: "admin_exists" }
  | { outcome: "created"; account: AccountRecord }
  /** No enabled admin existed and the email belonged to an account: it was made an enabled admin with the given password. */
  | { outcome: "restored"; account: AccountRecord; before: AccountRecord };

/**
 * Makes sure an enabled admin exists: when none does, creates one with this email (or, when the
 * email has an account, makes that an enabled admin with this password, the way back in for an
 * operator locked out). Under the accounts lock, so concurrent replicas starting together create
 * exactly one; once an admin exists, nothing happens.
 */
export async function ensureAdminAccount(
  db: Db,
  input: Omit<NewAccount, "role">,
  audit: AuditOf<Exclude<EnsureAdminResult, { outcome: "admin_exists" }>>,
): Promise<EnsureAdminResult> {
  return db.prisma.$transaction(async (tx) => {
    await lockAdmins(tx);
    if ((await countEnabledAdmins(tx)) > 0) return { outcome: "admin_exists" };
    const email = input.email.toLowerCase();
    const before = await tx.account.findUnique({ where: { email }, select: ACCOUNT_SELECT });
    const result: EnsureAdminResult = before
      ? {
          outcome: "restored",
          before,
          account: await tx.account.update({ where: { id: before.id }, data: { role: "admin", disabled: false, passwordHash: input.passwordHash }, select: ACCOUNT_SELECT }),
        }
      : { outcome: "created", account: await tx.account.create({ data: { id: uuidv7(), ...input, email, role: "admin" }, select: ACCOUNT_SELECT }) };
    if (before) await revokeSessionsOf(tx, before.id);
    await recordAudit(tx, ...audit(result));
    return result;
  });
}
