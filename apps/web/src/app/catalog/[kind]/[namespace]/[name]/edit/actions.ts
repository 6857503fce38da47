"use server";

import { entityPath } from "@cartograph/contracts";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { ApiError, ApiUnavailableError, getEntity, replaceEntity } from "@/lib/api";
import { deleteEntity, latestVersion } from "@/lib/api-edit";
import { descriptorYaml } from "./descriptor-yaml";
import { EntityAtVersionSchema, SaveDescriptorFormSchema, type CurrentVersion, type DeleteState, type SaveState } from "./form-state";

const text = (value: FormDataEntryValue | null) => (typeof value === "string" ? value : "");
type Ref = { kind: string; namespace: string; name: string };

/**
 * The etag this write is for. "Keep my version and save over theirs" (or "Delete anyway") sends
 * the etag of the version the visitor was shown in the conflict: still a conditional write, so a
 * third change made meanwhile is caught too.
 */
const etagOf = (formData: FormData) => text(formData.get("overrideEtag")) || text(formData.get("etag"));

/**
 * Saves the descriptor if nobody changed the entity since the version the visitor is editing.
 * Whether this visitor may edit this entity is the API's decision; every answer is shown as it came.
 */
export async function saveDescriptorAction(_previous: SaveState, formData: FormData): Promise<SaveState> {
  const form = SaveDescriptorFormSchema.safeParse({
    kind: text(formData.get("kind")),
    namespace: text(formData.get("namespace")),
    name: text(formData.get("name")),
    etag: etagOf(formData),
    // Form submission turns line breaks into CRLF; store what the editor showed.
    descriptor: text(formData.get("descriptor")).replace(/\r\n?/g, "\n"),
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
    return explainSave(error, ref);
  }
  // The entity layout (header, etag, live updates) is shared with the edit page, and a navigation
  // between siblings keeps a layout as it was rendered: without this it would keep the old etag,
  // and the live stream would announce the visitor's own save as someone else's change.
  revalidatePath(entityPath(ref), "layout");
  redirect(`${entityPath(ref)}?saved=1`);
}

async function explainSave(error: unknown, ref: Ref): Promise<SaveState> {
  if (error instanceof ApiUnavailableError) return { status: "failed", message: "Cartograph can't reach its API right now; nothing was saved. Try again in a moment." };
  if (!(error instanceof ApiError)) throw error;
  switch (error.status) {
    case 403:
      return { status: "forbidden", detail: error.detail };
    case 412: {
      const current = await currentVersion(ref);
      return current ? { status: "stale", detail: error.detail, current } : { status: "gone" };
    }
    case 400:
    case 422:
      return { status: "invalid", detail: error.detail, errors: error.errors };
    case 404:
      return { status: "gone" };
    default:
      return { status: "failed", message: `The API refused the change (HTTP ${error.status}: ${error.detail ?? error.title}). Request id: ${error.requestId}.` };
  }
}

/** The entity as it is now, for the conflict view; null when it was deleted meanwhile. */
async function currentVersion(ref: Ref): Promise<CurrentVersion | null> {
  const [entity, latest] = await Promise.all([getEntity(ref.kind, ref.namespace, ref.name), latestVersion(ref)]);
  if (!entity) return null;
  const byLatest = latest && latest.etag === entity.metadata.etag;
  return {
    yaml: descriptorYaml(entity),
    etag: entity.metadata.etag,
    ...(byLatest ? { actor: latest.actor, at: latest.createdAt } : {}),
  };
}

/** Deletes the entity once the visitor typed its name, if it is still the version they saw. */
export async function deleteEntityAction(_previous: DeleteState, formData: FormData): Promise<DeleteState> {
  const form = EntityAtVersionSchema.safeParse({
    kind: text(formData.get("kind")),
    namespace: text(formData.get("namespace")),
    name: text(formData.get("name")),
    etag: etagOf(formData),
  });
  if (!form.success) return { status: "failed", message: "The form is damaged; reload the page." };
  const { etag, ...ref } = form.data;
  if (text(formData.get("confirmName")).trim().toLowerCase() !== ref.name.toLowerCase()) return { status: "mismatch" };

  try {
    await deleteEntity(ref, etag);
  } catch (error) {
    if (error instanceof ApiUnavailableError) return { status: "failed", message: "Cartograph can't reach its API right now; nothing was deleted. Try again in a moment." };
    if (!(error instanceof ApiError)) throw error;
    if (error.status === 403) return { status: "forbidden", detail: error.detail };
    if (error.status === 412) {
      const current = await currentVersion(ref);
      if (current) return { status: "stale", current };
    } else if (error.status !== 404) {
      return { status: "failed", message: `The API refused the deletion (HTTP ${error.status}: ${error.detail ?? error.title}). Request id: ${error.requestId}.` };
    }
    // Gone already (404, or deleted between the 412 and our look): the outcome the visitor wanted.
  }
  redirect(`/?${new URLSearchParams({ deleted: `${ref.kind}:${ref.namespace}/${ref.name}`.toLowerCase() })}`);
}
