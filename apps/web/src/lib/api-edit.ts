import "server-only";

import {
  EntityHistoryResponseSchema,
  MeResponseSchema,
  RegisterResponseSchema,
  ValidateResponseSchema,
  type EntityVersion,
  type RegisterResponse,
  type ValidateResponse,
} from "@cartograph/contracts";
import { ApiError, ApiUnavailableError, call, entityApiPath, oncePerRequest, send, toApiError } from "./api";
import { redirectToSignIn } from "./session";

// Writing the catalog from the browser: validation as you type, register, delete, and who
// changed an entity last (for the edit conflict). Built on api.ts's send/call.

type EntityRef = { kind: string; namespace: string; name: string };
const YAML = "application/yaml";

/**
 * Checks descriptor text (YAML, possibly several documents, or JSON). Text that does not even
 * parse may come back as a 422 with positioned errors: that is an answer too, not a failure.
 */
export async function validateDescriptors(text: string): Promise<ValidateResponse> {
  try {
    return await send("/api/v1/validate", ValidateResponseSchema, { method: "POST", body: text, contentType: YAML });
  } catch (error) {
    if (error instanceof ApiError && (error.status === 422 || error.status === 400) && error.errors.length > 0) {
      return { valid: false, documents: 0, errors: error.errors, warnings: [] };
    }
    throw error;
  }
}

/** Registers every descriptor in the text in one go, or (dryRun) says what that would create. */
export async function registerDescriptors(text: string, dryRun: boolean): Promise<RegisterResponse> {
  return send(`/api/v1/register${dryRun ? "?dryRun=true" : ""}`, RegisterResponseSchema, {
    method: "POST",
    body: text,
    contentType: YAML,
    // A whole file is validated and written in one transaction: allow it more than a read.
    timeoutMs: 15_000,
  });
}

/** Deletes an entity if it is still at `etag` (412 otherwise). */
export async function deleteEntity(ref: EntityRef, etag: string): Promise<void> {
  const answer = await call(entityApiPath(ref), { method: "DELETE", headers: { "if-match": `"${etag}"` } });
  if (answer.response.status === 401) await redirectToSignIn();
  if (!answer.response.ok) throw toApiError(answer);
}

/** The newest version in an entity's history (who changed it last), or null when unknown. */
export async function latestVersion(ref: EntityRef): Promise<EntityVersion | null> {
  try {
    const page = await send(`${entityApiPath(ref)}/history?limit=1`, EntityHistoryResponseSchema);
    return page.items[0] ?? null;
  } catch (error) {
    // Only a nicety beside the conflict: never let it hide the conflict itself.
    if (error instanceof ApiError || error instanceof ApiUnavailableError) return null;
    throw error;
  }
}

/** The teams (group refs) the signed-in visitor belongs to; empty when unknown. */
export function myGroups(): Promise<string[]> {
  return oncePerRequest("my-groups", async () => {
    try {
      const me = await send("/api/v1/auth/me", MeResponseSchema);
      return me.kind === "account" ? me.groups : [];
    } catch (error) {
      if (error instanceof ApiError || error instanceof ApiUnavailableError) return [];
      throw error;
    }
  });
}
