import { canonicalRef, EventsQuerySchema, tryParseRef } from "@cartograph/contracts";
import type { Db } from "@cartograph/db";
import { Router } from "express";
import { principalOf } from "../../http/principal.ts";
import { parseInput } from "../../http/validate.ts";
import { requireCatalogRead } from "../authz/require.ts";
import type { EventStreams } from "./streams.ts";

/** `kind:namespace/name` in any case, namespace optional, as the change log stores it. */
const canonical = (ref: string) => {
  const parsed = tryParseRef(ref, { defaultNamespace: "default" });
  return parsed ? canonicalRef(parsed) : ref.toLowerCase();
};

/** A change id as Last-Event-ID carries it; anything else starts from now. */
const CHANGE_ID = /^\d{1,18}$/;

/** `GET /events`: the catalog's changes as Server-Sent Events. */
export function eventRoutes(deps: { db: Db; streams: EventStreams }, access: { anonymousRead: boolean }): Router {
  const router = Router();
  router.get("/events", requireCatalogRead(deps.db, access.anonymousRead), async (req, res) => {
    const query = parseInput(EventsQuerySchema, req.query, "query");
    const lastEventId = req.get("last-event-id")?.trim();
    await deps.streams.serve(req, res, {
      principal: principalOf(res),
      refs: query.ref ? new Set(query.ref.map(canonical)) : null,
      lastEventId: lastEventId && CHANGE_ID.test(lastEventId) ? lastEventId : undefined,
    });
  });
  return router;
}
