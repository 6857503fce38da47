import { makeValidator } from "@backstage/catalog-model";
import { z } from "zod";
import { tryParseRef } from "./entity-ref.ts";

// Backstage's own field-format validators, so the rules are Backstage's by construction.
const v = makeValidator();

export const DEFAULT_NAMESPACE = "default";
export const BACKSTAGE_API_VERSIONS = ["backstage.io/v1alpha1", "backstage.io/v1beta1"] as const;
/** Kinds this build stores. The full Backstage set arrives with the catalog model (issue 3). */
export const SUPPORTED_KINDS = ["Component"] as const;

const NAME_RULE =
  "must be 1-63 characters of letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
const NAMESPACE_RULE = "must be a DNS label: 1-63 lower-case letters, digits or '-', not starting or ending with '-'";
const TAG_RULE = "must be 1-63 characters of a-z, 0-9, ':', '+' or '#', separated by single '-'";

/** Says "is required" for a missing value and "must be a string" for one of the wrong type. */
const stringError = (what: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? `${what} is required` : `${what} must be a string`;
const objectError = (what: string, needs: string) => (issue: { input?: unknown; code?: string }) =>
  issue.code !== "invalid_type" ? undefined : issue.input === undefined ? `${what} is required: an object ${needs}` : `${what} must be an object ${needs}`;
const nonEmpty = (what: string) => z.string({ error: stringError(what) }).min(1, `${what} must not be empty`);

const LinkSchema = z.object({
  url: z.string({ error: stringError("url") }).refine((u) => URL.canParse(u), "must be an absolute URL"),
  title: nonEmpty("title").optional(),
  icon: nonEmpty("icon").optional(),
  type: nonEmpty("type").optional(),
});

const MetadataSchema = z.looseObject({
  name: z.string({ error: stringError("metadata.name") }).refine((n) => v.isValidEntityName(n), NAME_RULE),
  namespace: z
    .string()
    .refine((n) => v.isValidNamespace(n), NAMESPACE_RULE)
    .default(DEFAULT_NAMESPACE),
  title: nonEmpty("title").optional(),
  description: z.string().optional(),
  labels: z
    .record(
      z.string().refine((k) => v.isValidLabelKey(k), "label keys must be an optional DNS-subdomain prefix and '/' plus a valid name"),
      z.string().refine((val) => v.isValidLabelValue(val), `label values must be empty or ${NAME_RULE.replace("must be ", "")}`),
    )
    .optional(),
  annotations: z
    .record(
      z.string().refine((k) => v.isValidAnnotationKey(k), "annotation keys must be an optional DNS-subdomain prefix and '/' plus a valid name"),
      z.string({ error: "annotation values must be strings (quote numbers and booleans in YAML)" }),
    )
    .optional(),
  tags: z.array(z.string().refine((t) => v.isValidTag(t), TAG_RULE)).optional(),
  links: z.array(LinkSchema).optional(),
}, { error: objectError("metadata", "with at least name") });

/** A field holding an entity reference; `defaultKind` undefined means the kind must be written. */
const ref = (defaultKind?: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? "is required: an entity reference" : "must be an entity reference string") }).min(1, { message: "must not be empty", abort: true }).refine(
    (r) => tryParseRef(r, { defaultKind, defaultNamespace: DEFAULT_NAMESPACE }) !== null,
    defaultKind
      ? `must be an entity reference such as "${defaultKind.toLowerCase()}:namespace/name" or "name"`
      : 'must be an entity reference with a kind, such as "resource:default/orders-db" or "component:payments"',
  );

export const ComponentSpecSchema = z.looseObject({
  type: nonEmpty("spec.type"),
  lifecycle: nonEmpty("spec.lifecycle"),
  owner: ref("Group"),
  system: ref("System").optional(),
  subcomponentOf: ref("Component").optional(),
  providesApis: z.array(ref("API")).optional(),
  consumesApis: z.array(ref("API")).optional(),
  dependsOn: z.array(ref()).optional(),
  dependencyOf: z.array(ref()).optional(),
}, { error: objectError("spec", "with type, lifecycle and owner") });

/**
 * A descriptor as authors write it in catalog-info.yaml. Root keys other than these four are
 * rejected, as Backstage does (relations and status are output only).
 */
export const ComponentDescriptorSchema = z.strictObject(
  {
    apiVersion: z.enum(BACKSTAGE_API_VERSIONS, {
      error: `apiVersion must be one of ${BACKSTAGE_API_VERSIONS.join(", ")}`,
    }),
    kind: z.enum(SUPPORTED_KINDS, {
      error: `kind must be one of: ${SUPPORTED_KINDS.join(", ")} (more kinds arrive with the full catalog model)`,
    }),
    metadata: MetadataSchema,
    spec: ComponentSpecSchema,
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `unknown root field(s): ${issue.keys.join(", ")}; allowed are apiVersion, kind, metadata, spec`
        : issue.code === "invalid_type"
          ? "a descriptor must be a mapping with apiVersion, kind, metadata and spec"
          : undefined,
  },
);
export type ComponentDescriptor = z.infer<typeof ComponentDescriptorSchema>;

/** An entity as the API serves it: the descriptor plus identity the catalog assigns. */
export const EntitySchema = z.object({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: z.looseObject({
    name: z.string(),
    namespace: z.string(),
    uid: z.string(),
    etag: z.string(),
    title: z.string().optional(),
    description: z.string().optional(),
    tags: z.array(z.string()).optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
  spec: z.record(z.string(), z.unknown()),
});
export type Entity = z.infer<typeof EntitySchema>;

export const LIST_LIMIT_DEFAULT = 50;
export const LIST_LIMIT_MAX = 500;

export const ListEntitiesQuerySchema = z.object({
  limit: z.coerce
    .number({ error: "limit must be a number" })
    .int("limit must be a whole number")
    .min(1, "limit must be at least 1")
    .max(LIST_LIMIT_MAX, `limit must be at most ${LIST_LIMIT_MAX}`)
    .default(LIST_LIMIT_DEFAULT),
  cursor: z.string().max(1024, "cursor is too long").optional(),
  kind: z.string().max(63).optional(),
});
export type ListEntitiesQuery = z.infer<typeof ListEntitiesQuerySchema>;

export const EntityListResponseSchema = z.object({
  items: z.array(EntitySchema),
  totalItems: z.number().int(),
  pageInfo: z.object({ nextCursor: z.string().optional() }),
});
export type EntityListResponse = z.infer<typeof EntityListResponseSchema>;

export const EntityPathParamsSchema = z.object({
  kind: z.string().min(1).max(63),
  namespace: z.string().min(1).max(63),
  name: z.string().min(1).max(253),
});
