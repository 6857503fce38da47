import { z } from "zod";
import { EntitySchema } from "./entity.ts";

const many = (what: string) =>
  z
    .union([z.string(), z.array(z.string())], { error: `${what} must be a string` })
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.string().min(1, `${what} must not be empty`).max(512, `${what} is too long`)).max(50, `at most 50 ${what} values`));

const pair = (what: string) =>
  many(what).pipe(z.array(z.string().regex(/^[^=]+=.*$/, `${what} must be written key=value`)));

export const SORT_FIELDS = ["ref", "name", "kind", "updatedAt"] as const;

/**
 * Listing and searching the catalog. Every filter is matched case-insensitively; repeating a
 * parameter means "any of these values"; different parameters must all match.
 */
export const CatalogQuerySchema = z.strictObject(
  {
    limit: z.coerce.number({ error: "limit must be a number" }).int("limit must be a whole number").min(1, "limit must be at least 1").max(500, "limit must be at most 500").default(50),
    cursor: z.string().max(1024, "cursor is too long").optional(),
    q: z.string().max(200, "q must be at most 200 characters").optional(),
    kind: many("kind").optional(),
    namespace: many("namespace").optional(),
    type: many("type").optional(),
    lifecycle: many("lifecycle").optional(),
    owner: many("owner").optional(),
    system: many("system").optional(),
    tag: many("tag").optional(),
    label: pair("label").optional(),
    annotation: pair("annotation").optional(),
    relation: many("relation").pipe(z.array(z.string().regex(/^[A-Za-z]+:.+$/, "relation must be written type:target, e.g. dependsOn:resource:default/orders-db"))).optional(),
    /** Any field, Backstage style: `filter=spec.profile.email=a@b.c`. */
    filter: pair("filter").optional(),
    sort: z.enum([...SORT_FIELDS, ...SORT_FIELDS.map((f) => `-${f}` as const)], { error: `sort must be one of ${SORT_FIELDS.join(", ")}, optionally prefixed with - for descending` }).optional(),
    fields: z.string().max(1024).optional(),
    count: z.enum(["true", "false"], { error: "count must be true or false" }).default("true"),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `unknown parameter(s): ${issue.keys.join(", ")}` : undefined) },
);
export type CatalogQuery = z.infer<typeof CatalogQuerySchema>;

export const CatalogPageSchema = z.object({
  items: z.array(EntitySchema.partial().passthrough()),
  totalItems: z.number().int().optional(),
  pageInfo: z.object({ nextCursor: z.string().optional() }),
});

export const FacetQuerySchema = CatalogQuerySchema.omit({ limit: true, cursor: true, sort: true, fields: true, count: true }).extend({
  facet: many("facet"),
});
export type FacetQuery = z.infer<typeof FacetQuerySchema>;

export const FacetResponseSchema = z.object({
  facets: z.record(z.string(), z.array(z.object({ value: z.string(), count: z.number().int() }))),
});
export type FacetResponse = z.infer<typeof FacetResponseSchema>;

/** An entity's relations in both directions, each with the related entity's identity (null when it does not exist). */
export const EntityRelationsResponseSchema = z.object({
  items: z.array(
    z.object({
      type: z.string(),
      targetRef: z.string(),
      target: z.object({ kind: z.string(), namespace: z.string(), name: z.string(), title: z.string().nullable() }).nullable(),
    }),
  ),
});
export type EntityRelationsResponse = z.infer<typeof EntityRelationsResponseSchema>;
