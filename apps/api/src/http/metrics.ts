import { HTTP_METRICS } from "@cartograph/contracts";
import { changeFeedBacklog, type Db } from "@cartograph/db";
import type { Request, RequestHandler } from "express";
import type { IncomingMessage } from "node:http";
import { defineRequestAccessor } from "./app-server.ts";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { ChangeFeed } from "../modules/events/change-feed.ts";

/** The label of requests no route answered: unknown paths (404) and refusals before routing (a bad token, the rate limit). */
export const UNMATCHED_ROUTE = "unmatched";

export interface ApiMetrics {
  registry: Registry;
  /** Middleware (first in the chain): counts and times every request under its route pattern. */
  recordRequests: RequestHandler;
}

const ROUTE = Symbol("cartograph.route");
const PATTERN = Symbol("cartograph.routePattern");
type Route = { path?: unknown } | undefined;
type PatternedRequest = IncomingMessage & { baseUrl?: string; [ROUTE]?: Route; [PATTERN]?: string };

/**
 * Express sets `req.route` when a route matches, while `req.baseUrl` is still the mount path of
 * the router holding it (by the time the response finishes, an error may have unwound baseUrl).
 * Catching that assignment gives the full pattern, e.g. /api/v1/entities/:kind/:namespace/:name.
 * It is caught by one accessor on the prototype (defineRequestAccessor).
 */
defineRequestAccessor<PatternedRequest, Route>("route", {
  enumerable: true,
  get() {
    return this[ROUTE];
  },
  set(value) {
    this[ROUTE] = value;
    if (value?.path !== undefined) this[PATTERN] = `${this.baseUrl ?? ""}${String(value.path)}`;
  },
});

/** The full pattern of the route that answered the request, once one matched. */
const patternOf = (req: Request): string | undefined => (req as unknown as PatternedRequest)[PATTERN];

/** The change feed's state, read at scrape time (the feed is created after the middleware). */
type FeedState = () => Pick<ChangeFeed, "deliveredThrough" | "listenerCount">;

/** This process's metrics (Prometheus scrapes every replica on its own). */
export function createApiMetrics(deps: { db: Db; changeFeed: FeedState }): ApiMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ tier: "api" });
  collectDefaultMetrics({ register: registry });

  const requests = new Counter({ ...HTTP_METRICS.requests, registers: [registry] });
  const duration = new Histogram({ ...HTTP_METRICS.duration, buckets: [...HTTP_METRICS.duration.buckets], registers: [registry] });
  const serverErrors = new Counter({ ...HTTP_METRICS.serverErrors, registers: [registry] });

  const pool = (name: string, help: string, read: (s: ReturnType<Db["poolStats"]>) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read(deps.db.poolStats()));
      },
    });
  pool("cartograph_db_pool_connections", "Connections the PostgreSQL pool holds open (busy and idle).", (s) => s.total);
  pool("cartograph_db_pool_idle_connections", "Open pool connections not running a query.", (s) => s.idle);
  pool("cartograph_db_pool_waiting_clients", "Queries waiting for a pool connection (all are busy and the pool is at DB_POOL_MAX).", (s) => s.waiting);

  registerChangeFeedLag(registry, deps);

  const recordRequests: RequestHandler = (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once("finish", () => {
      const route = patternOf(req) ?? UNMATCHED_ROUTE;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      requests.inc({ method: req.method, route, status: String(res.statusCode) });
      duration.observe({ method: req.method, route }, seconds);
      if (res.statusCode >= 500) serverErrors.inc({ method: req.method, route });
    });
    next();
  };
  return { registry, recordRequests };
}

/** Read at scrape time: one small query, only while the poller runs. */
function registerChangeFeedLag(registry: Registry, deps: { db: Db; changeFeed: FeedState }): void {
  let backlog: Promise<{ events: number; seconds: number }> | null = null;
  // Both gauges are collected in one scrape: share one read between them.
  const read = () => {
    backlog ??= (async () => {
      try {
        const after = deps.changeFeed().deliveredThrough;
        if (after === null) return { events: 0, seconds: 0 };
        const { events, oldestAt } = await changeFeedBacklog(deps.db, after);
        return { events, seconds: oldestAt ? Math.max(0, (Date.now() - oldestAt.getTime()) / 1000) : 0 };
      } catch {
        return { events: Number.NaN, seconds: Number.NaN }; // the database did not answer: unknown, not zero
      } finally {
        setImmediate(() => (backlog = null));
      }
    })();
    return backlog;
  };
  new Gauge({
    name: "cartograph_change_feed_lag_events",
    help: "Change events in the change log that this process's change-feed poller has not yet delivered to its event streams (ids above its cursor). 0 while no stream is open (the poller is stopped); NaN when the database did not answer.",
    registers: [registry],
    async collect() {
      this.set((await read()).events);
    },
  });
  new Gauge({
    name: "cartograph_change_feed_lag_seconds",
    help: "Age in seconds of the oldest change event this process's change-feed poller has not yet delivered (0 when it has delivered everything, or while no stream is open); NaN when the database did not answer.",
    registers: [registry],
    async collect() {
      this.set((await read()).seconds);
    },
  });
  new Gauge({
    name: "cartograph_change_feed_listeners",
    help: "Listeners of this process's change feed (open GET /api/v1/events streams); the poller runs while there is at least one.",
    registers: [registry],
    collect() {
      this.set(deps.changeFeed().listenerCount);
    },
  });
}
