import { z } from "zod";

export const EntityVersionSchema = z.object({
  id: z.string(),
  entityUid: z.string(),
  ref: z.string(),
  version: z.number().int(),
  operation: z.enum(["created", "updated", "deleted"]),
  etag: z.string().nullable(),
  actor: z.string(),
  source: z.string().nullable(),
  requestId: z.string().nullable(),
  createdAt: z.string(),
});
export type EntityVersion = z.infer<typeof EntityVersionSchema>;

export const EntityVersionWithDescriptorSchema = EntityVersionSchema.extend({
  /** The entity as stored by this version; null for a deletion. */
  descriptor: z.record(z.string(), z.unknown()).nullable(),
});

export const EntityHistoryResponseSchema = z.object({
  items: z.array(EntityVersionSchema),
  pageInfo: z.object({ nextCursor: z.string().optional() }),
});
export type EntityHistoryResponse = z.infer<typeof EntityHistoryResponseSchema>;

export const HistoryQuerySchema = z.strictObject(
  {
    limit: z.coerce.number({ error: "limit must be a number" }).int("limit must be a whole number").min(1, "limit must be at least 1").max(200, "limit must be at most 200").default(50),
    cursor: z.string().max(512, "cursor is too long").optional(),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `unknown parameter(s): ${issue.keys.join(", ")}` : undefined) },
);
