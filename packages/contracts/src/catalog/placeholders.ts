import { formatPath, type FieldWarning } from "../problem.ts";

// Backstage substitutes `{ $text: ./openapi.yaml }` (also `$json`, `$yaml`) with the content of
// the file it points at before validating. Cartograph never fetches URLs, so a placeholder is
// kept as written and reported as a warning; the author supplies the content in a later ingest.

export const PLACEHOLDER_KEYS = ["$text", "$json", "$yaml"] as const;
export type PlaceholderKey = (typeof PLACEHOLDER_KEYS)[number];
export type Placeholder = { [K in PlaceholderKey]: { [P in K]: string } }[PlaceholderKey];

/**
 * The placeholder's key and target when `value` is one. Like Backstage, only an object with a
 * single known `$` key holding a string counts; anything else (`{ $ref: ... }`, two keys) is data.
 * An empty target could never be resolved, so it does not count either.
 */
export function placeholderOf(value: unknown): { key: PlaceholderKey; target: string } | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const key = PLACEHOLDER_KEYS.find((k) => k === keys[0]);
  const target = (value as Record<string, unknown>)[keys[0]!];
  return key && typeof target === "string" && target.length > 0 ? { key, target } : undefined;
}

export function isPlaceholder(value: unknown): value is Placeholder {
  return placeholderOf(value) !== undefined;
}

/** A warning for every placeholder under `value` (normally an entity's spec), depth first. */
export function placeholderWarnings(value: unknown, path: (string | number)[] = ["spec"]): FieldWarning[] {
  const placeholder = placeholderOf(value);
  if (placeholder) {
    const field = path.at(-1) === "definition" ? "definition" : "value";
    return [
      {
        path: formatPath(path),
        message: `unresolved ${placeholder.key} placeholder ${placeholder.target}: Cartograph never fetches URLs; supply the ${field} in a later ingest`,
      },
    ];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => placeholderWarnings(item, [...path, i]));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => placeholderWarnings(item, [...path, key]));
  }
  return [];
}
