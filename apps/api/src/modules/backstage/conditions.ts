import type { Condition, FilterGroups } from "@cartograph/db";

/** Backstage matches keys and values case-insensitively; the search index holds both lower-cased. */
export const lower = (v: string) => v.toLowerCase();

export const allOf = (conditions: Condition[]): Condition => (conditions.length === 1 ? conditions[0]! : { anyOf: [conditions] });
/** No alternatives: nothing matches. */
export const anyOf = (conditions: Condition[]): Condition => (conditions.length === 1 ? conditions[0]! : { anyOf: conditions.map((c) => [c]) });
export const not = (condition: Condition): Condition => ({ not: [[condition]] });
export const ALWAYS = allOf([]);

/** The query engine's top-level filter for one condition. */
export const whereOf = (condition: Condition): FilterGroups => [[condition]];

/**
 * Arrays of scalars also match as keys: Backstage finds an entity tagged `java` with
 * `metadata.tags.java` (or `=true`). The index holds that as `metadata.tags` = `java`, and since
 * tags may contain dots themselves, every dot is a possible split.
 */
function itemsAsKey(key: string): Condition[] {
  const out: Condition[] = [];
  for (let at = key.indexOf("."); at > 0 && at < key.length - 1; at = key.indexOf(".", at + 1)) {
    out.push({ key: key.slice(0, at), values: [key.slice(at + 1)] });
  }
  return out;
}

/** The key has one of the values. */
export function equals(key: string, values: string[]): Condition {
  const k = lower(key);
  const vs = values.map(lower);
  return anyOf([{ key: k, values: vs }, ...(vs.includes("true") ? itemsAsKey(k) : [])]);
}

/** The key is there, with any value. */
export function exists(key: string): Condition {
  const k = lower(key);
  return anyOf([{ key: k, exists: true }, ...itemsAsKey(k)]);
}

export const hasPrefix = (key: string, prefix: string): Condition => ({ key: lower(key), prefix: lower(prefix) });

/** Case-insensitive substring match on any of the keys. */
export const containsText = (keys: string[], term: string): Condition => anyOf(keys.map((key) => ({ key: lower(key), substring: lower(term) })));
