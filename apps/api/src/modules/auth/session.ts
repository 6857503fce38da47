import type { MeResponse } from "@cartograph/contracts";
import { getAccount, membershipOf, revokeAccountSessions, revokeSession, type Db } from "@cartograph/db";
import { ForbiddenError, UnauthorizedError } from "../../errors.ts";
import { auditBase, type Principal, type RequestContext } from "../../http/principal.ts";
import { toAccount } from "./present.ts";

type AccountPrincipal = Extract<Principal, { kind: "account" }>;

/** Signing out is for a signed-in session; an API token is revoked by an administrator instead. */
function sessionOf(ctx: RequestContext): AccountPrincipal {
  const p = ctx.principal;
  if (p.kind === "anonymous") throw new UnauthorizedError("unauthenticated", "Sign in first: there is no session to end.");
  if (p.kind === "token") throw new ForbiddenError("not_a_session", "This request is authenticated with an API token, not a session: there is nothing to sign out of (an administrator revokes tokens).");
  return p;
}

export async function signOut(db: Db, ctx: RequestContext): Promise<void> {
  const p = sessionOf(ctx);
  await revokeSession(db, p.sessionId, (s) => [{ ...auditBase(ctx), action: "auth.sign_out", target: `account:${s.accountId}`, outcome: "success", details: { sessionId: s.id } }]);
}

/** Ends every session of the caller's account, this one included. */
export async function signOutEverywhere(db: Db, ctx: RequestContext): Promise<number> {
  const p = sessionOf(ctx);
  const count = await revokeAccountSessions(db, p.id, ({ accountId, count }) => [
    { ...auditBase(ctx), action: "auth.sign_out_everywhere", target: `account:${accountId}`, outcome: "success", details: { sessionsRevoked: count } },
  ]);
  return count ?? 0;
}

/** Who the caller is; for an account, also its User entity and groups in the catalog (matched by email). */
export async function describeCaller(db: Db, p: Principal): Promise<MeResponse> {
  if (p.kind === "anonymous") return { kind: "anonymous" };
  if (p.kind === "token") return { kind: "token", token: { id: p.id, name: p.name, scopes: p.scopes } };
  const [account, membership] = await Promise.all([getAccount(db, p.id), membershipOf(db, p.email)]);
  // The session was valid a moment ago; an account deleted since is signed out.
  if (!account) throw new UnauthorizedError("session_invalid", "The session is not valid (signed out or unknown). Sign in again.");
  return { kind: "account", account: toAccount(account), groups: membership.groupRefs, userRef: membership.userRefs[0] ?? null };
}
