import type { Entity } from "@cartograph/contracts";
import { stringify } from "yaml";
// Relative, not "@/": unit tests run this file without the Next alias.
import { editableDescriptor } from "../../../../../../lib/entity-view";

/**
 * The entity as YAML its author would write: without what the catalog assigns or computes
 * (uid, etag, timestamps, relations, status), the same rule as the YAML tab.
 */
export function descriptorYaml(entity: Entity): string {
  // lineWidth 0: never fold long descriptions, so the text diffs line by line as typed.
  return stringify(editableDescriptor(entity), { lineWidth: 0 });
}

/** The entity's ref as the change stream names it: `kind:namespace/name`, lower-cased. */
export const changeRef = (ref: { kind: string; namespace: string; name: string }) => `${ref.kind}:${ref.namespace}/${ref.name}`.toLowerCase();
