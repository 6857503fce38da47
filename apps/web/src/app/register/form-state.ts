import type { FieldError, RegisterResponse } from "@cartograph/contracts";

export type RegisterState =
  | { status: "idle" }
  | { status: "empty" }
  | { status: "too-large"; message: string }
  /** What registering `text` would create. */
  | { status: "preview"; text: string; preview: RegisterResponse }
  | { status: "registered"; result: RegisterResponse }
  | { status: "invalid"; detail?: string; errors: FieldError[] }
  /** 409: `existing` is the entity that is already in the catalog, when we could tell which. */
  | { status: "exists"; detail?: string; existing?: { ref: string; href: string } }
  | { status: "forbidden"; detail?: string }
  | { status: "failed"; message: string };

export const INITIAL_REGISTER_STATE: RegisterState = { status: "idle" };
