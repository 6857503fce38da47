import { OpenApiGeneratorV31, OpenAPIRegistry, zodToOpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import type { z } from "zod";
import {
  AccountListResponseSchema,
  AccountSchema,
  ApiTokenListResponseSchema,
  ApiTokenSchema,
  AuditEventSchema,
  AuditListResponseSchema,
  CreatedApiTokenResponseSchema,
  MeResponseSchema,
  SessionInfoSchema,
  SessionResponseSchema,
} from "./auth.ts";
import { ApiSpecSchema, KIND_SCHEMAS } from "./catalog/kinds.ts";
import { MetadataSchema } from "./catalog/metadata.ts";
import { PLACEHOLDER_KEYS } from "./catalog/placeholders.ts";
import { CatalogPageSchema, EntityRelationsResponseSchema, FacetResponseSchema } from "./catalog-query.ts";
import { EntityRelationSchema, EntitySchema, EntityStatusSchema } from "./entity.ts";
import { HealthResponseSchema, ReadinessResponseSchema } from "./health.ts";
import { EntityHistoryResponseSchema, EntityVersionSchema, EntityVersionWithDescriptorSchema } from "./history.ts";
import { DescriptorRequestSchema, IngestDiffSchema, IngestRequestSchema, IngestResponseSchema } from "./ingest.ts";
import { registerOperations } from "./openapi-operations.ts";
import { FieldErrorSchema, ProblemSchema } from "./problem.ts";
import { ChangeEventSchema, GraphEdgeSchema, GraphNodeSchema, GraphResponseSchema, RegisterResponseSchema, ValidateResponseSchema } from "./views.ts";

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31["generateDocument"]>;

type Metadata = Record<string, unknown> & { description?: string };

/**
 * Contract schemas that appear under `components/schemas`, by name. Names are attached to the
 * schema objects themselves (in zod-to-openapi's registry) rather than with `.openapi()` in
 * every contract file, so nested uses become `$ref`s and the contracts stay plain zod.
 */
const NAMED_SCHEMAS: [schema: z.ZodType, name: string, metadata?: Metadata][] = [
  [ProblemSchema, "Problem", { description: "RFC 9457 problem details, served as application/problem+json. `code` is stable and meant for programs; `title` and `detail` are for people." }],
  [FieldErrorSchema, "FieldError", { description: "One problem with one field; `document`, `line` and `column` locate it in multi-document or YAML input." }],
  [DescriptorRequestSchema, "Descriptor", { description: "A descriptor as written in catalog-info.yaml, of any built-in kind. `relations` and `status` are written by the catalog and refused here; a served entity's uid, etag, createdAt and updatedAt are ignored." }],
  [MetadataSchema, "DescriptorMetadata"],
  ...Object.entries(KIND_SCHEMAS).flatMap(([kind, schema]): [z.ZodType, string][] => [
    [schema, `${kind}Descriptor`],
    [schema.shape.spec, `${kind}Spec`],
  ]),
  [EntitySchema, "Entity", { description: "An entity as the API serves it: the descriptor plus what the catalog assigns and computes." }],
  [EntityRelationSchema, "EntityRelation", { description: "A relation to another entity, derived from the descriptor's reference fields." }],
  [EntityStatusSchema, "EntityStatus"],
  [CatalogPageSchema, "EntityPage", { description: "One page of entities; with `fields`, each item holds only those fields." }],
  [EntityRelationsResponseSchema, "EntityRelations", { description: "An entity's relations in both directions, with the related entities' identity." }],
  [FacetResponseSchema, "FacetResponse", { description: "For each requested facet, its values and how many matching entities have each." }],
  [EntityVersionSchema, "EntityVersion", { description: "One recorded change of an entity." }],
  [EntityVersionWithDescriptorSchema, "EntityVersionWithDescriptor"],
  [EntityHistoryResponseSchema, "EntityHistoryResponse"],
  [IngestRequestSchema, "IngestRequest", { description: "Every descriptor of the source; a single descriptor is taken as a list of one." }],
  [IngestDiffSchema, "IngestDiff", { description: "Entity refs (`kind:namespace/name`, lower-cased) by what the ingest did, or would do, to them." }],
  [IngestResponseSchema, "IngestResponse"],
  [HealthResponseSchema, "HealthResponse"],
  [ReadinessResponseSchema.shape.checks, "ReadinessChecks"],
  [ReadinessResponseSchema, "ReadinessResponse"],
  [AccountSchema, "Account", { description: "A person who signs in. Never carries the password or its hash." }],
  [AccountListResponseSchema, "AccountList"],
  [SessionResponseSchema, "SessionResponse", { description: "A new session: the token (shown only here) and who signed in." }],
  [SessionInfoSchema, "SessionInfo", { description: "A session as administrators see it; `id` is the SHA-256 of the token, useless as a credential." }],
  [MeResponseSchema, "Caller", { description: "Who the caller is, as the API sees it." }],
  [ApiTokenSchema, "ApiToken", { description: "An API token without its secret; `prefix` is its first characters, to recognise it." }],
  [CreatedApiTokenResponseSchema, "CreatedApiToken", { description: "A new API token with its secret, shown only in this response." }],
  [ApiTokenListResponseSchema, "ApiTokenList"],
  [AuditEventSchema, "AuditEvent", { description: "One audit record: who did what to what, with which outcome, from where." }],
  [AuditListResponseSchema, "AuditEventList"],
  [GraphNodeSchema, "GraphNode", { description: "An entity in a graph or architecture diagram; `exists: false` for a relation target the catalog lacks." }],
  [GraphEdgeSchema, "GraphEdge", { description: "One relation pair between two nodes, named and oriented by its forward type (`dependsOn`, `providesApi`, ...)." }],
  [ChangeEventSchema, "ChangeEvent", { description: "One catalog change, the `data` of an `event: change` message of GET /api/v1/events; `id` is its change-log position." }],
  [ValidateResponseSchema, "ValidateResponse", { description: "Whether the descriptors are valid, with every problem (positioned) and warning." }],
  [RegisterResponseSchema, "RegisterResponse", { description: "What a registration created (or, for a dry run, would create): entities, relations with whether their target exists, warnings." }],
  [GraphResponseSchema, "GraphResponse", { description: "Nodes and the relations among them; `truncated` says how much the node limit left out." }],
];

/**
 * Schemas zod-to-openapi cannot translate (a `z.custom` check is code, not a type), described
 * by hand; each must say what its check in the contract accepts.
 */
const HAND_WRITTEN: [schema: z.ZodType, metadata: Metadata][] = [
  [
    ApiSpecSchema.shape.definition,
    {
      type: ["string", "object"],
      description: "The API definition text, or a placeholder naming the file that holds it (kept unresolved: Cartograph never fetches it).",
      anyOf: [
        { type: "string", minLength: 1 },
        {
          type: "object",
          minProperties: 1,
          maxProperties: 1,
          propertyNames: { enum: [...PLACEHOLDER_KEYS] },
          additionalProperties: { type: "string" },
        },
      ],
    },
  ],
];

/** Attaches OpenAPI metadata (and a component name) to a schema object; repeatable, parsing unchanged. */
function annotate(schema: z.ZodType, metadata: Metadata = {}, name?: string): void {
  const current = zodToOpenAPIRegistry.get(schema);
  zodToOpenAPIRegistry.add(schema, {
    ...current,
    ...metadata,
    ...(name ? { _internal: { ...current?._internal, refId: name } } : {}),
  });
}

const DESCRIPTION = [
  "Cartograph's catalog API: Backstage-compatible entity descriptors in, entities and their history out.",
  "",
  "Reads are open. Writes need `Authorization: Bearer <token>`. Every error is RFC 9457 problem details (`application/problem+json`) with a stable `code`.",
  "Every response carries `x-request-id` (a well-formed incoming one is kept); quote it when reporting a problem.",
].join("\n");

/** The OpenAPI 3.1 document of every route the API serves, with object keys in sorted order. */
export function buildOpenApiDocument(): OpenApiDocument {
  for (const [schema, name, metadata] of NAMED_SCHEMAS) annotate(schema, metadata, name);
  for (const [schema, metadata] of HAND_WRITTEN) annotate(schema, metadata);
  const registry = new OpenAPIRegistry();
  registerOperations(registry);
  // Named schemas are listed too, so each is a component even when no operation uses it directly.
  const generator = new OpenApiGeneratorV31([...registry.definitions, ...NAMED_SCHEMAS.map(([schema]) => schema)]);
  const document = generator.generateDocument({
    openapi: "3.1.0",
    info: { title: "Cartograph API", version: "1", description: DESCRIPTION },
    tags: [
      { name: "entities", description: "Catalog entities: create, read, replace, delete, list." },
      { name: "history", description: "Every recorded version of an entity." },
      { name: "ingest", description: "Replace a source's whole set of entities in one request." },
      { name: "auth", description: "Signing in and out, and who the caller is." },
      { name: "admin", description: "Accounts, sessions, API tokens and the audit log: admins only." },
      { name: "operations", description: "Health, readiness and this document." },
    ],
  });
  return sortKeys(document) as OpenApiDocument;
}

/** The document as committed in docs/openapi.json and served at /api/v1/openapi.json. */
export function renderOpenApiJson(): string {
  return `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;
}

/** Object keys sorted at every level (arrays keep their order), so the committed file diffs cleanly. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}
