import { SignInRequestSchema } from "@cartograph/contracts";
import type { Db } from "@cartograph/db";
import { Router } from "express";
import { jsonBody, parseBody } from "../../http/json-body.ts";
import { contextOf, principalOf } from "../../http/principal.ts";
import { DEFAULT_RATE_LIMITS } from "../../http/rate-limit.ts";
import { dummyPasswordHash } from "./password.ts";
import { describeCaller, signOut, signOutEverywhere } from "./session.ts";
import { signIn, type SignInDeps } from "./sign-in.ts";

export interface AuthRouteDeps extends Omit<SignInDeps, "limits"> {
  db: Db;
  limits?: SignInDeps["limits"];
}

/** Sign-in and sessions, at /api/v1/auth (behind `authenticate`). */
export function authRoutes(deps: AuthRouteDeps): Router {
  const signInDeps: SignInDeps = { ...deps, limits: deps.limits ?? DEFAULT_RATE_LIMITS };
  void dummyPasswordHash(); // ready before the first sign-in with an unknown email, so that one takes no longer either
  const router = Router();

  router.post("/sign-in", ...jsonBody(), async (req, res) => {
    const input = parseBody(SignInRequestSchema, req.body);
    res.status(201).json(await signIn(signInDeps, input, contextOf(req, res)));
  });

  router.post("/sign-out", async (req, res) => {
    await signOut(deps.db, contextOf(req, res));
    res.status(204).end();
  });

  router.post("/sign-out-everywhere", async (req, res) => {
    await signOutEverywhere(deps.db, contextOf(req, res));
    res.status(204).end();
  });

  router.get("/me", async (_req, res) => {
    res.json(await describeCaller(deps.db, principalOf(res)));
  });

  return router;
}
