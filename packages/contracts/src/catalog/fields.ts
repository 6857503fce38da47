import { z } from "zod";
import { formatPath } from "../problem.ts";
import { placeholderOf } from "./placeholders.ts";

// Small building blocks shared by the metadata and kind schemas. Error messages are computed
// from the issue's own path, so every field says "spec.owner is required" without each schema
// having to repeat its name.

type IssueLike = { input?: unknown; path?: readonly PropertyKey[]; code?: string };

/** The readable name of the field an issue is about: `spec.owner`, `metadata.tags[2]`. */
export function fieldName(issue: IssueLike): string {
  return formatPath((issue.path ?? []).map((p) => (typeof p === "symbol" ? String(p) : p)));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The message for a value that is missing or has the wrong type. A `$text`-style placeholder in
 * a typed field gets its own explanation: Backstage would fetch it, Cartograph never does.
 */
export function typeError(expected: string) {
  return (issue: IssueLike) => {
    const name = fieldName(issue);
    if (issue.input === undefined) return `${name} is required: ${expected}`;
    const placeholder = placeholderOf(issue.input);
    if (placeholder) {
      return `${name} cannot be a ${placeholder.key} placeholder: Cartograph never fetches URLs, so write ${expected} inline`;
    }
    return `${name} must be ${expected}`;
  };
}

/** A string of at least one character: JSON Schema `minLength: 1`, as Backstage's schemas write it. */
export const text = () =>
  z.string({ error: typeError("a string") }).min(1, { error: (issue) => `${fieldName(issue)} must not be empty` });

/** Any JSON object (Template parameters, output...); its content is the scaffolder's business. */
export const jsonObject = () => z.record(z.string(), z.unknown(), { error: typeError("an object") });

/** The error for an object field itself; `needs` tells what it must hold. */
export function objectError(needs: string) {
  return (issue: IssueLike) => (issue.code === "invalid_type" ? typeError(`an object ${needs}`)(issue) : undefined);
}
