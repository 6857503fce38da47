import { randomBytes } from "node:crypto";
import type { SessionResponse, SignInRequest } from "@cartograph/contracts";
import { addToWindow, claimAttempt, clearFailures, findAccountForSignIn, insertSession, recordAudit, type Db } from "@cartograph/db";
import { UnauthorizedError } from "../../errors.ts";
import { SESSION_TOKEN_PREFIX, sha256Hex } from "../../http/authenticate.ts";
import { auditBase, type RequestContext } from "../../http/principal.ts";
import { tooManyRequests, windowStartOf, type RateLimitConfig } from "../../http/rate-limit.ts";
import { dummyPasswordHash, verifyPassword } from "./password.ts";
import { toAccount } from "./present.ts";

export interface SignInDeps {
  db: Db;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  limits: Pick<RateLimitConfig, "signInPerIp" | "signInPerAccount">;
  now?: () => number;
}

const INVALID = () => new UnauthorizedError("invalid_credentials", "Email or password is incorrect.");

type Failure = "unknown_account" | "wrong_password" | "account_disabled" | "locked" | "rate_limited";

/** Failures are security events of their own: committed at once, whatever happens next. */
function auditFailure(db: Db, ctx: RequestContext, target: string, reason: Failure, details: Record<string, unknown> = {}) {
  return recordAudit(db.prisma, { ...auditBase(ctx), action: "auth.sign_in", target, outcome: "failure", details: { reason, ...details } });
}

/** At most `limit` attempts per client address per window; only the first refusal of a window is audited, so a flood cannot fill the log. */
async function limitByAddress(deps: SignInDeps, ctx: RequestContext, email: string, now: number): Promise<void> {
  const { limit, windowSeconds } = deps.limits.signInPerIp;
  const { windowStart, count } = await addToWindow(deps.db, `signin:ip:${ctx.ip ?? "unknown"}`, new Date(windowStartOf(now, windowSeconds)), 1);
  if (count <= limit) return;
  if (count === limit + 1) await auditFailure(deps.db, ctx, email, "rate_limited", { ip: ctx.ip, limit, windowSeconds });
  const reset = (windowStart.getTime() + windowSeconds * 1000 - now) / 1000;
  throw tooManyRequests("rate_limited", `Too many sign-in attempts from this address: at most ${limit} per ${windowSeconds / 60} minutes.`, { name: "signin", quota: limit, windowSeconds }, reset);
}

/**
 * Checks the credentials and opens a new session (never reusing one, so a token planted before
 * sign-in is worthless after it). Unknown email, wrong password and disabled account give the same
 * answer in about the same time; the audit log records which it was. Limited per client address
 * and per email (with lockouts that apply to unknown emails too, so they reveal nothing).
 */
export async function signIn(deps: SignInDeps, input: SignInRequest, ctx: RequestContext): Promise<SessionResponse> {
  const now = (deps.now ?? Date.now)();
  const email = input.email.toLowerCase();
  await limitByAddress(deps, ctx, email, now);

  const lockKey = `signin:account:${email}`;
  const claim = await claimAttempt(deps.db, lockKey, deps.limits.signInPerAccount);
  const account = await findAccountForSignIn(deps.db, email);
  const target = account ? `account:${account.id}` : email;
  if (!claim.allowed) {
    await auditFailure(deps.db, ctx, target, "locked", { lockedUntil: claim.lockedUntil.toISOString() });
    const wait = (claim.lockedUntil.getTime() - now) / 1000;
    throw tooManyRequests("sign_in_locked", `Too many failed sign-ins for this email. Try again in ${Math.ceil(wait)} seconds.`, { name: "signin-account", quota: deps.limits.signInPerAccount.freeAttempts }, wait);
  }

  const matches = await verifyPassword(account?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!account || !matches || account.disabled) {
    await auditFailure(deps.db, ctx, target, !account ? "unknown_account" : !matches ? "wrong_password" : "account_disabled", { attempt: claim.attempt });
    throw INVALID();
  }

  const token = `${SESSION_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const expiresAt = new Date(now + deps.sessionMaxHours * 3_600_000);
  const sessionId = sha256Hex(token);
  const session = await insertSession(deps.db, { id: sessionId, accountId: account.id, expiresAt, ip: ctx.ip, userAgent: ctx.userAgent }, [
    { ...auditBase(ctx), actor: `account:${account.id}`, actorLabel: account.email, action: "auth.sign_in", target, outcome: "success", details: { sessionId } },
  ]);
  await clearFailures(deps.db, lockKey);
  return { token, expiresAt: session.expiresAt.toISOString(), idleTimeoutSeconds: deps.sessionIdleMinutes * 60, account: toAccount(account) };
}
