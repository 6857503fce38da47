import { CommonValidatorFunctions, DEFAULT_NAMESPACE, makeValidator } from "@backstage/catalog-model";
import { z } from "zod";
import { fieldName, isRecord, objectError, text, typeError } from "./fields.ts";

export { DEFAULT_NAMESPACE };

// Backstage's own field-format validators (what its FieldFormatEntityPolicy runs), so the rules
// are Backstage's by construction; zod only adds the positions and the wording.
const v = makeValidator();

const NAME_RULE = "1-63 characters of letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
const NAMESPACE_RULE = "a DNS label: 1-63 lower-case letters, digits or '-', not starting or ending with '-'";
const TAG_RULE = "1-63 characters of a-z, 0-9, ':', '+' or '#', separated by single '-'";
const KEY_RULE = "an optional DNS-subdomain prefix and '/' followed by " + NAME_RULE;

const rule = (check: (value: unknown) => boolean, what: string) =>
  [check, { error: (issue: { path?: readonly PropertyKey[] }) => `${fieldName(issue)} must be ${what}` }] as const;

/** A string -> string map whose keys and values follow Backstage's rules; names the bad key. */
function keyValueMap(kind: "label" | "annotation", isValidValue: (value: string) => boolean, valueRule: string) {
  return z.record(
    z.string().refine(kind === "label" ? v.isValidLabelKey : v.isValidAnnotationKey),
    z.string({ error: typeError(kind === "label" ? "a string" : "a string (quote numbers and booleans in YAML)") }).refine(
      isValidValue,
      { error: (issue) => `${fieldName(issue)} must be ${valueRule}` },
    ),
    {
      error: (issue) =>
        issue.code === "invalid_key"
          ? `"${String(issue.path?.at(-1))}" is not a valid ${kind} key: keys must be ${KEY_RULE}`
          : typeError(`a mapping of ${kind} keys to string values`)(issue),
    },
  );
}

const LinkSchema = z.looseObject(
  {
    url: z.string({ error: typeError("an absolute URL") }).refine(...rule(CommonValidatorFunctions.isValidUrl, "an absolute URL, such as https://example.com/docs")),
    // FieldFormatEntityPolicy checks title and icon with isNonEmptyString (blank counts as empty);
    // type only has the schema's minLength.
    title: z.string({ error: typeError("a string") }).refine(...rule(CommonValidatorFunctions.isNonEmptyString, "a non-blank string")).optional(),
    icon: z.string({ error: typeError("a string") }).refine(...rule(CommonValidatorFunctions.isNonEmptyString, "a non-blank string")).optional(),
    type: text().optional(),
  },
  { error: objectError("with at least url") },
);

/**
 * `metadata` as authors write it. Unknown keys are kept, as Backstage keeps them. The output-only
 * fields (uid, etag...) are not described here: validateDescriptor drops them before parsing.
 */
export const MetadataSchema = z.looseObject(
  {
    name: z.string({ error: typeError("a string") }).refine(...rule(v.isValidEntityName, NAME_RULE)),
    namespace: z
      .string({ error: typeError("a string") })
      .refine(...rule(v.isValidNamespace, NAMESPACE_RULE))
      .default(DEFAULT_NAMESPACE),
    title: text().optional(),
    description: z.string({ error: typeError("a string") }).optional(),
    labels: keyValueMap("label", v.isValidLabelValue, `empty or ${NAME_RULE}`).optional(),
    annotations: keyValueMap("annotation", v.isValidAnnotationValue, "a string").optional(),
    tags: z.array(z.string({ error: typeError("a string") }).refine(...rule(v.isValidTag, TAG_RULE)), { error: typeError("a list of tags") }).optional(),
    links: z.array(LinkSchema, { error: typeError("a list of links") }).optional(),
  },
  { error: objectError("with at least name") },
);
export type EntityMetadata = z.output<typeof MetadataSchema>;

/** Written by the catalog, never by authors; a descriptor round-tripped from a GET carries them. */
export const OUTPUT_ONLY_METADATA = ["uid", "etag", "createdAt", "updatedAt"] as const;

/** A copy of the descriptor without the output-only metadata fields; anything else untouched. */
export function withoutOutputOnlyMetadata(input: unknown): unknown {
  if (!isRecord(input) || !isRecord(input.metadata)) return input;
  const metadata = { ...input.metadata };
  for (const key of OUTPUT_ONLY_METADATA) delete metadata[key];
  return { ...input, metadata };
}
