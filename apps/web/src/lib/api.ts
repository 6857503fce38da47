import "server-only";

import {
  EntityListResponseSchema,
  EntitySchema,
  HealthResponseSchema,
  MeResponseSchema,
  PROBLEM_CONTENT_TYPE,
  ProblemSchema,
  SessionResponseSchema,
  type Account,
  type Entity,
  type EntityListResponse,
  type FieldError,
  type ListEntitiesQuery,
  type SessionResponse,
  type SignInRequest,
} from "@cartograph/contracts";
import { headers } from "next/headers";
import type { z } from "zod";
import { getEnv } from "@/env";
import { failureDigest } from "./failure";
import { isValidRequestId, REQUEST_ID_HEADER } from "./request-id";
import { redirectToSignIn, sessionToken } from "./session";

const TIMEOUT_MS = 5_000;

/** The API answered with an error (problem+json or otherwise), or with a body we cannot read. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  /** Kept by Next.js and forwarded to error.tsx; see failure.ts. */
  readonly digest: string;
  /** Per-field problems of a 422 (with line and column for YAML bodies). */
  readonly errors: FieldError[];
  /** The Retry-After header of a 429 or 503, as sent. */
  readonly retryAfter: string | undefined;

  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string | undefined,
    readonly requestId: string,
    extra: { errors?: FieldError[]; retryAfter?: string } = {},
  ) {
    super(`API error ${status} ${code}: ${title}${detail ? ` (${detail})` : ""} [request id ${requestId}]`);
    this.digest = failureDigest({ kind: "api_error", status, requestId });
    this.errors = extra.errors ?? [];
    this.retryAfter = extra.retryAfter;
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
    super(`API unavailable: ${url} failed: ${describeCause(options.cause)} [request id ${requestId}]`, options);
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
export async function currentRequestId(): Promise<string> {
  const id = (await headers()).get(REQUEST_ID_HEADER);
  return isValidRequestId(id) ? id : crypto.randomUUID();
}

/**
 * The browser's address and user agent, so the API's per-address sign-in limit, its audit log and
 * its session list see the visitor rather than the web tier. Next.js fills x-forwarded-for with
 * the peer address unless a proxy in front already did; the API decides which hops to trust.
 */
export async function clientHeaders(): Promise<Record<string, string>> {
  const incoming = await headers();
  const out: Record<string, string> = {};
  const forwardedFor = incoming.get("x-forwarded-for");
  const userAgent = incoming.get("user-agent");
  // The nearest hops are the last ones, and the ones the API reads: keep those if the list is long.
  if (forwardedFor) out["x-forwarded-for"] = forwardedFor.split(",").slice(-8).join(",").slice(-512);
  if (userAgent) out["user-agent"] = userAgent.slice(0, 512);
  return out;
}

export interface CallOptions {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  /** An object goes as JSON; a string as `contentType`. */
  body?: string | object;
  contentType?: string;
  headers?: Record<string, string>;
  /** Send the session cookie's token as `Authorization: Bearer` (default true). */
  authenticated?: boolean;
  timeoutMs?: number;
}

export interface Answer {
  response: Response;
  text: string;
  requestId: string;
  method: string;
  pathname: string;
}

/** One HTTP exchange with the API; throws ApiUnavailableError when there is no answer. */
export async function call(path: string, options: CallOptions = {}): Promise<Answer> {
  const url = new URL(path, getEnv().API_URL);
  const method = options.method ?? "GET";
  const requestId = await currentRequestId();
  const client = await clientHeaders();
  const token = options.authenticated === false ? undefined : await sessionToken();
  const body = options.body === undefined || typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  const contentType = typeof options.body === "object" ? "application/json" : options.contentType;
  try {
    const response = await fetch(url, {
      method,
      cache: "no-store",
      headers: {
        accept: `application/json, ${PROBLEM_CONTENT_TYPE}`,
        [REQUEST_ID_HEADER]: requestId,
        ...client,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined && contentType ? { "content-type": contentType } : {}),
        ...options.headers,
      },
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? TIMEOUT_MS),
    });
    // Read inside the try: the connection can drop or time out mid-body too.
    const text = await response.text();
    return { response, text, requestId, method, pathname: url.pathname };
  } catch (cause) {
    // origin + path only: API_URL may carry userinfo, which must not reach the logs.
    throw new ApiUnavailableError(`${method} ${url.origin}${url.pathname}${url.search}`, requestId, { cause });
  }
}

export function parseAnswer<T>(answer: Answer, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(safeJson(answer.text));
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join(".") || "(root)";
    throw new ApiError(502, "invalid_api_response", "The API sent a response this page cannot read", `${answer.method} ${answer.pathname}: ${where}`, answer.requestId);
  }
  return parsed.data;
}

/**
 * A call on behalf of the signed-in visitor: a 401 means they must sign in (again), which is a
 * redirect, not an error page. Any other error status throws an ApiError.
 */
export async function send<T>(path: string, schema: z.ZodType<T> | null, options: CallOptions = {}): Promise<T> {
  const answer = await call(path, options);
  if (answer.response.status === 401 && options.authenticated !== false) await redirectToSignIn();
  if (!answer.response.ok) throw toApiError(answer);
  return schema ? parseAnswer(answer, schema) : (undefined as T);
}

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function toApiError({ response, text, requestId }: Answer): ApiError {
  const contentType = response.headers.get("content-type") ?? "";
  const problem = contentType.includes(PROBLEM_CONTENT_TYPE) ? ProblemSchema.safeParse(safeJson(text)) : null;
  const retryAfter = response.headers.get("retry-after") ?? undefined;
  if (problem?.success) {
    const p = problem.data;
    return new ApiError(response.status, p.code, p.title, p.detail, p.requestId ?? requestId, { errors: p.errors, retryAfter });
  }
  const title = response.statusText || `HTTP ${response.status}`;
  return new ApiError(response.status, `http_${response.status}`, title, undefined, response.headers.get(REQUEST_ID_HEADER) ?? requestId, { retryAfter });
}

const segment = (s: string) => encodeURIComponent(s);
export const entityApiPath = (ref: { kind: string; namespace: string; name: string }) =>
  `/api/v1/entities/${segment(ref.kind)}/${segment(ref.namespace)}/${segment(ref.name)}`;

// React's cache() lasts one render, but when a page fails Next renders again for the error
// payload and runs generateMetadata a second time: a hung API would cost two timeouts. The
// request's headers object lives exactly as long as the request (Next keys its own caches on
// it), so results are shared per request through it.
const perRequest = new WeakMap<object, Map<string, Promise<unknown>>>();

export async function oncePerRequest<T>(key: string, run: () => Promise<T>): Promise<T> {
  const scope = await headers();
  let memo = perRequest.get(scope);
  if (!memo) perRequest.set(scope, (memo = new Map()));
  let pending = memo.get(key) as Promise<T> | undefined;
  if (!pending) memo.set(key, (pending = run()));
  return pending;
}

// ---- catalog ----
// Feature areas keep their own calls in lib/api-<area>.ts, built on send/call/oncePerRequest above.

export async function listEntities(query: Partial<ListEntitiesQuery>): Promise<EntityListResponse> {
  const params = new URLSearchParams();
  if (query.limit !== undefined) params.set("limit", String(query.limit));
  if (query.cursor) params.set("cursor", query.cursor);
  if (query.kind) params.set("kind", query.kind);
  const search = params.size > 0 ? `?${params}` : "";
  return send(`/api/v1/entities${search}`, EntityListResponseSchema);
}

/** One entity, or null when the catalog has no such entity; one API call per request. */
export function getEntity(kind: string, namespace: string, name: string): Promise<Entity | null> {
  const path = entityApiPath({ kind, namespace, name });
  return oncePerRequest(path, async () => {
    try {
      return await send(path, EntitySchema);
    } catch (error) {
      // Only the catalog's own "no such entity" is a 404 page; a 404 for the route itself is our bug.
      if (error instanceof ApiError && error.status === 404 && error.code === "entity_not_found") return null;
      throw error;
    }
  });
}

/**
 * Replaces an entity's descriptor if it is still at `etag`. The text goes as YAML (JSON is YAML
 * too), so the API reports problems with their line and column. The API decides whether the
 * visitor may: a refusal is an ApiError 403.
 */
export async function replaceEntity(ref: { kind: string; namespace: string; name: string }, descriptor: string, etag: string): Promise<Entity> {
  return send(entityApiPath(ref), EntitySchema, {
    method: "PUT",
    body: descriptor,
    contentType: "application/yaml",
    headers: { "if-match": `"${etag}"` },
  });
}

// ---- sessions ----

/** Who is looking: from the API, once per request. `ended`: a cookie the API no longer accepts. */
export type Viewer = { state: "anonymous" } | { state: "ended" } | { state: "signed-in"; account: Account } | { state: "unknown" };

export function getViewer(): Promise<Viewer> {
  return oncePerRequest("viewer", async (): Promise<Viewer> => {
    if (!(await sessionToken())) return { state: "anonymous" };
    let answer: Answer;
    try {
      answer = await call("/api/v1/auth/me");
    } catch (error) {
      if (error instanceof ApiUnavailableError) return { state: "unknown" };
      throw error;
    }
    if (answer.response.status === 401) return { state: "ended" };
    // The header must render whatever the API says; the page's own calls report real failures.
    const me = answer.response.ok ? MeResponseSchema.safeParse(safeJson(answer.text)) : null;
    if (!me?.success) return { state: "unknown" };
    return me.data.kind === "account" ? { state: "signed-in", account: me.data.account } : { state: "ended" };
  });
}

/** Signs in; a refusal (401 wrong credentials, 429 locked, 422 malformed) is an ApiError. */
export async function signIn(credentials: SignInRequest): Promise<SessionResponse> {
  return send("/api/v1/auth/sign-in", SessionResponseSchema, { method: "POST", body: credentials, authenticated: false });
}

/** Ends this session, or every session of the account; a session that is already dead is fine. */
export async function signOut(scope: "this" | "everywhere"): Promise<void> {
  const answer = await call(scope === "this" ? "/api/v1/auth/sign-out" : "/api/v1/auth/sign-out-everywhere", { method: "POST" });
  if (!answer.response.ok && answer.response.status !== 401) throw toApiError(answer);
}

// ---- health ----

/** True when the API's liveness endpoint answers ok within `timeoutMs`. */
export async function isApiUp(timeoutMs: number): Promise<boolean> {
  try {
    await send("/healthz", HealthResponseSchema, { timeoutMs, authenticated: false });
    return true;
  } catch (error) {
    if (error instanceof ApiError || error instanceof ApiUnavailableError) return false;
    throw error;
  }
}
