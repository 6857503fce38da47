"use server";

import { entityPath } from "@cartograph/contracts";
import { redirect } from "next/navigation";
import { ApiError, ApiUnavailableError, replaceEntity } from "@/lib/api";
import { SaveDescriptorFormSchema, type SaveState } from "./form-state";

const text = (value: FormDataEntryValue | null) => (typeof value === "string" ? value : "");

/**
 * Saves the descriptor if nobody changed the entity since the form was loaded. Whether this
 * visitor may edit this entity is the API's decision; every answer is shown as it came.
 */
export async function saveDescriptorAction(_previous: SaveState, formData: FormData): Promise<SaveState> {
  const form = SaveDescriptorFormSchema.safeParse({
    kind: text(formData.get("kind")),
    namespace: text(formData.get("namespace")),
    name: text(formData.get("name")),
    etag: text(formData.get("etag")),
    descriptor: text(formData.get("descriptor")),
  });
  if (!form.success) {
    const issue = (field: string) => form.error.issues.find((i) => i.path[0] === field)?.message;
    const descriptor = issue("descriptor");
    const other = form.error.issues.find((i) => i.path[0] !== "descriptor");
    return {
      status: "incomplete",
      ...(descriptor ? { descriptor: `The descriptor ${descriptor}.` } : {}),
      ...(other ? { form: `The form is damaged (${String(other.path[0])} ${other.message}); reload the page.` } : {}),
    };
  }

  const { descriptor, etag, ...ref } = form.data;
  try {
    await replaceEntity(ref, descriptor, etag);
  } catch (error) {
    return explain(error);
  }
  redirect(`${entityPath(ref)}?saved=1`);
}

function explain(error: unknown): SaveState {
  if (error instanceof ApiUnavailableError) return { status: "failed", message: "Cartograph can't reach its API right now; nothing was saved. Try again in a moment." };
  if (!(error instanceof ApiError)) throw error;
  switch (error.status) {
    case 403:
      return { status: "forbidden", detail: error.detail };
    case 412:
      return { status: "stale", detail: error.detail };
    case 400:
    case 422:
      return { status: "invalid", detail: error.detail, errors: error.errors };
    case 404:
      return { status: "gone" };
    default:
      return { status: "failed", message: `The API refused the change (HTTP ${error.status}: ${error.detail ?? error.title}). Request id: ${error.requestId}.` };
  }
}
