import { EntityPathParamsSchema, type FieldError } from "@cartograph/contracts";
import { z } from "zod";

/** The API's own limit on a descriptor body. */
const MAX_DESCRIPTOR_CHARS = 512 * 1024;

/** The edit form: which entity, at which version, and the new descriptor text (JSON or YAML). */
export const SaveDescriptorFormSchema = EntityPathParamsSchema.extend({
  etag: z.string().min(1, "is missing: reload the page"),
  descriptor: z.string().trim().min(1, "must not be empty").max(MAX_DESCRIPTOR_CHARS, "is larger than the 512 KB the API accepts"),
});

/** What the last save said; `descriptor` is the field error of the form's own check. */
export type SaveState =
  | { status: "idle" }
  | { status: "incomplete"; descriptor?: string; form?: string }
  | { status: "forbidden"; detail?: string }
  | { status: "stale"; detail?: string }
  | { status: "invalid"; detail?: string; errors: FieldError[] }
  | { status: "gone" }
  | { status: "failed"; message: string };

export const INITIAL_SAVE_STATE: SaveState = { status: "idle" };
