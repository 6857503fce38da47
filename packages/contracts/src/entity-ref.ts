import { parseEntityRef, stringifyEntityRef } from "@backstage/catalog-model";

export interface CompoundRef {
  kind: string;
  namespace: string;
  name: string;
}

/**
 * Parses a reference the way Backstage does (`[kind:][namespace/]name`), filling a missing kind
 * from `defaultKind` and a missing namespace from the holding entity's namespace. Returns null
 * when the reference cannot be parsed (for example no kind where the field has no default).
 */
export function tryParseRef(
  ref: string,
  context: { defaultKind?: string; defaultNamespace: string },
): CompoundRef | null {
  try {
    return parseEntityRef(ref, context);
  } catch {
    return null;
  }
}

/** The canonical, lower-cased `kind:namespace/name` form that identifies an entity. */
export function canonicalRef(ref: CompoundRef): string {
  return stringifyEntityRef(ref).toLowerCase();
}

/** The web path of an entity page; segments are lower-cased like the identity itself. */
export function entityPath(ref: CompoundRef): string {
  const seg = (s: string) => encodeURIComponent(s.toLowerCase());
  return `/catalog/${seg(ref.kind)}/${seg(ref.namespace)}/${seg(ref.name)}`;
}
