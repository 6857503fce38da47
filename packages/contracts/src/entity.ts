import { z } from "zod";

export const EntityRelationSchema = z.object({
  type: z.string(),
  /** Canonical, lower-case `kind:namespace/name`. */
  targetRef: z.string(),
});
export type EntityRelation = z.infer<typeof EntityRelationSchema>;

export const EntityStatusItemSchema = z.looseObject({
  type: z.string(),
  level: z.enum(["info", "warning", "error"]),
  message: z.string(),
});

/** Present only when there is something to report, as in Backstage. */
export const EntityStatusSchema = z.object({ items: z.array(EntityStatusItemSchema) });
export type EntityStatus = z.infer<typeof EntityStatusSchema>;

/** An entity as the API serves it: the descriptor plus what the catalog assigns and computes. */
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
  /** Kind specific; see the per-kind schemas for what each built-in kind holds. */
  spec: z.record(z.string(), z.unknown()),
  relations: z.array(EntityRelationSchema).optional(),
  status: EntityStatusSchema.optional(),
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
