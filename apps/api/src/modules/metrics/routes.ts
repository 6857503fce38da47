import { createHash, timingSafeEqual } from "node:crypto";
import { Router } from "express";
import type { Registry } from "prom-client";
import { UnauthorizedError } from "../../errors.ts";

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Compares digests, so neither the token's length nor its prefix leaks through timing. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const presented = /^Bearer\s+(\S+)$/i.exec(header ?? "")?.[1];
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token));
}

/**
 * `GET /metrics`: this process's metrics in Prometheus text format. They hold no catalog data,
 * only route patterns and counts; `token` (METRICS_TOKEN) closes them to anyone without it.
 */
export function metricsRoutes(deps: { registry: Registry; token?: string }): Router {
  const router = Router();
  router.get("/metrics", async (req, res) => {
    if (deps.token && !bearerMatches(req.get("authorization"), deps.token)) {
      throw new UnauthorizedError("metrics_token_required", "GET /metrics needs the header Authorization: Bearer <METRICS_TOKEN>.");
    }
    res.type(deps.registry.contentType).send(await deps.registry.metrics());
  });
  return router;
}
