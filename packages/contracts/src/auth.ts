import { z } from "zod";

const strict = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject(shape, { error: (issue) => (issue.code === "unrecognized_keys" ? `unknown field(s): ${issue.keys.join(", ")}` : undefined) });

export const ROLES = ["viewer", "editor", "admin"] as const;
export const RoleSchema = z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` });
export type Role = z.infer<typeof RoleSchema>;

/** What an API token may do: read the catalog, write it (ingest, edit, delete), or administer Cartograph. */
export const SCOPES = ["catalog:read", "catalog:write", "admin"] as const;
export const ScopeSchema = z.enum(SCOPES, { error: `must be one of ${SCOPES.join(", ")}` });
export type Scope = z.infer<typeof ScopeSchema>;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export const EmailSchema = z
  .string({ error: "must be an email address" })
  .trim()
  .toLowerCase()
  .max(254, "must be at most 254 characters")
  .pipe(z.email({ error: "must be an email address such as jane@example.com" }));

/** A new password's shape; the check against common passwords happens in the API. */
export const NewPasswordSchema = z
  .string({ error: "must be a string" })
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`);

export const DisplayNameSchema = z.string({ error: "must be a string" }).trim().min(1, "must not be empty").max(200, "must be at most 200 characters");

// ---- sign-in and sessions ----

/** Sign-in reveals no password rules: any string up to a bound is accepted and checked. */
export const SignInRequestSchema = strict({
  email: z.string({ error: "is required" }).trim().toLowerCase().min(1, "is required").max(254, "must be at most 254 characters"),
  password: z.string({ error: "is required" }).min(1, "is required").max(1024, "must be at most 1024 characters"),
});
export type SignInRequest = z.infer<typeof SignInRequestSchema>;

export const AccountSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  disabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Account = z.infer<typeof AccountSchema>;

/** The answer to a sign-in: the opaque session token (for the web tier's cookie) and who signed in. */
export const SessionResponseSchema = z.object({
  token: z.string(),
  /** Absolute expiry; the session also ends after `idleTimeoutSeconds` without use. */
  expiresAt: z.string(),
  idleTimeoutSeconds: z.number().int(),
  account: AccountSchema,
});
export type SessionResponse = z.infer<typeof SessionResponseSchema>;

export const SessionInfoSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

/** Who the caller is, as the API sees it (`GET /api/v1/auth/me`). */
export const MeResponseSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("anonymous") }),
  z.object({ kind: z.literal("account"), account: AccountSchema, groups: z.array(z.string()), userRef: z.string().nullable() }),
  z.object({ kind: z.literal("token"), token: z.object({ id: z.string(), name: z.string(), scopes: z.array(ScopeSchema) }) }),
]);
export type MeResponse = z.infer<typeof MeResponseSchema>;

// ---- admin: accounts ----

export const CreateAccountRequestSchema = strict({
  email: EmailSchema,
  displayName: DisplayNameSchema,
  role: RoleSchema,
  password: NewPasswordSchema,
});
export type CreateAccountRequest = z.infer<typeof CreateAccountRequestSchema>;

export const UpdateAccountRequestSchema = strict({
  role: RoleSchema.optional(),
  disabled: z.boolean({ error: "must be true or false" }).optional(),
  displayName: DisplayNameSchema.optional(),
}).refine((v) => v.role !== undefined || v.disabled !== undefined || v.displayName !== undefined, {
  message: "send at least one of role, disabled, displayName",
});
export type UpdateAccountRequest = z.infer<typeof UpdateAccountRequestSchema>;

export const ResetPasswordRequestSchema = strict({ password: NewPasswordSchema });

export const AccountListResponseSchema = z.object({ items: z.array(AccountSchema), pageInfo: z.object({ nextCursor: z.string().optional() }) });

const listQuery = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject(
    {
      limit: z.coerce.number({ error: "limit must be a number" }).int("limit must be a whole number").min(1, "limit must be at least 1").max(200, "limit must be at most 200").default(50),
      cursor: z.string().max(500, "cursor is too long").optional(),
      ...shape,
    },
    { error: (issue) => (issue.code === "unrecognized_keys" ? `unknown parameter(s): ${issue.keys.join(", ")}` : undefined) },
  );

/** `q` matches the start of the email or of the display name, case-insensitively. */
export const AccountListQuerySchema = listQuery({ q: z.string().trim().max(254, "q must be at most 254 characters").optional() });
export type AccountListQuery = z.infer<typeof AccountListQuerySchema>;

export const SessionListResponseSchema = z.object({ items: z.array(SessionInfoSchema) });

// ---- admin: API tokens ----

export const ApiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** `cgt_` and the token's first characters: enough to recognise it, useless to use it. */
  prefix: z.string(),
  scopes: z.array(ScopeSchema),
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;

export const CreateApiTokenRequestSchema = strict({
  name: z.string({ error: "must be a string" }).trim().min(1, "must not be empty").max(100, "must be at most 100 characters"),
  scopes: z.array(ScopeSchema, { error: "must be a list of scopes" }).min(1, "must name at least one scope").max(SCOPES.length),
  /** Optional expiry, in the future. */
  expiresAt: z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time such as 2027-01-31T00:00:00Z" }).optional(),
});
export type CreateApiTokenRequest = z.infer<typeof CreateApiTokenRequestSchema>;

/** The created token: the only time its secret is shown. */
export const CreatedApiTokenResponseSchema = ApiTokenSchema.extend({ token: z.string() });

export const ApiTokenListResponseSchema = z.object({ items: z.array(ApiTokenSchema), pageInfo: z.object({ nextCursor: z.string().optional() }) });

export const ApiTokenListQuerySchema = listQuery({});
export type ApiTokenListQuery = z.infer<typeof ApiTokenListQuerySchema>;

// ---- audit log ----

export const AUDIT_OUTCOMES = ["success", "failure", "denied"] as const;

export const AuditEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  actorLabel: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  outcome: z.enum(AUDIT_OUTCOMES),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

export const AuditQuerySchema = z.strictObject(
  {
    actor: z.string().max(200).optional(),
    action: z.string().max(100).optional(),
    target: z.string().max(500).optional(),
    outcome: z.enum(AUDIT_OUTCOMES, { error: `must be one of ${AUDIT_OUTCOMES.join(", ")}` }).optional(),
    from: z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time" }).optional(),
    to: z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time" }).optional(),
    limit: z.coerce.number({ error: "limit must be a number" }).int("limit must be a whole number").min(1, "limit must be at least 1").max(500, "limit must be at most 500").default(100),
    cursor: z.string().max(100, "cursor is too long").optional(),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `unknown parameter(s): ${issue.keys.join(", ")}` : undefined) },
);
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const AuditListResponseSchema = z.object({ items: z.array(AuditEventSchema), pageInfo: z.object({ nextCursor: z.string().optional() }) });
