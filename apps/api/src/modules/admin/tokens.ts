import { randomBytes } from "node:crypto";
import type { ApiTokenListQuery, CreateApiTokenRequest } from "@cartograph/contracts";
import { insertApiToken, isUuid, listApiTokens, revokeApiToken, type ApiTokenRecord } from "@cartograph/db";
import { NotFoundError, ValidationError } from "../../errors.ts";
import { API_TOKEN_PREFIX, sha256Hex } from "../../http/authenticate.ts";
import { actorId, auditBase, type RequestContext } from "../../http/principal.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import type { AdminDeps } from "./users.ts";

/** `cgt_` and 8 characters of the secret: enough to tell tokens apart in a list, far too little to use. */
const PREFIX_LENGTH = API_TOKEN_PREFIX.length + 8;

/**
 * Issues a token: 256 random bits, stored only as their SHA-256 (a token is as strong as a key,
 * so a fast hash suffices and keeps authentication one indexed lookup). The secret is returned
 * once, here, and never again.
 */
export async function createToken(deps: AdminDeps, input: CreateApiTokenRequest, ctx: RequestContext, now = new Date()): Promise<ApiTokenRecord & { token: string }> {
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt <= now) throw new ValidationError("The request body is not valid.", [{ path: "expiresAt", message: "must be in the future" }]);
  const secret = `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const scopes = [...new Set(input.scopes)];
  const token = await insertApiToken(
    deps.db,
    { name: input.name, prefix: secret.slice(0, PREFIX_LENGTH), tokenHash: sha256Hex(secret), scopes, createdBy: actorId(ctx.principal), expiresAt },
    (t) => [{ ...auditBase(ctx), action: "token.created", target: `token:${t.id}`, outcome: "success", details: { name: t.name, prefix: t.prefix, scopes: t.scopes, expiresAt: t.expiresAt?.toISOString() ?? null } }],
  );
  return { ...token, token: secret };
}

export async function listTokens(deps: AdminDeps, query: ApiTokenListQuery) {
  const beforeId = query.cursor ? decodeCursor(query.cursor, isUuid) : undefined;
  const { items, hasMore } = await listApiTokens(deps.db, { limit: query.limit, beforeId });
  return { items, nextCursor: hasMore ? encodeCursor(items.at(-1)!.id) : undefined };
}

/** Takes effect on the next request on every replica (authentication reads the token row each time); idempotent. */
export async function revokeToken(deps: AdminDeps, id: string, ctx: RequestContext): Promise<void> {
  const result = await revokeApiToken(deps.db, id, (t) => [{ ...auditBase(ctx), action: "token.revoked", target: `token:${t.id}`, outcome: "success", details: { name: t.name, prefix: t.prefix } }]);
  if (result.outcome === "not_found") throw new NotFoundError("token_not_found", `No API token with id ${id}.`);
}
