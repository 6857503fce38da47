import { randomUUID } from "node:crypto";
import { isValidRequestId, REQUEST_ID_HEADER } from "@cartograph/contracts";
import type { IncomingMessage, ServerResponse } from "node:http";
import { pino, type Logger } from "pino";
import { pinoHttp } from "pino-http";

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: "cartograph-api" }, redact: ["req.headers.authorization", "req.headers.cookie"] });
}

/** Polled every few seconds by load balancers, Kubernetes and Prometheus: not worth a log line each. */
const PROBES = new Set(["/healthz", "/readyz", "/livez", "/metrics"]);

/**
 * Request ids: taken from `x-request-id` when it is well-formed (the web tier forwards its own),
 * otherwise created here; echoed in the response and on every log line of the request.
 */
export function requestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId(req: IncomingMessage, res: ServerResponse) {
      const incoming = req.headers[REQUEST_ID_HEADER];
      const id = isValidRequestId(incoming) ? incoming : randomUUID();
      res.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    customProps: (req) => ({ requestId: req.id }),
    autoLogging: { ignore: (req) => PROBES.has(req.url ?? "") },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info"),
    serializers: {
      req: (req) => ({ method: req.method, url: req.url }),
      res: (res) => ({ statusCode: res.statusCode }),
    },
  });
}
