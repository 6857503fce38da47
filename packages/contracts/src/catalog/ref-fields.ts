import { z } from "zod";
import { tryParseRef } from "../entity-ref.ts";
import { fieldName, typeError } from "./fields.ts";
import { DEFAULT_NAMESPACE } from "./metadata.ts";

/** What a spec field that holds entity references emits, and how its short refs are completed. */
export interface RelationFieldInfo {
  /** The relation type this entity gets towards each target, e.g. `ownedBy`. */
  relation: string;
  /** The kind assumed when a ref omits it; none means the kind must be written. */
  defaultKind?: string;
}

// The kind schemas declare each reference field once, with its relation; the registry lets
// deriveRelations and the array sorting read that declaration instead of a second table.
export const relationFieldRegistry = z.registry<RelationFieldInfo>();

/** Why `ref` is not a usable reference for a field with this default kind, or undefined when it is. */
function refProblem(ref: string, defaultKind: string | undefined): string | undefined {
  // Validity never depends on the namespace (a missing one is always filled), so "default" will do.
  if (tryParseRef(ref, { defaultKind, defaultNamespace: DEFAULT_NAMESPACE })) return undefined;
  if (!defaultKind && tryParseRef(ref, { defaultKind: "component", defaultNamespace: DEFAULT_NAMESPACE })) {
    return `needs a kind, such as "component:${ref}" or "resource:${ref}": this field has no default kind`;
  }
  return "must be an entity reference [kind:][namespace/]name with no empty part";
}

function refString(defaultKind: string | undefined) {
  const example = defaultKind ? `"${defaultKind.toLowerCase()}:namespace/name" or "name"` : `"resource:default/orders-db"`;
  return z
    .string({ error: typeError(`an entity reference such as ${example}`) })
    .min(1, { error: (issue) => `${fieldName(issue)} must not be empty`, abort: true })
    .superRefine((ref, ctx) => {
      const problem = refProblem(ref, defaultKind);
      if (problem) ctx.addIssue({ code: "custom", message: `"${ref}" ${problem}`, input: ref });
    });
}

/** A field holding one entity reference, e.g. `owner: team-a`. */
export function refField(relation: string, defaultKind?: string) {
  return refString(defaultKind).register(relationFieldRegistry, { relation, defaultKind });
}

/** A field holding a list of entity references, e.g. `dependsOn: [resource:orders-db]`. */
export function refListField(relation: string, defaultKind?: string) {
  return z
    .array(refString(defaultKind), { error: typeError("a list of entity references (it may be empty)") })
    .register(relationFieldRegistry, { relation, defaultKind });
}
