import { z } from "zod";
import { FieldErrorSchema, FieldWarningSchema } from "./problem.ts";

// Read models the web experience needs beyond plain entities: dependency graphs, architecture
// diagrams, validation as you type, a register preview, and the live change stream.

const many = (what: string) =>
  z
    .union([z.string(), z.array(z.string())], { error: `${what} must be a string` })
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.string().min(1, `${what} must not be empty`).max(128, `${what} is too long`)).max(30, `at most 30 ${what} values`));

const strictQuery = { error: (issue: { code?: string; keys?: string[] }) => (issue.code === "unrecognized_keys" ? `unknown parameter(s): ${issue.keys?.join(", ")}` : undefined) };

export const GRAPH_DEPTH_MAX = 4;
export const GRAPH_NODE_LIMIT_MAX = 2000;

/** `GET /api/v1/entities/{kind}/{namespace}/{name}/graph`: the neighbourhood of one entity. */
export const GraphQuerySchema = z.strictObject(
  {
    depth: z.coerce.number({ error: "depth must be a number" }).int("depth must be a whole number").min(1, "depth must be at least 1").max(GRAPH_DEPTH_MAX, `depth must be at most ${GRAPH_DEPTH_MAX}`).default(1),
    /** Relation types to follow (e.g. dependsOn, providesApi); all when absent. */
    relation: many("relation").optional(),
    /** Kinds of node to keep (the root is always kept); all when absent. */
    kind: many("kind").optional(),
    direction: z.enum(["both", "outgoing", "incoming"], { error: "direction must be both, outgoing or incoming" }).default("both"),
    /** The most nodes to return; the answer says when more were reachable. */
    limit: z.coerce.number({ error: "limit must be a number" }).int("limit must be a whole number").min(1, "limit must be at least 1").max(GRAPH_NODE_LIMIT_MAX, `limit must be at most ${GRAPH_NODE_LIMIT_MAX}`).default(500),
  },
  strictQuery,
);
export type GraphQuery = z.infer<typeof GraphQuerySchema>;

export const GraphNodeSchema = z.object({
  /** `kind:namespace/name`, lower-cased as relations store it. */
  ref: z.string(),
  kind: z.string(),
  namespace: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  type: z.string().nullable(),
  lifecycle: z.string().nullable(),
  owner: z.string().nullable(),
  system: z.string().nullable(),
  /** False for a dangling target: a relation points at it but the catalog has no such entity. */
  exists: z.boolean(),
  /** Hops from the root (graph) or 0 inside the system and 1 outside it (architecture). */
  distance: z.number().int(),
  /** Architecture diagrams: true for nodes outside the system or domain drawn. */
  external: z.boolean().optional(),
});
export type GraphNode = z.infer<typeof GraphNodeSchema>;

/** One edge per relation pair: the forward type (dependsOn, providesApi, ownedBy, partOf, ...). */
export const GraphEdgeSchema = z.object({ source: z.string(), target: z.string(), type: z.string() });
export type GraphEdge = z.infer<typeof GraphEdgeSchema>;

export const GraphResponseSchema = z.object({
  root: z.string(),
  nodes: z.array(GraphNodeSchema),
  /** Every relation between returned nodes; never a dangling edge end. */
  edges: z.array(GraphEdgeSchema),
  /** Nothing is dropped silently: when the node limit cut the walk, how much was left out. */
  truncated: z.object({ omittedNodes: z.number().int(), omittedEdges: z.number().int(), limit: z.number().int() }).nullable(),
});
export type GraphResponse = z.infer<typeof GraphResponseSchema>;

/**
 * `GET /api/v1/entities/{system|domain}/{namespace}/{name}/architecture`: everything in a system
 * (or in a domain's systems) and their relations, plus what they depend on outside it.
 */
export const ArchitectureResponseSchema = GraphResponseSchema;
export const ArchitectureQuerySchema = GraphQuerySchema.pick({ limit: true });
export type ArchitectureQuery = z.infer<typeof ArchitectureQuerySchema>;
export type ArchitectureResponse = GraphResponse;

/** `POST /api/v1/validate`: YAML (multi-document) or JSON; validation only, nothing stored. */
export const ValidateResponseSchema = z.object({
  valid: z.boolean(),
  documents: z.number().int(),
  /** Every problem, with the document index and YAML line/column where known. */
  errors: z.array(FieldErrorSchema),
  warnings: z.array(FieldWarningSchema.extend({ document: z.number().int().optional() })),
});
export type ValidateResponse = z.infer<typeof ValidateResponseSchema>;

export const RegisterQuerySchema = z.strictObject(
  { dryRun: z.enum(["true", "false"], { error: "dryRun must be true or false" }).default("false") },
  strictQuery,
);

/**
 * `POST /api/v1/register[?dryRun=true]`: one file of descriptors, all created in one transaction
 * (409 naming the first that already exists, 422 with every problem, 403 when the caller may not
 * own one of them). The dry run answers the same preview without writing.
 */
export const RegisterResponseSchema = z.object({
  dryRun: z.boolean(),
  entities: z.array(
    z.object({
      ref: z.string(),
      kind: z.string(),
      namespace: z.string(),
      name: z.string(),
      title: z.string().nullable(),
      /** Present once written (not in a dry run). */
      uid: z.string().optional(),
      etag: z.string().optional(),
    }),
  ),
  relations: z.array(
    z.object({
      sourceRef: z.string(),
      type: z.string(),
      targetRef: z.string(),
      /** Whether the target exists in the catalog or in the same file. */
      targetExists: z.boolean(),
    }),
  ),
  warnings: z.array(FieldWarningSchema.extend({ document: z.number().int().optional() })),
});
export type RegisterResponse = z.infer<typeof RegisterResponseSchema>;

/** `GET /api/v1/events` (Server-Sent Events): filters on what the listener shows. */
export const EventsQuerySchema = z.strictObject(
  {
    /** Only changes to these entities (refs); every change when absent. */
    ref: many("ref").optional(),
  },
  strictQuery,
);

/**
 * One SSE message per catalog change: `id:` is the change-log position (resume with
 * Last-Event-ID), `event: change`, `data:` this object as JSON.
 */
export const ChangeEventSchema = z.object({
  id: z.string(),
  ref: z.string(),
  operation: z.enum(["created", "updated", "deleted"]),
  etag: z.string().nullable(),
  actor: z.string(),
  source: z.string().nullable(),
  at: z.string(),
});
export type ChangeEvent = z.infer<typeof ChangeEventSchema>;
