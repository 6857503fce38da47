import { createHash } from "node:crypto";
import { claimIdempotencyKey, completeIdempotencyKey, IDEMPOTENCY_RENEW_MS, releaseIdempotencyKey, renewIdempotencyClaim, type Db } from "@cartograph/db";
import type { RequestHandler, Response } from "express";
import { AppError, BadRequestError } from "../errors.ts";

const KEY = /^[\x21-\x7e]{1,255}$/;
/** Response headers a replay must repeat for the client to see the same answer. */
const REPLAYED_HEADERS = ["content-type", "location", "etag"];

/**
 * `Idempotency-Key` on a write: the first request runs and its response is stored; a retry with
 * the same key and the same request gets that response again (`Idempotent-Replayed: true`)
 * without running twice. The same key with a different request is refused. Keys are per actor.
 */
export function idempotency(db: Db, actorOf: (res: Response) => string): RequestHandler {
  return async (req, res, next) => {
    const header = req.get("idempotency-key");
    if (header === undefined) return next();
    if (!KEY.test(header)) {
      throw new BadRequestError("invalid_idempotency_key", "Idempotency-Key must be 1-255 visible ASCII characters.", [
        { path: "Idempotency-Key", message: "must be 1-255 visible ASCII characters, e.g. a UUID" },
      ]);
    }
    const key = `${actorOf(res)}:${header}`;
    const fingerprint = createHash("sha256")
      .update(JSON.stringify([req.method, req.path, req.query, typeof req.body === "string" ? req.body : JSON.stringify(req.body ?? null)]))
      .digest("hex");
    const claim = await claimIdempotencyKey(db, key, fingerprint);
    if (claim.state === "mismatch") {
      throw new AppError(422, "idempotency_key_reused", "Idempotency key reused", "This Idempotency-Key was used for a different request; use a new key for a new request.");
    }
    if (claim.state === "in_progress") {
      throw new AppError(
        409,
        "idempotency_key_in_progress",
        "Conflict",
        `A request with this Idempotency-Key is still being processed; retry after ${claim.retryAfterSeconds} s (a request whose server stopped is taken over then).`,
        { headers: { "Retry-After": String(claim.retryAfterSeconds) } },
      );
    }
    if (claim.state === "replay") {
      res.status(claim.status).set(claim.headers).set("Idempotent-Replayed", "true");
      res.send(typeof claim.body === "string" ? claim.body : JSON.stringify(claim.body));
      return;
    }

    // While this request runs its claim is renewed; if this process dies, the claim lapses and a
    // retry (on any replica) takes it over instead of waiting for an answer that never comes.
    const renew = setInterval(() => void renewIdempotencyClaim(db, key).catch(() => {}), IDEMPOTENCY_RENEW_MS);
    renew.unref();
    res.once("close", () => clearInterval(renew));

    // Store the final answer before it is sent; release the key when we fail, so a retry runs again.
    const send = res.send.bind(res);
    res.send = ((body?: unknown) => {
      clearInterval(renew);
      if (res.statusCode >= 500) {
        // When the database is what failed, the release fails too: the claim then lapses with its lease.
        void releaseIdempotencyKey(db, key)
          .catch((error: unknown) => req.log.warn({ err: error }, "could not release the idempotency key; it lapses with its lease"))
          .finally(() => send(body));
        return res;
      }
      const headers: Record<string, string> = {};
      for (const name of REPLAYED_HEADERS) {
        const value = res.get(name);
        if (value) headers[name] = value;
      }
      const text = Buffer.isBuffer(body) ? body.toString("utf8") : typeof body === "string" ? body : JSON.stringify(body ?? null);
      let stored: unknown = text;
      try {
        stored = JSON.parse(text);
      } catch {
        // not JSON: kept as text
      }
      completeIdempotencyKey(db, key, { status: res.statusCode, body: stored, headers }).then(
        () => send(body),
        (error: unknown) => {
          req.log.error({ err: error }, "could not store the idempotent response");
          send(body);
        },
      );
      return res;
    }) as typeof res.send;
    next();
  };
}
