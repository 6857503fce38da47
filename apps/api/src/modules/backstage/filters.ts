import type { Condition } from "@cartograph/db";
import { ALWAYS, allOf, anyOf, equals, exists, lower } from "./conditions.ts";
import { inputError } from "./errors.ts";

/**
 * The `filter` query parameters of the GET endpoints: each parameter is a filter set, and sets
 * are OR'ed. In a set, comma-separated statements are AND'ed, except statements on the same key,
 * which are OR'ed. A statement is `key=value`, `key=` (equals the empty string) or `key` (exists).
 */
export function parseFilterSets(filters: string[] | undefined): Condition {
  if (!filters || filters.length === 0) return ALWAYS;
  return anyOf(filters.map(parseFilterSet));
}

function parseFilterSet(set: string): Condition {
  const byKey = new Map<string, { key: string; values: string[] }>();
  for (const statement of set.split(",")) {
    const at = statement.indexOf("=");
    const key = (at === -1 ? statement : statement.slice(0, at)).trim();
    if (!key) {
      throw inputError(`Invalid filter, '${statement}' is not a valid statement (expected a string on the form a=b or a= or a)`);
    }
    const entry = byKey.get(lower(key)) ?? { key, values: [] };
    byKey.set(lower(key), entry);
    if (at !== -1) entry.values.push(statement.slice(at + 1).trim());
  }
  return allOf([...byKey.values()].map((e) => (e.values.length > 0 ? equals(e.key, e.values) : exists(e.key))));
}
