import {
  RELATION_CHILD_OF,
  RELATION_CONSUMES_API,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_MEMBER,
  RELATION_MEMBER_OF,
  RELATION_OWNED_BY,
  RELATION_PARENT_OF,
  RELATION_PART_OF,
  RELATION_PROVIDES_API,
} from "@backstage/catalog-model";
import { z } from "zod";
import { fieldName, jsonObject, objectError, text, typeError } from "./fields.ts";
import { MetadataSchema } from "./metadata.ts";
import { placeholderOf, type Placeholder } from "./placeholders.ts";
import { refField, refListField, relationFieldRegistry, type RelationFieldInfo } from "./ref-fields.ts";

// One schema per built-in kind, field for field as the kind's JSON schema in
// @backstage/catalog-model (Template: @backstage/plugin-scaffolder-common). Every spec keeps
// unknown keys, as those schemas do. Reference fields are declared with the relation they emit.

export const BACKSTAGE_API_VERSIONS = ["backstage.io/v1alpha1", "backstage.io/v1beta1"] as const;
export const TEMPLATE_API_VERSIONS = ["scaffolder.backstage.io/v1beta3"] as const;
export const ROOT_FIELDS = ["apiVersion", "kind", "metadata", "spec"] as const;

/** `{displayName?, email?, picture?}` on Group and User; each non-empty when present. */
const profile = () =>
  z
    .looseObject(
      { displayName: text().optional(), email: text().optional(), picture: text().optional() },
      { error: objectError("with displayName, email or picture") },
    )
    .optional();

/**
 * API `definition`: the definition text, or a placeholder naming the file that holds it, which
 * Cartograph keeps unresolved (validateDescriptor warns about it).
 */
const definition = () =>
  z.custom<string | Placeholder>((value) => (typeof value === "string" && value.length > 0) || placeholderOf(value) !== undefined, {
    error: (issue) =>
      issue.input === undefined
        ? `${fieldName(issue)} is required: the API definition text, or a $text, $json or $yaml placeholder`
        : `${fieldName(issue)} must be a non-empty string (the API definition) or a $text, $json or $yaml placeholder such as { $text: ./openapi.yaml }`,
  });

/** Which spec fields a kind requires, for the message when the whole spec is missing. */
function describeRequired(shape: z.ZodRawShape): string {
  const required = Object.keys(shape).filter((key) => !(shape[key] instanceof z.ZodOptional));
  if (required.length === 0) return "(every field is optional)";
  const list = required.length === 1 ? required[0] : `${required.slice(0, -1).join(", ")} and ${required.at(-1)}`;
  return `with ${list}`;
}

function specSchema<S extends z.ZodRawShape>(shape: S) {
  return z.looseObject(shape, { error: objectError(describeRequired(shape)) });
}

export const ComponentSpecSchema = specSchema({
  type: text(),
  lifecycle: text(),
  owner: refField(RELATION_OWNED_BY, "Group"),
  system: refField(RELATION_PART_OF, "System").optional(),
  subcomponentOf: refField(RELATION_PART_OF, "Component").optional(),
  providesApis: refListField(RELATION_PROVIDES_API, "API").optional(),
  consumesApis: refListField(RELATION_CONSUMES_API, "API").optional(),
  dependsOn: refListField(RELATION_DEPENDS_ON).optional(),
  dependencyOf: refListField(RELATION_DEPENDENCY_OF).optional(),
});

export const ApiSpecSchema = specSchema({
  type: text(),
  lifecycle: text(),
  owner: refField(RELATION_OWNED_BY, "Group"),
  definition: definition(),
  system: refField(RELATION_PART_OF, "System").optional(),
});

export const ResourceSpecSchema = specSchema({
  type: text(),
  owner: refField(RELATION_OWNED_BY, "Group"),
  system: refField(RELATION_PART_OF, "System").optional(),
  dependsOn: refListField(RELATION_DEPENDS_ON).optional(),
  dependencyOf: refListField(RELATION_DEPENDENCY_OF).optional(),
});

export const SystemSpecSchema = specSchema({
  owner: refField(RELATION_OWNED_BY, "Group"),
  domain: refField(RELATION_PART_OF, "Domain").optional(),
  type: text().optional(),
});

export const DomainSpecSchema = specSchema({
  owner: refField(RELATION_OWNED_BY, "Group"),
  subdomainOf: refField(RELATION_PART_OF, "Domain").optional(),
  type: text().optional(),
});

export const GroupSpecSchema = specSchema({
  type: text(),
  // Required even when empty: Backstage's schema insists the list is present.
  children: refListField(RELATION_PARENT_OF, "Group"),
  parent: refField(RELATION_CHILD_OF, "Group").optional(),
  members: refListField(RELATION_HAS_MEMBER, "User").optional(),
  profile: profile(),
});

export const UserSpecSchema = specSchema({
  memberOf: refListField(RELATION_MEMBER_OF, "Group"),
  profile: profile(),
});

export const LocationSpecSchema = specSchema({
  type: text().optional(),
  target: text().optional(),
  targets: z.array(text(), { error: typeError("a list of targets") }).optional(),
  presence: z.enum(["required", "optional"], { error: (issue) => `${fieldName(issue)} must be "required" or "optional"` }).optional(),
});

const TemplateStepSchema = z.looseObject(
  {
    action: z.string({ error: typeError("the name of a scaffolder action, such as fetch:template") }),
    id: z.string({ error: typeError("a string") }).optional(),
    name: z.string({ error: typeError("a string") }).optional(),
    input: jsonObject().optional(),
    if: z.union([z.string(), z.boolean()], { error: (issue) => `${fieldName(issue)} must be a string or a boolean` }).optional(),
  },
  { error: objectError("with at least action") },
);

export const TemplateSpecSchema = specSchema({
  type: text(),
  steps: z.array(TemplateStepSchema, { error: typeError("a list of steps") }),
  owner: refField(RELATION_OWNED_BY, "Group").optional(),
  lifecycle: text().optional(),
  // One JSON-Schema form, or a list of form pages.
  parameters: z
    .union([jsonObject(), z.array(jsonObject())], { error: (issue) => `${fieldName(issue)} must be an object or a list of objects (JSON Schema form pages)` })
    .optional(),
  output: jsonObject().optional(),
  presentation: jsonObject().optional(),
  secrets: jsonObject().optional(),
});

/** The whole descriptor of one kind: root keys limited to apiVersion, kind, metadata and spec. */
function entitySchema<K extends string, V extends readonly [string, ...string[]], S extends z.ZodType>(kind: K, apiVersions: V, spec: S) {
  return z.strictObject(
    {
      apiVersion: z.enum(apiVersions, {
        error: (issue) =>
          issue.input === undefined ? `apiVersion is required: ${apiVersions.join(" or ")}` : `apiVersion must be ${apiVersions.join(" or ")} for kind ${kind}`,
      }),
      kind: z.literal(kind, { error: `kind must be "${kind}"` }),
      metadata: MetadataSchema,
      spec,
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `unknown root field(s): ${issue.keys.join(", ")}; allowed are ${ROOT_FIELDS.join(", ")} (relations and status are written by the catalog)`
          : issue.code === "invalid_type"
            ? "a descriptor must be a mapping with apiVersion, kind, metadata and spec"
            : undefined,
    },
  );
}

export const ComponentEntitySchema = entitySchema("Component", BACKSTAGE_API_VERSIONS, ComponentSpecSchema);
export const ApiEntitySchema = entitySchema("API", BACKSTAGE_API_VERSIONS, ApiSpecSchema);
export const ResourceEntitySchema = entitySchema("Resource", BACKSTAGE_API_VERSIONS, ResourceSpecSchema);
export const SystemEntitySchema = entitySchema("System", BACKSTAGE_API_VERSIONS, SystemSpecSchema);
export const DomainEntitySchema = entitySchema("Domain", BACKSTAGE_API_VERSIONS, DomainSpecSchema);
export const GroupEntitySchema = entitySchema("Group", BACKSTAGE_API_VERSIONS, GroupSpecSchema);
export const UserEntitySchema = entitySchema("User", BACKSTAGE_API_VERSIONS, UserSpecSchema);
export const LocationEntitySchema = entitySchema("Location", BACKSTAGE_API_VERSIONS, LocationSpecSchema);
export const TemplateEntitySchema = entitySchema("Template", TEMPLATE_API_VERSIONS, TemplateSpecSchema);

export type ComponentEntity = z.output<typeof ComponentEntitySchema>;
export type ApiEntity = z.output<typeof ApiEntitySchema>;
export type ResourceEntity = z.output<typeof ResourceEntitySchema>;
export type SystemEntity = z.output<typeof SystemEntitySchema>;
export type DomainEntity = z.output<typeof DomainEntitySchema>;
export type GroupEntity = z.output<typeof GroupEntitySchema>;
export type UserEntity = z.output<typeof UserEntitySchema>;
export type LocationEntity = z.output<typeof LocationEntitySchema>;
export type TemplateEntity = z.output<typeof TemplateEntitySchema>;

/** Built-in kinds by their exact spelling: Backstage's kind validators match `API`, not `Api`. */
export const KIND_SCHEMAS = {
  API: ApiEntitySchema,
  Component: ComponentEntitySchema,
  Domain: DomainEntitySchema,
  Group: GroupEntitySchema,
  Location: LocationEntitySchema,
  Resource: ResourceEntitySchema,
  System: SystemEntitySchema,
  Template: TemplateEntitySchema,
  User: UserEntitySchema,
} as const;
export type BuiltinKind = keyof typeof KIND_SCHEMAS;
export const BUILTIN_KINDS = Object.keys(KIND_SCHEMAS) as BuiltinKind[];

export function isBuiltinKind(kind: unknown): kind is BuiltinKind {
  return typeof kind === "string" && Object.hasOwn(KIND_SCHEMAS, kind);
}

export interface RelationField extends RelationFieldInfo {
  /** The spec key, e.g. `owner`. */
  field: string;
  /** True when the field holds a list of references. */
  many: boolean;
}

/** The reference fields of a built-in kind's spec, read from the schema's own declarations. */
function relationFieldsOf(spec: z.ZodObject): RelationField[] {
  return Object.entries(spec.shape).flatMap(([field, schema]) => {
    const inner = schema instanceof z.ZodOptional ? schema.unwrap() : schema;
    const info = relationFieldRegistry.get(inner as z.ZodType);
    return info ? [{ field, ...info, many: inner instanceof z.ZodArray }] : [];
  });
}

export const RELATION_FIELDS: Readonly<Record<BuiltinKind, readonly RelationField[]>> = Object.fromEntries(
  Object.entries(KIND_SCHEMAS).map(([kind, schema]) => [kind, relationFieldsOf(schema.shape.spec)]),
) as Record<BuiltinKind, RelationField[]>;
