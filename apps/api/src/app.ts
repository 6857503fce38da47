import { entityRepository, type Db, type MigrationFile } from "@cartograph/db";
import express, { Router } from "express";
import helmet from "helmet";
import type { Logger } from "pino";
import type { Config } from "./env.ts";
import { authenticate } from "./http/authenticate.ts";
import { apiRateLimiter, DEFAULT_RATE_LIMITS } from "./http/rate-limit.ts";
import { readRouting } from "./http/read-routing.ts";
import { requestLogger } from "./http/logging.ts";
import { createApiMetrics } from "./http/metrics.ts";
import { closeConnectionsWhileDraining } from "./http/draining.ts";
import { adminRoutes } from "./modules/admin/routes.ts";
import { authRoutes } from "./modules/auth/routes.ts";
import { backstageCatalogRoutes } from "./modules/backstage/routes.ts";
import { problemHandler, unknownRoute } from "./http/problem.ts";
import { entityRoutes } from "./modules/entities/routes.ts";
import { eventRoutes } from "./modules/events/routes.ts";
import { EventStreams, type EventStreamOptions } from "./modules/events/streams.ts";
import { graphRoutes } from "./modules/graph/routes.ts";
import { healthRoutes } from "./modules/health/routes.ts";
import { metricsRoutes } from "./modules/metrics/routes.ts";
import { registerRoutes } from "./modules/register/routes.ts";
import { openApiRoutes } from "./modules/openapi/routes.ts";

export interface AppDeps {
  config: Pick<Config, "CARTOGRAPH_ADMIN_TOKEN"> & Partial<Pick<Config, "EXTRA_KINDS" | "ANONYMOUS_READ" | "SESSION_IDLE_MINUTES" | "SESSION_MAX_HOURS" | "API_RATE_LIMIT_PER_MINUTE" | "TRUST_PROXY" | "METRICS_TOKEN">>;
  db: Db;
  logger: Logger;
  migrationFiles: MigrationFile[];
  isAcceptingTraffic?: () => boolean;
  /** Limits and timings of the live change stream (GET /api/v1/events); tests shorten them. */
  eventStreams?: Partial<EventStreamOptions>;
}

/** The app's open event streams, for the server's graceful shutdown to end. */
export function eventStreamsOf(app: express.Express): EventStreams {
  return app.locals.eventStreams as EventStreams;
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable("x-powered-by");
  // Client addresses (rate limits, audit) come from X-Forwarded-For only as set by these proxies.
  app.set("trust proxy", deps.config.TRUST_PROXY ?? ["loopback"]);
  app.set("query parser", "simple");
  // Responses are Cache-Control: no-store, so Express's automatic weak ETag (a SHA-1 of every
  // body) buys nothing; entity routes set their own strong ETag for If-Match.
  app.set("etag", false);
  app.use(requestLogger(deps.logger));
  const metrics = createApiMetrics({ db: deps.db, changeFeed: () => eventStreamsOf(app).feed });
  app.use(metrics.recordRequests);
  const isAcceptingTraffic = deps.isAcceptingTraffic ?? (() => true);
  app.use(closeConnectionsWhileDraining(isAcceptingTraffic));
  // The API serves JSON only: the strictest CSP, no framing, no sniffing, no referrer; HSTS for
  // deployments behind TLS (browsers ignore it over plain HTTP).
  app.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
      crossOriginResourcePolicy: { policy: "same-site" },
      referrerPolicy: { policy: "no-referrer" },
      xFrameOptions: { action: "deny" },
    }),
  );
  app.use((_req, res, next) => {
    res.set({ "Cache-Control": "no-store" });
    next();
  });

  app.use(healthRoutes({ db: deps.db, migrationFiles: deps.migrationFiles, isAcceptingTraffic }));
  app.use(metricsRoutes({ registry: metrics.registry, token: deps.config.METRICS_TOKEN }));

  const anonymousRead = deps.config.ANONYMOUS_READ ?? false;
  const auth = authenticate({ db: deps.db, bootstrapToken: deps.config.CARTOGRAPH_ADMIN_TOKEN, sessionIdleMinutes: deps.config.SESSION_IDLE_MINUTES ?? 30 });

  const v1 = Router();
  const perMinute = deps.config.API_RATE_LIMIT_PER_MINUTE ?? DEFAULT_RATE_LIMITS.api.limit;
  // Who is calling, then how much they may call, then which database their reads may use (all
  // before any route, on both APIs).
  const limit = perMinute > 0 ? [apiRateLimiter({ db: deps.db, config: { ...DEFAULT_RATE_LIMITS.api, limit: perMinute } })] : [];
  const identify = [auth, ...limit, ...readRouting(deps.db)];
  v1.use(...identify);
  const sessions = { sessionIdleMinutes: deps.config.SESSION_IDLE_MINUTES ?? 30, sessionMaxHours: deps.config.SESSION_MAX_HOURS ?? 12 };
  v1.use("/auth", authRoutes({ db: deps.db, ...sessions }));
  v1.use("/admin", adminRoutes({ db: deps.db, ...sessions }));
  v1.use(openApiRoutes());
  const streams = new EventStreams({ db: deps.db, logger: deps.logger, sessionIdleMinutes: sessions.sessionIdleMinutes }, deps.eventStreams);
  app.locals.eventStreams = streams;
  v1.use(eventRoutes({ db: deps.db, streams }, { anonymousRead }));
  v1.use(graphRoutes({ db: deps.db }, { anonymousRead }));
  v1.use(registerRoutes({ db: deps.db, entities: entityRepository(deps.db), extraKinds: deps.config.EXTRA_KINDS ?? [] }, { anonymousRead }));
  v1.use(entityRoutes({ db: deps.db, entities: entityRepository(deps.db), extraKinds: deps.config.EXTRA_KINDS ?? [] }, { anonymousRead }));
  app.use("/api/v1", v1);
  app.use("/api/catalog", backstageCatalogRoutes({ db: deps.db, extraKinds: deps.config.EXTRA_KINDS ?? [], anonymousRead, identify }));

  app.use(unknownRoute);
  app.use(problemHandler);
  return app;
}
