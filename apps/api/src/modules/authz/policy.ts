import type { Principal } from "../../http/principal.ts";

/**
 * Who may do what, as pure decisions over a principal. The rules:
 * - reading the catalog: any account, a token with catalog:read, catalog:write or admin; anonymous
 *   callers only when ANONYMOUS_READ is on;
 * - writing the catalog: admins and catalog:write / admin tokens anything; editors only entities
 *   owned by one of their groups or by their own User entity (checked against the catalog, see
 *   guard.ts); viewers nothing;
 * - administering Cartograph (accounts, tokens, sessions, audit log): role admin or scope admin.
 */
export type WriteReach = "any" | "owned" | "none";

export function isAdmin(p: Principal): boolean {
  return (p.kind === "account" && p.role === "admin") || (p.kind === "token" && p.scopes.includes("admin"));
}

export function canReadCatalog(p: Principal, anonymousRead: boolean): boolean {
  if (p.kind === "anonymous") return anonymousRead;
  if (p.kind === "account") return true;
  return p.scopes.length > 0;
}

export function writeReach(p: Principal): WriteReach {
  if (isAdmin(p)) return "any";
  if (p.kind === "token") return p.scopes.includes("catalog:write") ? "any" : "none";
  if (p.kind === "account" && p.role === "editor") return "owned";
  return "none";
}
