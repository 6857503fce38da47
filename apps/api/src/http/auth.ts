import { createHash, timingSafeEqual } from "node:crypto";
import type { RequestHandler } from "express";
import { ForbiddenError, UnauthorizedError } from "../errors.ts";

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * Writes need `Authorization: Bearer <CARTOGRAPH_ADMIN_TOKEN>` until accounts and tokens arrive.
 * Without a configured token every write is refused. Compared in constant time.
 */
export function requireAdminToken(adminToken: string | undefined): RequestHandler {
  const expected = adminToken ? digest(adminToken) : null;
  return (req, _res, next) => {
    if (!expected) {
      throw new ForbiddenError("writes_disabled", "Writes are disabled: the API was started without CARTOGRAPH_ADMIN_TOKEN.");
    }
    const header = req.get("authorization") ?? "";
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) {
      throw new UnauthorizedError("unauthenticated", "Send the admin token as `Authorization: Bearer <token>`.");
    }
    if (!timingSafeEqual(digest(match[1]), expected)) {
      throw new UnauthorizedError("invalid_token", "The bearer token is not valid.");
    }
    next();
  };
}
