import { recordAudit, type Db } from "@cartograph/db";
import type { RequestHandler } from "express";
import { ForbiddenError, UnauthorizedError } from "../../errors.ts";
import { auditBase, contextOf, type RequestContext } from "../../http/principal.ts";
import { canReadCatalog, isAdmin } from "./policy.ts";

/**
 * Refuses the request: 401 when nobody is signed in (sign in, or send a token), 403 otherwise.
 * A refusal of an authenticated caller is written to the audit log (a security event, committed on
 * its own); anonymous 401s are not, so unauthenticated traffic cannot flood the log.
 */
export async function refuse(db: Db, ctx: RequestContext, action: string, target: string | null, detail: string): Promise<never> {
  if (ctx.principal.kind === "anonymous") {
    throw new UnauthorizedError("unauthenticated", "Sign in, or send an API token as `Authorization: Bearer <token>`.");
  }
  await recordAudit(db.prisma, { ...auditBase(ctx), action, target, outcome: "denied", details: { reason: detail } });
  throw new ForbiddenError("forbidden", detail);
}

/** Route guard for the administration API. */
export function requireAdmin(db: Db): RequestHandler {
  return async (req, res, next) => {
    const ctx = contextOf(req, res);
    if (!isAdmin(ctx.principal)) await refuse(db, ctx, "admin.access", req.originalUrl.split("?")[0] ?? null, "Administration needs the admin role or a token with scope admin.");
    next();
  };
}

/** Route guard for catalog reads. */
export function requireCatalogRead(db: Db, anonymousRead: boolean): RequestHandler {
  return async (req, res, next) => {
    const ctx = contextOf(req, res);
    if (!canReadCatalog(ctx.principal, anonymousRead)) {
      await refuse(db, ctx, "catalog.read", null, "Reading the catalog needs an account or a token with a catalog scope.");
    }
    next();
  };
}
