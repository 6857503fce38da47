import { makeValidator } from "@backstage/catalog-model";
import { z } from "zod";
import { formatPath, toFieldErrors, type FieldError, type FieldWarning } from "../problem.ts";
import { isRecord, typeError } from "./fields.ts";
import { BUILTIN_KINDS, isBuiltinKind, KIND_SCHEMAS, ROOT_FIELDS } from "./kinds.ts";
import { MetadataSchema, withoutOutputOnlyMetadata, type EntityMetadata } from "./metadata.ts";
import { placeholderWarnings } from "./placeholders.ts";
import { sortRelationLists } from "./relations.ts";

const v = makeValidator();

/** A descriptor that passed validation, in the shape the catalog stores and serves. */
export interface ValidatedEntity {
  apiVersion: string;
  kind: string;
  /** `namespace` is always present ("default" when the descriptor left it out). */
  metadata: EntityMetadata;
  spec: Record<string, unknown>;
}

export interface ValidateDescriptorOptions {
  /**
   * Kinds accepted beyond the built-in ones (exact spelling), checked for the envelope and
   * metadata only: their spec may hold anything, and they emit no built-in relations.
   */
  extraKinds?: readonly string[];
}

export type ValidateDescriptorResult =
  | { ok: true; entity: ValidatedEntity; warnings: FieldWarning[] }
  | { ok: false; errors: FieldError[] };

/** Kinds Cartograph does not model: Backstage's envelope rules, and any spec object. */
const ForeignEntitySchema = z.strictObject({
  apiVersion: z.string({ error: typeError("a string such as example.com/v1") }).refine(v.isValidApiVersion, {
    error: "apiVersion must be an optional DNS-subdomain prefix and '/' followed by 1-63 letters or digits, such as example.com/v1",
  }),
  kind: z.string({ error: typeError("a string") }).refine(v.isValidKind, {
    error: "kind must be 1-63 letters or digits, starting with a letter",
  }),
  metadata: MetadataSchema,
  spec: z.record(z.string(), z.unknown(), { error: typeError("an object") }).optional(),
});

/**
 * Validates one descriptor (a parsed YAML or JSON document) and reports every problem, each with
 * its path. Output-only metadata (uid, etag, createdAt, updatedAt) is dropped first, so a served
 * entity can be sent back as it is.
 */
export function validateDescriptor(input: unknown, options: ValidateDescriptorOptions = {}): ValidateDescriptorResult {
  if (!isRecord(input)) {
    return { ok: false, errors: [{ path: "(root)", message: "a descriptor must be a mapping with apiVersion, kind, metadata and spec" }] };
  }
  const cleaned = withoutOutputOnlyMetadata(input);
  const kind = input.kind;
  const extraKinds = options.extraKinds ?? [];

  if (isBuiltinKind(kind)) {
    const result = KIND_SCHEMAS[kind].safeParse(cleaned);
    if (!result.success) return { ok: false, errors: fieldErrors(result.error.issues) };
    const { apiVersion, metadata, spec } = result.data;
    const entity = { apiVersion, kind, metadata, spec: sortRelationLists(kind, spec) };
    return { ok: true, entity, warnings: placeholderWarnings(entity.spec) };
  }

  const result = ForeignEntitySchema.safeParse(cleaned);
  const errors = result.success ? [] : fieldErrors(result.error.issues);
  const kindError = typeof kind === "string" && v.isValidKind(kind) && !extraKinds.includes(kind) ? unknownKind(kind, extraKinds) : undefined;
  if (kindError) errors.splice(errors.filter((e) => e.path === "apiVersion").length, 0, kindError);
  if (errors.length > 0 || !result.success) return { ok: false, errors };
  const { apiVersion, metadata, spec = {} } = result.data;
  return { ok: true, entity: { apiVersion, kind: result.data.kind, metadata, spec }, warnings: placeholderWarnings(spec) };
}

function unknownKind(kind: string, extraKinds: readonly string[]): FieldError {
  const known = [...BUILTIN_KINDS, ...extraKinds];
  // Refs and filters ignore case, the kind validators do not: point at the spelling that works.
  const meant = known.find((k) => k.toLowerCase() === kind.toLowerCase());
  return {
    path: "kind",
    message: meant
      ? `kind "${kind}" is not a known kind; did you mean "${meant}"?`
      : `kind "${kind}" is not a known kind; allowed are ${[...known].sort().join(", ")}`,
  };
}

/** Like toFieldErrors, but a foreign root field is reported at its own path (`relations`, not the root). */
function fieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.flatMap((issue) =>
    issue.code === "unrecognized_keys" && issue.path.length === 0
      ? issue.keys.map((key) => ({
          path: formatPath([key]),
          message: `unknown root field ${key}; allowed are ${ROOT_FIELDS.join(", ")}${key === "relations" || key === "status" ? ` (${key} is written by the catalog)` : ""}`,
        }))
      : toFieldErrors([issue]),
  );
}
