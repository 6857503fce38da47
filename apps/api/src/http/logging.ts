import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { isValidRequestId, REQUEST_ID_HEADER } from "@cartograph/contracts";
import type { RequestHandler } from "express";
import { pino, type Logger } from "pino";
import { defineRequestAccessor } from "./app-server.ts";

declare module "node:http" {
  interface IncomingMessage {
    /** The request id (see requestLogger). */
    id: string;
    /** A logger whose lines carry the request id, method and URL. */
    log: Logger;
  }
}

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: "cartograph-api" }, redact: ["req.headers.authorization", "req.headers.cookie"] });
}

/** Polled every few seconds by load balancers, Kubernetes and Prometheus: not worth a log line each. */
const PROBES = new Set(["/healthz", "/readyz", "/livez", "/metrics"]);

/** 5xx are errors, 4xx warnings, the rest information. */
export const levelOf = (statusCode: number) => (statusCode >= 500 ? "error" : statusCode >= 400 ? "warn" : "info");

const BASE = Symbol("cartograph.baseLogger");
const CHILD = Symbol("cartograph.requestLogger");
type LoggedRequest = IncomingMessage & { originalUrl?: string; [BASE]?: Logger; [CHILD]?: Logger };

// `req.log`, made on first use from the logger requestLogger put on the request.
defineRequestAccessor<LoggedRequest, Logger>("log", {
  get() {
    const base = this[BASE];
    if (!base) throw new Error("req.log is used before requestLogger ran");
    return (this[CHILD] ??= base.child({ requestId: this.id, req: { method: this.method, url: this.originalUrl ?? this.url } }));
  },
  set(value) {
    this[CHILD] = value;
  },
});

/**
 * Request ids: taken from `x-request-id` when it is well-formed (the web tier forwards its own),
 * otherwise created here; echoed in the response and on every log line of the request. One line
 * per request when it ends (`request completed`, `request errored` for a 5xx, `request aborted`
 * when the client left first), at the level its status calls for.
 *
 * A request costs no logger of its own unless something logs: the child logger behind `req.log`
 * is made on first use, and the closing line only when its level is enabled. (Two child loggers
 * per request, as pino-http makes them, were a sixth of a cached read's CPU and most of its garbage;
 * `req.log` is a prototype accessor for the reason given at defineRequestAccessor.)
 */
export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.headers[REQUEST_ID_HEADER];
    const id = isValidRequestId(incoming) ? incoming : randomUUID();
    res.setHeader(REQUEST_ID_HEADER, id);
    req.id = id;
    (req as LoggedRequest)[BASE] = logger;
    if (!PROBES.has(req.url)) {
      const started = Date.now();
      // A response always closes, after finishing or when the client went away first.
      res.once("close", () => {
        const level = levelOf(res.statusCode);
        if (!logger.isLevelEnabled(level)) return;
        const message = res.statusCode >= 500 ? "request errored" : res.writableFinished && !req.readableAborted ? "request completed" : "request aborted";
        req.log[level]({ res: { statusCode: res.statusCode }, responseTime: Date.now() - started }, message);
      });
    }
    next();
  };
}
