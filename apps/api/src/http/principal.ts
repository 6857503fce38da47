import type { Role, Scope } from "@cartograph/contracts";
import type { Request, Response } from "express";

/** Who is calling, as established by `authenticate` for every request. */
export type Principal =
  | { kind: "anonymous" }
  | { kind: "account"; id: string; email: string; displayName: string; role: Role; sessionId: string }
  /** An API token; the bootstrap token from CARTOGRAPH_ADMIN_TOKEN has id `bootstrap` and scope admin. */
  | { kind: "token"; id: string; name: string; scopes: Scope[] };

export const ANONYMOUS: Principal = Object.freeze({ kind: "anonymous" });

/** The stable actor id stored in audit records: `account:<uuid>`, `token:<uuid>`, `token:bootstrap`, `anonymous`. */
export function actorId(p: Principal): string {
  return p.kind === "anonymous" ? "anonymous" : `${p.kind}:${p.id}`;
}

/** The human-readable actor stored with history and audit records: the email, or the token's name. */
export function actorLabel(p: Principal): string | null {
  return p.kind === "account" ? p.email : p.kind === "token" ? p.name : null;
}

/** The actor written into entity history and the change log. */
export function historyActor(p: Principal): string {
  return p.kind === "account" ? `account:${p.email}` : p.kind === "token" ? `token:${p.name}` : "anonymous";
}

export function principalOf(res: Response): Principal {
  return (res.locals.principal as Principal | undefined) ?? ANONYMOUS;
}

/** What an audit record needs to know about the request it comes from. */
export interface RequestContext {
  principal: Principal;
  requestId: string;
  ip: string | null;
  userAgent: string | null;
}

export function contextOf(req: Request, res: Response): RequestContext {
  return { principal: principalOf(res), requestId: String(req.id), ip: req.ip ?? null, userAgent: req.get("user-agent") ?? null };
}

/** The fields of an audit record that come from the request. */
export function auditBase(ctx: RequestContext) {
  return { actor: actorId(ctx.principal), actorLabel: actorLabel(ctx.principal), requestId: ctx.requestId, ip: ctx.ip, userAgent: ctx.userAgent };
}
