"use server";

import { entityPath } from "@cartograph/contracts";
import { redirect } from "next/navigation";
import { parseAllDocuments } from "yaml";
import { MAX_DESCRIPTOR_BYTES, tooLarge } from "@/components/yaml-editor/limits";
import { ApiError, ApiUnavailableError, getEntity } from "@/lib/api";
import { registerDescriptors } from "@/lib/api-edit";
import type { RegisterState } from "./form-state";

/**
 * "Preview" asks the API what the text would create (a dry run); "Register" creates it all in one
 * transaction. A single new entity opens its page; several are listed with links.
 */
export async function registerAction(_previous: RegisterState, formData: FormData): Promise<RegisterState> {
  const raw = formData.get("descriptor");
  // Form submission turns line breaks into CRLF; the editor's text (and the preview's) uses LF.
  const text = typeof raw === "string" ? raw.replace(/\r\n?/g, "\n") : "";
  const dryRun = formData.get("intent") !== "register";
  if (text.trim() === "") return { status: "empty" };
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_DESCRIPTOR_BYTES) return { status: "too-large", message: tooLarge(bytes) };

  let result;
  try {
    result = await registerDescriptors(text, dryRun);
  } catch (error) {
    return explain(error, text);
  }
  if (dryRun) return { status: "preview", text, preview: result };
  const [only] = result.entities;
  if (result.entities.length === 1 && only) redirect(`${entityPath(only)}?registered=1`);
  return { status: "registered", result };
}

async function explain(error: unknown, text: string): Promise<RegisterState> {
  if (error instanceof ApiUnavailableError) return { status: "failed", message: "Cartograph can't reach its API right now; nothing was registered. Try again in a moment." };
  if (!(error instanceof ApiError)) throw error;
  switch (error.status) {
    case 400:
    case 422:
      return { status: "invalid", detail: error.detail, errors: error.errors };
    case 409:
      return { status: "exists", detail: error.detail, existing: await firstExisting(text) };
    case 403:
      return { status: "forbidden", detail: error.detail };
    case 413:
      return { status: "too-large", message: tooLarge() };
    default:
      return { status: "failed", message: `The API refused the file (HTTP ${error.status}: ${error.detail ?? error.title}). Request id: ${error.requestId}.` };
  }
}

/** Which of the file's entities the catalog already holds (the API's 409 names it in prose). */
async function firstExisting(text: string): Promise<{ ref: string; href: string } | undefined> {
  let docs;
  try {
    docs = parseAllDocuments(text);
  } catch {
    return undefined;
  }
  const refs = (Array.isArray(docs) ? docs : [])
    .flatMap((doc) => (doc.contents && doc.errors.length === 0 ? [doc.toJS({ maxAliasCount: 50 }) as unknown] : []))
    .flatMap((value) => {
      const v = value as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } } | null;
      const kind = v?.kind;
      const name = v?.metadata?.name;
      const namespace = v?.metadata?.namespace ?? "default";
      return typeof kind === "string" && typeof name === "string" && typeof namespace === "string" ? [{ kind, namespace, name }] : [];
    })
    .slice(0, 20);
  for (const ref of refs) {
    try {
      if (await getEntity(ref.kind.toLowerCase(), ref.namespace.toLowerCase(), ref.name.toLowerCase())) {
        return { ref: `${ref.kind}:${ref.namespace}/${ref.name}`.toLowerCase(), href: entityPath(ref) };
      }
    } catch {
      return undefined;
    }
  }
  return undefined;
}
