import type { SortKey } from "@cartograph/db";
import { lower } from "./conditions.ts";
import { inputError } from "./errors.ts";

const direction = (value: string | undefined, spec: string): SortKey["direction"] => {
  const d = lower(value ?? "asc");
  if (d !== "asc" && d !== "desc") throw inputError(`Invalid order '${spec}': the direction must be asc or desc`);
  return d;
};

const field = (value: string | undefined, spec: string) => {
  const f = value?.trim();
  if (!f) throw inputError(`Invalid order '${spec}': a field is required`);
  return lower(f);
};

/** Legacy `GET /entities`: `order=asc:metadata.name`, repeatable; all apply, in turn. */
export function parseOrder(values: string[] | undefined): SortKey[] {
  return (values ?? []).map((spec) => {
    const at = spec.indexOf(":");
    if (at === -1) throw inputError(`Invalid order '${spec}': expected asc:<field> or desc:<field>`);
    return { direction: direction(spec.slice(0, at), spec), key: field(spec.slice(at + 1), spec) };
  });
}

/** `GET /entities/by-query`: `orderField=metadata.name,desc`. Like Backstage, only the first one applies. */
export function parseOrderField(values: string[] | undefined): SortKey | undefined {
  const keys = (values ?? []).map((spec) => {
    const [name, dir, ...rest] = spec.split(",");
    if (rest.length > 0) throw inputError(`Invalid orderField '${spec}': expected <field>,asc or <field>,desc`);
    return { key: field(name, spec), direction: direction(dir, spec) };
  });
  return keys[0];
}
