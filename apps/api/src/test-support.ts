// Shared set-up for the API's integration tests: a real database per test file, the real app.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Role, Scope } from "@cartograph/contracts";
import { API_TOKEN_PREFIX, SESSION_TOKEN_PREFIX, sha256Hex } from "./http/authenticate.ts";
import { createDb, defaultMigrationsDir, readMigrationFiles, type Db } from "@cartograph/db";
import { createTestDatabase, type TestDatabase } from "@cartograph/db/testing";
import { pino } from "pino";
import { afterAll, beforeAll, inject } from "vitest";
import { createApp, eventStreamsOf } from "./app.ts";
import type { EventStreamOptions } from "./modules/events/streams.ts";

export const ADMIN_TOKEN = "test-admin-token-0123456789";

export interface TestApp {
  app: ReturnType<typeof createApp>;
  db: Db;
  database: TestDatabase;
  close(): Promise<void>;
}

/**
 * A migrated database of its own and the app on it. Catalog-behaviour tests read anonymously
 * (`anonymousRead` defaults to true here, unlike production); authorization tests turn it off.
 */
export async function startTestApp(
  options: {
    migrate?: boolean;
    adminToken?: string | null;
    extraKinds?: string[];
    anonymousRead?: boolean;
    apiRateLimitPerMinute?: number;
    eventStreams?: Partial<EventStreamOptions>;
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(inject("pgAdminUrl"), { migrate: options.migrate });
  const db = createDb({ connectionString: database.url, poolMax: 4 });
  const app = createApp({
    config: {
      CARTOGRAPH_ADMIN_TOKEN: options.adminToken === null ? undefined : (options.adminToken ?? ADMIN_TOKEN),
      EXTRA_KINDS: options.extraKinds ?? [],
      ANONYMOUS_READ: options.anonymousRead ?? true,
      // All test traffic comes from one address; the limiter itself is tested on its own.
      API_RATE_LIMIT_PER_MINUTE: options.apiRateLimitPerMinute ?? 1_000_000,
    },
    db,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
    migrationFiles: await readMigrationFiles(defaultMigrationsDir()),
    eventStreams: options.eventStreams,
  });
  return {
    app,
    db,
    database,
    async close() {
      eventStreamsOf(app).closeAll();
      await db.close();
      await database.drop();
    },
  };
}

export function component(name: string, extra: Record<string, unknown> = {}): {
  apiVersion: string;
  kind: string;
  metadata: Record<string, unknown> & { name: string };
  spec: Record<string, unknown>;
} {
  return {
    apiVersion: "backstage.io/v1alpha1",
    kind: "Component",
    metadata: { name, description: `The ${name} service` },
    spec: { type: "service", lifecycle: "production", owner: "group:team-a", ...extra },
  };
}

/** The app for one test file: started before its tests, closed (database dropped) after them. */
export function useTestApp(options: Parameters<typeof startTestApp>[0] = {}): TestApp {
  const holder = {} as TestApp;
  beforeAll(async () => {
    Object.assign(holder, await startTestApp(options));
  });
  afterAll(async () => {
    await holder.close();
  });
  return holder;
}

/**
 * A signed-in account for authorization tests, made directly in the database (sign-in itself is
 * tested on its own): returns the bearer secret the web tier would send.
 */
export async function sessionFor(t: TestApp, account: { email: string; role: Role; disabled?: boolean }): Promise<string> {
  const row = await t.db.prisma.account.upsert({
    where: { email: account.email },
    create: { email: account.email, displayName: account.email.split("@")[0]!, role: account.role, disabled: account.disabled ?? false, passwordHash: "unusable" },
    update: { role: account.role, disabled: account.disabled ?? false },
  });
  const secret = `${SESSION_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  await t.db.prisma.session.create({ data: { id: sha256Hex(secret), accountId: row.id, expiresAt: new Date(Date.now() + 3_600_000) } });
  return secret;
}

/** An API token made directly in the database; `expired` and `revoked` make dead ones. */
export async function apiTokenFor(t: TestApp, options: { scopes: Scope[]; name?: string; expired?: boolean; revoked?: boolean }): Promise<string> {
  const secret = `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  await t.db.prisma.apiToken.create({
    data: {
      name: options.name ?? `test ${options.scopes.join("+")}`,
      prefix: secret.slice(0, 12),
      tokenHash: sha256Hex(secret),
      scopes: options.scopes,
      createdBy: "test",
      expiresAt: options.expired ? new Date(Date.now() - 1_000) : null,
      revokedAt: options.revoked ? new Date() : null,
    },
  });
  return secret;
}

/** A port nothing listens on right now, for an API process a test starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export interface ApiProcess {
  url: string;
  process: ChildProcess;
  /** SIGTERM, then waits for the process to exit. */
  stop(): Promise<void>;
}

/**
 * The real API server (`tsx src/server.ts`) in a process of its own, with `env` on top of this
 * process's, listening on a free loopback port; resolves once /readyz answers.
 */
export async function startApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: apiDir,
    env: { ...process.env, LOG_LEVEL: "silent", NODE_ENV: "test", ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  };
  for (let i = 0; ; i++) {
    const ready = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ready) break;
    if (i > 150 || child.exitCode !== null) {
      await stop();
      throw new Error("the API process did not become ready");
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, process: child, stop };
}
