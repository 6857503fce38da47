import { addToWindow, type Db, type LockoutPolicy } from "@cartograph/db";
import type { RequestHandler, Response } from "express";
import { AppError } from "../errors.ts";
import { principalOf, type Principal } from "./principal.ts";

/**
 * Request limits, kept in PostgreSQL so every replica enforces the same ones. Headers follow
 * draft-ietf-httpapi-ratelimit-headers: `RateLimit-Policy: "name";q=<quota>;w=<window s>` and
 * `RateLimit: "name";r=<remaining>;t=<seconds until reset>`.
 */
export interface RateLimitConfig {
  /** Sign-in attempts per client IP in a fixed window, whatever the email. */
  signInPerIp: { limit: number; windowSeconds: number };
  /** Consecutive failed sign-ins per email before lockouts, and their back-off. */
  signInPerAccount: LockoutPolicy;
  /** Every API request, per principal (API token, account, or IP when anonymous). */
  api: { limit: number; windowSeconds: number; flushIntervalMs: number };
}

/**
 * Per IP: 30 attempts / 10 min, enough for a team behind one NAT to mistype, far too few to guess.
 * Per email: 5 failures free, then 1 min, 2, 4 ... capped at 1 h; forgotten after a day without one.
 * API: 1200 requests / min (20 per second sustained) per caller.
 */
export const DEFAULT_RATE_LIMITS: RateLimitConfig = Object.freeze({
  signInPerIp: { limit: 30, windowSeconds: 600 },
  signInPerAccount: { freeAttempts: 5, baseLockSeconds: 60, maxLockSeconds: 3600, memorySeconds: 86_400 },
  api: { limit: 1200, windowSeconds: 60, flushIntervalMs: 1000 },
});

export class TooManyRequestsError extends AppError {
  constructor(code: string, detail: string, headers: Record<string, string>) {
    super(429, code, "Too many requests", detail, { headers });
  }
}

/** The two draft headers for one policy. */
export function rateLimitHeaders(policy: { name: string; quota: number; windowSeconds?: number }, remaining: number, resetSeconds: number): Record<string, string> {
  const window = policy.windowSeconds === undefined ? "" : `;w=${policy.windowSeconds}`;
  return {
    "RateLimit-Policy": `"${policy.name}";q=${policy.quota}${window}`,
    RateLimit: `"${policy.name}";r=${Math.max(0, remaining)};t=${Math.max(0, Math.ceil(resetSeconds))}`,
  };
}

/** A refusal: Retry-After plus the draft headers with nothing remaining. */
export function tooManyRequests(code: string, detail: string, policy: { name: string; quota: number; windowSeconds?: number }, retryAfterSeconds: number) {
  const wait = Math.max(1, Math.ceil(retryAfterSeconds));
  return new TooManyRequestsError(code, detail, { "Retry-After": String(wait), ...rateLimitHeaders(policy, 0, wait) });
}

/** Windows are aligned to the clock, so every replica puts a request in the same one. */
export function windowStartOf(nowMs: number, windowSeconds: number): number {
  const size = windowSeconds * 1000;
  return Math.floor(nowMs / size) * size;
}

interface Counter {
  windowStart: number;
  /** The window's count across replicas, as of the last flush (our flushed requests included). */
  global: number;
  /** Counted here, not yet sent. */
  local: number;
  /** Being sent right now. */
  inFlight: number;
  /** The flush sending them, for whoever must wait until it is done. */
  sending: Promise<void> | null;
  lastFlushAt: number;
  timer: NodeJS.Timeout | null;
}

export interface ApiRateLimiter extends RequestHandler {
  /** Sends every pending count now (tests, shutdown). */
  flush(): Promise<void>;
}

const keyOf = (p: Principal, ip: string | undefined) =>
  p.kind === "token" ? `api:token:${p.id}` : p.kind === "account" ? `api:account:${p.id}` : `api:ip:${ip ?? "unknown"}`;

/**
 * The general limiter, for mounting after `authenticate`. It costs no database write per request:
 * requests are counted in memory and each key's increments are flushed at most once per
 * `flushIntervalMs` in one upsert that adds them and returns the count across all replicas. A
 * request is refused when that count plus what was counted here since exceeds the limit, so
 * replicas together overshoot by at most what they admit within one flush interval. If the
 * database cannot be reached the limiter lets requests through (the rest of the API will not).
 */
export function apiRateLimiter(options: { db: Db; config?: RateLimitConfig["api"]; now?: () => number; onError?: (error: unknown) => void }): ApiRateLimiter {
  const { limit, windowSeconds, flushIntervalMs } = options.config ?? DEFAULT_RATE_LIMITS.api;
  const now = options.now ?? Date.now;
  const policy = { name: "api", quota: limit, windowSeconds };
  const counters = new Map<string, Counter>();
  let sweptWindow = 0;

  function flush(key: string, counter: Counter): Promise<void> {
    counter.timer = null;
    // One flush at a time per key; a caller arriving meanwhile waits for the one under way.
    if (counter.sending) return counter.sending;
    if (counter.local === 0) return Promise.resolve();
    counter.sending = send(key, counter).finally(() => {
      counter.sending = null;
    });
    return counter.sending;
  }

  async function send(key: string, counter: Counter): Promise<void> {
    const delta = counter.local;
    counter.local = 0;
    counter.inFlight = delta;
    counter.lastFlushAt = now();
    try {
      const result = await addToWindow(options.db, key, new Date(counter.windowStart), delta);
      if (result.windowStart.getTime() === counter.windowStart) counter.global = Math.max(counter.global, result.count);
    } catch (error) {
      counter.local += delta; // counted again with the next flush
      options.onError?.(error);
    } finally {
      counter.inFlight = 0;
    }
    if (counter.local > 0) schedule(key, counter);
  }

  function schedule(key: string, counter: Counter): void {
    if (counter.timer || counter.inFlight > 0) return;
    const wait = Math.max(0, counter.lastFlushAt + flushIntervalMs - now());
    counter.timer = setTimeout(() => void flush(key, counter), wait);
    counter.timer.unref();
  }

  /** Once per window, forget the keys idle since the last one. */
  function sweep(windowStart: number): void {
    if (windowStart === sweptWindow) return;
    sweptWindow = windowStart;
    for (const [key, counter] of counters) {
      if (counter.windowStart < windowStart && counter.local === 0 && counter.inFlight === 0 && !counter.timer) counters.delete(key);
    }
  }

  const setHeaders = (res: Response, counter: Counter, current: number) =>
    res.set(rateLimitHeaders(policy, limit - current, (counter.windowStart + windowSeconds * 1000 - now()) / 1000));

  const middleware: RequestHandler = (req, res, next) => {
    const at = now();
    const windowStart = windowStartOf(at, windowSeconds);
    sweep(windowStart);
    const key = keyOf(principalOf(res), req.ip);
    let counter = counters.get(key);
    if (!counter || counter.windowStart !== windowStart) {
      // Increments of the past window still in memory are dropped: that window is over.
      if (counter?.timer) clearTimeout(counter.timer);
      counter = { windowStart, global: 0, local: 0, inFlight: 0, sending: null, lastFlushAt: counter?.lastFlushAt ?? 0, timer: null };
      counters.set(key, counter);
    }
    const current = counter.global + counter.inFlight + counter.local;
    if (current >= limit) {
      throw tooManyRequests("rate_limited", `Too many requests: at most ${limit} per ${windowSeconds} seconds. Retry after the time in Retry-After.`, policy, (windowStart + windowSeconds * 1000 - at) / 1000);
    }
    counter.local += 1;
    setHeaders(res, counter, current + 1);
    schedule(key, counter);
    next();
  };

  return Object.assign(middleware, {
    async flush() {
      await Promise.all(
        [...counters].map(async ([key, counter]) => {
          // Twice: what a flush under way was sending, then what was counted meanwhile.
          for (let round = 0; round < 2; round++) {
            if (counter.timer) clearTimeout(counter.timer);
            counter.timer = null;
            await flush(key, counter);
          }
        }),
      );
    },
  });
}
