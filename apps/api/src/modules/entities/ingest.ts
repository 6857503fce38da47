import { applySourceSnapshot, type ChangeMeta, type Db, type SnapshotDiff } from "@cartograph/db";
import { BadRequestError, ConflictError, ValidationError } from "../../errors.ts";
import { checkDocuments, problemCount } from "./check-documents.ts";
import type { ParsedDocument } from "./descriptor-body.ts";

export const SOURCE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,254}$/;

export interface IngestResult {
  source: string;
  dryRun: boolean;
  diff: SnapshotDiff;
}

/**
 * Validates every document first and writes nothing unless all are valid; then replaces the
 * source's entity set in one transaction. Errors name the document, the field and, for YAML,
 * the line and column.
 */
export async function ingestDocuments(
  deps: { db: Db; extraKinds?: readonly string[] },
  input: { source: string; documents: ParsedDocument[]; dryRun: boolean; meta: ChangeMeta },
): Promise<IngestResult> {
  if (!SOURCE_PATTERN.test(input.source)) {
    throw new BadRequestError("invalid_query", "The source is not valid.", [
      { path: "source", message: "must be 1-255 characters: letters, digits and . _ : / @ + -, starting with a letter or digit" },
    ]);
  }
  const { entities, errors } = checkDocuments(input.documents, deps);
  if (errors.length > 0) throw new ValidationError(`${problemCount(errors)}; nothing was written.`, errors);
  const result = await applySourceSnapshot(deps.db, { source: input.source, entities: entities.map((e) => e.entity), dryRun: input.dryRun, meta: input.meta });
  if (result.outcome === "conflict") {
    const list = result.conflicts.slice(0, 10).map((c) => `${c.ref} (${c.ownedBy ? `source ${c.ownedBy}` : "written directly"})`);
    throw new ConflictError(
      "entity_owned_by_another_source",
      `${result.conflicts.length} entit${result.conflicts.length === 1 ? "y belongs" : "ies belong"} to another source: ${list.join(", ")}${result.conflicts.length > 10 ? ", ..." : ""}. Nothing was written.`,
    );
  }
  return { source: input.source, dryRun: result.outcome === "dry_run", diff: result.diff };
}
