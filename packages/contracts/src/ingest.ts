import { z } from "zod";
import { KIND_SCHEMAS } from "./catalog/kinds.ts";

/** `POST /api/v1/ingest` query: which source the descriptors come from, and whether to write. */
export const IngestQuerySchema = z.strictObject(
  {
    source: z
      .string({ error: "source is required: the name of what these descriptors come from, e.g. a repository path" })
      .meta({
        description:
          "What these descriptors come from (e.g. a repository path): 1-255 letters, digits and . _ : / @ + -, starting with a letter or digit. The source's entities are replaced by the body's.",
      }),
    dryRun: z
      .enum(["true", "false"], { error: "dryRun must be true or false" })
      .optional()
      .meta({ description: "`true` computes and returns the diff without writing anything." }),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `unknown parameter(s): ${issue.keys.join(", ")}` : undefined) },
);
export type IngestQuery = z.infer<typeof IngestQuerySchema>;

/**
 * One descriptor as a request body: any built-in kind, told apart by `kind`. The descriptor
 * itself is validated by validateDescriptor, which also reports every problem at once.
 */
export const DescriptorRequestSchema = z.discriminatedUnion("kind", Object.values(KIND_SCHEMAS) as [KindSchema, ...KindSchema[]]);
type KindSchema = (typeof KIND_SCHEMAS)[keyof typeof KIND_SCHEMAS];

/** A JSON ingest body: every descriptor of the source (a single descriptor is taken as a list of one). */
export const IngestRequestSchema = z.union([z.array(DescriptorRequestSchema), DescriptorRequestSchema]);

/** Entity refs (`kind:namespace/name`, lower-cased) by what the ingest did (or would do) to them. */
export const IngestDiffSchema = z.object({
  created: z.array(z.string()),
  updated: z.array(z.string()),
  unchanged: z.array(z.string()),
  deleted: z.array(z.string()),
});

export const IngestResponseSchema = z.object({
  source: z.string(),
  /** True when nothing was written. */
  dryRun: z.boolean(),
  diff: IngestDiffSchema,
});
export type IngestResponse = z.infer<typeof IngestResponseSchema>;
