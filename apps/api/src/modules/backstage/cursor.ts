import { z } from "zod";
import { inputError } from "./errors.ts";

const SortKeySchema = z.strictObject({ key: z.string(), direction: z.enum(["asc", "desc"]) });

/** What a by-query request asks for, as a cursor carries it from page to page. */
export const QuerySpecSchema = z.strictObject({
  /** GET filter sets, or (POST) a predicate. Only predicate cursors have a `query` key: the client posts those back. */
  filter: z.array(z.string()).optional(),
  query: z.record(z.string(), z.unknown()).optional(),
  orderField: SortKeySchema.optional(),
  fullTextFilter: z.strictObject({ term: z.string(), fields: z.array(z.string()).optional() }).optional(),
});
export type QuerySpec = z.infer<typeof QuerySpecSchema>;

const PositionSchema = z.union([
  z.strictObject({ value: z.string(), ref: z.string(), missing: z.boolean().optional() }),
  z.strictObject({ offset: z.number().int().min(0) }),
]);

const QueryCursorSchema = z.strictObject({
  spec: QuerySpecSchema,
  /** Where the page starts, and how many items come before it (for the previous page). */
  after: PositionSchema,
  offset: z.number().int().min(0),
  limit: z.number().int().min(0).optional(),
  /** Counted once, on the first page; null when the first request excluded it. */
  totalItems: z.number().int().min(0).nullable(),
});
export type QueryCursor = z.infer<typeof QueryCursorSchema>;

/** Standard base64 of JSON, as the client decodes cursors with atob() to see whether to POST them. */
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64");

function decode<S extends z.ZodType>(schema: S, cursor: string, name: string): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, "base64").toString("utf8"));
  } catch {
    throw inputError(`Malformed ${name}: not a cursor returned by this API`);
  }
  const result = schema.safeParse(json);
  if (!result.success) throw inputError(`Malformed ${name}: not a cursor returned by this API`);
  return result.data;
}

export const encodeQueryCursor = (cursor: QueryCursor) => encode(cursor);
export const decodeQueryCursor = (cursor: string) => decode(QueryCursorSchema, cursor, "cursor");

/** Legacy `GET /entities` pages by offset; its `after` cursor is `{limit, offset}` like Backstage's. */
const AfterSchema = z.object({ limit: z.number().int().min(0).optional(), offset: z.number().int().min(0) });
export const encodeAfter = (after: z.infer<typeof AfterSchema>) => encode(after);
export const decodeAfter = (cursor: string) => decode(AfterSchema, cursor, "after cursor");
