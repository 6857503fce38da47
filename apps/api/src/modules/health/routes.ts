import type { ReadinessResponse } from "@cartograph/contracts";
import type { Db, MigrationFile } from "@cartograph/db";
import { Router } from "express";
import { ServiceUnavailableError } from "../../errors.ts";
import { sendProblem } from "../../http/problem.ts";

export interface HealthDeps {
  db: Db;
  migrationFiles: MigrationFile[];
  /** False once shutdown begins, so load balancers stop sending traffic before the server closes. */
  isAcceptingTraffic: () => boolean;
  checkTimeoutMs?: number;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

async function checkReadiness(deps: HealthDeps): Promise<ReadinessResponse> {
  const timeout = deps.checkTimeoutMs ?? 1_000;
  try {
    const status = await withTimeout(deps.db.migrationStatus(deps.migrationFiles), timeout);
    const blocked = [
      ...status.pending,
      ...status.failed.map((name) => `${name} (failed)`),
      ...status.modified.map((name) => `${name} (file changed after it was applied)`),
    ];
    const migrations = { status: blocked.length ? ("pending" as const) : ("up_to_date" as const), pending: blocked };
    const ready = blocked.length === 0 && deps.isAcceptingTraffic();
    return { status: ready ? "ready" : "not_ready", checks: { database: "up", migrations } };
  } catch {
    return { status: "not_ready", checks: { database: "down", migrations: { status: "unknown", pending: [] } } };
  }
}

export function healthRoutes(deps: HealthDeps): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  // What load balancers and Kubernetes probe: fails as soon as shutdown begins, never asks the database.
  router.get("/livez", (_req, res) => {
    if (!deps.isAcceptingTraffic()) throw new ServiceUnavailableError("shutting_down", "The server is shutting down; send requests to another instance.");
    res.json({ status: "ok" });
  });
  router.get("/readyz", async (req, res) => {
    const readiness = await checkReadiness(deps);
    if (readiness.status === "ready") {
      res.json(readiness);
      return;
    }
    const reason = !deps.isAcceptingTraffic()
      ? "The server is shutting down."
      : readiness.checks.database === "down"
        ? "The database is not reachable."
        : `Migrations are not applied: ${readiness.checks.migrations.pending.join(", ")}. Run \`npm run db:migrate\`.`;
    sendProblem(
      res,
      { type: "urn:cartograph:problem:not_ready", title: "Not ready", status: 503, code: "not_ready", detail: reason, instance: req.originalUrl, requestId: String(req.id), checks: readiness.checks },
      { "Retry-After": "1" },
    );
  });
  return router;
}
