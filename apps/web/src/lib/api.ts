import "server-only";

import {
  EntityListResponseSchema,
  EntitySchema,
  HealthResponseSchema,
  PROBLEM_CONTENT_TYPE,
  ProblemSchema,
  type Entity,
  type EntityListResponse,
  type ListEntitiesQuery,
} from "@cartograph/contracts";
import { headers } from "next/headers";
import type { z } from "zod";
import { getEnv } from "@/env";
import { failureDigest } from "./failure";
import { isValidRequestId, REQUEST_ID_HEADER } from "./request-id";

const TIMEOUT_MS = 5_000;

/** The API answered with an error (problem+json or otherwise), or with a body we cannot read. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  /** Kept by Next.js and forwarded to error.tsx; see failure.ts. */
  readonly digest: string;

  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string | undefined,
    readonly requestId: string,
  ) {
    super(`API error ${status} ${code}: ${title}${detail ? ` (${detail})` : ""} [request id ${requestId}]`);
    this.digest = failureDigest({ kind: "api_error", status, requestId });
  }
}

/** The API could not be reached: refused, reset, DNS, or no answer within the timeout. */
export class ApiUnavailableError extends Error {
  override readonly name = "ApiUnavailableError";
  readonly digest: string;

  constructor(
    readonly url: string,
    readonly requestId: string,
    options: { cause: unknown },
  ) {
    super(`API unavailable: GET ${url} failed: ${describeCause(options.cause)} [request id ${requestId}]`, options);
    this.digest = failureDigest({ kind: "api_unavailable", requestId });
  }
}

function describeCause(cause: unknown): string {
  if (cause instanceof DOMException && cause.name === "TimeoutError") return "no answer in time";
  if (cause instanceof Error) {
    const inner = cause.cause as { code?: unknown } | undefined;
    return typeof inner?.code === "string" ? `${cause.message} (${inner.code})` : cause.message;
  }
  return String(cause);
}

/** The id the proxy put on the incoming request; a fresh one outside a request (should not happen). */
async function currentRequestId(): Promise<string> {
  const id = (await headers()).get(REQUEST_ID_HEADER);
  return isValidRequestId(id) ? id : crypto.randomUUID();
}

async function get<T>(path: string, schema: z.ZodType<T>, timeoutMs = TIMEOUT_MS): Promise<T> {
  const url = new URL(path, getEnv().API_URL);
  const requestId = await currentRequestId();
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      cache: "no-store",
      headers: { accept: `application/json, ${PROBLEM_CONTENT_TYPE}`, [REQUEST_ID_HEADER]: requestId },
      signal: AbortSignal.timeout(timeoutMs),
    });
    // Read inside the try: the connection can drop or time out mid-body too.
    text = await response.text();
  } catch (cause) {
    // origin + path only: API_URL may carry userinfo, which must not reach the logs.
    throw new ApiUnavailableError(`${url.origin}${url.pathname}${url.search}`, requestId, { cause });
  }

  if (!response.ok) throw toApiError(response, text, requestId);

  const parsed = schema.safeParse(safeJson(text));
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join(".") || "(root)";
    throw new ApiError(502, "invalid_api_response", "The API sent a response this page cannot read", `GET ${url.pathname}: ${where}`, requestId);
  }
  return parsed.data;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toApiError(response: Response, text: string, requestId: string): ApiError {
  const contentType = response.headers.get("content-type") ?? "";
  const problem = contentType.includes(PROBLEM_CONTENT_TYPE) ? ProblemSchema.safeParse(safeJson(text)) : null;
  if (problem?.success) {
    const p = problem.data;
    return new ApiError(response.status, p.code, p.title, p.detail, p.requestId ?? requestId);
  }
  const title = response.statusText || `HTTP ${response.status}`;
  return new ApiError(response.status, `http_${response.status}`, title, undefined, response.headers.get(REQUEST_ID_HEADER) ?? requestId);
}

const segment = (s: string) => encodeURIComponent(s);

export async function listEntities(query: Partial<ListEntitiesQuery>): Promise<EntityListResponse> {
  const params = new URLSearchParams();
  if (query.limit !== undefined) params.set("limit", String(query.limit));
  if (query.cursor) params.set("cursor", query.cursor);
  if (query.kind) params.set("kind", query.kind);
  const search = params.size > 0 ? `?${params}` : "";
  return get(`/api/v1/entities${search}`, EntityListResponseSchema);
}

// React's cache() lasts one render, but when a page fails Next renders again for the error
// payload and runs generateMetadata a second time: a hung API would cost two timeouts. The
// request's headers object lives exactly as long as the request (Next keys its own caches on
// it), so results are shared per request through it.
const perRequest = new WeakMap<object, Map<string, Promise<unknown>>>();

async function oncePerRequest<T>(key: string, run: () => Promise<T>): Promise<T> {
  const scope = await headers();
  let memo = perRequest.get(scope);
  if (!memo) perRequest.set(scope, (memo = new Map()));
  let pending = memo.get(key) as Promise<T> | undefined;
  if (!pending) memo.set(key, (pending = run()));
  return pending;
}

/** One entity, or null when the catalog has no such entity; one API call per request. */
export function getEntity(kind: string, namespace: string, name: string): Promise<Entity | null> {
  const path = `/api/v1/entities/${segment(kind)}/${segment(namespace)}/${segment(name)}`;
  return oncePerRequest(path, async () => {
    try {
      return await get(path, EntitySchema);
    } catch (error) {
      // Only the catalog's own "no such entity" is a 404 page; a 404 for the route itself is our bug.
      if (error instanceof ApiError && error.status === 404 && error.code === "entity_not_found") return null;
      throw error;
    }
  });
}

/** True when the API's liveness endpoint answers ok within `timeoutMs`. */
export async function isApiUp(timeoutMs: number): Promise<boolean> {
  try {
    await get("/healthz", HealthResponseSchema, timeoutMs);
    return true;
  } catch (error) {
    if (error instanceof ApiError || error instanceof ApiUnavailableError) return false;
    throw error;
  }
}
