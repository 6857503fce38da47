import type { ErrorRequestHandler, RequestHandler } from "express";
import { AppError, BadRequestError, NotFoundError } from "../../errors.ts";

/**
 * Errors on the Backstage-compatible routes are served in Backstage's body shape, not as
 * problem+json: `@backstage/catalog-client` reads `error.name` and `error.message` from it.
 */
const NAMES: Record<number, string> = {
  400: "InputError",
  401: "AuthenticationError",
  403: "NotAllowedError",
  404: "NotFoundError",
  409: "ConflictError",
  413: "PayloadTooLargeError",
  415: "UnsupportedMediaTypeError",
  503: "ServiceUnavailableError",
};

/** A bad parameter, filter, order, cursor or body: Backstage's InputError. */
export const inputError = (message: string) => new BadRequestError("invalid_input", message);

export const entityNotFound = (message: string) => new NotFoundError("entity_not_found", message);

/** Errors raised by body-parser (malformed JSON, too large) carry their own 4xx status. */
function clientStatus(error: unknown): number | null {
  const status = (error as { status?: unknown })?.status;
  return typeof status === "number" && status >= 400 && status < 500 ? status : null;
}

export const catalogErrorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  if (res.headersSent) {
    // A streamed list failed half-way: all that is left is to cut the response short.
    req.log.error({ err: error }, "catalog response failed after it started");
    res.destroy();
    return;
  }
  let status = 500;
  let message = `Internal server error; quote request id ${String(req.id)} when reporting it.`;
  let headers: Record<string, string> = {};
  if (error instanceof AppError) {
    status = error.status;
    message = error.message;
    headers = error.extra.headers ?? {};
  } else if (clientStatus(error) !== null) {
    status = clientStatus(error)!;
    message = (error as Error).message;
  } else {
    req.log.error({ err: error }, "unhandled error");
  }
  res
    .status(status)
    .set(headers)
    .json({ error: { name: NAMES[status] ?? "Error", message }, request: { method: req.method, url: req.url }, response: { statusCode: status } });
};

/** Backstage answers an unknown route with a bare 404. */
export const unknownCatalogRoute: RequestHandler = (_req, res) => {
  res.status(404).end();
};
