// Shared set-up for the API's integration tests: a real database per test file, the real app.
import { createDb, defaultMigrationsDir, readMigrationFiles, type Db } from "@cartograph/db";
import { createTestDatabase, type TestDatabase } from "@cartograph/db/testing";
import { pino } from "pino";
import { afterAll, beforeAll, inject } from "vitest";
import { createApp } from "./app.ts";

export const ADMIN_TOKEN = "test-admin-token-0123456789";

export interface TestApp {
  app: ReturnType<typeof createApp>;
  db: Db;
  database: TestDatabase;
  close(): Promise<void>;
}

export async function startTestApp(options: { migrate?: boolean; adminToken?: string | null; extraKinds?: string[] } = {}): Promise<TestApp> {
  const database = await createTestDatabase(inject("pgAdminUrl"), { migrate: options.migrate });
  const db = createDb({ connectionString: database.url, poolMax: 4 });
  const app = createApp({
    config: { CARTOGRAPH_ADMIN_TOKEN: options.adminToken === null ? undefined : (options.adminToken ?? ADMIN_TOKEN), EXTRA_KINDS: options.extraKinds ?? [] },
    db,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
    migrationFiles: await readMigrationFiles(defaultMigrationsDir()),
  });
  return {
    app,
    db,
    database,
    async close() {
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
