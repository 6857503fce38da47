import { EntityPathParamsSchema, type FieldError } from "@cartograph/contracts";
import { z } from "zod";
import { MAX_DESCRIPTOR_BYTES } from "@/components/yaml-editor/limits";

const withinLimit = (s: string) => new TextEncoder().encode(s).length <= MAX_DESCRIPTOR_BYTES;

/** Which entity, at which version: every write from this page says both. */
export const EntityAtVersionSchema = EntityPathParamsSchema.extend({
  etag: z.string().min(1, "is missing: reload the page"),
});

/** The edit form: which entity, at which version, and the new descriptor text (YAML or JSON). */
export const SaveDescriptorFormSchema = EntityAtVersionSchema.extend({
  descriptor: z.string().trim().min(1, "must not be empty").refine(withinLimit, "is larger than the 512 KB the API accepts"),
});

/** The entity as it is now, after someone else changed it: what a conflict shows. */
export interface CurrentVersion {
  yaml: string;
  etag: string;
  /** Who made the newest change and when, when the history says. */
  actor?: string;
  at?: string;
}

/** What the last save said; `descriptor` is the field error of the form's own check. */
export type SaveState =
  | { status: "idle" }
  | { status: "incomplete"; descriptor?: string; form?: string }
  | { status: "forbidden"; detail?: string }
  | { status: "stale"; detail?: string; current: CurrentVersion }
  | { status: "invalid"; detail?: string; errors: FieldError[] }
  | { status: "gone" }
  | { status: "failed"; message: string };

export const INITIAL_SAVE_STATE: SaveState = { status: "idle" };

export type DeleteState =
  | { status: "idle" }
  | { status: "stale"; current: CurrentVersion }
  | { status: "forbidden"; detail?: string }
  | { status: "mismatch" }
  | { status: "failed"; message: string };

export const INITIAL_DELETE_STATE: DeleteState = { status: "idle" };
