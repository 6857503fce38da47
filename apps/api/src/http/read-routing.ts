import { readFenceOf, type Db } from "@cartograph/db";
import type { RequestHandler } from "express";
import { actorId, principalOf } from "./principal.ts";

/** Which database served the request's catalog reads: `primary` or `replica` (docs/read-replicas.md). */
export const READ_FROM_HEADER = "Cartograph-Read-From";

/**
 * Chooses, after authentication, where a GET or HEAD request's catalog reads go: a replica that has
 * replayed the caller's own latest write (their read fence, read on the primary; anonymous callers
 * have none), else the primary. Other methods read the primary, as does everything outside the
 * chosen scope (authentication, rate limits, idempotency, audit, the change feed). Without
 * replicas this adds nothing.
 */
export function readRouting(db: Db): RequestHandler[] {
  const routing = db.replicas;
  if (!routing) return [];
  return [
    async (req, res, next) => {
      if (req.method !== "GET" && req.method !== "HEAD") return next();
      const principal = principalOf(res);
      const fence = principal.kind === "anonymous" ? null : await readFenceOf(db, actorId(principal));
      routing.run(routing.choose(fence), next, (from) => {
        if (!res.headersSent) res.set(READ_FROM_HEADER, from);
      });
    },
  ];
}
