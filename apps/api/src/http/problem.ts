import { PROBLEM_CONTENT_TYPE, type Problem } from "@cartograph/contracts";
import { isDatabaseUnreachable } from "@cartograph/db";
import type { ErrorRequestHandler, RequestHandler, Response } from "express";
import { AppError, NotFoundError, ServiceUnavailableError } from "../errors.ts";

/** `problem` may carry extension members (RFC 9457 section 3.2). */
export function sendProblem(res: Response, problem: Problem & Record<string, unknown>, headers: Record<string, string> = {}): void {
  res.status(problem.status).set(headers).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

/** Errors thrown by body-parser carry a `type`; they are the client's fault, with their own status. */
function fromBodyParser(error: { type?: string; status?: number; limit?: number }): AppError | null {
  switch (error.type) {
    case "entity.parse.failed":
      return new AppError(400, "malformed_body", "Bad request", "The request body is not valid JSON.");
    case "entity.too.large":
      return new AppError(413, "payload_too_large", "Payload too large", `The request body exceeds the limit of ${error.limit} bytes.`);
    case "encoding.unsupported":
    case "charset.unsupported":
      return new AppError(415, "unsupported_media_type", "Unsupported media type", "Send the body as UTF-8.");
    default:
      return null;
  }
}

/** A database that cannot be reached (or is stopping) is a temporary condition, not a server bug. */
export const isDatabaseUnavailable = (error: unknown): boolean => isDatabaseUnreachable(error);

export const problemHandler: ErrorRequestHandler = (error, req, res, _next) => {
  let appError = error instanceof AppError ? error : fromBodyParser(error);
  if (!appError && isDatabaseUnavailable(error)) {
    req.log.warn({ err: error }, "database unavailable");
    appError = new ServiceUnavailableError("database_unavailable", "The database is not reachable right now. Retry shortly.");
  }
  const problemBase = { instance: req.originalUrl, requestId: String(req.id) };
  if (!appError) {
    req.log.error({ err: error }, "unhandled error");
    sendProblem(res, {
      type: "about:blank",
      title: "Internal server error",
      status: 500,
      code: "internal_error",
      detail: `Something went wrong on our side. Quote request id ${String(req.id)} when reporting it.`,
      ...problemBase,
    });
    return;
  }
  sendProblem(
    res,
    {
      type: `urn:cartograph:problem:${appError.code}`,
      title: appError.title,
      status: appError.status,
      code: appError.code,
      detail: appError.message,
      ...problemBase,
      ...(appError.extra.errors ? { errors: appError.extra.errors } : {}),
    },
    appError.extra.headers,
  );
};

export const unknownRoute: RequestHandler = (req) => {
  throw new NotFoundError("route_not_found", `No route ${req.method} ${req.path}. See /api/v1 for the entity endpoints.`);
};
