import type { FieldError } from "@cartograph/contracts";

/** A failure the caller can act on; the problem middleware turns it into problem+json. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    detail: string,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
  }
}

export class ValidationError extends AppError {
  constructor(detail: string, errors: FieldError[], code = "validation_failed") {
    super(422, code, "The request is not valid", detail, { errors });
  }
}

export class BadRequestError extends AppError {
  constructor(code: string, detail: string, errors?: FieldError[]) {
    super(400, code, "Bad request", detail, { errors });
  }
}

export class NotFoundError extends AppError {
  constructor(code: string, detail: string) {
    super(404, code, "Not found", detail);
  }
}

export class ConflictError extends AppError {
  constructor(code: string, detail: string) {
    super(409, code, "Conflict", detail);
  }
}

export class UnauthorizedError extends AppError {
  constructor(code: string, detail: string) {
    super(401, code, "Authentication required", detail, { headers: { "WWW-Authenticate": 'Bearer realm="cartograph"' } });
  }
}

export class ForbiddenError extends AppError {
  constructor(code: string, detail: string) {
    super(403, code, "Forbidden", detail);
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor(detail: string) {
    super(415, "unsupported_media_type", "Unsupported media type", detail);
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(code: string, detail: string, retryAfterSeconds = 1) {
    super(503, code, "Service unavailable", detail, { headers: { "Retry-After": String(retryAfterSeconds) } });
  }
}

export class PreconditionRequiredError extends AppError {
  constructor(detail: string) {
    super(428, "precondition_required", "Precondition required", detail);
  }
}

export class PreconditionFailedError extends AppError {
  constructor(detail: string, currentEtag: string) {
    super(412, "precondition_failed", "Precondition failed", detail, { headers: { ETag: `"${currentEtag}"` } });
  }
}
