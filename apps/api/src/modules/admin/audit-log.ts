import type { AuditQuery } from "@cartograph/contracts";
import { listAudit } from "@cartograph/db";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import type { AdminDeps } from "./users.ts";

/** Newest first; every filter is optional, `from` inclusive and `to` exclusive. */
export async function listAuditLog(deps: AdminDeps, query: AuditQuery) {
  const { items, nextBeforeId } = await listAudit(deps.db, {
    actor: query.actor,
    action: query.action,
    target: query.target,
    outcome: query.outcome,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
    beforeId: query.cursor ? decodeCursor(query.cursor, (p) => /^\d{1,19}$/.test(p)) : undefined,
    limit: query.limit,
  });
  return { items, nextCursor: nextBeforeId ? encodeCursor(nextBeforeId) : undefined };
}
