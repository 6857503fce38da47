"use server";

import type { ValidateResponse } from "@cartograph/contracts";
import { ApiError, ApiUnavailableError } from "@/lib/api";
import { validateDescriptors } from "@/lib/api-edit";
import { MAX_DESCRIPTOR_BYTES, tooLarge } from "./limits";

export type ValidationAnswer = { ok: true; result: ValidateResponse } | { ok: false; message: string };

/** Validation as you type: the API checks the text (every document), nothing is stored. */
export async function validateDescriptorAction(text: string): Promise<ValidationAnswer> {
  if (typeof text !== "string") return { ok: false, message: "Nothing to check." };
  if (new TextEncoder().encode(text).length > MAX_DESCRIPTOR_BYTES) return { ok: false, message: tooLarge() };
  try {
    return { ok: true, result: await validateDescriptors(text) };
  } catch (error) {
    if (error instanceof ApiUnavailableError) return { ok: false, message: "Can't check right now: the API did not answer." };
    if (error instanceof ApiError) return { ok: false, message: `Can't check right now (HTTP ${error.status}: ${error.detail ?? error.title}). Request id: ${error.requestId}.` };
    throw error;
  }
}
