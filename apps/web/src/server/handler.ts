import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { isValidRequestId, REQUEST_ID_HEADER } from "../lib/request-id";
import { holdResponse, type HoldOptions } from "./hold-response";
import type { ServerLifecycle } from "./lifecycle";
import type { WebMetrics } from "./metrics";
import { pathOf, routeLabel } from "./route-label";

export type NextHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface HandlerDeps {
  /** Next.js's request handler (`app.getRequestHandler()`); tests pass a stand-in. */
  next: NextHandler;
  lifecycle: Pick<ServerLifecycle, "draining" | "track">;
  metrics: WebMetrics;
  logger: Logger;
  /** METRICS_TOKEN: when set, /metrics requires it as a Bearer token. */
  metricsToken?: string;
  /** Pages are held back until complete within this window (not the /events stream). */
  hold?: HoldOptions;
}

/** Probes polled every few seconds: counted in the metrics, not worth a log line each. */
const QUIET = new Set(["/livez", "/metrics", "/healthz"]);

const sha256 = (text: string) => createHash("sha256").update(text).digest();

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...headers });
  res.end(JSON.stringify(body));
}

/**
 * Every request to the web tier, before Next.js sees it: gives it a request id (the caller's
 * when well-formed) on the request headers, where proxy.ts keeps it and forwards it to the API;
 * answers /livez and /metrics itself; counts, times and logs it under a low-cardinality route.
 */
export function createRequestHandler(deps: HandlerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const { lifecycle, logger, metrics } = deps;

  const serveMetrics = async (req: IncomingMessage, res: ServerResponse) => {
    const presented = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
    if (deps.metricsToken && !(presented && timingSafeEqual(sha256(presented), sha256(deps.metricsToken)))) {
      json(res, 401, { status: 401, code: "metrics_token_required", detail: "GET /metrics needs the header Authorization: Bearer <METRICS_TOKEN>." }, { "www-authenticate": 'Bearer realm="cartograph"' });
      return;
    }
    const text = await metrics.registry.metrics();
    res.writeHead(200, { "content-type": metrics.registry.contentType, "cache-control": "no-store" });
    res.end(text);
  };

  return (req, res) => {
    const started = process.hrtime.bigint();
    const method = req.method ?? "GET";
    const path = pathOf(req.url);
    const route = routeLabel(path);
    const incoming = req.headers[REQUEST_ID_HEADER];
    const requestId = isValidRequestId(incoming) ? incoming : randomUUID();
    req.headers[REQUEST_ID_HEADER] = requestId;
    lifecycle.track(res, { stream: route === "/events" });

    res.once("close", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const status = res.statusCode;
      metrics.observe({ method, route, status, seconds });
      if (QUIET.has(route)) return;
      const level = status >= 500 ? "error" : status >= 400 ? "warn" : "info";
      const aborted = !res.writableFinished;
      logger[level]({ requestId, method, route, status, durationMs: Math.round(seconds * 10_000) / 10, ...(aborted ? { aborted } : {}) }, "request completed");
    });

    const answer = (): Promise<void> | void => {
      if (path === "/livez") {
        res.setHeader(REQUEST_ID_HEADER, requestId);
        return lifecycle.draining ? json(res, 503, { status: "shutting_down" }, { "retry-after": "1" }) : json(res, 200, { status: "ok" });
      }
      if (path === "/metrics" && method === "GET") return serveMetrics(req, res);
      if (deps.hold && route !== "/events") holdResponse(res, deps.hold);
      return deps.next(req, res);
    };
    Promise.resolve()
      .then(answer)
      .catch((error: unknown) => {
        logger.error({ err: error, requestId, method, route }, "request failed");
        if (res.headersSent) res.destroy();
        else json(res, 500, { status: 500, code: "internal_error", requestId });
      });
  };
}
