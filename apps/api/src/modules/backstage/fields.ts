import { inputError } from "./errors.ts";

/** `fields` as one comma-joined value, repeated, or a body array: the dot paths to keep. */
export function parseFields(values: string[] | undefined): string[] | undefined {
  const paths = (values ?? []).flatMap((v) => v.split(",")).map((p) => p.trim()).filter(Boolean);
  const indexed = paths.find((p) => p.includes("["));
  if (indexed) throw inputError(`Invalid field '${indexed}': array indexing is not supported`);
  return paths.length > 0 ? paths : undefined;
}

/**
 * Finds a dot path in an entity. Keys may contain dots (`backstage.io/techdocs-ref`), so a segment
 * that is not a key is joined with the next one until it is.
 */
function locate(root: unknown, path: string): { keys: string[]; value: unknown } | null {
  const keys: string[] = [];
  let node = root;
  let pending = "";
  for (const segment of path.split(".")) {
    pending = pending ? `${pending}.${segment}` : segment;
    if (typeof node === "object" && node !== null && !Array.isArray(node) && Object.hasOwn(node, pending)) {
      keys.push(pending);
      node = (node as Record<string, unknown>)[pending];
      pending = "";
    }
  }
  return pending === "" && node !== undefined ? { keys, value: node } : null;
}

/** Keeps only the given paths of an entity (all of it without `fields`); missing paths are left out. */
export function pick(entity: Record<string, unknown>, fields: string[] | undefined): Record<string, unknown> {
  if (!fields) return entity;
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const found = locate(entity, field);
    if (!found) continue;
    let target = out;
    for (const key of found.keys.slice(0, -1)) {
      const next = target[key];
      target = (typeof next === "object" && next !== null ? next : (target[key] = {})) as Record<string, unknown>;
    }
    target[found.keys.at(-1)!] = found.value;
  }
  return out;
}
