import type { FieldError, FieldWarning } from "@cartograph/contracts";
import type { PreparedEntity } from "@cartograph/db";
import { parseFieldPath, type ParsedDocument } from "./descriptor-body.ts";
import { prepareEntity, type PrepareOptions } from "./service.ts";

export interface CheckedDocuments {
  /** The valid documents' entities, in file order. */
  entities: { document: number; entity: PreparedEntity }[];
  /** Every problem: the document, the field and, for YAML, the line and column. */
  errors: FieldError[];
  warnings: (FieldWarning & { document: number })[];
}

/**
 * Validates every document of a multi-document body (ingest, validate, register): each problem
 * is positioned; a ref defined twice in one body (refs are case-insensitive) is a problem too.
 */
export function checkDocuments(documents: ParsedDocument[], options: PrepareOptions = {}): CheckedDocuments {
  const checked: CheckedDocuments = { entities: [], errors: [], warnings: [] };
  const firstSeen = new Map<string, number>();
  for (const doc of documents) {
    const result = prepareEntity(doc.value, options);
    if (!result.ok) {
      checked.errors.push(...result.errors.map((e) => ({ ...e, document: doc.index, ...(doc.locate(parseFieldPath(e.path)) ?? {}) })));
      continue;
    }
    const earlier = firstSeen.get(result.entity.ref);
    if (earlier !== undefined) {
      checked.errors.push({ document: doc.index, path: "metadata.name", message: `${result.entity.ref} is also defined by document ${earlier}; refs are case-insensitive`, ...(doc.locate(["metadata", "name"]) ?? {}) });
      continue;
    }
    firstSeen.set(result.entity.ref, doc.index);
    checked.entities.push({ document: doc.index, entity: result.entity });
    checked.warnings.push(...result.warnings.map((w) => ({ ...w, document: doc.index })));
  }
  return checked;
}

/** "3 problems in 2 documents" */
export function problemCount(errors: FieldError[]): string {
  const docs = new Set(errors.map((e) => e.document)).size;
  return `${errors.length} problem${errors.length === 1 ? "" : "s"} in ${docs} document${docs === 1 ? "" : "s"}`;
}
