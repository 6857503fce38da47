import { ensureAdminAccount, type Db } from "@cartograph/db";
import type { Logger } from "pino";
import { hashPassword } from "./password.ts";
import { passwordProblems } from "./password-policy.ts";

const SYSTEM = { actor: "system", actorLabel: "CARTOGRAPH_ADMIN_EMAIL", outcome: "success" as const };

/**
 * At start-up, with CARTOGRAPH_ADMIN_EMAIL and CARTOGRAPH_ADMIN_PASSWORD set: when no enabled
 * admin exists, creates that admin (or, if the email has an account, makes it an enabled admin
 * with that password: the way back in for an operator locked out). Safe on every start and on
 * replicas starting together: the data tier does it under a lock, once. Logs one line.
 */
export async function ensureFirstAdmin(deps: { db: Db; logger: Logger }, admin: { email: string; password: string }): Promise<void> {
  const problems = passwordProblems(admin.password, { email: admin.email });
  if (problems.length > 0) {
    // Refusing to start would lock out an installation that has admins already; say it loudly instead.
    deps.logger.warn({ problems: problems.map((p) => p.message) }, "CARTOGRAPH_ADMIN_PASSWORD is weak; change it after signing in");
  }
  const result = await ensureAdminAccount(deps.db, { email: admin.email, displayName: "Administrator", passwordHash: await hashPassword(admin.password) }, (r) =>
    r.outcome === "created"
      ? [{ ...SYSTEM, action: "user.created", target: `account:${r.account.id}`, details: { email: r.account.email, role: "admin" } }]
      : [{ ...SYSTEM, action: "user.admin_restored", target: `account:${r.account.id}`, details: { email: r.account.email, roleBefore: r.before.role, wasDisabled: r.before.disabled } }],
  );
  if (result.outcome === "created") deps.logger.info({ email: result.account.email }, `first admin account ${result.account.email} created`);
  else if (result.outcome === "restored") deps.logger.warn({ email: result.account.email }, `no enabled admin existed: ${result.account.email} is an enabled admin again, with the configured password`);
  else deps.logger.info("an enabled admin account exists; CARTOGRAPH_ADMIN_EMAIL left unused");
}

/** As ensureFirstAdmin, retried every few seconds while the database cannot be reached, so the server need not wait for it to start. */
export function ensureFirstAdminInBackground(deps: { db: Db; logger: Logger }, admin: { email: string; password: string }, retryMs = 5000): Promise<void> {
  return ensureFirstAdmin(deps, admin).catch(async (error: unknown) => {
    deps.logger.warn({ err: error }, `could not check for an admin account yet; retrying in ${retryMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, retryMs).unref());
    return ensureFirstAdminInBackground(deps, admin, retryMs);
  });
}
