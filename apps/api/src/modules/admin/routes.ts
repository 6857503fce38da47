import {
  AccountListQuerySchema,
  ApiTokenListQuerySchema,
  AuditQuerySchema,
  CreateAccountRequestSchema,
  CreateApiTokenRequestSchema,
  ResetPasswordRequestSchema,
  UpdateAccountRequestSchema,
} from "@cartograph/contracts";
import { Router } from "express";
import { jsonBody, parseBody } from "../../http/json-body.ts";
import { contextOf } from "../../http/principal.ts";
import { parseInput } from "../../http/validate.ts";
import { toAccount, toApiToken, toAuditEvent, toSessionInfo } from "../auth/present.ts";
import { requireAdmin } from "../authz/require.ts";
import { listAuditLog } from "./audit-log.ts";
import { createToken, listTokens, revokeToken } from "./tokens.ts";
import { createUser, getUser, listUsers, resetPassword, revokeSessionById, revokeUserSessions, updateUser, userSessions, type AdminDeps } from "./users.ts";

const page = (nextCursor: string | undefined) => (nextCursor ? { nextCursor } : {});

/** Administration of accounts, sessions, API tokens and the audit log, at /api/v1/admin: admins only. */
export function adminRoutes(deps: AdminDeps): Router {
  const router = Router();
  router.use(requireAdmin(deps.db));
  const body = jsonBody();

  router.get("/users", async (req, res) => {
    const { items, nextCursor } = await listUsers(deps, parseInput(AccountListQuerySchema, req.query, "query"));
    res.json({ items: items.map(toAccount), pageInfo: page(nextCursor) });
  });

  router.post("/users", ...body, async (req, res) => {
    const account = await createUser(deps, parseBody(CreateAccountRequestSchema, req.body), contextOf(req, res));
    res.status(201).location(`/api/v1/admin/users/${account.id}`).json(toAccount(account));
  });

  router.get("/users/:id", async (req, res) => {
    res.json(toAccount(await getUser(deps, String(req.params.id))));
  });

  router.patch("/users/:id", ...body, async (req, res) => {
    res.json(toAccount(await updateUser(deps, String(req.params.id), parseBody(UpdateAccountRequestSchema, req.body), contextOf(req, res))));
  });

  router.post("/users/:id/password", ...body, async (req, res) => {
    await resetPassword(deps, String(req.params.id), parseBody(ResetPasswordRequestSchema, req.body).password, contextOf(req, res));
    res.status(204).end();
  });

  router.get("/users/:id/sessions", async (req, res) => {
    res.json({ items: (await userSessions(deps, String(req.params.id))).map(toSessionInfo) });
  });

  router.delete("/users/:id/sessions", async (req, res) => {
    await revokeUserSessions(deps, String(req.params.id), contextOf(req, res));
    res.status(204).end();
  });

  router.delete("/sessions/:sessionId", async (req, res) => {
    await revokeSessionById(deps, String(req.params.sessionId), contextOf(req, res));
    res.status(204).end();
  });

  router.post("/tokens", ...body, async (req, res) => {
    const created = await createToken(deps, parseBody(CreateApiTokenRequestSchema, req.body), contextOf(req, res));
    res.status(201).json({ ...toApiToken(created), token: created.token });
  });

  router.get("/tokens", async (req, res) => {
    const { items, nextCursor } = await listTokens(deps, parseInput(ApiTokenListQuerySchema, req.query, "query"));
    res.json({ items: items.map(toApiToken), pageInfo: page(nextCursor) });
  });

  router.delete("/tokens/:id", async (req, res) => {
    await revokeToken(deps, String(req.params.id), contextOf(req, res));
    res.status(204).end();
  });

  router.get("/audit", async (req, res) => {
    const { items, nextCursor } = await listAuditLog(deps, parseInput(AuditQuerySchema, req.query, "query"));
    res.json({ items: items.map(toAuditEvent), pageInfo: page(nextCursor) });
  });

  return router;
}
