/**
 * What makes an entity findable: every scalar field as a lower-cased key/value pair (the same
 * keys Backstage filters by: `kind`, `metadata.name`, `spec.lifecycle`, `metadata.tags`,
 * `metadata.annotations.backstage.io/source-location`, `relations.ownedby`), and the text that
 * full-text search runs over.
 */
const MAX_VALUE_LENGTH = 512; // longer values (API definitions, ...) are not filter material
const MAX_ROWS = 1_000;

export interface SearchRow {
  key: string;
  value: string;
}

export function searchRows(
  entity: { apiVersion: string; kind: string; metadata: Record<string, unknown>; spec: Record<string, unknown> },
  relations: { type: string; targetRef: string }[],
): SearchRow[] {
  const rows = new Map<string, SearchRow>();
  const add = (key: string, value: string) => {
    if (value.length === 0 || value.length > MAX_VALUE_LENGTH || rows.size >= MAX_ROWS) return;
    const row = { key: key.toLowerCase(), value: value.toLowerCase() };
    rows.set(`${row.key}\0${row.value}`, row);
  };
  const visit = (prefix: string, value: unknown) => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(prefix, item);
    } else if (typeof value === "object") {
      for (const [key, child] of Object.entries(value)) visit(`${prefix}.${key}`, child);
    } else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
      add(prefix, String(value));
    }
  };
  add("apiversion", entity.apiVersion);
  add("kind", entity.kind);
  visit("metadata", entity.metadata);
  visit("spec", entity.spec);
  for (const r of relations) add(`relations.${r.type}`, r.targetRef);
  return [...rows.values()];
}

/** Name, title, description and tags, in that order of weight. */
export function searchText(metadata: Record<string, unknown>): string {
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  const tags = Array.isArray(metadata.tags) ? metadata.tags.filter((t) => typeof t === "string").join(" ") : "";
  return [text(metadata.name), text(metadata.title), text(metadata.description), tags].filter(Boolean).join(" ").slice(0, 10_000);
}
