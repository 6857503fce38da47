import { createHash, timingSafeEqual } from "node:crypto";
import { RoleSchema, ScopeSchema, type Scope } from "@cartograph/contracts";
import { findApiToken, findSession, markTokenUsed, recordAudit, touchSession, type Db } from "@cartograph/db";
import type { RequestHandler } from "express";
import { UnauthorizedError } from "../errors.ts";
import { ANONYMOUS, auditBase, contextOf, type Principal } from "./principal.ts";

/** Session tokens (held by the web tier in a cookie) and API tokens are told apart by prefix. */
export const SESSION_TOKEN_PREFIX = "cgs_";
export const API_TOKEN_PREFIX = "cgt_";

export const sha256Hex = (value: string) => createHash("sha256").update(value).digest("hex");
const digest = (value: string) => createHash("sha256").update(value).digest();

export interface AuthenticateOptions {
  db: Db;
  /** CARTOGRAPH_ADMIN_TOKEN: a bootstrap token of scope admin. */
  bootstrapToken: string | undefined;
  sessionIdleMinutes: number;
}

/**
 * Establishes `res.locals.principal` from `Authorization: Bearer <secret>`: a session token, an API
 * token or the bootstrap token. No header means anonymous (what anonymous may do is the
 * authorization layer's business); a header that does not authenticate is a 401 that says why.
 * Every check reads PostgreSQL, so sign-out and revocation hold on every replica immediately.
 */
export function authenticate(options: AuthenticateOptions): RequestHandler {
  const bootstrap = options.bootstrapToken ? digest(options.bootstrapToken) : null;
  const idleMs = options.sessionIdleMinutes * 60_000;

  async function resolve(secret: string, req: Parameters<RequestHandler>[0], res: Parameters<RequestHandler>[1]): Promise<Principal> {
    if (secret.startsWith(SESSION_TOKEN_PREFIX)) {
      const session = await findSession(options.db, sha256Hex(secret));
      const now = Date.now();
      if (!session || session.revokedAt) throw new UnauthorizedError("session_invalid", "The session is not valid (signed out or unknown). Sign in again.");
      if (session.expiresAt.getTime() <= now || session.lastSeenAt.getTime() + idleMs <= now) {
        throw new UnauthorizedError("session_expired", "The session has expired. Sign in again.");
      }
      if (session.disabled) throw new UnauthorizedError("account_disabled", "This account is disabled. Ask an administrator.");
      if (now - session.lastSeenAt.getTime() > 60_000) await touchSession(options.db, session.sessionId);
      return {
        kind: "account",
        id: session.accountId,
        email: session.email,
        displayName: session.displayName,
        role: RoleSchema.parse(session.role),
        sessionId: session.sessionId,
      };
    }
    if (secret.startsWith(API_TOKEN_PREFIX)) {
      const token = await findApiToken(options.db, sha256Hex(secret));
      if (!token) throw new UnauthorizedError("invalid_token", "The bearer token is not valid.");
      if (token.revokedAt) throw new UnauthorizedError("token_revoked", `The token ${token.prefix}… was revoked. Ask an administrator for a new one.`);
      if (token.expiresAt && token.expiresAt.getTime() <= Date.now()) {
        throw new UnauthorizedError("token_expired", `The token ${token.prefix}… expired on ${token.expiresAt.toISOString()}. Ask an administrator for a new one.`);
      }
      const principal: Principal = { kind: "token", id: token.id, name: token.name, scopes: token.scopes.filter((s): s is Scope => ScopeSchema.safeParse(s).success) };
      const { firstUse } = await markTokenUsed(options.db, token);
      if (firstUse) {
        await recordAudit(options.db.prisma, { ...auditBase({ ...contextOf(req, res), principal }), action: "token.first_used", target: `token:${token.id}`, outcome: "success" });
      }
      return principal;
    }
    if (bootstrap && timingSafeEqual(digest(secret), bootstrap)) return { kind: "token", id: "bootstrap", name: "bootstrap", scopes: ["admin"] };
    throw new UnauthorizedError("invalid_token", "The bearer token is not valid.");
  }

  return async (req, res, next) => {
    const header = req.get("authorization");
    if (header === undefined || header === "") {
      res.locals.principal = ANONYMOUS;
      return next();
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) throw new UnauthorizedError("invalid_authorization", "Send credentials as `Authorization: Bearer <token>`.");
    res.locals.principal = await resolve(match[1], req, res);
    next();
  };
}
