import type { OpenAPIRegistry, ResponseConfig, RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import {
  AccountListQuerySchema,
  AccountListResponseSchema,
  AccountSchema,
  ApiTokenListQuerySchema,
  ApiTokenListResponseSchema,
  AuditListResponseSchema,
  AuditQuerySchema,
  CreateAccountRequestSchema,
  CreateApiTokenRequestSchema,
  CreatedApiTokenResponseSchema,
  MeResponseSchema,
  ResetPasswordRequestSchema,
  SessionListResponseSchema,
  SessionResponseSchema,
  SignInRequestSchema,
  UpdateAccountRequestSchema,
} from "./auth.ts";
import { CatalogPageSchema, CatalogQuerySchema, EntityRelationsResponseSchema, FacetQuerySchema, FacetResponseSchema } from "./catalog-query.ts";
import { EntityPathParamsSchema, EntitySchema } from "./entity.ts";
import { HealthResponseSchema, ReadinessResponseSchema } from "./health.ts";
import { EntityHistoryResponseSchema, EntityVersionWithDescriptorSchema, HistoryQuerySchema } from "./history.ts";
import { DescriptorRequestSchema, IngestQuerySchema, IngestRequestSchema, IngestResponseSchema } from "./ingest.ts";
import { PROBLEM_CONTENT_TYPE, ProblemSchema } from "./problem.ts";
import {
  ArchitectureQuerySchema,
  ArchitectureResponseSchema,
  GRAPH_DEPTH_MAX,
  GRAPH_NODE_LIMIT_MAX,
  GraphQuerySchema,
  GraphResponseSchema,
  EventsQuerySchema,
  RegisterQuerySchema,
  RegisterResponseSchema,
  ValidateResponseSchema,
} from "./views.ts";

type Headers = NonNullable<ResponseConfig["headers"]>;
type Operation = Omit<RouteConfig, "method" | "path">;

const JSON_TYPE = "application/json";
const YAML_TYPE = "application/yaml";
const YAML_ALIASES = "application/x-yaml, text/yaml and text/x-yaml are accepted as well";
const ENTITY_PATH = "/api/v1/entities/{kind}/{namespace}/{name}";

/** A parameter's description, or OpenAPI metadata for a field zod-to-openapi would render poorly. */
type FieldDoc = string | Record<string, unknown>;

/** The same object schema with documentation on some fields (parameter docs); parsing is unchanged. */
function describeFields(schema: z.ZodObject, docs: Record<string, FieldDoc>): z.ZodObject {
  const described = Object.entries(docs).map(([key, doc]) => {
    const field = schema.shape[key] as z.ZodType | undefined;
    if (!field) throw new Error(`openapi: ${key} is not a field of the schema it describes`);
    return [key, field.meta(typeof doc === "string" ? { param: { description: doc } } : doc)] as const;
  });
  return schema.extend(Object.fromEntries(described));
}

/**
 * A filter that may be repeated (`?kind=api&kind=component`). The contract parses "a string or a
 * list of strings"; as a query parameter that is an exploded array, which is how it is written.
 */
const repeatable = (description: string) => ({
  param: { description, style: "form", explode: true },
  type: "array",
  items: { type: "string", minLength: 1, maxLength: 512 },
  maxItems: 50,
});

const entityPathParams = describeFields(EntityPathParamsSchema, {
  kind: "Entity kind, case-insensitive (e.g. `component`).",
  namespace: "Entity namespace, case-insensitive (`default` unless the descriptor names one).",
  name: "Entity name, case-insensitive.",
});

/** The filters listing and facets share. */
const FILTER_DESCRIPTIONS: Record<string, FieldDoc> = {
  q: "Free text: word prefixes and substrings of name, title, description and tags. Results are ranked by relevance unless `sort` is given.",
  kind: repeatable("Entity kind, e.g. `component`."),
  namespace: repeatable("Namespace."),
  type: repeatable("`spec.type`."),
  lifecycle: repeatable("`spec.lifecycle`."),
  owner: repeatable("Owner reference (kind defaults to Group)."),
  system: repeatable("System reference (kind defaults to System)."),
  tag: repeatable("A tag in `metadata.tags`."),
  label: repeatable("`key=value` of `metadata.labels`."),
  annotation: repeatable("`key=value` of `metadata.annotations`."),
  relation: repeatable("`type:target`, e.g. `dependsOn:resource:default/orders-db`."),
  filter: repeatable("Any field as `dotted.path=value`, e.g. `spec.profile.email=a@example.com`."),
};

const PAGE_DESCRIPTIONS = {
  limit: "Page size.",
  cursor: "The `pageInfo.nextCursor` of the previous page (with the same filters).",
  sort: "Order by a field (default `ref`); prefix with `-` for descending.",
  fields: "Comma-separated dotted paths to return of each entity, e.g. `metadata.name,spec.type`.",
  count: "Whether to compute `totalItems`.",
};

const problem = (description: string, headers?: Headers): ResponseConfig => ({
  description,
  ...(headers ? { headers } : {}),
  content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
});

const json = (description: string, schema: z.ZodType, headers?: Headers): ResponseConfig => ({
  description,
  ...(headers ? { headers } : {}),
  content: { [JSON_TYPE]: { schema } },
});

export function registerOperations(registry: OpenAPIRegistry): void {
  const bearer = registry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description:
      "A session token (`cgs_...`, from POST /api/v1/auth/sign-in), an API token (`cgt_...`, issued by an admin at POST /api/v1/admin/tokens), or the bootstrap token the API was started with (CARTOGRAPH_ADMIN_TOKEN, scope admin).",
  });
  const header = (name: string, description: string) => registry.registerComponent("headers", name, { description, schema: { type: "string" } }).ref;
  const etag = header("ETag", 'The entity\'s current version, quoted (`"abc123"`); send it back as If-Match to change or delete the entity.');
  const location = header("Location", "The URL of the created entity.");
  const replayed = header("Idempotent-Replayed", "`true` when this is the stored answer to an earlier request with the same Idempotency-Key.");
  const retryAfter = header("Retry-After", "Seconds to wait before retrying.");
  const wwwAuthenticate = header("WWW-Authenticate", 'Always `Bearer realm="cartograph"`.');
  const rateLimit = header("RateLimit", 'What is left of the quota (draft-ietf-httpapi-ratelimit-headers), e.g. `"signin";r=0;t=42`: remaining requests and seconds until the window resets.');
  const rateLimitPolicy = header("RateLimit-Policy", 'The quota that applies (draft-ietf-httpapi-ratelimit-headers), e.g. `"signin";q=30;w=600`: requests per window of seconds.');

  const secured = { security: [{ [bearer.name]: [] }] };
  const idempotencyKey = z.object({
    "Idempotency-Key": z
      .string()
      .min(1)
      .max(255)
      .optional()
      .meta({ param: { description: "1-255 visible ASCII characters (e.g. a UUID). A retry with the same key and request gets the first answer again instead of running twice; the same key with another request is refused (422)." } }),
  });
  const ifMatch = z.object({
    "If-Match": z.string().meta({ param: { description: 'The ETag from a GET (`"abc123"` or `W/"abc123"`), or `*` for whatever version is current. Without it: 428; when stale: 412.' } }),
  });

  const writeErrors = {
    401: problem("No bearer token, or not the right one (`unauthenticated`, `invalid_token`).", { "WWW-Authenticate": wwwAuthenticate }),
    403: problem("Writes are disabled: the API was started without an admin token (`writes_disabled`)."),
  };
  const bodyErrors = (limit: string) => ({
    413: problem(`The body is larger than ${limit} (\`payload_too_large\`).`),
    415: problem(`The body is neither JSON nor YAML (\`unsupported_media_type\`).`),
  });
  const conditionalErrors = {
    412: problem("The entity changed since its ETag was read (`precondition_failed`); the response carries the current ETag.", { ETag: etag }),
    428: problem("If-Match is missing (`precondition_required`)."),
  };
  const entityNotFound = { 404: problem("No such entity (`entity_not_found`).") };
  const unexpected = {
    default: problem("Any other failure: 503 `database_unavailable` (with Retry-After) or 500 `internal_error` (quote the requestId).", { "Retry-After": retryAfter }),
  };
  const jsonBody = (schema: z.ZodType, description?: string) => ({ required: true, ...(description ? { description } : {}), content: { [JSON_TYPE]: { schema } } });
  const bodyProblems = {
    400: problem("The body is not valid JSON (`malformed_body`)."),
    415: problem("The body is not JSON (`unsupported_media_type`)."),
  };
  const credentialErrors = problem("No credentials, or credentials that no longer work (`unauthenticated`, `invalid_token`, `session_expired`, `session_invalid`, `account_disabled`, `token_revoked`, `token_expired`).", {
    "WWW-Authenticate": wwwAuthenticate,
  });
  const adminErrors = {
    401: credentialErrors,
    403: problem("Neither an admin account nor a token with scope admin (`forbidden`); the refusal is audited."),
  };
  const accountId = z.object({ id: z.string().meta({ param: { description: "The account's id (a UUID; anything else is simply not found)." } }) });
  const accountNotFound = { 404: problem("No account with this id (`account_not_found`).") };
  const passwordRules = "At least 12 characters, not on the list of common passwords, not one character repeated, not containing the email's name (before the @); refused with 422 `weak_password` naming the rule.";
  const descriptorBody = (description: string) => ({
    required: true,
    description: `${description} As JSON or YAML (${YAML_ALIASES}).`,
    content: { [JSON_TYPE]: { schema: DescriptorRequestSchema }, [YAML_TYPE]: { schema: DescriptorRequestSchema } },
  });

  const streamBody = {
    required: true,
    description: `JSON: one descriptor or an array of them. YAML: a stream of descriptors, one per \`---\` document (${YAML_ALIASES}).`,
    content: {
      [JSON_TYPE]: { schema: IngestRequestSchema },
      [YAML_TYPE]: { schema: { type: "string" as const, description: "A YAML stream of Descriptor documents separated by `---`." } },
    },
  };

  const operations: [RouteConfig["method"], string, Operation][] = [
    ["post", "/api/v1/entities", {
      operationId: "createEntity",
      tags: ["entities"],
      summary: "Create an entity from a descriptor",
      ...secured,
      request: { headers: idempotencyKey, body: descriptorBody("One descriptor.") },
      responses: {
        201: json("Created.", EntitySchema, { Location: location, ETag: etag, "Idempotent-Replayed": replayed }),
        400: problem("The body is not valid JSON (`malformed_body`) or the Idempotency-Key is malformed (`invalid_idempotency_key`)."),
        ...writeErrors,
        409: problem("An entity with this kind, namespace and name exists (`entity_exists`), or a request with this Idempotency-Key is still running (`idempotency_key_in_progress`)."),
        ...bodyErrors("512 kB"),
        422: problem("The descriptor is not valid (`validation_failed`, every problem in `errors`), the YAML cannot be read (`invalid_yaml`), or the Idempotency-Key was used for another request (`idempotency_key_reused`)."),
        ...unexpected,
      },
    }],
    ["post", "/api/v1/ingest", {
      operationId: "ingestEntities",
      tags: ["ingest"],
      summary: "Replace a source's entities",
      description: "Validates every descriptor first and writes nothing unless all are valid; then, in one transaction, creates, updates and deletes the source's entities to match the body.",
      ...secured,
      request: {
        query: IngestQuerySchema,
        headers: idempotencyKey,
        body: {
          required: true,
          description: `JSON: an array of descriptors (or one). YAML: a stream of descriptors, one per \`---\` document (${YAML_ALIASES}).`,
          content: {
            [JSON_TYPE]: { schema: IngestRequestSchema },
            // A multi-document YAML stream has no JSON Schema; each document is a Descriptor.
            [YAML_TYPE]: { schema: { type: "string", description: "A YAML stream of Descriptor documents separated by `---`." } },
          },
        },
      },
      responses: {
        200: json("What was (or, for a dry run, would be) created, updated, left unchanged and deleted.", IngestResponseSchema, { "Idempotent-Replayed": replayed }),
        400: problem("The query is not valid (`invalid_query`), the JSON is malformed (`malformed_body`), the body holds too many documents (`too_many_documents`), or the Idempotency-Key is malformed."),
        ...writeErrors,
        409: problem("Some entities belong to another source or were written directly (`entity_owned_by_another_source`); nothing was written. Or a request with this Idempotency-Key is still running."),
        ...bodyErrors("100 MB"),
        422: problem("Some descriptors are not valid (`validation_failed`: each error names its `document`, and for YAML its `line` and `column`); nothing was written. Also `invalid_yaml` and `idempotency_key_reused`."),
        ...unexpected,
      },
    }],
    ["post", "/api/v1/validate", {
      operationId: "validateDescriptors",
      tags: ["register"],
      summary: "Check descriptors without storing anything",
      description: "Answers 200 whether or not the descriptors are valid: `valid: false` lists every problem with its document and, for YAML, its line and column. Needs a signed-in caller or a token (catalog read).",
      ...secured,
      request: { body: streamBody },
      responses: {
        200: json("The verdict, every problem and every warning.", ValidateResponseSchema),
        400: problem("The JSON is malformed (`malformed_body`) or the body holds too many documents (`too_many_documents`)."),
        401: credentialErrors,
        ...bodyErrors("100 MB"),
        ...unexpected,
      },
    }],
    ["post", "/api/v1/register", {
      operationId: "registerEntities",
      tags: ["register"],
      summary: "Register a file of descriptors: all created together, or none",
      description:
        "Creates every descriptor of the file in one transaction, with history, change events and an audit record; the entities belong to no ingest source. Editors may register only entities owned by their groups or themselves. With `dryRun=true` nothing is written and any catalog reader may ask: the answer previews the entities, every relation they would create (with whether its target is in the catalog or the file) and the warnings.",
      ...secured,
      request: { query: describeFields(RegisterQuerySchema, { dryRun: "`true` to preview without writing." }), headers: idempotencyKey, body: streamBody },
      responses: {
        200: json("Dry run: what would be registered.", RegisterResponseSchema, { "Idempotent-Replayed": replayed }),
        201: json("Registered: the entities with their uid and etag.", RegisterResponseSchema, { "Idempotent-Replayed": replayed }),
        400: problem("The query is not valid (`invalid_query`), the body is empty (`empty_body`) or malformed (`malformed_body`), holds too many documents, or the Idempotency-Key is malformed."),
        401: credentialErrors,
        403: problem("The caller may not write the catalog, or (editors) does not own every entity of the file (`forbidden`, naming them); nothing was written."),
        409: problem("Entities of the file exist already (`entity_exists`, naming them); nothing was written. Or a request with this Idempotency-Key is still running."),
        ...bodyErrors("100 MB"),
        422: problem("Some descriptors are not valid (`validation_failed`: each error names its `document`, and for YAML its `line` and `column`); nothing was written. Also `invalid_yaml` and `idempotency_key_reused`."),
        ...unexpected,
      },
    }],
    ["get", "/api/v1/events", {
      operationId: "streamChangeEvents",
      tags: ["events"],
      summary: "The catalog's changes, live, as Server-Sent Events",
      description:
        "Each change is a message `event: change`, `id: <change id>`, `data: <ChangeEvent as JSON>`. Starts from now; with `Last-Event-ID` (as browsers send when reconnecting) the changes after that id are sent first (at most 1000), then the stream goes on live. A line `: live` says every later change will arrive; a `: ping` comment comes every 15 s. A change whose transaction commits late is still delivered, after changes with higher ids. The stream ends when the caller's session or token stops working (checked at least every 60 s) or the server shuts down. Limited to 20 open streams per caller and 500 per server.",
      request: {
        query: describeFields(EventsQuerySchema, { ref: repeatable("Only changes to this entity (`kind:namespace/name`, any case); every change when absent.") }),
        headers: z.object({ "Last-Event-ID": z.string().optional().meta({ param: { description: "The id of the last change received: replay what came after it." } }) }),
      },
      responses: {
        200: {
          description: "The stream (text/event-stream), open until the client leaves.",
          content: { "text/event-stream": { schema: { type: "string", description: "`event: change` messages whose `data` is a ChangeEvent." } } },
        },
        400: problem("The query is not valid (`invalid_query`)."),
        401: credentialErrors,
        429: problem("The caller has the most streams open allowed (`too_many_streams`).", { "Retry-After": retryAfter }),
        503: problem("The server holds the most streams it takes (`too_many_streams`) or is shutting down (`shutting_down`).", { "Retry-After": retryAfter }),
        ...unexpected,
      },
    }],
    ["get", "/api/v1/entities", {
      operationId: "listEntities",
      tags: ["entities"],
      summary: "List and search entities",
      description: "Every filter matches case-insensitively; repeating a parameter means any of its values; different parameters must all match.",
      request: { query: describeFields(CatalogQuerySchema, { ...FILTER_DESCRIPTIONS, ...PAGE_DESCRIPTIONS }) },
      responses: {
        200: json("One page of entities.", CatalogPageSchema),
        400: problem("The query is not valid (`invalid_query`) or the cursor is not one this endpoint issued (`invalid_cursor`)."),
        ...unexpected,
      },
    }],
    ["get", "/api/v1/entity-facets", {
      operationId: "getEntityFacets",
      tags: ["entities"],
      summary: "Count entities by the values of some fields",
      description: "Takes the same filters as listing entities.",
      request: {
        query: describeFields(FacetQuerySchema, {
          ...FILTER_DESCRIPTIONS,
          facet: repeatable("A field to count by, such as `kind`, `spec.type` or `metadata.tags`."),
        }),
      },
      responses: {
        200: json("The counts.", FacetResponseSchema),
        400: problem("The query is not valid (`invalid_query`)."),
        ...unexpected,
      },
    }],
    ["get", ENTITY_PATH, {
      operationId: "getEntity",
      tags: ["entities"],
      summary: "Get an entity",
      request: { params: entityPathParams },
      responses: {
        200: json("The entity.", EntitySchema, { ETag: etag }),
        400: problem("The path is not valid (`invalid_path`)."),
        ...entityNotFound,
        ...unexpected,
      },
    }],
    ["get", "/api/v1/entities/by-uid/{uid}", {
      operationId: "getEntityByUid",
      tags: ["entities"],
      summary: "Get an entity by its uid",
      request: { params: z.object({ uid: z.string().meta({ param: { description: "The entity's `metadata.uid`." } }) }) },
      responses: {
        200: json("The entity.", EntitySchema, { ETag: etag }),
        ...entityNotFound,
        ...unexpected,
      },
    }],
    ["get", `${ENTITY_PATH}/relations`, {
      operationId: "getEntityRelations",
      tags: ["entities"],
      summary: "An entity's relations in both directions, with each related entity's kind and title",
      request: { params: entityPathParams },
      responses: {
        200: json("The relations; `target` is null for a relation to an entity that does not exist.", EntityRelationsResponseSchema),
        400: problem("The path is not valid (`invalid_path`)."),
        ...entityNotFound,
        ...unexpected,
      },
    }],
    ["get", `${ENTITY_PATH}/graph`, {
      operationId: "getEntityGraph",
      tags: ["views"],
      summary: "The neighbourhood of an entity: related entities up to a depth, and the relations among them",
      description:
        "Breadth-first over the relations in both stored directions. Each related pair gets one edge per relation pair, named by its forward type (`dependsOn`, `providesApi`, `consumesApi`, `ownedBy`, `partOf`, `memberOf`, `childOf`) and pointing source → target in that sense. Targets the catalog lacks are nodes with `exists: false`. When `limit` cuts the walk, `truncated` counts the nodes and edges left out.",
      request: {
        params: entityPathParams,
        query: describeFields(GraphQuerySchema, {
          depth: `Hops from the entity (1-${GRAPH_DEPTH_MAX}).`,
          relation: repeatable("A relation type to follow, either name of a pair (`dependsOn` and `dependencyOf` both follow dependencies); all when absent."),
          kind: repeatable("A kind of node to keep (the entity itself is always kept); all when absent."),
          direction: "`outgoing` follows edges from a node (what it depends on, owns by, is part of), `incoming` edges towards it, `both` either.",
          limit: `The most nodes to return (1-${GRAPH_NODE_LIMIT_MAX}), nearest first.`,
        }),
      },
      responses: {
        200: json("The nodes, nearest first, and every relation among them.", GraphResponseSchema),
        400: problem("The path or query is not valid (`invalid_path`, `invalid_query`: an unknown relation type, a depth out of range)."),
        ...entityNotFound,
        ...unexpected,
      },
    }],
    ["get", `${ENTITY_PATH}/architecture`, {
      operationId: "getEntityArchitecture",
      tags: ["views"],
      summary: "A system's or domain's architecture: its parts, their relations, and what they use outside it",
      description:
        "For a System: every entity transitively partOf it (components, APIs, resources, subcomponents) with the dependsOn, providesApi, consumesApi and partOf relations among them, and, with `external: true` and distance 1, the entities outside that the parts depend on, provide or consume. For a Domain: its systems and subdomains and their parts likewise. The root is the first node.",
      request: { params: entityPathParams, query: describeFields(ArchitectureQuerySchema, { limit: `The most nodes to return (1-${GRAPH_NODE_LIMIT_MAX}): the root, the parts, then the outside.` }) },
      responses: {
        200: json("The nodes and the relations among them.", ArchitectureResponseSchema),
        400: problem("The entity is not a System or Domain (`architecture_kind`), or the path or query is not valid (`invalid_path`, `invalid_query`)."),
        ...entityNotFound,
        ...unexpected,
      },
    }],
    ["put", ENTITY_PATH, {
      operationId: "replaceEntity",
      tags: ["entities"],
      summary: "Replace an entity",
      description: "Conditional on If-Match, so a concurrent change is detected instead of overwritten.",
      ...secured,
      request: { params: entityPathParams, headers: ifMatch, body: descriptorBody("The whole new descriptor; its kind, namespace and name must be the URL's.") },
      responses: {
        200: json("The entity as now stored.", EntitySchema, { ETag: etag }),
        400: problem("The path is not valid (`invalid_path`) or the body is not valid JSON (`malformed_body`)."),
        ...writeErrors,
        ...entityNotFound,
        ...conditionalErrors,
        ...bodyErrors("512 kB"),
        422: problem("The descriptor is not valid or names another entity (`validation_failed`), or the YAML cannot be read (`invalid_yaml`)."),
        ...unexpected,
      },
    }],
    ["delete", ENTITY_PATH, {
      operationId: "deleteEntity",
      tags: ["entities"],
      summary: "Delete an entity",
      ...secured,
      request: { params: entityPathParams, headers: ifMatch },
      responses: {
        204: { description: "Deleted; its history is kept." },
        400: problem("The path is not valid (`invalid_path`)."),
        ...writeErrors,
        ...entityNotFound,
        ...conditionalErrors,
        ...unexpected,
      },
    }],
    ["get", `${ENTITY_PATH}/history`, {
      operationId: "listEntityHistory",
      tags: ["history"],
      summary: "List an entity's versions, newest first",
      request: {
        params: entityPathParams,
        query: describeFields(HistoryQuerySchema, { limit: "Page size.", cursor: "The `pageInfo.nextCursor` of the previous page." }),
      },
      responses: {
        200: json("One page of versions.", EntityHistoryResponseSchema),
        400: problem("The path or query is not valid (`invalid_path`, `invalid_query`), or the cursor is not one this API issued (`invalid_cursor`)."),
        404: problem("The entity never existed (`entity_not_found`). A deleted entity still has its history."),
        ...unexpected,
      },
    }],
    ["get", `${ENTITY_PATH}/history/{versionId}`, {
      operationId: "getEntityVersion",
      tags: ["history"],
      summary: "Get one version of an entity, with the descriptor it stored",
      request: { params: entityPathParams.extend({ versionId: z.string().meta({ param: { description: "An `id` from the entity's history." } }) }) },
      responses: {
        200: json("The version.", EntityVersionWithDescriptorSchema),
        400: problem("The path is not valid (`invalid_path`)."),
        404: problem("No such version of this entity (`version_not_found`)."),
        ...unexpected,
      },
    }],
    ["post", "/api/v1/auth/sign-in", {
      operationId: "signIn",
      tags: ["auth"],
      summary: "Sign in with email and password; opens a new session",
      description:
        "Every sign-in opens a new session. The token is shown only here: send it as `Authorization: Bearer <token>`. A session ends after `idleTimeoutSeconds` without use, at `expiresAt` at the latest, or at sign-out. Limited per client address (30 attempts per 10 minutes) and per email (after 5 failures in a row: locked 1 minute, doubling with each further failure up to 1 hour; a success resets it).",
      request: { body: jsonBody(SignInRequestSchema) },
      responses: {
        201: json("Signed in.", SessionResponseSchema),
        ...bodyProblems,
        401: problem("The email or password is incorrect, or the account is disabled (`invalid_credentials`); the answer is the same in every case.", { "WWW-Authenticate": wwwAuthenticate }),
        422: problem("The body is not valid (`validation_failed`, every problem in `errors`)."),
        429: problem("Too many attempts: from this address (`rate_limited`) or for this email (`sign_in_locked`).", { "Retry-After": retryAfter, RateLimit: rateLimit, "RateLimit-Policy": rateLimitPolicy }),
        ...unexpected,
      },
    }],
    ["post", "/api/v1/auth/sign-out", {
      operationId: "signOut",
      tags: ["auth"],
      summary: "End this session",
      ...secured,
      responses: {
        204: { description: "Signed out; the token no longer works anywhere." },
        401: credentialErrors,
        403: problem("Authenticated with an API token, not a session (`not_a_session`)."),
        ...unexpected,
      },
    }],
    ["post", "/api/v1/auth/sign-out-everywhere", {
      operationId: "signOutEverywhere",
      tags: ["auth"],
      summary: "End every session of the signed-in account, this one included",
      ...secured,
      responses: {
        204: { description: "Every session of the account has ended." },
        401: credentialErrors,
        403: problem("Authenticated with an API token, not a session (`not_a_session`)."),
        ...unexpected,
      },
    }],
    ["get", "/api/v1/auth/me", {
      operationId: "getCurrentCaller",
      tags: ["auth"],
      summary: "Who the caller is: anonymous, an account (with its User entity and groups in the catalog) or an API token",
      responses: {
        200: json("The caller.", MeResponseSchema),
        401: credentialErrors,
        ...unexpected,
      },
    }],
    ["get", "/api/v1/admin/users", {
      operationId: "listAccounts",
      tags: ["admin"],
      summary: "List accounts by email",
      ...secured,
      request: {
        query: describeFields(AccountListQuerySchema, {
          q: "The start of the email or of the display name, case-insensitive.",
          limit: "Page size.",
          cursor: "The `pageInfo.nextCursor` of the previous page.",
        }),
      },
      responses: {
        200: json("One page of accounts.", AccountListResponseSchema),
        400: problem("The query is not valid (`invalid_query`, `invalid_cursor`)."),
        ...adminErrors,
        ...unexpected,
      },
    }],
    ["post", "/api/v1/admin/users", {
      operationId: "createAccount",
      tags: ["admin"],
      summary: "Create an account",
      description: `Audited as \`user.created\`. Password: ${passwordRules}`,
      ...secured,
      request: { body: jsonBody(CreateAccountRequestSchema) },
      responses: {
        201: json("Created.", AccountSchema, { Location: header("AccountLocation", "The URL of the created account.") }),
        ...bodyProblems,
        ...adminErrors,
        409: problem("An account with this email exists (`account_exists`)."),
        422: problem("The body is not valid (`validation_failed`) or the password breaks a rule (`weak_password`); `errors` names each field."),
        ...unexpected,
      },
    }],
    ["get", "/api/v1/admin/users/{id}", {
      operationId: "getAccount",
      tags: ["admin"],
      summary: "Get an account",
      ...secured,
      request: { params: accountId },
      responses: { 200: json("The account.", AccountSchema), ...adminErrors, ...accountNotFound, ...unexpected },
    }],
    ["patch", "/api/v1/admin/users/{id}", {
      operationId: "updateAccount",
      tags: ["admin"],
      summary: "Change an account's role, display name, or disable or enable it",
      description:
        "Disabling ends the account's sessions. The last enabled admin cannot be demoted or disabled. Audited as `user.role_changed` (with the old and new role), `user.disabled`, `user.enabled`, `user.renamed`.",
      ...secured,
      request: { params: accountId, body: jsonBody(UpdateAccountRequestSchema, "The fields to change (JSON; `application/merge-patch+json` is accepted too).") },
      responses: {
        200: json("The account as it is now.", AccountSchema),
        ...bodyProblems,
        ...adminErrors,
        ...accountNotFound,
        409: problem("The change would leave no enabled admin (`last_admin`); nothing was changed."),
        422: problem("The body is not valid (`validation_failed`)."),
        ...unexpected,
      },
    }],
    ["post", "/api/v1/admin/users/{id}/password", {
      operationId: "resetAccountPassword",
      tags: ["admin"],
      summary: "Set a new password for an account; ends its sessions",
      description: `Audited as \`user.password_reset\`. ${passwordRules}`,
      ...secured,
      request: { params: accountId, body: jsonBody(ResetPasswordRequestSchema) },
      responses: {
        204: { description: "The password is set and every session of the account has ended." },
        ...bodyProblems,
        ...adminErrors,
        ...accountNotFound,
        422: problem("The body is not valid (`validation_failed`) or the password breaks a rule (`weak_password`)."),
        ...unexpected,
      },
    }],
    ["get", "/api/v1/admin/users/{id}/sessions", {
      operationId: "listAccountSessions",
      tags: ["admin"],
      summary: "List an account's live sessions, most recently used first",
      ...secured,
      request: { params: accountId },
      responses: { 200: json("The sessions.", SessionListResponseSchema), ...adminErrors, ...accountNotFound, ...unexpected },
    }],
    ["delete", "/api/v1/admin/users/{id}/sessions", {
      operationId: "revokeAccountSessions",
      tags: ["admin"],
      summary: "End every session of an account",
      ...secured,
      request: { params: accountId },
      responses: { 204: { description: "Every session of the account has ended (`session.revoked_all`)." }, ...adminErrors, ...accountNotFound, ...unexpected },
    }],
    ["delete", "/api/v1/admin/sessions/{sessionId}", {
      operationId: "revokeSession",
      tags: ["admin"],
      summary: "End one session",
      ...secured,
      request: { params: z.object({ sessionId: z.string().meta({ param: { description: "A session's `id` from an account's session list." } }) }) },
      responses: {
        204: { description: "The session has ended (or had already)." },
        ...adminErrors,
        404: problem("No such session (`session_not_found`)."),
        ...unexpected,
      },
    }],
    ["post", "/api/v1/admin/tokens", {
      operationId: "createApiToken",
      tags: ["admin"],
      summary: "Issue an API token",
      description: "The token is in this response only; Cartograph keeps just its SHA-256. Audited as `token.created`.",
      ...secured,
      request: { body: jsonBody(CreateApiTokenRequestSchema) },
      responses: {
        201: json("Issued.", CreatedApiTokenResponseSchema),
        ...bodyProblems,
        ...adminErrors,
        422: problem("The body is not valid (`validation_failed`), e.g. an expiry in the past."),
        ...unexpected,
      },
    }],
    ["get", "/api/v1/admin/tokens", {
      operationId: "listApiTokens",
      tags: ["admin"],
      summary: "List API tokens, newest first (revoked and expired ones included)",
      ...secured,
      request: { query: describeFields(ApiTokenListQuerySchema, { limit: "Page size.", cursor: "The `pageInfo.nextCursor` of the previous page." }) },
      responses: {
        200: json("One page of tokens.", ApiTokenListResponseSchema),
        400: problem("The query is not valid (`invalid_query`, `invalid_cursor`)."),
        ...adminErrors,
        ...unexpected,
      },
    }],
    ["delete", "/api/v1/admin/tokens/{id}", {
      operationId: "revokeApiToken",
      tags: ["admin"],
      summary: "Revoke an API token",
      description: "Takes effect on the next request, on every replica. Revoking a revoked token changes nothing. Audited as `token.revoked`.",
      ...secured,
      request: { params: z.object({ id: z.string().meta({ param: { description: "The token's id." } }) }) },
      responses: {
        204: { description: "Revoked (or already was)." },
        ...adminErrors,
        404: problem("No such token (`token_not_found`)."),
        ...unexpected,
      },
    }],
    ["get", "/api/v1/admin/audit", {
      operationId: "listAuditEvents",
      tags: ["admin"],
      summary: "Read the audit log, newest first",
      ...secured,
      request: {
        query: describeFields(AuditQuerySchema, {
          actor: "An actor id (`account:<id>`, `token:<id>`, `token:bootstrap`, `system`, `anonymous`) or the email or token name recorded with it.",
          action: "E.g. `auth.sign_in`, `user.role_changed`, `token.revoked`.",
          target: "E.g. `account:<id>`, `token:<id>`, an entity ref.",
          outcome: "`success`, `failure` or `denied`.",
          from: "Records at or after this time.",
          to: "Records before this time.",
          limit: "Page size.",
          cursor: "The `pageInfo.nextCursor` of the previous page (with the same filters).",
        }),
      },
      responses: {
        200: json("One page of audit records.", AuditListResponseSchema),
        400: problem("The query is not valid (`invalid_query`, `invalid_cursor`)."),
        ...adminErrors,
        ...unexpected,
      },
    }],
    ["get", "/healthz", {
      operationId: "getHealth",
      tags: ["operations"],
      summary: "Liveness: the process answers",
      responses: { 200: json("Alive.", HealthResponseSchema), ...unexpected },
    }],
    ["get", "/livez", {
      operationId: "getLiveness",
      tags: ["operations"],
      summary: "Whether this process takes traffic: fails from the start of a graceful shutdown; never asks the database (load-balancer checks and Kubernetes probes)",
      responses: {
        200: json("Taking traffic.", HealthResponseSchema),
        503: problem("Shutting down (`shutting_down`): send requests to another instance.", { "Retry-After": retryAfter }),
        ...unexpected,
      },
    }],
    ["get", "/metrics", {
      operationId: "getMetrics",
      tags: ["operations"],
      summary: "This process's metrics in Prometheus text format (requests and latency per route, errors, database pool, change-feed lag, process)",
      description: "Per process: scrape every replica. When the API is started with METRICS_TOKEN, send it as `Authorization: Bearer <METRICS_TOKEN>`; see docs/observability.md for the metric names.",
      responses: {
        200: { description: "Prometheus text exposition format 0.0.4.", content: { "text/plain; version=0.0.4; charset=utf-8": { schema: { type: "string" } } } },
        401: problem("METRICS_TOKEN is set and the request does not carry it (`metrics_token_required`).", { "WWW-Authenticate": wwwAuthenticate }),
        ...unexpected,
      },
    }],
    ["get", "/readyz", {
      operationId: "getReadiness",
      tags: ["operations"],
      summary: "Readiness: the database answers, every migration is applied, and the server is not shutting down",
      responses: {
        200: json("Ready for traffic.", ReadinessResponseSchema),
        503: {
          description: "Not ready (`not_ready`); `checks` says why.",
          headers: { "Retry-After": retryAfter },
          content: {
            [PROBLEM_CONTENT_TYPE]: {
              schema: {
                allOf: [
                  { $ref: "#/components/schemas/Problem" },
                  { type: "object", properties: { checks: { $ref: "#/components/schemas/ReadinessChecks" } }, required: ["checks"] },
                ],
              },
            },
          },
        },
        ...unexpected,
      },
    }],
    ["get", "/api/v1/openapi.json", {
      operationId: "getOpenApiDocument",
      tags: ["operations"],
      summary: "This document",
      responses: {
        200: { description: "The OpenAPI 3.1 document of this API.", content: { [JSON_TYPE]: { schema: { type: "object" } } } },
        ...unexpected,
      },
    }],
  ];

  for (const [method, path, operation] of operations) registry.registerPath({ method, path, ...operation });
}
